"""Automatic backups to a folder, and which ones to keep.

File names carry only a UTC timestamp (``coachdesk-YYYYMMDD-HHMMSS.cdbackup``), never a
client or vault name: the folder may be a USB stick or a synced cloud folder. UTC keeps
the order right across daylight-saving changes and a coach who travels.

The policy (:func:`plan_rotation`) is a pure function, like restic's and borg's
``keep-daily/weekly/monthly``: the newest backup of each of the last N days (weeks,
months) *that have a backup* is kept. Counting days that have backups, rather than
calendar days back from now, means a laptop left in a drawer for a month does not
come back and prune every backup it has.

For the GUI's scheduler: :func:`backup_due` says whether it is time, and
:func:`write_scheduled_backup` writes one, verifies it, then prunes.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from coachdesk.backup.archive import (
    BackupInfo,
    CancelCallback,
    ProgressCallback,
    create_backup,
    verify_backup,
)
from coachdesk.backup.container import DEFAULT_CHUNK_SIZE
from coachdesk.core.errors import InvalidInput
from coachdesk.vault import keys
from coachdesk.vault.files import secure_mkdir
from coachdesk.vault.outputs import check_output_folder
from coachdesk.vault.vault import Vault

BACKUP_SUFFIX = ".cdbackup"
_NAME_RE = re.compile(r"coachdesk-(\d{8})-(\d{6})\.cdbackup")
_STALE_TEMP_RE = re.compile(r"\.coachdesk-\d{8}-\d{6}\.cdbackup\..+\.tmp")
_STALE_TEMP_AGE = timedelta(days=1)


@dataclass(frozen=True)
class RotationPolicy:
    """How many daily, weekly (ISO weeks) and monthly backups to keep."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    def __post_init__(self) -> None:
        if min(self.daily, self.weekly, self.monthly) < 0:
            raise InvalidInput("backup rotation counts cannot be negative")


@dataclass(frozen=True)
class BackupFile:
    """A backup file in a folder and when it was made (from its name, UTC)."""

    path: Path
    created: datetime


@dataclass(frozen=True)
class RotationPlan:
    """The outcome of :func:`plan_rotation`: each input lands in exactly one list."""

    keep: list[BackupFile] = field(default_factory=list)
    delete: list[BackupFile] = field(default_factory=list)


@dataclass(frozen=True)
class ScheduledBackup:
    """What :func:`write_scheduled_backup` did."""

    info: BackupInfo
    deleted: list[Path]


# -- names -------------------------------------------------------------------------------


def backup_name(when: datetime) -> str:
    """``coachdesk-YYYYMMDD-HHMMSS.cdbackup`` in UTC (a naive ``when`` is local time)."""
    return when.astimezone(UTC).strftime("coachdesk-%Y%m%d-%H%M%S") + BACKUP_SUFFIX


def parse_backup_name(name: str) -> datetime | None:
    """The UTC time in a backup file name, or None if the name is not one of ours."""
    match = _NAME_RE.fullmatch(name)
    if not match:
        return None
    try:
        return datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def list_backups(folder: Path) -> list[BackupFile]:
    """The backups in ``folder`` named by CoachDesk, oldest first; other files are ignored."""
    found = []
    with contextlib.suppress(FileNotFoundError):
        for entry in Path(folder).iterdir():
            created = parse_backup_name(entry.name)
            if created is not None and entry.is_file():
                found.append(BackupFile(entry, created))
    return sorted(found, key=lambda b: (b.created, b.path.name))


def last_backup_time(folder: Path) -> datetime | None:
    backups = list_backups(folder)
    return backups[-1].created if backups else None


# -- policy ------------------------------------------------------------------------------


def backup_due(last_backup_time: datetime | None, now: datetime, interval: timedelta) -> bool:
    """True when no backup exists, the last is ``interval`` old, or the clock went back.

    A last backup dated after ``now`` means the clock was wrong at one of the two
    moments; making a backup is then the safe answer.
    """
    if last_backup_time is None or last_backup_time > now:
        return True
    return now - last_backup_time >= interval


def plan_rotation(
    backups: Iterable[BackupFile], now: datetime, policy: RotationPolicy | None = None
) -> RotationPlan:
    """Decide which backups to keep and which to delete. Pure: touches no file.

    Kept: the newest backup of each of the ``daily`` most recent days that have one, of
    the ``weekly`` most recent ISO weeks, and of the ``monthly`` most recent months (the
    rules overlap and their union is kept); always the newest backup overall; and any
    dated after ``now`` (a wrong clock, so nothing is known about them). Days, weeks and
    months are those of the timestamps as given (UTC for CoachDesk's file names).
    """
    policy = policy or RotationPolicy()
    ordered = sorted(backups, key=lambda b: b.created, reverse=True)
    keep: set[int] = set()
    past = [(i, b) for i, b in enumerate(ordered) if b.created <= now]
    keep.update(i for i, b in enumerate(ordered) if b.created > now)
    if past:
        keep.add(past[0][0])
    rules: list[tuple[int, Callable[[datetime], Hashable]]] = [
        (policy.daily, lambda t: t.date()),
        (policy.weekly, lambda t: t.isocalendar()[:2]),
        (policy.monthly, lambda t: (t.year, t.month)),
    ]
    for count, bucket_of in rules:
        seen: set[Hashable] = set()
        for index, backup in past:
            if len(seen) >= count:
                break
            bucket = bucket_of(backup.created)
            if bucket not in seen:
                seen.add(bucket)
                keep.add(index)
    return RotationPlan(
        keep=[b for i, b in enumerate(ordered) if i in keep],
        delete=[b for i, b in enumerate(ordered) if i not in keep],
    )


# -- the scheduled job -------------------------------------------------------------------


def write_scheduled_backup(
    vault: Vault,
    folder: Path,
    passphrase: str,
    *,
    now: datetime | None = None,
    policy: RotationPolicy | None = None,
    kdf: keys.KdfParams | None = None,
    verify: bool = True,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> ScheduledBackup:
    """Write ``coachdesk-<UTC time>.cdbackup`` into ``folder``, check it, then prune.

    Older backups are pruned only after the new one has been written and (with
    ``verify``, the default) read back and verified in full, so a failing disk never
    costs the backups that still work. Only files with CoachDesk's backup names are
    ever deleted. With ``verify`` the progress runs 0→total once over both passes.
    """
    folder = Path(folder)
    now = now or datetime.now(UTC)
    secure_mkdir(check_output_folder(folder))
    target = folder / backup_name(now)
    halves = _split_progress(progress, 2 if verify else 1)
    info = create_backup(
        vault,
        target,
        passphrase,
        kdf=kdf,
        chunk_size=chunk_size,
        progress=halves(0),
        cancel=cancel,
    )
    if verify:
        try:
            info = verify_backup(target, passphrase, progress=halves(1), cancel=cancel)
        except Exception:
            target.unlink(missing_ok=True)  # unusable; the older backups stay
            raise
    plan = plan_rotation(list_backups(folder), now, policy)
    deleted = []
    for old in plan.delete:
        if old.path == target:
            continue
        with contextlib.suppress(FileNotFoundError):
            old.path.unlink()
            deleted.append(old.path)
    _remove_stale_temp_files(folder)
    return ScheduledBackup(info=info, deleted=deleted)


def _split_progress(
    progress: ProgressCallback | None, parts: int
) -> Callable[[int], ProgressCallback | None]:
    """Map each pass's (done, total) onto one bar of ``parts`` equal segments."""
    scale = 1_000_000

    def part(index: int) -> ProgressCallback | None:
        if progress is None:
            return None
        callback = progress

        def report(done: int, total: int) -> None:
            fraction = done / total if total else 1.0
            callback(int((index + fraction) * scale), parts * scale)

        return report

    return part


def _remove_stale_temp_files(folder: Path) -> None:
    """Remove temp files of backups interrupted by a crash (older than a day)."""
    cutoff = time.time() - _STALE_TEMP_AGE.total_seconds()
    for entry in folder.iterdir():
        if _STALE_TEMP_RE.fullmatch(entry.name):
            with contextlib.suppress(OSError):
                if entry.is_file() and entry.stat().st_mtime < cutoff:
                    entry.unlink()
