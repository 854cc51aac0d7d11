"""Runs inside a private mount namespace with a tiny tmpfs at argv[1]: the CLI on a
disk that really fills up. Prints "all disk-full checks passed" when every check held.

Each failing command must exit 1 with one line ("the disk is full" or the OS's "No space
left on device"), leave no partial file and no temporary file, and lose nothing: after
space is freed the vault passes ``check`` and holds exactly what was committed.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

from coachdesk.core.model import Client, Engagement

MNT, WORK = Path(sys.argv[1]), Path(sys.argv[2])
PASS = "correct horse battery staple"
ENV = {**os.environ, "COACHDESK_PASSPHRASE": PASS, "COACHDESK_KDF_PROFILE": "test"}
VAULT = MNT / "vault"
BACKUPS = MNT / "backups"
FILLER = MNT / "filler"


def cli(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coachdesk", *map(str, args)],
        env={**ENV, **(env or {})}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def usage() -> str:
    return subprocess.run(["du", "-a", str(MNT)], capture_output=True, text=True).stdout


def ok(proc: subprocess.CompletedProcess[str], what: str) -> None:
    assert proc.returncode == 0, f"{what}: {proc.returncode} {proc.stderr}\n{usage()}"
    print(f"ok: {what}", flush=True)


def full(proc: subprocess.CompletedProcess[str], what: str) -> None:
    assert proc.returncode == 1, f"{what}: expected exit 1, got {proc.returncode}: {proc.stderr}"
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "disk is full" in lines[0] or "No space left" in lines[0], lines[0]
    print(f"ok: {what} -> {lines[0]}", flush=True)


def export_file(name: str, notes_bytes: int, clients: int = 1) -> Path:
    from coachdesk.core import codec

    path = WORK / name
    items = []
    for i in range(clients):
        client = Client(name=f"Disk Client {name} {i}", intake_notes="n" * notes_bytes)
        data = codec.encode(Engagement(client=client).client)
        data.update(contract=None, contract_versions=[], sessions=[], action_items=[],
                    emotions=[], feedback=[])  # fmt: skip
        items.append(data)
    document = {"format": "coachdesk-export", "version": 1, "exported_at": "2026-01-01T00:00:00",
                "generator": "test", "clients": items}  # fmt: skip
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def fill(leave: int) -> None:
    """Fill the file system, then give back ``leave`` bytes."""
    with FILLER.open("ab") as out:
        block = b"\0" * 65536
        try:
            while True:
                out.write(block)
                out.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    size = FILLER.stat().st_size
    os.truncate(FILLER, max(0, size - leave))


def free() -> None:
    FILLER.unlink(missing_ok=True)


def clients() -> list[str]:
    proc = cli("--vault", VAULT, "clients")
    ok(proc, "clients")
    return [line.split("\t")[1] for line in proc.stdout.splitlines()]


def no_temp_files(folder: Path) -> None:
    left = [
        p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".backup")
    ]
    assert not left, left


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    BACKUPS.mkdir()
    ok(cli("--vault", VAULT, "init"), "init")
    ok(cli("--vault", VAULT, "import", export_file("base.json", 300_000, clients=4)), "import base")
    committed = clients()
    assert len(committed) == 4
    first = BACKUPS / "first.cdbackup"
    ok(cli("--vault", VAULT, "backup", "create", "-o", first), "first backup")
    first_bytes = first.read_bytes()

    # An import larger than the disk: refused by SQLite, nothing of it stays.
    # 30 MB of notes, in notes of the longest allowed size (coachdesk/core/limits.py):
    # more than the 24 MiB disk on their own, now that the search index keeps no second
    # copy of the text (migration 7).
    huge = export_file("huge.json", 1_000_000, clients=30)
    full(cli("--vault", VAULT, "import", huge), "huge import")
    assert clients() == committed
    ok(cli("--vault", VAULT, "check"), "check after failed import")

    # Little space left: a backup, an export, a report cannot be written.
    fill(leave=256 * 1024)
    full(cli("--vault", VAULT, "backup", "create", "-o", first), "backup on a full disk")
    assert first.read_bytes() == first_bytes, "the previous backup was touched"
    no_temp_files(BACKUPS)
    no_temp_files(VAULT)
    full(cli("--vault", VAULT, "export", "-o", MNT / "out.json"), "export on a full disk")
    assert not (MNT / "out.json").exists()
    no_temp_files(MNT)

    # No space at all: even a passphrase change must fail cleanly.
    fill(leave=0)
    proc = cli(
        "--vault", VAULT, "passwd", env={"COACHDESK_NEW_PASSPHRASE": "a new passphrase here"}
    )
    assert proc.returncode != 0, "passwd succeeded on a full disk?"
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    print(f"ok: passwd on a full disk -> {proc.stderr.strip()}", flush=True)
    proc = cli("--vault", VAULT, "report", "contract", "--client", "1", "-o", MNT / "c.pdf")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr, proc.stderr
    assert not (MNT / "c.pdf").exists()
    print(f"ok: report on a full disk -> {proc.stderr.strip()}", flush=True)

    # Space again: everything committed is there, the old passphrase opens, all checks out.
    free()
    ok(cli("--vault", VAULT, "check"), "check after freeing space")
    assert clients() == committed
    ok(cli("backup", "verify", first), "the first backup still verifies")
    ok(cli("--vault", VAULT, "backup", "create", "-o", BACKUPS / "second.cdbackup"), "backup")
    no_temp_files(BACKUPS)
    no_temp_files(VAULT)
    print("all disk-full checks passed", flush=True)


if __name__ == "__main__":
    main()
