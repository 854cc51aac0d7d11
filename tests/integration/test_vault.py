"""The vault on real SQLCipher files: create, unlock, keys, recovery, rotation, checks."""

from __future__ import annotations

import json
import os
import stat
import unicodedata
from pathlib import Path

import pytest

from coachdesk.core.errors import (
    IntegrityFailure,
    InvalidInput,
    NotFound,
    VaultInUse,
    WrongPassphrase,
)
from coachdesk.vault import vault as vault_module
from coachdesk.vault.header import VaultHeader
from coachdesk.vault.keys import (
    TEST_KDF,
    KdfParams,
    normalize_passphrase,
    normalize_recovery_code,
)
from coachdesk.vault.vault import DB_NAME, HEADER_NAME, Vault, connect
from testsupport import NewVault


def _put(vault: Vault, key: str, value: str) -> None:
    with vault.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO vault_meta (key, value) VALUES (?, ?)", (key, value))


def _get(vault: Vault, key: str) -> str | None:
    row = vault.connection.execute("SELECT value FROM vault_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def test_create_lock_unlock_keeps_data(new_vault: NewVault) -> None:
    with Vault.unlock(new_vault.folder, new_vault.passphrase) as vault:
        _put(vault, "note", "Client decided to delegate the Monday meeting")
    with Vault.unlock(new_vault.folder, new_vault.passphrase) as vault:
        assert _get(vault, "note") == "Client decided to delegate the Monday meeting"
        assert vault.check() == []


def test_lock_closes_connection_and_forgets_key(new_vault: NewVault) -> None:
    vault = Vault.unlock(new_vault.folder, new_vault.passphrase)
    vault.lock()
    assert not vault.is_open
    assert vault._data_key is None
    with pytest.raises(InvalidInput):
        _ = vault.connection
    vault.lock()  # idempotent


def test_wrong_passphrase_is_a_distinct_error(new_vault: NewVault) -> None:
    with pytest.raises(WrongPassphrase):
        Vault.unlock(new_vault.folder, "not the passphrase")
    # The failed attempt left the vault usable and unlocked for the next try.
    Vault.unlock(new_vault.folder, new_vault.passphrase).lock()


@pytest.mark.parametrize(
    "passphrase",
    [
        "she said \"quote\" and 'single'",
        "back\\slash\\\\ and x'00' and \"x'41'\"; DROP TABLE vault_meta; --",
        "Пароль для сессии — Ωμέγα ñandú 漢字 😀",
        "long " * 50,  # 250 characters
    ],
)
def test_unusual_passphrases_work(vault_dir: Path, passphrase: str) -> None:
    vault, _code = Vault.create(vault_dir, passphrase, kdf=TEST_KDF)
    vault.lock()
    with Vault.unlock(vault_dir, passphrase) as vault:
        assert vault.check() == []
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_dir, passphrase[:-1])


def test_passphrase_is_normalised_to_nfc(vault_dir: Path) -> None:
    typed_nfc = unicodedata.normalize("NFC", "Café Žižek résumé")
    typed_nfd = unicodedata.normalize("NFD", typed_nfc)
    assert typed_nfc != typed_nfd
    Vault.create(vault_dir, typed_nfc, kdf=TEST_KDF)[0].lock()
    Vault.unlock(vault_dir, typed_nfd).lock()


def test_short_passphrase_refused(vault_dir: Path) -> None:
    with pytest.raises(InvalidInput):
        Vault.create(vault_dir, "short", kdf=TEST_KDF)
    assert not vault_dir.exists()


def test_create_refuses_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "something.txt").write_text("x")
    with pytest.raises(InvalidInput):
        Vault.create(tmp_path, "a long passphrase", kdf=TEST_KDF)


def test_unlock_missing_vault_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        Vault.unlock(tmp_path / "nowhere", "whatever passphrase")


def test_recovery_code_sets_new_passphrase(new_vault: NewVault) -> None:
    with Vault.unlock(new_vault.folder, new_vault.passphrase) as vault:
        _put(vault, "k", "kept through recovery")
    # Typed sloppily: lower case, spaces instead of dashes.
    typed = new_vault.recovery_code.lower().replace("-", " ")
    with Vault.recover(new_vault.folder, typed, "a brand new passphrase") as vault:
        assert _get(vault, "k") == "kept through recovery"
    with pytest.raises(WrongPassphrase):
        Vault.unlock(new_vault.folder, new_vault.passphrase)
    with Vault.unlock(new_vault.folder, "a brand new passphrase") as vault:
        assert _get(vault, "k") == "kept through recovery"
    # The recovery code keeps working.
    Vault.recover(new_vault.folder, new_vault.recovery_code, "yet another passphrase").lock()


def test_wrong_recovery_code(new_vault: NewVault) -> None:
    code = new_vault.recovery_code
    wrong = ("1" if code[0] != "1" else "2") + code[1:]
    with pytest.raises(WrongPassphrase, match="recovery code"):
        Vault.recover(new_vault.folder, wrong, "a brand new passphrase")
    with pytest.raises(WrongPassphrase):
        Vault.recover(new_vault.folder, "not-a-code", "a brand new passphrase")
    Vault.unlock(new_vault.folder, new_vault.passphrase).lock()


def test_recovery_code_normalisation() -> None:
    assert normalize_recovery_code("abcd-efgh-jkmn-pqrs-tvwx-yz01-2345-6789") == (
        b"ABCDEFGHJKMNPQRSTVWXYZ0123456789"
    )
    # O, I and L are read as the digits they are confused with.
    assert normalize_recovery_code("OIL0" * 8) == b"0110" * 8


def test_change_passphrase(open_vault: Vault, new_vault: NewVault) -> None:
    _put(open_vault, "k", "v")
    with pytest.raises(WrongPassphrase):
        open_vault.change_passphrase("wrong old passphrase", "new passphrase here")
    open_vault.change_passphrase(new_vault.passphrase, "new passphrase here")
    open_vault.lock()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(new_vault.folder, new_vault.passphrase)
    with Vault.unlock(new_vault.folder, "new passphrase here") as vault:
        assert _get(vault, "k") == "v"


def test_rotate_data_key_keeps_rows(open_vault: Vault, new_vault: NewVault) -> None:
    for i in range(500):
        _put(open_vault, f"row{i}", f"value {i}")
    old_key = bytes(open_vault._data_key or b"")
    open_vault.rotate_keys(new_vault.passphrase)
    assert bytes(open_vault._data_key or b"") != old_key
    assert _get(open_vault, "row499") == "value 499"
    open_vault.lock()
    with Vault.unlock(new_vault.folder, new_vault.passphrase) as vault:
        assert vault.connection.execute("SELECT count(*) FROM vault_meta").fetchone()[0] == 501
        assert vault.check() == []
    # The old data key no longer opens the database.
    with pytest.raises(IntegrityFailure):
        connect(new_vault.folder / DB_NAME, old_key)


def test_rotation_interrupted_after_rekey_still_opens(
    open_vault: Vault, new_vault: NewVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    _put(open_vault, "k", "survives")

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(vault_module, "_install_header", crash)
    with pytest.raises(KeyboardInterrupt):
        open_vault.rotate_keys(new_vault.passphrase)
    open_vault.lock()
    monkeypatch.undo()
    header = json.loads((new_vault.folder / HEADER_NAME).read_text())
    assert header["pending_data_key"] is not None
    with Vault.unlock(new_vault.folder, new_vault.passphrase) as vault:
        assert _get(vault, "k") == "survives"
    header = json.loads((new_vault.folder / HEADER_NAME).read_text())
    assert header["pending_data_key"] is None


def test_rotation_interrupted_before_rekey_still_opens(
    open_vault: Vault, new_vault: NewVault
) -> None:
    _put(open_vault, "k", "survives")
    conn = open_vault._conn

    class FailingRekey:
        def execute(self, sql: str, *args: object) -> object:
            if "rekey" in sql:
                raise KeyboardInterrupt("killed before rekey")
            return conn.execute(sql, *args)

    open_vault._conn = FailingRekey()
    with pytest.raises(KeyboardInterrupt):
        open_vault.rotate_keys(new_vault.passphrase)
    open_vault._conn = conn
    open_vault.lock()
    with Vault.unlock(new_vault.folder, new_vault.passphrase) as vault:
        assert _get(vault, "k") == "survives"


def test_files_are_owner_only(new_vault: NewVault) -> None:
    old_umask = os.umask(0o022)  # a careless process: the vault must still be private
    try:
        with Vault.unlock(new_vault.folder, new_vault.passphrase) as vault:
            _put(vault, "k", "v")
            for path in [new_vault.folder, *new_vault.folder.iterdir()]:
                mode = stat.S_IMODE(path.stat().st_mode)
                assert mode & 0o077 == 0, f"{path.name} is {oct(mode)}"
    finally:
        os.umask(old_umask)


MARKERS = ["ZEBRAFINCH-CONFIDENTIAL-4471", "Ирина Заговорщикова", "divorce-and-burnout"]


def _scan(folder: Path, secrets: list[str]) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            for secret in secrets:
                for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                    if secret.encode(encoding) in raw:
                        found.append(f"{path.name}: {secret!r} ({encoding})")
    return found


def test_no_plaintext_in_any_vault_file(new_vault: NewVault) -> None:
    secrets = [*MARKERS, new_vault.passphrase, new_vault.recovery_code]
    vault = Vault.unlock(new_vault.folder, new_vault.passphrase)
    for i, marker in enumerate(MARKERS * 200):
        _put(vault, f"m{i}", f"{marker} session notes {i}")
    # While open: the WAL and SHM files hold recent pages; they must be encrypted too.
    assert (new_vault.folder / "vault.db-wal").exists()
    assert _scan(new_vault.folder, secrets) == []
    vault.lock()
    assert _scan(new_vault.folder, secrets) == []
    assert sorted(p.name for p in new_vault.folder.iterdir()) == [DB_NAME, HEADER_NAME]


def test_second_open_in_same_process_is_refused(open_vault: Vault, new_vault: NewVault) -> None:
    with pytest.raises(VaultInUse):
        Vault.unlock(new_vault.folder, new_vault.passphrase)


def test_stale_lock_file_is_recovered(new_vault: NewVault) -> None:
    (new_vault.folder / "vault.lock").write_text('{"pid": 999999, "host": "gone"}')
    Vault.unlock(new_vault.folder, new_vault.passphrase).lock()


# -- damage ---------------------------------------------------------------------------


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def _damage_detected(folder: Path, passphrase: str) -> bool:
    try:
        vault = Vault.unlock(folder, passphrase)
    except IntegrityFailure:
        return True
    try:
        return bool(vault.check())
    finally:
        vault.lock()


def test_every_sampled_flipped_byte_in_database_is_detected(
    new_vault: NewVault, tmp_path: Path
) -> None:
    with Vault.unlock(new_vault.folder, new_vault.passphrase) as vault:
        for i in range(300):
            _put(vault, f"row{i}", "x" * 200)
    pristine = (new_vault.folder / DB_NAME).read_bytes()
    size = len(pristine)
    page = 4096
    offsets = {0, 15, 16, 100, page - 1, page, page + 16, size // 2, size - 81, size - 1}
    offsets |= {int(size * k / 37) for k in range(37)}
    for offset in sorted(offsets):
        (new_vault.folder / DB_NAME).write_bytes(pristine)
        _flip(new_vault.folder / DB_NAME, offset)
        assert _damage_detected(new_vault.folder, new_vault.passphrase), f"byte {offset}"


def _rewrite_header(folder: Path, change: object) -> None:
    """Edit the header JSON and recompute its checksum, as a deliberate attacker would."""
    import hashlib

    document = json.loads((folder / HEADER_NAME).read_text())
    change(document)  # type: ignore[operator]
    document.pop("checksum")
    mac = document.pop("mac")
    body = json.dumps(document, sort_keys=True, separators=(",", ":")).encode()
    document["checksum"] = "sha256:" + hashlib.sha256(body).hexdigest()
    document["mac"] = mac
    (folder / HEADER_NAME).write_text(json.dumps(document))


def test_damaged_header_bytes_are_refused(new_vault: NewVault) -> None:
    pristine = (new_vault.folder / HEADER_NAME).read_bytes()
    for offset in range(0, len(pristine), 7):
        damaged = bytearray(pristine)
        damaged[offset] ^= 0x04
        (new_vault.folder / HEADER_NAME).write_bytes(bytes(damaged))
        with pytest.raises((IntegrityFailure, WrongPassphrase)):
            Vault.unlock(new_vault.folder, new_vault.passphrase).lock()
    (new_vault.folder / HEADER_NAME).write_bytes(pristine)
    Vault.unlock(new_vault.folder, new_vault.passphrase).lock()


def test_header_not_json_is_integrity_failure(new_vault: NewVault) -> None:
    (new_vault.folder / HEADER_NAME).write_text("this is not json")
    with pytest.raises(IntegrityFailure, match="damaged"):
        Vault.unlock(new_vault.folder, new_vault.passphrase)


def test_tampered_recovery_slot_is_noticed_at_unlock(new_vault: NewVault) -> None:
    def damage_recovery(document: dict[str, dict[str, dict[str, str]]]) -> None:
        slot = document["slots"]["recovery"]
        slot["salt"] = "A" * 22 + "=="

    _rewrite_header(new_vault.folder, damage_recovery)
    with pytest.raises(IntegrityFailure, match="MAC"):
        Vault.unlock(new_vault.folder, new_vault.passphrase)


def test_absurd_kdf_parameters_refused_before_derivation(new_vault: NewVault) -> None:
    def ask_for_64_gib(document: dict[str, dict[str, dict[str, dict[str, int]]]]) -> None:
        document["slots"]["passphrase"]["kdf"]["memory_kib"] = 64 * 1024 * 1024

    _rewrite_header(new_vault.folder, ask_for_64_gib)
    with pytest.raises(IntegrityFailure, match="memory"):
        Vault.unlock(new_vault.folder, new_vault.passphrase)


@pytest.mark.parametrize(
    ("field", "value"),
    [("iterations", 0), ("iterations", 10_000), ("lanes", 0), ("lanes", 4096), ("memory_kib", 1)],
)
def test_kdf_bounds(field: str, value: int) -> None:
    params = {"name": "argon2id", "memory_kib": 65536, "iterations": 3, "lanes": 4, field: value}
    with pytest.raises(IntegrityFailure):
        KdfParams.from_json(params)


def test_header_holds_no_personal_data(new_vault: NewVault) -> None:
    header = VaultHeader.parse((new_vault.folder / HEADER_NAME).read_bytes())
    document = json.loads((new_vault.folder / HEADER_NAME).read_text())
    assert set(document) == {
        "format", "version", "vault_id", "slots", "data_key", "pending_data_key", "checksum", "mac"
    }  # fmt: skip
    assert header.slots["passphrase"].kdf == TEST_KDF


def test_folder_fsync_failure_after_the_rename_is_not_a_failed_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from coachdesk.vault import files

    def broken_fsync_dir(_path: Path) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(files, "fsync_dir", broken_fsync_dir)
    target = tmp_path / "header.json"
    files.atomic_write_bytes(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert [p.name for p in tmp_path.iterdir()] == ["header.json"]


# -- rotate-key is the revocation (issue 16, item 6) ----------------------------------------


def _old_header_opens_nothing(folder: Path, old_header: bytes, old_passphrase: str) -> None:
    """What an offline reader holding an old vault.key and its passphrase can do."""
    old = VaultHeader.parse(old_header)
    old_master = old.open_slot("passphrase", normalize_passphrase(old_passphrase))
    old.verify_mac(old_master)  # the old header itself is genuine
    current = VaultHeader.parse((folder / HEADER_NAME).read_bytes())
    # The new data key is sealed under a master key the old header does not hold…
    with pytest.raises(IntegrityFailure):
        current.open_data_key(old_master, current.data_key)
    # …and the old data key no longer opens the database.
    with pytest.raises(IntegrityFailure):
        connect(folder / DB_NAME, old.open_data_key(old_master, old.data_key))


def test_rotation_revokes_old_headers_and_the_old_recovery_code(
    new_vault: NewVault, tmp_path: Path
) -> None:
    folder = new_vault.folder
    exposed = (folder / HEADER_NAME).read_bytes()  # in a backup that leaked, say
    with Vault.unlock(folder, new_vault.passphrase) as vault:
        _put(vault, "k", "written before")
        vault.change_passphrase(new_vault.passphrase, "the new passphrase", kdf=TEST_KDF)
        after_passwd = (folder / HEADER_NAME).read_bytes()
        code = vault.rotate_keys("the new passphrase", kdf=TEST_KDF)
        _put(vault, "k2", "written after")
    assert normalize_recovery_code(code) != normalize_recovery_code(new_vault.recovery_code)
    _old_header_opens_nothing(folder, exposed, new_vault.passphrase)
    _old_header_opens_nothing(folder, after_passwd, "the new passphrase")
    # The old header put back in place opens nothing either, with any old secret.
    copy = tmp_path / "with-old-header"
    copy.mkdir()
    (copy / DB_NAME).write_bytes((folder / DB_NAME).read_bytes())
    (copy / HEADER_NAME).write_bytes(exposed)
    with pytest.raises(IntegrityFailure):
        Vault.unlock(copy, new_vault.passphrase)
    with pytest.raises(IntegrityFailure):
        Vault.recover(copy, new_vault.recovery_code, "yet another passphrase")
    # The old recovery code stops working; the new one and the passphrase work.
    with pytest.raises(WrongPassphrase):
        Vault.recover(folder, new_vault.recovery_code, "yet another passphrase")
    with Vault.unlock(folder, "the new passphrase") as vault:
        assert _get(vault, "k") == "written before" and _get(vault, "k2") == "written after"
        assert vault.check() == []
    Vault.recover(folder, code, "yet another passphrase").lock()


def test_a_passphrase_change_alone_does_not_revoke(new_vault: NewVault) -> None:
    """What docs/security.md says plainly: the master key stays, so an old vault.key
    with the old passphrase still opens the current database. rotate-key revokes."""
    folder = new_vault.folder
    exposed = VaultHeader.parse((folder / HEADER_NAME).read_bytes())
    with Vault.unlock(folder, new_vault.passphrase) as vault:
        vault.change_passphrase(new_vault.passphrase, "the new passphrase", kdf=TEST_KDF)
    master = exposed.open_slot("passphrase", normalize_passphrase(new_vault.passphrase))
    connect(folder / DB_NAME, exposed.open_data_key(master, exposed.data_key)).close()


def test_a_failed_create_leaves_no_lone_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16's class: a vault.db without its header blocks init and restore (which
    never delete a database they cannot prove is theirs). create removes its own."""
    folder = tmp_path / "v"

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(vault_module, "atomic_write_bytes", full_disk)
    with pytest.raises(OSError):
        Vault.create(folder, "a good passphrase", kdf=TEST_KDF)
    monkeypatch.undo()
    assert list(folder.iterdir()) == []
    Vault.create(folder, "a good passphrase", kdf=TEST_KDF)[0].lock()


def test_create_checks_the_folder_again_under_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An init racing a restore into the same new folder: whoever locks second sees the
    other's files and refuses; nothing of the other's is touched."""
    folder = tmp_path / "v"
    original = vault_module.VaultLock.acquire

    def restore_got_there_first(self: vault_module.VaultLock) -> None:
        (self.folder / DB_NAME).write_bytes(b"a restore's database")
        original(self)

    monkeypatch.setattr(vault_module.VaultLock, "acquire", restore_got_there_first)
    with pytest.raises(InvalidInput, match="not empty"):
        Vault.create(folder, "a good passphrase", kdf=TEST_KDF)
    assert (folder / DB_NAME).read_bytes() == b"a restore's database"
