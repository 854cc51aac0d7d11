"""Automatic backups to a folder, and which ones to keep.

File names carry a UTC timestamp and the vault's tag
(``coachdesk-YYYYMMDD-HHMMSS-<tag>.cdbackup``), never a client or vault name: the folder
may be a USB stick or a synced cloud folder. UTC keeps the order right across
daylight-saving changes and a coach who travels. The tag (:func:`vault_tag`, 12 hex
digits of a hash of the vault's random id, which the authenticated manifest inside
records in full) tells whose backup a file is without the passphrase: two vaults may
share one backup folder, and each counts, schedules and prunes only its own backups.
Names without a tag (CoachDesk 0.1) are listed but belong to no vault: never pruned.

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
import hashlib
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
from coachdesk.vault.header import VaultHeader
from coachdesk.vault.vault import HEADER_NAME, Vault

BACKUP_SUFFIX = ".cdbackup"
_NAME_RE = re.compile(r"coachdesk-(\d{8})-(\d{6})(?:-([0-9a-f]{12}))?\.cdbackup")
_STALE_TEMP_RE = re.compile(r"\.(coachdesk-\d{8}-\d{6}(?:-[0-9a-f]{12})?\.cdbackup)\..+\.tmp")
TAG_LENGTH = 12
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
    tag: str | None = None
    """The vault tag in the name (:func:`vault_tag`); None for an untagged 0.1 name."""


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


def vault_tag(vault_id: str) -> str:
    """The short tag of a vault in its backups' names: a hash of the vault id (random,
    and in the vault header in clear), so the name reveals nothing about the vault."""
    digest = hashlib.sha256(f"coachdesk/backup-name/{vault_id}".encode()).hexdigest()
    return digest[:TAG_LENGTH]


def backup_name(when: datetime, vault_id: str | None = None) -> str:
    """``coachdesk-YYYYMMDD-HHMMSS-<tag>.cdbackup`` in UTC (a naive ``when`` is local
    time); without ``vault_id``, the untagged name of CoachDesk 0.1."""
    stamp = when.astimezone(UTC).strftime("coachdesk-%Y%m%d-%H%M%S")
    tag = f"-{vault_tag(vault_id)}" if vault_id is not None else ""
    return stamp + tag + BACKUP_SUFFIX


def _parse(name: str) -> tuple[datetime, str | None] | None:
    match = _NAME_RE.fullmatch(name)
    if not match:
        return None
    try:
        created = datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None
    return created, match[3]


def parse_backup_name(name: str) -> datetime | None:
    """The UTC time in a backup file name, or None if the name is not one of ours."""
    parsed = _parse(name)
    return parsed[0] if parsed is not None else None


def list_backups(folder: Path, vault_id: str | None = None) -> list[BackupFile]:
    """The backups in ``folder`` named by CoachDesk, oldest first; other files are
    ignored. With ``vault_id``: only that vault's (tagged with its :func:`vault_tag`)."""
    wanted = vault_tag(vault_id) if vault_id is not None else None
    found = []
    with contextlib.suppress(FileNotFoundError):
        for entry in Path(folder).iterdir():
            parsed = _parse(entry.name)
            if parsed is None or not entry.is_file():
                continue
            if wanted is not None and parsed[1] != wanted:
                continue
            found.append(BackupFile(entry, *parsed))
    return sorted(found, key=lambda b: (b.created, b.path.name))


def last_backup_time(folder: Path, vault_id: str | None = None) -> datetime | None:
    """When the newest backup in ``folder`` was made (only ``vault_id``'s, when given)."""
    backups = list_backups(folder, vault_id)
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
    ever deleted, and only this vault's (their names carry its tag; a folder shared
    with another vault keeps that vault's backups whole). With ``verify`` the progress
    runs 0→total once over both passes.
    """
    folder = Path(folder)
    now = now or datetime.now(UTC)
    secure_mkdir(folder)
    vault_id = vault_id_of(vault.folder)
    target = folder / backup_name(now, vault_id)
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
    if info.vault_id != vault_id:  # cannot happen unless vault.key changed under us
        raise InvalidInput("the backup does not record this vault; nothing was pruned")
    plan = plan_rotation(list_backups(folder, vault_id), now, policy)
    deleted = []
    for old in plan.delete:
        if old.path == target:
            continue
        with contextlib.suppress(FileNotFoundError):
            old.path.unlink()
            deleted.append(old.path)
    _remove_stale_temp_files(folder, vault_id)
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


def vault_id_of(vault_folder: Path) -> str:
    """The id of the vault in ``vault_folder`` (from its header; no passphrase needed)."""
    return VaultHeader.parse((Path(vault_folder) / HEADER_NAME).read_bytes()).vault_id


def _remove_stale_temp_files(folder: Path, vault_id: str) -> None:
    """Remove this vault's temp files of backups interrupted by a crash (a day old)."""
    cutoff = time.time() - _STALE_TEMP_AGE.total_seconds()
    tag = vault_tag(vault_id)
    for entry in folder.iterdir():
        match = _STALE_TEMP_RE.fullmatch(entry.name)
        parsed = _parse(match[1]) if match else None
        if parsed is not None and parsed[1] == tag:
            with contextlib.suppress(OSError):
                if entry.is_file() and entry.stat().st_mtime < cutoff:
                    entry.unlink()
