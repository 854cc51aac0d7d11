"""Memory stays flat: backing up a 50 MB vault needs a few chunks of memory, not 50 MB."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from coachdesk.backup import create_backup, restore_backup, verify_backup
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.vault import Vault
from testsupport import PASSPHRASE

MIB = 1024 * 1024
CHUNK = MIB
VAULT_MB = 50


def _grow(vault: Vault, megabytes: int) -> None:
    """Fill with incompressible data, generated inside SQLite (not in Python's heap)."""
    with vault.transaction() as conn:
        conn.execute("CREATE TABLE ballast (b BLOB)")
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO ballast SELECT randomblob(65536) FROM n",
            (megabytes * 16,),
        )


def _peak(job: object) -> int:
    tracemalloc.start()
    try:
        assert callable(job)
        job()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_is_a_few_chunks_whatever_the_vault_size(open_vault: Vault, tmp_path: Path) -> None:
    _grow(open_vault, VAULT_MB)
    target = tmp_path / "big.cdbackup"
    peaks = {
        "create": _peak(
            lambda: create_backup(open_vault, target, PASSPHRASE, kdf=TEST_KDF, chunk_size=CHUNK)
        ),
        "verify": _peak(lambda: verify_backup(target, PASSPHRASE)),
        "restore": _peak(lambda: restore_backup(target, PASSPHRASE, tmp_path / "restored")),
    }
    assert target.stat().st_size > VAULT_MB * MIB
    for job, peak in peaks.items():
        # The chunks really pass through Python (so tracemalloc sees them) …
        assert peak >= CHUNK, (job, peak)
        # … but only a few at a time: far below the 50 MB the vault holds.
        assert peak < 6 * CHUNK, (job, peak / MIB)
