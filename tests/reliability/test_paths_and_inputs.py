"""Every output path and every input file (issue 16, items 1, 8, 9, 10 and 12).

Outputs: no command writes into a vault folder (any vault, a sub-folder of one, a
half-made one), through a symlink or ``..`` to a vault file, or onto a hard link of one;
``-o -`` is standard output for JSON and refused for binary files. Inputs: every file
argument and secret is read with a limit and must be UTF-8; a hostile file ends in one
line and exit 2 (or 5 for a damaged vault), never in MemoryError or RecursionError.
Folders a vault is made in are owner-only. Each class is parametrised over every
command that has such an argument (docs/security.md, "Paths and inputs").
"""

from __future__ import annotations

import io
import json
import os
import resource
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coachdesk.core.attachments import Attachment
from coachdesk.core.errors import InvalidInput
from coachdesk.vault.exchange import export_document, parse_document
from coachdesk.vault.keys import TEST_KDF
from coachdesk.vault.outputs import check_output_file
from coachdesk.vault.store import Store
from coachdesk.vault.vault import DB_NAME, HEADER_NAME, Vault
from testsupport import PASSPHRASE, CliRunner, sample_engagement

ENV = {"COACHDESK_PASSPHRASE": PASSPHRASE}


def _one_line(proc: subprocess.CompletedProcess[str], code: int) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("coachdesk: "), proc.stderr
    return lines[0]


def _tree(*folders: Path) -> dict[str, bytes]:
    """Every file under the folders, by path, with its bytes (to prove nothing changed)."""
    return {
        str(p): p.read_bytes()
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Any]:
    """The vault of ``--vault`` (a client, a session), another vault, a half-made vault
    (only vault.db) and the links an attacker or a slip of the keyboard could make."""
    vault = tmp_path / "vault"
    opened, code = Vault.create(vault, PASSPHRASE, kdf=TEST_KDF)
    store = Store(opened.connection)
    client_id = store.add_engagement(sample_engagement())
    session_id = store.sessions.for_client(client_id)[0].id
    added = store.attachments.add(
        Attachment(client_id=client_id, title="Notes", file_name="notes.txt"),
        lambda: io.BytesIO(b"attached text"),
        len(b"attached text"),
    )
    opened.lock()
    other = tmp_path / "other-vault"
    Vault.create(other, "another passphrase", kdf=TEST_KDF)[0].lock()
    half = tmp_path / "half-vault"
    half.mkdir()
    (half / DB_NAME).write_bytes(b"x" * 4096)
    (vault / "sub").mkdir()
    (other / "sub").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "link-to-key").symlink_to(vault / HEADER_NAME)
    (tmp_path / "link-to-vault").symlink_to(vault, target_is_directory=True)
    os.link(vault / DB_NAME, tmp_path / "out" / "hard-link-to-db")
    return {
        "vault": vault,
        "other": other,
        "half": half,
        "tmp": tmp_path,
        "code": code,
        "client": str(client_id),
        "session": str(session_id),
        "attachment": str(added.attachment_id),
    }


# -- outputs: every command that writes a file, every way into a vault --------------------------


def _client_report(kind: str) -> Callable[[dict[str, Any], str], list[str]]:
    return lambda w, out: ["report", kind, "--client", w["client"], "-o", out]


OUTPUT_COMMANDS: dict[str, Callable[[dict[str, Any], str], list[str]]] = {
    "export": lambda w, out: ["export", "-o", out],
    "export --client": lambda w, out: ["export", "--client", w["client"], "-o", out],
    "report session": lambda w, out: ["report", "session", "--session", w["session"], "-o", out],
    **{f"report {kind}": _client_report(kind) for kind in ("contract", "progress")},
    # The coach has confirmed what the sponsor sees (issue 13); the path rule comes first.
    "report sponsor": lambda w, out: [*_client_report("sponsor")(w, out), "--sponsor-confirmed"],
    "report client-export": _client_report("client-export"),
    "report recovery-kit": lambda w, out: ["report", "recovery-kit", "-o", out],
    "backup create": lambda w, out: ["backup", "create", "-o", out],
    "attachment save": lambda w, out: ["attachment", "save", w["attachment"], "-o", out],
    "worksheet": lambda w, out: ["worksheet", "emotion-log", "--client", w["client"], "-o", out],
    "calendar": lambda w, out: ["calendar", "-o", out],
}

HOSTILE_OUTPUTS: dict[str, Callable[[dict[str, Any]], Path]] = {
    "the header": lambda w: w["vault"] / HEADER_NAME,
    "the database": lambda w: w["vault"] / DB_NAME,
    "a new file in the vault": lambda w: w["vault"] / "new.out",
    "a sub-folder of the vault": lambda w: w["vault"] / "sub" / "new.out",
    "the vault folder itself": lambda w: w["vault"],
    "dot-dot to the header": lambda w: w["vault"] / "sub" / ".." / HEADER_NAME,
    "a symlink to the header": lambda w: w["tmp"] / "link-to-key",
    "through a symlinked folder": lambda w: w["tmp"] / "link-to-vault" / DB_NAME,
    "a hard link of the database": lambda w: w["tmp"] / "out" / "hard-link-to-db",
    "another vault's header": lambda w: w["other"] / HEADER_NAME,
    "a new file in another vault": lambda w: w["other"] / "new.out",
    "a sub-folder of another vault": lambda w: w["other"] / "sub" / "new.out",
    "a half-made vault (only vault.db)": lambda w: w["half"] / "new.out",
}


@pytest.mark.parametrize("destination", list(HOSTILE_OUTPUTS))
@pytest.mark.parametrize("command", list(OUTPUT_COMMANDS))
def test_no_command_writes_into_a_vault(
    main_cli: CliRunner, world: dict[str, Any], command: str, destination: str
) -> None:
    target = HOSTILE_OUTPUTS[destination](world)
    before = _tree(world["vault"], world["other"], world["half"], world["tmp"] / "out")
    existed = os.path.lexists(target)
    env = {**ENV, "COACHDESK_RECOVERY_CODE": world["code"], "COACHDESK_PDF_PASSWORD": "pdf pw"}
    proc = main_cli(
        "--vault", world["vault"], *OUTPUT_COMMANDS[command](world, str(target)), env=env
    )
    message = _one_line(proc, 2)
    assert "vault" in message or "link" in message
    assert _tree(world["vault"], world["other"], world["half"], world["tmp"] / "out") == before
    assert os.path.lexists(target) == existed
    assert Vault.unlock(world["vault"], PASSPHRASE).check() == []


@pytest.mark.parametrize("command", list(OUTPUT_COMMANDS))
def test_every_output_command_still_writes_outside_vaults(
    main_cli: CliRunner, world: dict[str, Any], command: str
) -> None:
    """The rule refuses vault paths only: the same command into a plain folder works."""
    target = world["tmp"] / "out" / ("result.ics" if command == "calendar" else "result.out")
    env = {**ENV, "COACHDESK_RECOVERY_CODE": world["code"]}
    proc = main_cli(
        "--vault", world["vault"], *OUTPUT_COMMANDS[command](world, str(target)), env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert target.is_file() and stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_to_standard_output(
    main_cli: CliRunner, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(world["tmp"] / "out")
    # Attachments need their archive beside a file: standard output is refused then.
    with_files = main_cli("--vault", world["vault"], "export", "-o", "-", env=ENV)
    assert "attachments" in _one_line(with_files, 2) and with_files.stdout == ""
    main_cli("--vault", world["vault"], "attachment", "delete", world["attachment"], env=ENV)
    proc = main_cli("--vault", world["vault"], "export", "-o", "-", env=ENV)
    assert proc.returncode == 0, proc.stderr
    document = json.loads(proc.stdout)
    assert len(document["clients"]) == 1
    assert not (world["tmp"] / "out" / "-").exists()
    assert "standard output" in proc.stderr


@pytest.mark.parametrize("command", [c for c in OUTPUT_COMMANDS if not c.startswith("export")])
def test_binary_outputs_refuse_standard_output(
    main_cli: CliRunner, world: dict[str, Any], command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(world["tmp"] / "out")
    proc = main_cli("--vault", world["vault"], *OUTPUT_COMMANDS[command](world, "-"), env=ENV)
    assert "standard output" in _one_line(proc, 2)
    assert not (world["tmp"] / "out" / "-").exists()


@pytest.mark.parametrize("target", ["/dev/stdout", "/dev/null", "/proc/self/fd/1"])
def test_special_files_are_not_output_files(target: str) -> None:
    """A symlink or a device is replaced by the atomic write, not written through."""
    with pytest.raises(InvalidInput):
        check_output_file(Path(target))


def test_library_writers_keep_the_rule(world: dict[str, Any]) -> None:
    """Below the CLI the same rule holds for every writer (the GUI and tests call these)."""
    from coachdesk.backup import create_backup, write_scheduled_backup
    from coachdesk.reports import ReportKind, write_recovery_kit, write_report
    from coachdesk.vault.exchange import write_export

    vault = world["vault"]
    before = _tree(vault, world["other"])
    with Vault.unlock(vault, PASSPHRASE) as opened:
        store = Store(opened.connection)
        engagement = store.load_engagement(int(world["client"]))
        writers: list[Callable[[Path], object]] = [
            lambda p: write_export(store, p),
            lambda p: write_report(ReportKind.CONTRACT, engagement, p, today=engagement_day()),
            lambda p: write_recovery_kit(world["code"], vault, p, today=engagement_day()),
            lambda p: create_backup(opened, p, PASSPHRASE, kdf=TEST_KDF),
        ]
        for write in writers:
            for make in HOSTILE_OUTPUTS.values():
                target = make(world)
                if target.is_dir():
                    continue
                with pytest.raises(InvalidInput):
                    write(target)
        vault_folders = [vault, vault / "sub", world["other"], world["other"] / "sub"]
        for folder in [*vault_folders, world["half"], world["tmp"] / "link-to-vault"]:
            with pytest.raises(InvalidInput):  # the automatic backups' folder
                write_scheduled_backup(opened, folder, PASSPHRASE, kdf=TEST_KDF)
    assert _tree(vault, world["other"]) == before


def engagement_day() -> Any:
    from datetime import date

    return date(2026, 3, 1)


# -- folders a vault is made in -----------------------------------------------------------------


@pytest.mark.parametrize("command", ["init", "restore"])
def test_no_vault_is_made_inside_a_vault_or_through_a_dangling_link(
    main_cli: CliRunner, world: dict[str, Any], command: str
) -> None:
    backup = world["tmp"] / "out" / "b.cdbackup"
    assert (
        main_cli("--vault", world["vault"], "backup", "create", "-o", backup, env=ENV).returncode
        == 0
    )
    dangling = world["tmp"] / "dangling"
    dangling.symlink_to(world["tmp"] / "nowhere")
    before = _tree(world["vault"], world["other"])
    for folder in (world["vault"] / "sub" / "nested", world["other"] / "sub", dangling):
        if command == "init":
            proc = main_cli("--vault", folder, "init", env=ENV)
        else:
            proc = main_cli("backup", "restore", backup, "--into", folder, env=ENV)
        _one_line(proc, 2)
    assert _tree(world["vault"], world["other"]) == before
    assert not (world["tmp"] / "nowhere").exists()


@pytest.mark.parametrize("command", ["init", "restore"])
def test_a_vault_folder_open_to_others_is_made_owner_only(
    main_cli: CliRunner, world: dict[str, Any], command: str
) -> None:
    folder = world["tmp"] / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    if command == "init":
        proc = main_cli("--vault", folder, "init", env=ENV)
    else:
        backup = world["tmp"] / "out" / "b.cdbackup"
        main_cli("--vault", world["vault"], "backup", "create", "-o", backup, env=ENV)
        proc = main_cli("backup", "restore", backup, "--into", folder, env=ENV)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_missing_parents_are_made_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    """Vault and backup folders with parents that do not exist yet, under umask 000."""
    from coachdesk.backup import write_scheduled_backup

    old = os.umask(0)
    try:
        vault, _code = Vault.create(tmp_path / "a" / "b" / "vault", PASSPHRASE, kdf=TEST_KDF)
        with vault:
            write_scheduled_backup(
                vault, tmp_path / "c" / "d" / "backups", PASSPHRASE, kdf=TEST_KDF
            )
    finally:
        os.umask(old)
    for folder in ("a", "a/b", "a/b/vault", "c", "c/d", "c/d/backups"):
        assert stat.S_IMODE((tmp_path / folder).stat().st_mode) == 0o700, folder


# -- inputs: every file argument, read with a limit ---------------------------------------------

INPUT_COMMANDS: dict[str, Callable[[dict[str, Any], str], list[str]]] = {
    "import": lambda w, f: ["--vault", str(w["vault"]), "import", f],
    "--passphrase-file": lambda w, f: ["--vault", str(w["vault"]), "--passphrase-file", f, "check"],
    "backup verify": lambda w, f: ["backup", "verify", f],
    "backup restore": lambda w, f: ["backup", "restore", f, "--into", str(w["tmp"] / "new")],
}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))


@pytest.mark.parametrize("command", list(INPUT_COMMANDS))
def test_endless_input_files_are_refused(
    run_cli: CliRunner, cli_env: dict[str, str], world: dict[str, Any], command: str
) -> None:
    """/dev/zero never ends and reports size 0: read with a limit, refuse, exit 2 — in a
    process that may use 1.5 GB, where reading it whole ends in MemoryError."""
    env = {**cli_env, **({} if command == "--passphrase-file" else ENV)}
    proc = subprocess.run(
        [sys.executable, "-m", "coachdesk", *INPUT_COMMANDS[command](world, "/dev/zero")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,  # a resource limit, nothing else
    )
    assert proc.returncode in (2, 5), proc.stderr
    _one_line(proc, proc.returncode)
    assert "MemoryError" not in proc.stderr


@pytest.mark.parametrize("command", list(INPUT_COMMANDS))
def test_folders_given_as_input_files_are_refused(
    main_cli: CliRunner, world: dict[str, Any], command: str
) -> None:
    env = {} if command == "--passphrase-file" else ENV
    proc = main_cli(*INPUT_COMMANDS[command](world, str(world["tmp"] / "out")), env=env)
    assert proc.returncode == 2, proc.stderr
    _one_line(proc, 2)


# -- secrets: UTF-8, with a byte-order mark and a final newline removed -------------------------


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\xef\xbb\xbf" + PASSPHRASE.encode() + b"\n", 0),
        (b"\xef\xbb\xbf" + PASSPHRASE.encode() + b"\r\n", 0),
        (PASSPHRASE.encode(), 0),
        (PASSPHRASE.encode("utf-16"), 2),
        (PASSPHRASE.encode() + b"\xff", 2),
        (b"", 3),
    ],
    ids=["bom-lf", "bom-crlf", "plain", "utf-16", "latin-1-byte", "empty"],
)
def test_passphrase_files(
    main_cli: CliRunner, world: dict[str, Any], content: bytes, code: int
) -> None:
    secret = world["tmp"] / "out" / "passphrase.txt"
    secret.write_bytes(content)
    proc = main_cli("--vault", world["vault"], "--passphrase-file", secret, "check")
    if code:
        _one_line(proc, code)
    else:
        assert proc.returncode == 0, proc.stderr


SECRET_VARIABLES: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "COACHDESK_PASSPHRASE": lambda w: ["--vault", str(w["vault"]), "check"],
    "COACHDESK_NEW_PASSPHRASE": lambda w: ["--vault", str(w["vault"]), "passwd"],
    "COACHDESK_RECOVERY_CODE": lambda w: ["--vault", str(w["vault"]), "recover"],
    "COACHDESK_BACKUP_PASSPHRASE": lambda w: ["backup", "verify", str(w["tmp"] / "b.cdbackup")],
    "COACHDESK_PDF_PASSWORD": lambda w: [
        "--vault", str(w["vault"]), "report", "contract", "--client", w["client"], "--protect",
        "-o", str(w["tmp"] / "out" / "c.pdf"),
    ],
}  # fmt: skip


@pytest.mark.parametrize("variable", list(SECRET_VARIABLES))
def test_secret_variables_that_are_not_utf8(
    run_cli: CliRunner, world: dict[str, Any], variable: str
) -> None:
    """Each secret variable holding bytes that are not UTF-8 (here 0xFF 0xFE, passed to
    the real process through surrogate escapes)."""
    (world["tmp"] / "b.cdbackup").write_bytes(b"not a backup")
    env = {**ENV, "COACHDESK_NEW_PASSPHRASE": "a new passphrase", variable: "\udcff\udcfe pw"}
    if variable == "COACHDESK_RECOVERY_CODE":
        env.pop("COACHDESK_PASSPHRASE")
    before = _tree(world["vault"])
    proc = run_cli(*SECRET_VARIABLES[variable](world), env=env)
    assert variable in _one_line(proc, 2)
    assert _tree(world["vault"]) == before


# -- damaged vault headers: deep nesting --------------------------------------------------------


@pytest.mark.parametrize("content", ["nested", "huge"])
def test_vault_header_nested_200000_levels_or_huge(
    run_cli: CliRunner, world: dict[str, Any], content: str
) -> None:
    header = world["vault"] / HEADER_NAME
    if content == "nested":
        header.write_text("[" * 200_000 + "]" * 200_000)
    else:
        with header.open("r+b") as handle:  # a sparse 4 GiB file after the real header
            handle.truncate(4 * 2**30)
    proc = run_cli("--vault", world["vault"], "check", env=ENV)
    assert "vault.key" in _one_line(proc, 5)


# -- import: nothing ambiguous ------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_clients(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("ambiguous") / "vault"
    with Vault.create(folder, PASSPHRASE, kdf=TEST_KDF)[0] as vault:
        store = Store(vault.connection)
        store.add_engagement(sample_engagement("Client One"))
        store.add_engagement(sample_engagement("Client Two"))
        return export_document(store)


def _duplicate_key(path: tuple[Any, ...], key: str) -> Callable[[dict[str, Any]], bytes]:
    """The document with ``key`` written a second time in the object at ``path``."""

    def make(doc: dict[str, Any]) -> bytes:
        node: Any = doc
        for step in path:
            node = node[step]
        node["__second__"] = "hidden second value"
        return json.dumps(doc).replace('"__second__"', json.dumps(key)).encode()

    return make


def _edit(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], bytes]:
    def make(doc: dict[str, Any]) -> bytes:
        change(doc)
        return json.dumps(doc).encode()

    return make


def _set(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node: Any = doc
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


C0, C1 = ("clients", 0), ("clients", 1)


def _outcome_id(doc: dict[str, Any], client: int) -> int:
    return int(doc["clients"][client]["contract"]["outcomes"][0]["id"])


def _session_id(doc: dict[str, Any], client: int) -> int:
    return int(doc["clients"][client]["sessions"][0]["id"])


def _version(doc: dict[str, Any]) -> dict[str, Any]:
    """An earlier version numbered 1 of the first client's contract."""
    return {
        "version": 1,
        "saved_at": "2026-01-01T10:00:00",
        "contract": doc["clients"][0]["contract"],
    }


AMBIGUOUS: dict[str, tuple[Callable[[dict[str, Any]], bytes], tuple[str, ...]]] = {
    "a field of the document twice": (_duplicate_key((), "clients"), ("clients",)),
    "a client's name twice": (_duplicate_key(C0, "name"), ("clients[0]", "name")),
    "private notes twice": (
        _duplicate_key((*C1, "sessions", 2), "private_notes"),
        ("clients[1].sessions[2]", "private_notes"),
    ),
    "an outcome's history note twice": (
        _duplicate_key((*C0, "contract", "outcomes", 0, "history", 0), "note"),
        ("clients[0].contract.outcomes[0].history[0]", "note"),
    ),
    "two clients with one id": (
        _edit(lambda d: _set(d, (*C1, "id"), d["clients"][0]["id"])),
        ("clients[1]", "id"),
    ),
    "two sessions with one id": (
        _edit(lambda d: _set(d, (*C1, "sessions", 1, "id"), _session_id(d, 0))),
        ("clients[1].sessions[1]", "id"),
    ),
    "two outcomes with one id": (
        _edit(lambda d: _set(d, (*C0, "contract", "outcomes", 1, "id"), _outcome_id(d, 0))),
        ("clients[0].contract.outcomes[1]", "id"),
    ),
    "a session linked to an outcome that does not exist": (
        _edit(lambda d: _set(d, (*C0, "sessions", 0, "outcome_ids"), [999_999])),
        ("clients[0].sessions[0]", "outcome_ids"),
    ),
    "a session linked to another client's outcome": (
        _edit(lambda d: _set(d, (*C0, "sessions", 0, "outcome_ids"), [_outcome_id(d, 1)])),
        ("clients[0].sessions[0]", "outcome_ids"),
    ),
    "an action item linked to a session that does not exist": (
        _edit(lambda d: _set(d, (*C1, "action_items", 0, "session_id"), 999_999)),
        ("clients[1].action_items[0]", "session_id"),
    ),
    "an action item reviewed in another client's session": (
        _edit(
            lambda d: _set(d, (*C0, "action_items", 0, "reviewed_session_id"), _session_id(d, 1))
        ),
        ("clients[0].action_items[0]", "reviewed_session_id"),
    ),
    "feedback linked to another client's outcome": (
        _edit(lambda d: _set(d, (*C0, "feedback", 0, "outcome_id"), _outcome_id(d, 1))),
        ("clients[0].feedback[0]", "outcome_id"),
    ),
    "a milestone linked to an outcome that does not exist": (
        _edit(lambda d: _set(d, (*C1, "contract", "milestones", 0, "outcome_id"), 999_999)),
        ("clients[1].contract.milestones[0]", "outcome_id"),
    ),
    "two earlier contract versions with one number": (
        _edit(lambda d: d["clients"][0]["contract_versions"].extend([_version(d), _version(d)])),
        ("clients[0].contract_versions[1]", "version"),
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(AMBIGUOUS))
def test_ambiguous_imports_are_refused_naming_the_place(
    main_cli: CliRunner,
    world: dict[str, Any],
    two_clients: dict[str, Any],
    case: str,
) -> None:
    make, places = AMBIGUOUS[case]
    raw = make(json.loads(json.dumps(two_clients)))
    with pytest.raises(InvalidInput) as caught:
        parse_document(raw)
    for place in places:
        assert place in str(caught.value), str(caught.value)
    assert "hidden second value" not in str(caught.value)
    source = world["tmp"] / "out" / "import.json"
    source.write_bytes(raw)
    before = _tree(world["vault"])
    message = _one_line(main_cli("--vault", world["vault"], "import", source, env=ENV), 2)
    assert places[0] in message
    assert _tree(world["vault"]) == before


def test_the_unchanged_export_still_imports(two_clients: dict[str, Any]) -> None:
    """The cases above are refused for what was changed, not for what they started from."""
    assert len(parse_document(json.dumps(two_clients).encode())) == 2


# -- the app's save dialogs ---------------------------------------------------------------------


def _save_through_dialog(qtbot: Any, dialog: Any, target: Path) -> list[str]:
    """Click "Save PDF…", pick ``target`` in the file dialog as a person would, and
    return the texts of any warning that follows (closing it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog, QMessageBox
    from reliability_support import when_modal

    warnings: list[str] = []

    def answer_warning(box: Any) -> None:
        if not isinstance(box, QMessageBox):
            return
        yes = box.button(QMessageBox.StandardButton.Yes)
        if yes is not None:  # "already exists; replace it?": yes, as the coach would
            when_modal(answer_warning)
            yes.click()
            return
        warnings.append(box.text())
        box.accept()

    def pick(file_dialog: Any) -> None:
        assert isinstance(file_dialog, QFileDialog)
        file_dialog.selectFile(str(target))
        when_modal(answer_warning)
        file_dialog.accept()

    when_modal(pick)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return warnings


def _pdf_link(world: dict[str, Any], name: str, to: Path, hard: bool) -> Path:
    link = world["tmp"] / "out" / name
    if hard:
        os.link(to, link)
    else:
        link.symlink_to(to)
    return link


HOSTILE_PDF_OUTPUTS: dict[str, Callable[[dict[str, Any]], Path]] = {
    "in the vault": lambda w: w["vault"] / "report.pdf",
    "a sub-folder of the vault": lambda w: w["vault"] / "sub" / "report.pdf",
    "dot-dot into the vault": lambda w: w["vault"] / "sub" / ".." / "report.pdf",
    "a symlink to the header": lambda w: _pdf_link(w, "l.pdf", w["vault"] / HEADER_NAME, False),
    "a hard link of the database": lambda w: _pdf_link(w, "h.pdf", w["vault"] / DB_NAME, True),
    "through a symlinked folder": lambda w: w["tmp"] / "link-to-vault" / "report.pdf",
    "another vault": lambda w: w["other"] / "report.pdf",
    "a sub-folder of another vault": lambda w: w["other"] / "sub" / "report.pdf",
    "a half-made vault": lambda w: w["half"] / "report.pdf",
}


@pytest.mark.parametrize("destination", list(HOSTILE_PDF_OUTPUTS))
def test_the_report_save_dialog_never_writes_into_a_vault(
    qtbot: Any, world: dict[str, Any], destination: str
) -> None:
    """The preview's Save PDF (every report and the recovery kit use it)."""
    from coachdesk.reports import ReportKind
    from coachdesk.ui.reports import ReportPreviewDialog

    target = HOSTILE_PDF_OUTPUTS[destination](world)
    before = _tree(world["vault"], world["other"], world["half"], world["tmp"] / "out")
    existed = os.path.lexists(target)
    dialog = ReportPreviewDialog(ReportKind.RECOVERY_KIT, _minimal_pdf(), None, world["vault"])
    qtbot.addWidget(dialog)
    dialog.show()
    warnings = _save_through_dialog(qtbot, dialog, target)
    assert len(warnings) == 1 and "not saved" in warnings[0], warnings
    assert dialog.saved_to is None
    assert _tree(world["vault"], world["other"], world["half"], world["tmp"] / "out") == before
    assert os.path.lexists(target) == existed


def test_the_report_save_dialog_saves_elsewhere(qtbot: Any, world: dict[str, Any]) -> None:
    from coachdesk.reports import ReportKind
    from coachdesk.ui.reports import ReportPreviewDialog

    target = world["tmp"] / "out" / "report.pdf"
    dialog = ReportPreviewDialog(ReportKind.CONTRACT, _minimal_pdf(), None, world["vault"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert _save_through_dialog(qtbot, dialog, target) == []
    assert target.read_bytes().startswith(b"%PDF-")


def _minimal_pdf() -> bytes:
    from datetime import date

    from coachdesk.reports import render_recovery_kit

    return render_recovery_kit(
        "0000-0000-0000-0000-0000-0000-0000-0000", "x", today=date(2026, 3, 1)
    )


@pytest.mark.parametrize("where", ["vault", "vault/sub", "other", "half", "link-to-vault"])
def test_settings_refuse_a_backup_folder_inside_a_vault(
    qtbot: Any, world: dict[str, Any], where: str
) -> None:
    from PySide6.QtWidgets import QMessageBox
    from reliability_support import when_modal

    from coachdesk.ui import settings as keys
    from coachdesk.ui.dialogs.settings import SettingsDialog
    from coachdesk.ui.settings import AppSettings

    folders = {
        "vault": world["vault"],
        "vault/sub": world["vault"] / "sub",
        "other": world["other"],
        "half": world["half"],
        "link-to-vault": world["tmp"] / "link-to-vault",
    }
    settings = AppSettings(world["tmp"] / "settings.ini")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.backup_folder.setText(str(folders[where]))
    warnings: list[str] = []

    def answer(box: Any) -> None:
        warnings.append(box.text() if isinstance(box, QMessageBox) else "")
        box.accept()

    when_modal(answer)
    dialog.accept()
    qtbot.waitUntil(lambda: bool(warnings), timeout=5_000)
    assert "vault" in warnings[0]
    assert settings.get_str(keys.BACKUP_FOLDER) == ""
    assert dialog.isVisible()


# -- field limits in the editors ----------------------------------------------------------------


@pytest.fixture
def small_note_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    """Notes limited to 3,000 characters, so pasting past the limit into every note of
    every editor stays quick (the real limit is checked once, below)."""
    from coachdesk.core import limits

    monkeypatch.setattr(limits, "TEXT_MAX", 3_000)
    return 3_000


def _paste_over_limit(binder: Any, widget: Any, field: str, limit: int) -> list[tuple[str, int]]:
    from PySide6.QtWidgets import QApplication

    reports: list[tuple[str, int]] = []
    binder.too_long.connect(lambda f, n: reports.append((f, n)))
    widget.setFocus()
    widget.selectAll()
    line = "y" * 79 + ("\n" if hasattr(widget, "toPlainText") else "y")
    QApplication.clipboard().setText(line * (limit // 80 + 2))
    widget.paste()
    return reports


def test_every_bound_text_field_is_held_to_its_core_limit(
    small_note_limit: int, real_window: Any, qtbot: Any
) -> None:
    """Every editor of every tab: a line edit's maximum length is the core limit of its
    field; a paste longer than the limit is cut to it with a message, never saved whole."""
    from PySide6.QtWidgets import QLineEdit

    from coachdesk.core.limits import LINE_MAX, max_length
    from coachdesk.ui.binding import RecordBinder

    for index, _tab in enumerate(real_window.tab_pages):  # built lazily; visit every tab
        real_window.tabs.setCurrentIndex(index)
        qtbot.wait(20)
    shown = [b for b in real_window.findChildren(RecordBinder) if b.record is not None]
    kinds = {type(b.record).__name__ for b in shown}
    assert {"Client", "Contract", "Outcome", "Milestone", "Risk", "Session"} <= kinds
    assert {"EmotionEntry", "FeedbackEntry"} <= kinds
    checked = 0
    for binder in shown:
        record = binder.record
        for widget, field in binder.text_fields():
            limit = max_length(type(record), field)
            if isinstance(widget, QLineEdit):
                assert widget.maxLength() == limit, (type(record).__name__, field)
            else:
                assert limit in (small_note_limit, LINE_MAX)
            if not widget.isEnabled() or widget.isReadOnly():
                continue
            reports = _paste_over_limit(binder, widget, field, limit)
            assert len(getattr(binder.record, field)) == limit, (type(record).__name__, field)
            assert reports and reports[-1] == (field, limit)
            checked += 1
    assert checked >= 40  # every text field of the profile, contract, session, emotion, feedback
    real_window.lock(ask=False)  # y×500 is no e-mail address: leave without the question


def test_a_note_takes_a_paste_up_to_the_real_limit(real_window: Any, qtbot: Any) -> None:
    from coachdesk.core.limits import TEXT_MAX
    from coachdesk.ui.binding import RecordBinder

    for index, _tab in enumerate(real_window.tab_pages):
        real_window.tabs.setCurrentIndex(index)
        qtbot.wait(20)
    binder = next(
        b for b in real_window.findChildren(RecordBinder) if type(b.record).__name__ == "Session"
    )
    widget = next(w for w, f in binder.text_fields() if f == "private_notes")
    reports = _paste_over_limit(binder, widget, "private_notes", TEXT_MAX)
    assert len(binder.record.private_notes) == TEXT_MAX
    assert reports == [("private_notes", TEXT_MAX)]
