"""Backup throughput on a large generated vault, against a plain fsynced file copy.

    python bench/bench_backup.py [--size-mb 200] [--chunk-kib 1024] [--calibrated]

Prints MB/s (10^6 bytes of vault.db per second) for create, verify and restore, and for
copying the same database file to a new file with fsync. The vault is filled inside
SQLite (random blobs and text rows), so generating it is quick. Timings include the
Argon2id derivation: the cheap test profile by default, the calibrated one (about half
a second per derivation) with --calibrated.

The suite (bench/run.py) measures backups on its generated coaching vault with
:func:`measure_backup` from here, so both report the same thing the same way.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from coachdesk.backup import DEFAULT_CHUNK_SIZE, create_backup, restore_backup, verify_backup
from coachdesk.vault import keys
from coachdesk.vault.vault import DB_NAME, Vault

PASSPHRASE = "benchmark passphrase only"  # noqa: S105 - a throwaway bench vault


def _fill(vault: Vault, megabytes: int) -> None:
    with vault.transaction() as conn:
        conn.execute("CREATE TABLE bench_notes (body TEXT)")
        conn.execute("CREATE TABLE bench_blobs (b BLOB)")
        text_mb = megabytes // 4  # a quarter as text rows, the rest as 64 KiB blobs
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO bench_notes SELECT hex(randomblob(500)) FROM n",
            (text_mb * 1000,),
        )
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO bench_blobs SELECT randomblob(65536) FROM n",
            ((megabytes - text_mb) * 16,),
        )
    vault.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def copy_with_fsync(source: Path, target: Path, block: int) -> None:
    """The baseline: the same bytes, file to file, flushed to the disk."""
    with source.open("rb") as src, target.open("wb") as dst:
        shutil.copyfileobj(src, dst, block)
        dst.flush()
        os.fsync(dst.fileno())


def measure_backup(
    vault: Vault,
    work: Path,
    *,
    kdf: keys.KdfParams = keys.TEST_KDF,
    chunk: int = DEFAULT_CHUNK_SIZE,
    rounds: int = 3,
) -> dict[str, float]:
    """Backup and plain-copy throughput of the open ``vault``, interleaved ``rounds`` times.

    Both move ``vault.db``'s size in bytes (10^6 per MB); each round copies the file with
    fsync, then writes a backup (snapshot, hash, encrypt, fsync), each to a new file in
    ``work``; the medians are reported, so a burst of load elsewhere on a shared machine
    skews one round rather than the result.
    """
    size = (vault.folder / DB_NAME).stat().st_size
    copies: list[float] = []
    backups: list[float] = []
    for i in range(rounds):
        started = time.perf_counter()
        copy_with_fsync(vault.folder / DB_NAME, work / f"copy-{i}.db", chunk)
        copies.append(time.perf_counter() - started)
        (work / f"copy-{i}.db").unlink()
        started = time.perf_counter()
        # Staged in the vault folder, as the app does (work_dir=None).
        create_backup(vault, work / f"b-{i}.cdbackup", PASSPHRASE, kdf=kdf, chunk_size=chunk)
        backups.append(time.perf_counter() - started)
        (work / f"b-{i}.cdbackup").unlink()
    copy_mb_s = size / statistics.median(copies) / 1e6
    backup_mb_s = size / statistics.median(backups) / 1e6
    return {
        "db_mb": size / 1e6,
        "copy_mb_s": copy_mb_s,
        "backup_mb_s": backup_mb_s,
        "backup_vs_copy_ratio": backup_mb_s / copy_mb_s,
    }


def _timed(label: str, size: int, job: Callable[[], object]) -> float:
    started = time.perf_counter()
    job()
    elapsed = time.perf_counter() - started
    rate = size / elapsed / 1e6
    print(f"{label:<28} {elapsed:7.2f} s  {rate:8.1f} MB/s")
    return rate


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--chunk-kib", type=int, default=1024)
    parser.add_argument("--calibrated", action="store_true", help="real Argon2id cost")
    parser.add_argument("--dir", type=Path, default=None, help="where to work (default: tmp)")
    args = parser.parse_args(argv)
    kdf = keys.calibrate_kdf() if args.calibrated else keys.TEST_KDF
    root = Path(tempfile.mkdtemp(prefix="coachdesk-bench-", dir=args.dir))
    try:
        vault, _code = Vault.create(root / "vault", PASSPHRASE, kdf=keys.TEST_KDF)
        print(f"generating a ~{args.size_mb} MB vault in {root} …", flush=True)
        _fill(vault, args.size_mb)
        size = (root / "vault" / DB_NAME).stat().st_size
        print(f"vault.db: {size / 1e6:.1f} MB; chunk {args.chunk_kib} KiB; kdf {kdf}")
        target = root / "b.cdbackup"
        chunk = args.chunk_kib * 1024
        results = {
            "copy + fsync (baseline)": _timed(
                "copy + fsync (baseline)",
                size,
                lambda: copy_with_fsync(root / "vault" / DB_NAME, root / "copy.db", chunk),
            ),
            "backup create": _timed(
                "backup create",
                size,
                lambda: create_backup(vault, target, PASSPHRASE, kdf=kdf, chunk_size=chunk),
            ),
        }
        vault.lock()
        results["backup verify"] = _timed(
            "backup verify", size, lambda: verify_backup(target, PASSPHRASE, work_dir=root)
        )
        results["backup restore"] = _timed(
            "backup restore", size, lambda: restore_backup(target, PASSPHRASE, root / "restored")
        )
        baseline = results["copy + fsync (baseline)"]
        for label, rate in results.items():
            print(f"  {label:<26} {rate / baseline:5.2f} × the plain copy")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
