"""Automatic backups: file names, the keep-daily/weekly/monthly policy, the scheduled job."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coachdesk.backup import (
    BackupFile,
    RotationPolicy,
    backup_due,
    backup_name,
    last_backup_time,
    list_backups,
    parse_backup_name,
    plan_rotation,
    rotation,
    verify_backup,
    write_scheduled_backup,
)
from coachdesk.backup.rotation import vault_id_of, vault_tag
from coachdesk.core.errors import IntegrityFailure, InvalidInput
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.vault import Vault
from testsupport import PASSPHRASE

NOW = datetime(2025, 6, 30, 18, 0, tzinfo=UTC)


def _backups(times: list[datetime]) -> list[BackupFile]:
    return [BackupFile(Path(backup_name(t)), t) for t in times]


def _kept(times: list[datetime], now: datetime = NOW, **policy: int) -> set[datetime]:
    plan = plan_rotation(_backups(times), now, RotationPolicy(**policy))
    assert {b.created for b in plan.keep} | {b.created for b in plan.delete} == set(times)
    assert not {b.created for b in plan.keep} & {b.created for b in plan.delete}
    return {b.created for b in plan.keep}


# -- names -------------------------------------------------------------------------------


def test_names_are_utc_timestamps_and_round_trip() -> None:
    when = datetime(2025, 3, 30, 1, 30, 5, tzinfo=UTC)
    assert backup_name(when) == "coachdesk-20250330-013005.cdbackup"
    assert parse_backup_name(backup_name(when)) == when
    paris = when.astimezone(ZoneInfo("Europe/Paris"))
    assert backup_name(paris) == backup_name(when)
    for other in (
        "coachdesk-20250330-013005.cdbackup.tmp",
        "coachdesk-20251399-013005.cdbackup",
        "Anna Schmidt.cdbackup",
        "coachdesk-2025033-013005.cdbackup",
        ".coachdesk-20250330-013005.cdbackup.x1.tmp",
    ):
        assert parse_backup_name(other) is None, other


def test_list_backups_sees_only_ours(tmp_path: Path) -> None:
    times = [NOW - timedelta(days=d) for d in (3, 1, 2)]
    for t in times:
        (tmp_path / backup_name(t)).write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("the coach's own file")
    (tmp_path / "coachdesk-20250101-000000.cdbackup.bak").write_text("")
    (tmp_path / "coachdesk-20250101-000000.cdbackup").mkdir()  # a folder, not a backup
    found = list_backups(tmp_path)
    assert [b.created for b in found] == sorted(times)
    assert last_backup_time(tmp_path) == max(times)
    assert last_backup_time(tmp_path / "missing") is None


# -- policy ------------------------------------------------------------------------------


def test_daily_backups_for_two_years() -> None:
    times = [NOW - timedelta(days=d) for d in range(730)]  # newest first
    newest_of_week: dict[tuple[int, int], datetime] = {}
    newest_of_month: dict[tuple[int, int], datetime] = {}
    for t in times:
        newest_of_week.setdefault((t.isocalendar().year, t.isocalendar().week), t)
        newest_of_month.setdefault((t.year, t.month), t)
    expected = set(times[:7])
    expected |= set(sorted(newest_of_week.values(), reverse=True)[:4])
    expected |= set(sorted(newest_of_month.values(), reverse=True)[:12])
    kept = _kept(times)
    assert kept == expected
    assert NOW in kept
    # 7 days, this week and 3 before it (partly the same days), 12 month-ends or today.
    assert 7 + 2 + 11 <= len(kept) <= 7 + 4 + 12


def test_several_backups_a_day_keep_the_newest_of_each_day() -> None:
    times = [NOW - timedelta(hours=h) for h in range(0, 24 * 10, 3)]
    kept = _kept(times, daily=7, weekly=0, monthly=0)
    assert len(kept) == 7
    for t in kept:
        assert t == max(u for u in times if u.date() == t.date())


def test_a_laptop_left_in_a_drawer_keeps_its_last_backups() -> None:
    """Days *with backups* are counted, so time passing alone never prunes everything."""
    last_used = NOW - timedelta(days=90)
    times = [last_used - timedelta(days=d) for d in range(30)]
    kept = _kept(times, daily=7, weekly=0, monthly=0)
    assert kept == set(times[:7])


def test_future_dated_and_newest_are_always_kept() -> None:
    future = NOW + timedelta(days=3)
    times = [future, NOW - timedelta(days=1), NOW - timedelta(days=2)]
    kept = _kept(times, daily=0, weekly=0, monthly=0)
    assert kept == {future, NOW - timedelta(days=1)}


def test_weekly_and_monthly_buckets() -> None:
    # One backup every Sunday for 20 weeks: weekly=4 keeps 4, monthly=2 adds the newest
    # of the month before.
    sundays = [datetime(2025, 6, 29, 12, tzinfo=UTC) - timedelta(weeks=w) for w in range(20)]
    kept = _kept(sundays, daily=0, weekly=4, monthly=2)
    assert set(sundays[:4]) <= kept
    may = max(t for t in sundays if t.month == 5)
    assert kept == set(sundays[:4]) | {may}


def test_policy_rejects_negative_counts() -> None:
    with pytest.raises(InvalidInput):
        RotationPolicy(daily=-1)


def test_backup_due() -> None:
    day = timedelta(days=1)
    assert backup_due(None, NOW, day)
    assert not backup_due(NOW - timedelta(hours=23), NOW, day)
    assert backup_due(NOW - day, NOW, day)
    assert backup_due(NOW + timedelta(hours=1), NOW, day)  # the clock went back


# -- the scheduled job -------------------------------------------------------------------


def test_scheduled_backups_over_three_weeks(open_vault: Vault, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("not ours")
    start = datetime(2025, 1, 1, 9, tzinfo=UTC)
    deleted_total = 0
    calls: list[tuple[int, int]] = []
    for day in range(21):
        now = start + timedelta(days=day)
        assert backup_due(last_backup_time(folder), now, timedelta(days=1))
        result = write_scheduled_backup(
            open_vault,
            folder,
            PASSPHRASE,
            now=now,
            kdf=TEST_KDF,
            policy=RotationPolicy(daily=7, weekly=4, monthly=1),
            progress=lambda d, t: calls.append((d, t)),
        )
        assert result.info.path == folder / backup_name(now, vault_id_of(open_vault.folder))
        deleted_total += len(result.deleted)
        assert not backup_due(last_backup_time(folder), now, timedelta(days=1))
    names = sorted(p.name for p in folder.iterdir())
    assert "notes.txt" in names
    backups = list_backups(folder)
    # The last 7 days (Jan 15-21), plus the newest of the two ISO weeks before them
    # (Sunday Jan 12, Sunday Jan 5); this month's newest is today's.
    kept_days = [b.created.day for b in backups]
    assert kept_days == [5, 12, 15, 16, 17, 18, 19, 20, 21]
    assert deleted_total == 21 - len(backups)
    verify_backup(backups[-1].path, PASSPHRASE)
    dones = [d for d, _ in calls]
    assert calls[-1][0] == calls[-1][1]
    assert max(dones) == calls[-1][1]


def test_a_backup_that_fails_verification_prunes_nothing(
    open_vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "backups"
    start = datetime(2025, 1, 1, 9, tzinfo=UTC)
    for day in range(3):
        write_scheduled_backup(
            open_vault,
            folder,
            PASSPHRASE,
            now=start + timedelta(days=day),
            kdf=TEST_KDF,
            policy=RotationPolicy(daily=1, weekly=0, monthly=0),
        )
    [survivor] = list_backups(folder)

    def broken_medium(path: Path, passphrase: str, **_: object) -> None:
        raise IntegrityFailure("the backup has been modified at byte 129")

    monkeypatch.setattr(rotation, "verify_backup", broken_medium)
    with pytest.raises(IntegrityFailure):
        write_scheduled_backup(
            open_vault,
            folder,
            PASSPHRASE,
            now=start + timedelta(days=5),
            kdf=TEST_KDF,
            policy=RotationPolicy(daily=1, weekly=0, monthly=0),
        )
    assert list_backups(folder) == [survivor]  # the bad new one is gone, the old one stays


# -- two vaults, one folder ----------------------------------------------------------------


def test_names_carry_the_vault_tag_and_old_names_still_parse() -> None:
    when = datetime(2025, 3, 30, 1, 30, 5, tzinfo=UTC)
    tagged = backup_name(when, "ab" * 16)
    assert tagged == f"coachdesk-20250330-013005-{vault_tag('ab' * 16)}.cdbackup"
    assert parse_backup_name(tagged) == when
    assert parse_backup_name("coachdesk-20250330-013005.cdbackup") == when  # 0.1
    assert vault_tag("ab" * 16) != vault_tag("cd" * 16)
    assert "ab" * 4 not in vault_tag("ab" * 16)  # a hash, not the id itself
    for bad in ("coachdesk-20250330-013005-XYZ.cdbackup", "coachdesk-20250330-013005-ab.cdbackup"):
        assert parse_backup_name(bad) is None


def test_a_shared_folder_keeps_each_vaults_backups_apart(open_vault: Vault, tmp_path: Path) -> None:
    """Another vault's backups (and untagged 0.1 ones) neither count as this vault's
    last backup nor are ever pruned by its rotation."""
    folder = tmp_path / "shared"
    other, _code = Vault.create(tmp_path / "other", PASSPHRASE, kdf=TEST_KDF)
    mine_id, other_id = vault_id_of(open_vault.folder), vault_id_of(other.folder)
    assert mine_id != other_id
    start = datetime(2025, 1, 1, 9, tzinfo=UTC)
    for day in range(4):
        write_scheduled_backup(
            other, folder, PASSPHRASE, now=start + timedelta(days=day), kdf=TEST_KDF,
            policy=RotationPolicy(daily=10, weekly=0, monthly=0),
        )  # fmt: skip
    other.lock()
    untagged = folder / backup_name(start - timedelta(days=30))
    untagged.write_bytes(b"a 0.1 backup")
    theirs = {b.path for b in list_backups(folder, other_id)}
    assert len(theirs) == 4
    assert last_backup_time(folder, mine_id) is None  # never backed up: "No backup yet"
    assert backup_due(last_backup_time(folder, mine_id), start, timedelta(days=1))
    for day in range(10, 14):
        write_scheduled_backup(
            open_vault, folder, PASSPHRASE, now=start + timedelta(days=day), kdf=TEST_KDF,
            policy=RotationPolicy(daily=1, weekly=0, monthly=0),
        )  # fmt: skip
    mine = list_backups(folder, mine_id)
    assert [b.created.day for b in mine] == [14]  # its own rotation ran
    assert {b.path for b in list_backups(folder, other_id)} == theirs  # theirs untouched
    assert untagged.exists()
    assert last_backup_time(folder, other_id) == start + timedelta(days=3)
    info = verify_backup(mine[0].path, PASSPHRASE)
    assert info.vault_id == mine_id  # the authenticated manifest says whose it is


def test_an_untagged_backup_still_verifies(open_vault: Vault, tmp_path: Path) -> None:
    """A 0.1 backup (no tag in its name) verifies as before: the name is not part of it."""
    made = write_scheduled_backup(open_vault, tmp_path / "b", PASSPHRASE, kdf=TEST_KDF)
    old_style = made.info.path.with_name(backup_name(datetime(2025, 1, 2, tzinfo=UTC)))
    made.info.path.rename(old_style)
    assert verify_backup(old_style, PASSPHRASE).vault_id == vault_id_of(open_vault.folder)
    assert list_backups(old_style.parent)[0].tag is None


def test_stale_temp_files_of_another_vault_are_left_alone(
    open_vault: Vault, tmp_path: Path
) -> None:
    import os

    folder = tmp_path / "b"
    folder.mkdir()
    when = datetime(2025, 1, 1, tzinfo=UTC)
    own = folder / f".{backup_name(when, vault_id_of(open_vault.folder))}.x1.tmp"
    foreign = folder / f".{backup_name(when, 'ef' * 16)}.x2.tmp"
    for temp in (own, foreign):
        temp.write_bytes(b"partial")
        os.utime(temp, (0, 0))  # long ago
    write_scheduled_backup(open_vault, folder, PASSPHRASE, kdf=TEST_KDF)
    assert not own.exists()
    assert foreign.exists()
