"""One error vocabulary: every failure maps to one exit code and one private sentence."""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from pathlib import Path

import pytest

from coachdesk.core.errors import (
    IntegrityFailure,
    InvalidInput,
    NotFound,
    VaultInUse,
    WrongPassphrase,
    explain,
)

SECRET = "Ελένη told me about her burnout"


def _sqlite_error(code: int, cls: type[sqlite3.Error] = sqlite3.OperationalError) -> Exception:
    exc = cls(f"{SECRET}")  # a message that must never be shown
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    ("exc", "code", "words"),
    [
        (InvalidInput("the name is empty"), 2, "the name is empty"),
        (NotFound("no client 7"), 2, "no client 7"),
        (WrongPassphrase("wrong passphrase"), 3, "wrong passphrase (or the vault header"),
        (WrongPassphrase("wrong recovery code"), 3, "wrong recovery code"),
        (VaultInUse("open in another window"), 4, "open in another window"),
        (IntegrityFailure("vault.key is damaged"), 5, "vault.key is damaged"),
        (KeyboardInterrupt(), 130, "interrupted; nothing was changed"),
        (_sqlite_error(13), 1, "the disk is full"),
        (_sqlite_error(13 | (1 << 8)), 1, "the disk is full"),  # an extended code
        (_sqlite_error(10 | (3 << 8)), 1, "a disk error"),
        (_sqlite_error(5), 4, "busy in another process"),
        (_sqlite_error(6), 4, "busy in another process"),
        (_sqlite_error(11, sqlite3.DatabaseError), 5, "damaged"),
        (_sqlite_error(26, sqlite3.DatabaseError), 5, "damaged"),
        (sqlite3.OperationalError("database or disk is full"), 1, "the disk is full"),
        (sqlite3.OperationalError("disk I/O error"), 1, "a disk error"),
        (sqlite3.OperationalError("database is locked"), 4, "busy"),
        (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), 1, "the disk is full"),
        (PermissionError(errno.EACCES, "Permission denied", "/x/out.pdf"), 1, "(/x/out.pdf)"),
        (RuntimeError(SECRET), 1, "internal error (RuntimeError)"),
        (ValueError(SECRET), 1, "internal error (ValueError)"),
    ],
)
def test_every_failure_has_one_code_and_a_private_sentence(
    exc: BaseException, code: int, words: str
) -> None:
    failure = explain(exc)
    assert failure.exit_code == code
    assert words in failure.message
    assert SECRET not in failure.message
    assert "\n" not in failure.message
    assert failure.sentence()[0].isupper() and failure.sentence().endswith((".", ")"))


def test_a_real_driver_error_is_recognised_by_its_code() -> None:
    """sqlcipher3 errors carry SQLite's result code; the wording is not needed."""
    sqlcipher3 = pytest.importorskip("sqlcipher3")
    conn = sqlcipher3.connect(":memory:")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("BEGIN EXCLUSIVE")
    # A programming error is an internal error, not "the vault is damaged".
    with pytest.raises(sqlcipher3.OperationalError) as misuse:
        conn.execute("BEGIN")
    assert explain(misuse.value).exit_code == 1
    assert "internal error" in explain(misuse.value).message
    # A file that is not a database: SQLITE_NOTADB, reported as damage (exit 5).
    with tempfile.TemporaryDirectory() as folder:
        junk = Path(folder) / "vault.db"
        junk.write_bytes(b"\x01" * 4096)
        bad = sqlcipher3.connect(str(junk))
        with pytest.raises(sqlcipher3.DatabaseError) as caught:
            bad.execute("SELECT * FROM sqlite_master").fetchall()
        bad.close()
    assert explain(caught.value).exit_code == 5


def test_sentence_does_not_double_a_stop() -> None:
    assert explain(InvalidInput("Check the file.")).sentence() == "Check the file."
