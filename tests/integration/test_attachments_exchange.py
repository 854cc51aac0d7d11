"""Attachments in the JSON export (a zip beside it) and back in by import: byte-identical,
relinked, all-or-nothing, and never overwriting a file CoachDesk did not write."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from coachdesk.core.errors import InvalidInput
from coachdesk.vault.exchange import (
    ARCHIVE_MARKER,
    VERSION,
    export_document,
    import_export,
    parse_document,
    read_export,
    read_export_file,
    write_export,
)
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault
from testsupport import sample_engagement


@pytest.fixture
def store(open_vault: Vault) -> Store:
    return Store(open_vault.connection)


@pytest.fixture
def other_store(tmp_path: Path) -> Store:
    vault, _code = Vault.create(tmp_path / "other", "another passphrase here 1", kdf=TEST_KDF)
    return Store(vault.connection)


def _client_with_files(store: Store, tmp_path: Path) -> tuple[int, dict[str, bytes]]:
    client_id = store.add_engagement(sample_engagement())
    engagement = store.load_engagement(client_id)
    assert engagement.contract is not None
    files = {
        "360.pdf": b"%PDF-1.4 " + os.urandom(1_500_000),
        "photo.png": os.urandom(70_000),
        "empty.txt": b"",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    store.attachments.add_file(
        client_id, tmp_path / "360.pdf", title="360 report", note="from eleven raters",
        session_id=engagement.sessions[1].id, outcome_id=engagement.contract.outcomes[0].id,
    )  # fmt: skip
    store.attachments.add_file(
        client_id, tmp_path / "photo.png", feedback_id=engagement.feedback[0].id,
        contract_version=engagement.contract.version,
    )  # fmt: skip
    store.attachments.add_file(client_id, tmp_path / "empty.txt")
    store.attachments.add_file(client_id, tmp_path / "360.pdf", title="Same file again")
    return client_id, files


def test_export_and_import_round_trip(store: Store, other_store: Store, tmp_path: Path) -> None:
    client_id, files = _client_with_files(store, tmp_path)
    target = tmp_path / "out" / "clients.json"
    target.parent.mkdir()
    assert write_export(store, target) == 1
    archive = target.parent / "clients.attachments.zip"
    document = json.loads(target.read_text("utf-8"))
    assert document["version"] == VERSION == 2  # attachments: optional keys, no new version
    assert document["attachments_archive"] == archive.name
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
    assert names[0] == ARCHIVE_MARKER and len(names) == 1 + 3  # the same file once
    assert archive.stat().st_mode & 0o777 == 0o600

    (new_id,) = import_export(other_store, read_export(target))
    before = store.attachments.for_client(client_id)
    after = other_store.attachments.for_client(new_id)
    assert [(a.title, a.file_name, a.sha256, a.dated, a.note) for a in after] == [
        (a.title, a.file_name, a.sha256, a.dated, a.note) for a in before
    ]
    for item in after:
        data = b"".join(other_store.attachments.chunks(item.id or 0))
        assert data == files[item.file_name]
    imported = other_store.load_engagement(new_id)
    assert imported.contract is not None
    linked = {a.title: a for a in after}
    assert linked["360 report"].session_id == imported.sessions[1].id
    assert linked["360 report"].outcome_id == imported.contract.outcomes[0].id
    assert linked["photo"].feedback_id == imported.feedback[0].id
    assert linked["photo"].contract_version == imported.contract.version

    # A second export over the first replaces CoachDesk's own archive.
    assert write_export(store, target) == 1


def test_exports_without_attachments_are_unchanged(store: Store, tmp_path: Path) -> None:
    store.add_engagement(sample_engagement())
    target = tmp_path / "plain.json"
    write_export(store, target)
    document = json.loads(target.read_text("utf-8"))
    assert "attachments_archive" not in document
    assert "attachments" not in document["clients"][0]
    assert not (tmp_path / "plain.attachments.zip").exists()
    assert len(read_export_file(target)) == 1


def test_a_foreign_file_at_the_archive_name_is_never_overwritten(
    store: Store, tmp_path: Path
) -> None:
    _client_with_files(store, tmp_path)
    target = tmp_path / "clients.json"
    foreign = tmp_path / "clients.attachments.zip"
    for content in (b"the coach's own notes", _zip_without_marker(tmp_path)):
        foreign.write_bytes(content)
        with pytest.raises(InvalidInput, match="not written by CoachDesk"):
            write_export(store, target)
        assert foreign.read_bytes() == content
        assert not target.exists()


def _zip_without_marker(tmp_path: Path) -> bytes:
    path = tmp_path / "plain.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("holiday.jpg", b"x")
    return path.read_bytes()


def _exported(store: Store, tmp_path: Path) -> Path:
    _client_with_files(store, tmp_path)
    target = tmp_path / "clients.json"
    write_export(store, target)
    return target


def _rewrite_archive(archive: Path, change: dict[str, bytes | None]) -> None:
    with zipfile.ZipFile(archive) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    for name, data in change.items():
        if data is None:
            members.pop(name)
        else:
            members[name] = data
    with zipfile.ZipFile(archive, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def test_a_damaged_or_missing_archive_imports_nothing(
    store: Store, other_store: Store, tmp_path: Path
) -> None:
    target = _exported(store, tmp_path)
    archive = tmp_path / "clients.attachments.zip"
    document = json.loads(target.read_text("utf-8"))
    member = document["clients"][0]["attachments"][1]["file"]
    with zipfile.ZipFile(archive) as zf:
        original = zf.read(member)
    swapped = bytes([original[0] ^ 0xFF]) + original[1:]  # same size, other content
    cases = [
        ({member: swapped}, "SHA-256"),
        ({member: original[:-1]}, "different size"),
        ({member: None}, "lacks"),
    ]
    for change, message in cases:
        saved = archive.read_bytes()
        _rewrite_archive(archive, change)
        with pytest.raises(InvalidInput, match=message):
            import_export(other_store, read_export(target))
        assert other_store.clients.ids() == []
        assert other_store.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0
        archive.write_bytes(saved)
    archive.write_bytes(b"not a zip")
    with pytest.raises(InvalidInput, match="not a readable zip"):
        read_export(target)
    archive.unlink()
    with pytest.raises(InvalidInput, match="missing"):
        read_export(target)
    with pytest.raises(InvalidInput, match="import it from its file"):
        parse_document(target.read_bytes())


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("attachments_archive",), "../elsewhere.attachments.zip", "attachments_archive"),
        (("attachments_archive",), "/etc/passwd", "attachments_archive"),
        (("attachments", 0, "session_id"), 999_999, "no such record"),
        (("attachments", 0, "contract_version"), 42, "no such record"),
        (("attachments", 0, "file"), "attachments/../../x", "expected sha256"),
        (("attachments", 0, "sha256"), "", "expected sha256"),
        (("attachments", 0, "size"), 200 * 1024 * 1024, "at most"),
        (("attachments", 0, "title"), "", "title is required"),
        (("attachments", 0, "colour"), "red", "colour"),
        (("attachments",), {"not": "a list"}, "expected a list"),
    ],
)
def test_bad_attachment_entries_are_refused(
    store: Store, tmp_path: Path, path: tuple[str | int, ...], value: object, message: str
) -> None:
    target = _exported(store, tmp_path)
    document = json.loads(target.read_text("utf-8"))
    holder = document if path[0] == "attachments_archive" else document["clients"][0]
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = value
    target.write_text(json.dumps(document), "utf-8")
    with pytest.raises(InvalidInput, match=message):
        read_export(target)


def test_export_document_names_files_by_hash(store: Store, tmp_path: Path) -> None:
    client_id, _files = _client_with_files(store, tmp_path)
    entries = export_document(store, [client_id])["clients"][0]["attachments"]
    assert all(e["file"] == f"attachments/{e['sha256']}" for e in entries)
    assert len(entries) == 4
