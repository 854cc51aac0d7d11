"""Backups on real files: round trip, tampering, truncation, failures, cancel, secrecy."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import random
import re
import stat
import struct
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from coachdesk.backup import (
    BackupCancelled,
    archive,
    container,
    create_backup,
    restore_backup,
    verify_backup,
)
from coachdesk.backup.archive import (
    RESTORE_MARKER,
    RESTORE_MARKER_FORMAT,
    RESTORE_PREFIX,
    STAGE_MARKER,
)
from coachdesk.backup.container import HEADER_BYTES, StreamReader, read_header
from coachdesk.core.errors import IntegrityFailure, InvalidInput, NotFound, WrongPassphrase
from coachdesk.vault import keys
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.vault import DB_NAME, HEADER_NAME, Vault, connect
from testsupport import PASSPHRASE, NewVault

MARKER = "MARKER-PLAINTEXT-Ødegård-4711"
CHUNK = 1024  # small, so a modest vault makes hundreds of chunks
BACKUP_PASS = "a separate backup passphrase"


def fill(vault: Vault, rows: int = 3000, seed: int = 7) -> None:
    """Random text in a table of our own and in vault_meta, the marker in some rows."""
    rng = random.Random(seed)
    words = ["goal", "reality", "options", "way", "forward", "delegate", "sponsor", "Ærø"]
    with vault.transaction() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS test_notes (id INTEGER PRIMARY KEY, body TEXT)")
        for i in range(rows):
            body = " ".join(rng.choice(words) for _ in range(rng.randint(5, 60)))
            if i % 97 == 0:
                body += f" {MARKER} "
            conn.execute("INSERT INTO test_notes (body) VALUES (?)", (body,))
        for i in range(200):
            conn.execute(
                "INSERT INTO vault_meta (key, value) VALUES (?, ?)",
                (f"test-{seed}-{i}", f"{MARKER} {rng.random()}"),
            )


def dump(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (FTS shadow tables too), in a stable order."""
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
    ]
    content: dict[str, list[tuple[Any, ...]]] = {}
    for table in tables:
        rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
        content[table] = sorted(rows, key=repr)
    content["user_version"] = [conn.execute("PRAGMA user_version").fetchone()]
    return content


def flip(data: bytes, offset: int, mask: int = 0x01) -> bytes:
    changed = bytearray(data)
    changed[offset] ^= mask
    return bytes(changed)


@contextlib.contextmanager
def flipped(path: Path, offset: int, mask: int) -> Iterator[None]:
    """Flip bits of one byte of ``path`` in place for the duration of the block."""

    def toggle() -> None:
        with path.open("r+b") as handle:
            handle.seek(offset)
            byte = handle.read(1)[0]
            handle.seek(offset)
            handle.write(bytes([byte ^ mask]))

    toggle()
    try:
        yield
    finally:
        toggle()


def leftovers(folder: Path) -> list[str]:
    """Hidden or temporary files a backup job might have left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or "tmp" in p.name)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, bytes, Path]]:
    """One filled vault (locked) and one backup of it with small chunks, built once."""
    root = tmp_path_factory.mktemp("sample")
    folder = root / "vault"
    vault, _code = Vault.create(folder, PASSPHRASE, kdf=TEST_KDF)
    fill(vault)
    path = root / "sample.cdbackup"
    create_backup(vault, path, PASSPHRASE, kdf=TEST_KDF, chunk_size=CHUNK)
    vault.lock()
    yield folder, path.read_bytes(), root


def write(tmp_path: Path, data: bytes, name: str = "x.cdbackup") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def header_of(data: bytes) -> container.BackupHeader:
    with write_tmp(data) as handle:
        return read_header(handle)


@contextlib.contextmanager
def write_tmp(data: bytes) -> Iterator[BinaryIO]:
    import tempfile

    with tempfile.TemporaryFile() as handle:
        handle.write(data)
        handle.seek(0)
        yield handle


# -- round trip ------------------------------------------------------------------------


def test_round_trip_restores_every_row(open_vault: Vault, tmp_path: Path) -> None:
    fill(open_vault)
    wal = open_vault.folder / (DB_NAME + "-wal")
    assert wal.stat().st_size > 0  # part of the data lives only in the WAL: it must come too
    target = tmp_path / "b.cdbackup"
    info = create_backup(open_vault, target, PASSPHRASE, kdf=TEST_KDF, chunk_size=CHUNK)
    assert info.chunk_count > 100
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert verify_backup(target, PASSPHRASE) == info
    expected = dump(open_vault.connection)
    source_header = (open_vault.folder / HEADER_NAME).read_bytes()

    into = tmp_path / "restored"
    restored_info = restore_backup(target, PASSPHRASE, into)
    assert restored_info.vault_id == info.vault_id
    assert sorted(p.name for p in into.iterdir()) == [DB_NAME, HEADER_NAME]
    assert stat.S_IMODE(into.stat().st_mode) == 0o700
    for name in (DB_NAME, HEADER_NAME):
        assert stat.S_IMODE((into / name).stat().st_mode) == 0o600
    assert (into / HEADER_NAME).read_bytes() == source_header
    with Vault.unlock(into, PASSPHRASE) as restored:
        assert dump(restored.connection) == expected
        assert restored.check() == []


def test_restored_vault_keeps_its_recovery_code(new_vault: NewVault, tmp_path: Path) -> None:
    with Vault.unlock(new_vault.folder, new_vault.passphrase) as vault:
        fill(vault, rows=50)
        create_backup(vault, tmp_path / "b.cdbackup", PASSPHRASE, kdf=TEST_KDF)
    restore_backup(tmp_path / "b.cdbackup", PASSPHRASE, tmp_path / "r")
    with Vault.recover(tmp_path / "r", new_vault.recovery_code, "new passphrase 123", TEST_KDF):
        pass
    Vault.unlock(tmp_path / "r", "new passphrase 123").lock()


def test_separate_backup_passphrase(open_vault: Vault, tmp_path: Path) -> None:
    fill(open_vault, rows=20)
    target = tmp_path / "b.cdbackup"
    create_backup(open_vault, target, BACKUP_PASS, kdf=TEST_KDF)
    with pytest.raises(WrongPassphrase):
        verify_backup(target, PASSPHRASE)
    restore_backup(target, BACKUP_PASS, tmp_path / "r")
    # The restored vault opens with the *vault* passphrase of the time, not the backup's.
    with pytest.raises(WrongPassphrase):
        Vault.unlock(tmp_path / "r", BACKUP_PASS)
    Vault.unlock(tmp_path / "r", PASSPHRASE).lock()


def test_nfd_backup_passphrase_opens_nfc_backup(open_vault: Vault, tmp_path: Path) -> None:
    import unicodedata

    secret = "Ødegård café passphrase"
    target = tmp_path / "b.cdbackup"
    create_backup(open_vault, target, unicodedata.normalize("NFC", secret), kdf=TEST_KDF)
    verify_backup(target, unicodedata.normalize("NFD", secret))


def test_snapshot_is_one_moment_while_the_app_writes(open_vault: Vault, tmp_path: Path) -> None:
    fill(open_vault, rows=2000)
    before = dump(open_vault.connection)
    writes = 0

    def progress(done: int, total: int) -> None:
        nonlocal writes
        if writes < 5:  # the app keeps saving notes during the snapshot
            writes += 1
            with open_vault.transaction() as conn:
                conn.execute("INSERT INTO test_notes (body) VALUES ('written during backup')")

    target = tmp_path / "b.cdbackup"
    create_backup(open_vault, target, PASSPHRASE, kdf=TEST_KDF, chunk_size=CHUNK, progress=progress)
    assert writes == 5
    restore_backup(target, PASSPHRASE, tmp_path / "r")
    with Vault.unlock(tmp_path / "r", PASSPHRASE) as restored:
        assert dump(restored.connection) == before
    count = open_vault.connection.execute(
        "SELECT count(*) FROM test_notes WHERE body = 'written during backup'"
    ).fetchone()[0]
    assert count == 5


def test_same_vault_twice_gives_different_bytes(open_vault: Vault, tmp_path: Path) -> None:
    fill(open_vault, rows=10)
    a, b = tmp_path / "a.cdbackup", tmp_path / "b.cdbackup"
    create_backup(open_vault, a, PASSPHRASE, kdf=TEST_KDF)
    create_backup(open_vault, b, PASSPHRASE, kdf=TEST_KDF)
    data_a, data_b = a.read_bytes(), b.read_bytes()
    assert data_a != data_b
    ha, hb = header_of(data_a), header_of(data_b)
    assert ha.salt != hb.salt and ha.nonce_prefix != hb.nonce_prefix
    # No common 32-byte run in the ciphertext: nothing repeats from one backup to the next.
    windows = {data_a[i : i + 32] for i in range(HEADER_BYTES, len(data_a) - 32, 512)}
    assert not any(data_b[i : i + 32] in windows for i in range(HEADER_BYTES, len(data_b) - 32))


def test_progress_is_monotone_and_complete(open_vault: Vault, tmp_path: Path) -> None:
    fill(open_vault, rows=500)
    target = tmp_path / "b.cdbackup"
    for job in ("create", "verify", "restore"):
        calls: list[tuple[int, int]] = []

        def progress(done: int, total: int, calls: list[tuple[int, int]] = calls) -> None:
            calls.append((done, total))

        if job == "create":
            create_backup(
                open_vault, target, PASSPHRASE, kdf=TEST_KDF, chunk_size=CHUNK, progress=progress
            )
        elif job == "verify":
            verify_backup(target, PASSPHRASE, progress=progress)
        else:
            restore_backup(target, PASSPHRASE, tmp_path / "r", progress=progress)
        assert len(calls) > 10, job
        dones = [d for d, _ in calls]
        assert dones == sorted(dones), job
        assert len({t for _, t in calls}) == 1, job
        assert calls[-1][0] == calls[-1][1], job


# -- secrecy -----------------------------------------------------------------------------


def test_no_plaintext_in_the_backup_or_on_disk_meanwhile(
    open_vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(open_vault)
    needles = [MARKER.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    needles.append(b"test_notes")  # not even the table names
    seen_scratch: list[bytes] = []
    original_stream = archive._stream_file

    def spy_stream(path: Path, *args: Any, **kwargs: Any) -> str:
        seen_scratch.append(path.read_bytes())  # the snapshot on disk, mid-backup
        return original_stream(path, *args, **kwargs)

    monkeypatch.setattr(archive, "_stream_file", spy_stream)
    target = tmp_path / "b.cdbackup"
    create_backup(open_vault, target, PASSPHRASE, kdf=TEST_KDF)
    data = target.read_bytes()
    assert len(seen_scratch) == 1 and len(seen_scratch[0]) > 100_000
    for blob in (data, seen_scratch[0]):
        for needle in needles:
            assert needle not in blob
    assert b"SQLite format 3" not in data + seen_scratch[0]
    assert leftovers(open_vault.folder) == []
    assert leftovers(tmp_path) == []


def test_verify_and_restore_extract_only_encrypted_files(
    sample: tuple[Path, bytes, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _folder, data, _root = sample
    path = write(tmp_path, data)
    extracted: list[bytes] = []
    original = archive._check_database

    def spy(db_path: Path, manifest: Any, tracker: Any) -> None:
        extracted.append(db_path.read_bytes())
        original(db_path, manifest, tracker)

    monkeypatch.setattr(archive, "_check_database", spy)
    work = tmp_path / "work"
    work.mkdir()
    verify_backup(path, PASSPHRASE, work_dir=work)
    restore_backup(path, PASSPHRASE, tmp_path / "r")
    assert len(extracted) == 2
    for blob in extracted:
        assert MARKER.encode() not in blob and b"SQLite format 3" not in blob
    assert list(work.iterdir()) == []  # verify left nothing behind
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == [DB_NAME, HEADER_NAME]


# -- tampering ---------------------------------------------------------------------------


def test_every_header_byte_flip_is_detected_as_damage(
    sample: tuple[Path, bytes, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _folder, data, _root = sample
    derivations: list[int] = []
    real_derive = keys.derive_key

    def counting_derive(*args: Any) -> bytes:
        derivations.append(1)
        return real_derive(*args)

    monkeypatch.setattr(keys, "derive_key", counting_derive)
    path = write(tmp_path, data)
    for offset in range(HEADER_BYTES):
        for mask in (0x01, 0x80):
            with flipped(path, offset, mask), pytest.raises(IntegrityFailure):
                verify_backup(path, PASSPHRASE)
    assert derivations == []  # every header flip was caught before any key derivation
    verify_backup(path, PASSPHRASE)  # every flip was undone: the file is good again


def test_byte_flips_in_chunks_are_reported_with_their_offset(
    sample: tuple[Path, bytes, Path], tmp_path: Path
) -> None:
    _folder, data, _root = sample
    header = header_of(data)
    count = header.chunk_count
    rng = random.Random(11)
    chosen = {0, 1, 2, count // 2, count - 2, count - 1, *rng.sample(range(count), 12)}
    path = write(tmp_path, data)
    for index in sorted(chosen):
        start = header.chunk_offset(index)
        size = header.plaintext_size(index) + 16
        for within in (0, size // 2, size - 17, size - 1):  # first, middle, last, tag
            with (
                flipped(path, start + within, 0x04),
                pytest.raises(IntegrityFailure, match=rf"modified at byte {start}\b"),
            ):
                verify_backup(path, PASSPHRASE)


def test_swapped_and_duplicated_chunks_are_detected(
    sample: tuple[Path, bytes, Path], tmp_path: Path
) -> None:
    _folder, data, _root = sample
    header = header_of(data)
    size = CHUNK + 16
    a, b = header.chunk_offset(3), header.chunk_offset(7)
    swapped = bytearray(data)
    swapped[a : a + size], swapped[b : b + size] = data[b : b + size], data[a : a + size]
    with pytest.raises(IntegrityFailure, match=rf"modified at byte {a}\b"):
        verify_backup(write(tmp_path, bytes(swapped)), PASSPHRASE)
    duplicated = bytearray(data)
    duplicated[b : b + size] = data[a : a + size]
    with pytest.raises(IntegrityFailure, match=rf"modified at byte {b}\b"):
        verify_backup(write(tmp_path, bytes(duplicated)), PASSPHRASE)


def test_truncation_anywhere_is_detected(sample: tuple[Path, bytes, Path], tmp_path: Path) -> None:
    _folder, data, _root = sample
    header = header_of(data)
    cuts = set(range(0, HEADER_BYTES + 1))  # inside the header, byte by byte
    cuts |= {header.chunk_offset(i) for i in range(header.chunk_count)}  # every boundary
    rng = random.Random(5)
    cuts |= {header.chunk_offset(i) + rng.randint(1, CHUNK) for i in range(header.chunk_count)}
    cuts |= {len(data) - 1, len(data) - 16}
    path = write(tmp_path, data)
    for cut in sorted((c for c in cuts if c < len(data)), reverse=True):
        os.truncate(path, cut)  # cutting ever shorter: no need to rewrite the file each time
        expected = "not a CoachDesk backup" if cut == 0 else "truncated"
        with pytest.raises(IntegrityFailure, match=expected):
            verify_backup(path, PASSPHRASE)


@pytest.mark.parametrize("extra", [b"\x00", b"x" * 17, b"\x00" * (CHUNK + 16)])
def test_appended_bytes_are_detected(
    sample: tuple[Path, bytes, Path], tmp_path: Path, extra: bytes
) -> None:
    _folder, data, _root = sample
    with pytest.raises(IntegrityFailure, match="appended"):
        verify_backup(write(tmp_path, data + extra), PASSPHRASE)


def test_stream_checks_hold_without_a_file_size(sample: tuple[Path, bytes, Path]) -> None:
    """Reading from something that is not a file (no size check): STREAM alone catches it."""
    import io

    _folder, data, _root = sample
    header = header_of(data)

    def read_all(blob: bytes) -> None:
        reader = StreamReader(io.BytesIO(blob), PASSPHRASE)
        for _chunk in reader.chunks():
            pass

    read_all(data)
    with pytest.raises(IntegrityFailure, match="appended"):
        read_all(data + b"more")
    with pytest.raises(IntegrityFailure, match="truncated"):
        read_all(data[: header.chunk_offset(header.chunk_count - 1)])
    with pytest.raises(IntegrityFailure, match="truncated"):
        read_all(data[:-1])
    a = header.chunk_offset(1)
    swapped = data[:a] + data[a + CHUNK + 16 : a + 2 * (CHUNK + 16)]
    swapped += data[a : a + CHUNK + 16] + data[a + 2 * (CHUNK + 16) :]
    with pytest.raises(IntegrityFailure, match=f"modified at byte {a}"):
        read_all(swapped)


def test_wrong_passphrase_is_told_apart_from_damage(
    sample: tuple[Path, bytes, Path], tmp_path: Path
) -> None:
    _folder, data, _root = sample
    path = write(tmp_path, data)
    with pytest.raises(WrongPassphrase):
        verify_backup(path, "not the right passphrase")
    with pytest.raises(WrongPassphrase):
        restore_backup(path, "not the right passphrase", tmp_path / "r")
    assert not (tmp_path / "r").exists()


def _resign(data: bytes, **fields: int) -> bytes:
    """The header with some parameters changed and the checksum recomputed (a forger)."""
    names = ["version", "kdf", "memory", "iterations", "lanes", "salt", "chunk", "payload"]
    values = list(struct.unpack(">HBIII16sIQ7s", data[15:65]))
    for name, value in fields.items():
        values[names.index(name)] = value
    signed = data[:15] + struct.pack(">HBIII16sIQ7s", *values)
    mac = data[65:97]
    return signed + mac + hashlib.sha256(signed + mac).digest() + data[HEADER_BYTES:]


def test_hostile_kdf_parameters_are_refused_before_derivation(
    sample: tuple[Path, bytes, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _folder, data, _root = sample

    def no_derivation(*_args: object) -> bytes:
        raise AssertionError("derived a key from hostile parameters")

    monkeypatch.setattr(keys, "derive_key", no_derivation)
    for fields in (
        {"memory": 64 * 1024 * 1024},
        {"iterations": 10_000},
        {"lanes": 255},
        {"memory": 1},
        {"kdf": 2},
        {"chunk": 1 << 30},
        {"chunk": 1},
        {"payload": 0},
    ):
        with pytest.raises(IntegrityFailure):
            verify_backup(write(tmp_path, _resign(data, **fields)), PASSPHRASE)


def test_a_forged_header_reads_as_a_wrong_passphrase(
    sample: tuple[Path, bytes, Path], tmp_path: Path
) -> None:
    _folder, data, _root = sample
    forged = _resign(data, iterations=2)  # checksum fixed up, MAC cannot be
    with pytest.raises(WrongPassphrase):
        verify_backup(write(tmp_path, forged), PASSPHRASE)


def test_newer_version_and_foreign_files(sample: tuple[Path, bytes, Path], tmp_path: Path) -> None:
    _folder, data, _root = sample
    with pytest.raises(InvalidInput, match="newer CoachDesk"):
        verify_backup(write(tmp_path, _resign(data, version=2)), PASSPHRASE)
    for foreign in (b"", b"SQLite format 3\x00" + bytes(100), b'{"format": "x"}', b"\x89PNG\r\n"):
        with pytest.raises(IntegrityFailure, match="not a CoachDesk backup"):
            verify_backup(write(tmp_path, foreign), PASSPHRASE)
    with pytest.raises(NotFound):
        verify_backup(tmp_path / "missing.cdbackup", PASSPHRASE)
    with pytest.raises(InvalidInput):
        verify_backup(tmp_path, PASSPHRASE)


def test_damaged_database_inside_is_caught_by_sqlcipher_checks(
    open_vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup that is authentic but holds a damaged database still fails to verify."""
    fill(open_vault, rows=300)
    original = archive._snapshot

    def damaging_snapshot(*args: Any, **kwargs: Any) -> int:
        version = original(*args, **kwargs)
        path: Path = args[1]
        with path.open("r+b") as handle:  # one byte in the middle of the third page
            handle.seek(2 * 4096 + 1000)
            byte = handle.read(1)
            handle.seek(2 * 4096 + 1000)
            handle.write(bytes([byte[0] ^ 0xFF]))
        return version

    monkeypatch.setattr(archive, "_snapshot", damaging_snapshot)
    target = tmp_path / "b.cdbackup"
    create_backup(open_vault, target, PASSPHRASE, kdf=TEST_KDF)
    monkeypatch.undo()
    with pytest.raises(IntegrityFailure, match="database inside the backup"):
        verify_backup(target, PASSPHRASE)
    with pytest.raises(IntegrityFailure):
        restore_backup(target, PASSPHRASE, tmp_path / "r")
    assert not (tmp_path / "r").exists()


# -- restore targets ---------------------------------------------------------------------


def test_restore_refuses_a_non_empty_folder(
    sample: tuple[Path, bytes, Path], tmp_path: Path
) -> None:
    folder, data, _root = sample
    path = write(tmp_path, data)
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine")
    with pytest.raises(InvalidInput, match="not empty"):
        restore_backup(path, PASSPHRASE, occupied)
    assert [p.name for p in occupied.iterdir()] == ["notes.txt"]
    with pytest.raises(InvalidInput):
        restore_backup(path, PASSPHRASE, folder)  # an existing vault is never overwritten
    with pytest.raises(InvalidInput, match="is a file"):
        restore_backup(path, PASSPHRASE, path)


def test_restore_clears_the_remains_of_an_interrupted_restore(
    sample: tuple[Path, bytes, Path], tmp_path: Path
) -> None:
    """Killed after vault.db took its place but before vault.key: no vault exists there
    (the header is placed last), and the restore marker proves whose files they are,
    so the next restore clears the remains and succeeds."""
    _folder, data, _root = sample
    path = write(tmp_path, data)
    target = tmp_path / "half"
    stage = target / f"{RESTORE_PREFIX}abc123"
    stage.mkdir(parents=True)
    (stage / STAGE_MARKER).write_bytes(b"")
    (stage / "vault.db").write_bytes(b"partial")
    (target / f"{RESTORE_PREFIX}empty").mkdir()  # killed right after creating it
    placed = b"placed before the kill"
    (target / "vault.db").write_bytes(placed)
    marker = {
        "format": RESTORE_MARKER_FORMAT,
        "files": {"vault.db": {"size": len(placed), "sha256": hashlib.sha256(placed).hexdigest()}},
    }
    (target / RESTORE_MARKER).write_text(json.dumps(marker))
    restore_backup(path, PASSPHRASE, target)
    Vault.unlock(target, PASSPHRASE).lock()
    assert sorted(p.name for p in target.iterdir()) == ["vault.db", "vault.key"]
    # With a header present it is a vault (or someone's), and it is never touched.
    with pytest.raises(InvalidInput, match="already holds a vault"):
        restore_backup(path, PASSPHRASE, target)


@pytest.mark.parametrize(
    "written",
    ["", '{"format": "coachdesk-re', '{"format": "coachdesk-restore-marker", "files": {"vault.d'],
)
def test_restore_clears_a_marker_killed_before_its_rename(
    sample: tuple[Path, bytes, Path], tmp_path: Path, written: str
) -> None:
    """Found by the kill tests: killed while the restore marker was being written, the
    atomic writer's temporary file stayed beside the marked staging folder, and every
    later restore into that folder was refused as "not empty"."""
    _folder, data, _root = sample
    target = tmp_path / "half"
    stage = target / f"{RESTORE_PREFIX}abc123"
    stage.mkdir(parents=True)
    (stage / STAGE_MARKER).write_bytes(b"")
    (stage / "vault.db").write_bytes(b"complete but not placed")
    (target / f".{RESTORE_MARKER}.k1ll3d.tmp").write_text(written)
    (target / "vault.lock").write_text('{"pid": 1}')
    restore_backup(write(tmp_path, data), PASSPHRASE, target)
    Vault.unlock(target, PASSPHRASE).lock()
    assert sorted(p.name for p in target.iterdir()) == ["vault.db", "vault.key"]


def test_restore_refuses_a_temporary_file_that_is_not_a_marker(
    sample: tuple[Path, bytes, Path], tmp_path: Path
) -> None:
    """A file named like the marker's temporary file, holding anything else, is not ours."""
    _folder, data, _root = sample
    target = tmp_path / "someone"
    target.mkdir()
    (target / f".{RESTORE_MARKER}.abc.tmp").write_text("Ελένη's notes, not a marker")
    with pytest.raises(InvalidInput, match="not empty"):
        restore_backup(write(tmp_path, data), PASSPHRASE, target)
    assert (target / f".{RESTORE_MARKER}.abc.tmp").read_text() == "Ελένη's notes, not a marker"


@pytest.mark.parametrize("side_files", [(), ("vault.db-wal",), ("vault.db-wal", "vault.db-shm")])
@pytest.mark.parametrize("marker", ["none", "other-digest", "not-ours", "stage-unmarked"])
def test_restore_never_deletes_a_database_it_did_not_write(
    sample: tuple[Path, bytes, Path], tmp_path: Path, side_files: tuple[str, ...], marker: str
) -> None:
    """Issue 16: a lone vault.db (± its WAL) may be the newest copy of someone's notes.
    Without a restore marker naming its exact bytes, restore refuses and touches
    nothing (before, it was taken for remains of an interrupted restore and deleted)."""
    _folder, data, _root = sample
    target = tmp_path / "someone"
    target.mkdir()
    files = {"vault.db": os.urandom(8192), **{n: os.urandom(4096) for n in side_files}}
    if marker == "other-digest":
        listed = {"vault.db": {"size": 8192, "sha256": hashlib.sha256(b"x").hexdigest()}}
        files[RESTORE_MARKER] = json.dumps({"format": RESTORE_MARKER_FORMAT, "files": listed})
    elif marker == "not-ours":
        files[RESTORE_MARKER] = "something else entirely"
    elif marker == "stage-unmarked":
        (target / f"{RESTORE_PREFIX}xyz").mkdir()
        (target / f"{RESTORE_PREFIX}xyz" / "notes.txt").write_text("not ours")
    for name, content in files.items():
        (target / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    before = {p.name: (p.read_bytes() if p.is_file() else None) for p in target.rglob("*")}
    with pytest.raises(InvalidInput, match=r"without its header|not empty"):
        restore_backup(write(tmp_path, data), PASSPHRASE, target)
    after = {p.name: (p.read_bytes() if p.is_file() else None) for p in target.rglob("*")}
    assert after == before


def test_restore_into_an_existing_empty_folder(
    sample: tuple[Path, bytes, Path], tmp_path: Path
) -> None:
    _folder, data, _root = sample
    empty = tmp_path / "empty"
    empty.mkdir(mode=0o755)
    restore_backup(write(tmp_path, data), PASSPHRASE, empty)
    assert stat.S_IMODE(empty.stat().st_mode) == 0o700
    Vault.unlock(empty, PASSPHRASE).lock()


def test_failed_restore_leaves_an_existing_empty_folder_empty(
    sample: tuple[Path, bytes, Path], tmp_path: Path
) -> None:
    _folder, data, _root = sample
    header = header_of(data)
    damaged = flip(data, header.chunk_offset(header.chunk_count - 1) + 5)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(IntegrityFailure):
        restore_backup(write(tmp_path, damaged), PASSPHRASE, empty)
    assert list(empty.iterdir()) == []


# -- failures and cancel -----------------------------------------------------------------


class _FullDisk:
    """A file handle that fails with ENOSPC once ``limit`` bytes have been written."""

    def __init__(self, inner: BinaryIO, limit: int) -> None:
        self._inner, self._limit, self._written = inner, limit, 0

    def write(self, data: bytes) -> int:
        if self._written + len(data) > self._limit:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._written += len(data)
        return self._inner.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def test_full_disk_leaves_no_partial_file_and_the_old_backup_intact(
    open_vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(open_vault, rows=1000)
    target = tmp_path / "backups" / "b.cdbackup"
    target.parent.mkdir()
    create_backup(open_vault, target, PASSPHRASE, kdf=TEST_KDF)
    earlier = target.read_bytes()
    fill(open_vault, rows=1000, seed=8)  # the vault grew since

    from coachdesk.vault.files import atomic_writer as real_writer

    @contextlib.contextmanager
    def failing_writer(path: Path) -> Iterator[Any]:
        with real_writer(path) as handle:
            yield _FullDisk(handle, limit=len(earlier) // 2)

    monkeypatch.setattr(archive, "atomic_writer", failing_writer)
    with pytest.raises(OSError) as caught:
        create_backup(open_vault, target, PASSPHRASE, kdf=TEST_KDF, chunk_size=CHUNK)
    assert caught.value.errno == errno.ENOSPC
    assert [p.name for p in target.parent.iterdir()] == ["b.cdbackup"]
    assert target.read_bytes() == earlier
    verify_backup(target, PASSPHRASE)
    assert leftovers(open_vault.folder) == []


@pytest.mark.parametrize("at", [0.0, 0.01, 0.4, 0.6, 0.9, 1.0])
def test_cancel_leaves_nothing(open_vault: Vault, tmp_path: Path, at: float) -> None:
    """Cancel at the first check, in the hashing, in the encryption and at the very end."""
    fill(open_vault, rows=1000)
    out = tmp_path / "out"
    out.mkdir()
    calls = 0

    def count() -> bool:
        nonlocal calls
        calls += 1
        return False

    create_backup(
        open_vault, out / "b.cdbackup", PASSPHRASE, kdf=TEST_KDF, chunk_size=CHUNK, cancel=count
    )
    (out / "b.cdbackup").unlink()
    stop_after, calls = int((calls - 1) * at), 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > stop_after

    with pytest.raises(BackupCancelled):
        create_backup(
            open_vault,
            out / "b.cdbackup",
            PASSPHRASE,
            kdf=TEST_KDF,
            chunk_size=CHUNK,
            cancel=cancel,
        )
    assert list(out.iterdir()) == []
    assert leftovers(open_vault.folder) == []


def test_cancel_in_the_snapshot_copy(open_vault: Vault, tmp_path: Path) -> None:
    with open_vault.transaction() as conn:  # more pages than one snapshot step copies
        conn.execute("CREATE TABLE big (b BLOB)")
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
            "INSERT INTO big SELECT randomblob(4000) FROM n"
        )
    seen: list[int] = []
    original = archive._stream_file

    def spy(*args: Any, **kwargs: Any) -> str:
        seen.append(1)
        return original(*args, **kwargs)

    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2  # the start check, the first step, then cancel mid-copy

    out = tmp_path / "out"
    out.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(archive, "_stream_file", spy)
        with pytest.raises(BackupCancelled):
            create_backup(open_vault, out / "b.cdbackup", PASSPHRASE, kdf=TEST_KDF, cancel=cancel)
    assert seen == []  # cancelled before the copy finished
    assert list(out.iterdir()) == []
    assert leftovers(open_vault.folder) == []


def test_cancel_verify_and_restore(sample: tuple[Path, bytes, Path], tmp_path: Path) -> None:
    _folder, data, _root = sample
    path = write(tmp_path, data)
    for after in (0, 5, 100):
        calls = 0

        def cancel(after: int = after) -> bool:
            nonlocal calls
            calls += 1
            return calls > after

        work = tmp_path / "work"
        work.mkdir(exist_ok=True)
        with pytest.raises(BackupCancelled):
            verify_backup(path, PASSPHRASE, cancel=cancel, work_dir=work)
        assert list(work.iterdir()) == []
        calls = 0
        with pytest.raises(BackupCancelled):
            restore_backup(path, PASSPHRASE, tmp_path / "r", cancel=cancel)
        assert not (tmp_path / "r").exists()


def test_cancel_during_the_database_check(sample: tuple[Path, bytes, Path], tmp_path: Path) -> None:
    _folder, data, _root = sample
    path = write(tmp_path, data)
    in_check = threading.Event()
    original = archive._check_database

    def marking(*args: Any) -> None:
        in_check.set()
        original(*args)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(archive, "_check_database", marking)
        with pytest.raises(BackupCancelled):
            verify_backup(path, PASSPHRASE, cancel=in_check.is_set)


def test_bad_arguments_to_create(open_vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "b.cdbackup"
    with pytest.raises(InvalidInput, match="at least"):
        create_backup(open_vault, target, "short", kdf=TEST_KDF)
    with pytest.raises(InvalidInput, match="folder"):
        create_backup(open_vault, out, PASSPHRASE, kdf=TEST_KDF)
    with pytest.raises(InvalidInput, match="does not exist"):
        create_backup(open_vault, out / "nope" / "b.cdbackup", PASSPHRASE, kdf=TEST_KDF)
    for inside in (open_vault.folder / "b.cdbackup", open_vault.folder / DB_NAME):
        with pytest.raises(InvalidInput, match="inside a vault folder"):
            create_backup(open_vault, inside, PASSPHRASE, kdf=TEST_KDF)
    assert sorted(p.name for p in open_vault.folder.iterdir() if "vault" not in p.name) == []
    with pytest.raises(InvalidInput, match="chunk size"):
        create_backup(open_vault, target, PASSPHRASE, kdf=TEST_KDF, chunk_size=8)
    assert list(out.iterdir()) == []


def test_stale_snapshot_folders_are_cleaned(open_vault: Vault, tmp_path: Path) -> None:
    stale = open_vault.folder / (archive.SNAPSHOT_PREFIX + "killed")
    stale.mkdir()
    (stale / archive.SNAPSHOT_MARKER).write_bytes(b"")
    (stale / DB_NAME).write_bytes(b"left by a killed backup")
    (open_vault.folder / (archive.SNAPSHOT_PREFIX + "empty")).mkdir()
    create_backup(open_vault, tmp_path / "b.cdbackup", PASSPHRASE, kdf=TEST_KDF)
    assert leftovers(open_vault.folder) == []


def test_a_folder_merely_named_like_a_snapshot_is_never_removed(
    open_vault: Vault, tmp_path: Path
) -> None:
    """Issue 16's class: clear only what provably is our own, never by name alone."""
    foreign = open_vault.folder / (archive.SNAPSHOT_PREFIX + "notes")
    foreign.mkdir()
    (foreign / "mine.txt").write_text("not CoachDesk's")
    create_backup(open_vault, tmp_path / "b.cdbackup", PASSPHRASE, kdf=TEST_KDF)
    assert (foreign / "mine.txt").read_text() == "not CoachDesk's"


# -- the documented format ---------------------------------------------------------------


def test_reference_reader_in_the_spec_reads_a_real_backup(
    sample: tuple[Path, bytes, Path], tmp_path: Path
) -> None:
    """docs/backup-format.md's reader, which uses no CoachDesk code, extracts the vault."""
    folder, data, _root = sample
    doc = (Path(__file__).resolve().parents[2] / "docs" / "backup-format.md").read_text()
    code = re.findall(r"```python\n(.*?)```", doc, flags=re.DOTALL)[-1]
    namespace: dict[str, Any] = {"__name__": "reference_reader"}
    exec(compile(code, "backup-format.md", "exec"), namespace)  # noqa: S102
    read_backup: Callable[[str, str, str], dict[str, Any]] = namespace["read_backup"]
    out = tmp_path / "out"
    out.mkdir()
    manifest = read_backup(str(write(tmp_path, data)), PASSPHRASE, str(out))
    assert (out / HEADER_NAME).read_bytes() == (folder / HEADER_NAME).read_bytes()
    conn = connect(out / DB_NAME, bytes.fromhex(manifest["data_key"]))
    try:
        assert conn.execute("SELECT count(*) FROM test_notes").fetchone()[0] == 3000
        assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
    finally:
        conn.close()
    with pytest.raises(AssertionError, match="wrong passphrase"):
        read_backup(str(write(tmp_path, data, "y.cdbackup")), "wrong passphrase!", str(out))


def test_a_passphrase_change_during_the_backup_is_noticed(
    open_vault: Vault, tmp_path: Path
) -> None:
    """vault.key and the snapshot must belong together, or the restore would not open."""
    fill(open_vault, rows=100)
    changed = False

    def progress(done: int, total: int) -> None:
        nonlocal changed
        if not changed:
            changed = True
            open_vault.change_passphrase(PASSPHRASE, "a brand new passphrase", TEST_KDF)

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InvalidInput, match="changed during the backup"):
        create_backup(open_vault, out / "b.cdbackup", PASSPHRASE, kdf=TEST_KDF, progress=progress)
    assert list(out.iterdir()) == []
    assert leftovers(open_vault.folder) == []
