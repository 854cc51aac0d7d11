"""Plaintext leak audit: every CLI command and the app's main flows run with distinctive
markers in the client data, under a private HOME (XDG folders), TMPDIR and working
folder; then every file created anywhere under them is scanned for the markers and the
secrets, in UTF-8 and UTF-16. Only the exports the user asked for (export JSON, report
PDFs) may hold client text; backups, the vault (with its WAL and SHM), settings, Qt's
state (QtProject.conf), caches and temporary files may not. Passphrases, the PDF
password and the recovery code are in no file at all (the recovery kit excepted for the
code). Logs (stderr) never hold client text or secrets, even on an internal error.
Every file and folder the app creates is owner-only, and the GUI process is hardened.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from coachdesk.vault.exchange import FORMAT, VERSION, engagement_to_json
from testsupport import sample_engagement

MARKER = "Quokkafinch7731"  # in every text field of the client
MARKER_CYR = "Жирафоптица"  # non-ASCII, to catch UTF-16 and escaped forms
PRIVATE = "NarwhalPrivate4417"  # only in private notes
PASSPHRASE = "Okapi passphrase nine nine one two"
NEW_PASSPHRASE = "Tapir passphrase five five zero"
PDF_PASSWORD = "Axolotl pdf password 3141"
CLIENT_NAME = f"Ирина {MARKER}"
TESTS = Path(__file__).resolve().parents[1]

CLIENT_TEXT = {"marker": MARKER, "cyrillic marker": MARKER_CYR, "private note": PRIVATE}
SECRETS = {"passphrase": PASSPHRASE, "new passphrase": NEW_PASSPHRASE, "pdf password": PDF_PASSWORD}


@dataclass
class Audit:
    """A private user environment and what ran in it."""

    root: Path
    env: dict[str, str]
    work: Path
    inputs: Path
    out: Path
    existing: set[Path] = field(default_factory=set)
    allowed: set[Path] = field(default_factory=set)
    stderr: list[tuple[str, str]] = field(default_factory=list)
    stdout: list[tuple[str, str]] = field(default_factory=list)

    def run(
        self, *args: str | Path, expect: int = 0, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return self.run_python("-m", "coachdesk", *args, expect=expect, env=env)

    def run_python(
        self, *args: str | Path, expect: int | None = 0, env: dict[str, str] | None = None,
        timeout: float = 180,
    ) -> subprocess.CompletedProcess[str]:  # fmt: skip
        proc = subprocess.run(
            [sys.executable, *map(str, args)],
            env={**self.env, **(env or {})}, cwd=self.work, capture_output=True, text=True,
            timeout=timeout,
        )  # fmt: skip
        label = " ".join(str(a) for a in args[:4])
        self.stderr.append((label, proc.stderr))
        self.stdout.append((label, proc.stdout))
        if expect is not None:
            assert proc.returncode == expect, (label, proc.returncode, proc.stderr[-3000:])
        return proc


@pytest.fixture
def audit(tmp_path: Path) -> Audit:
    root = tmp_path / "audit"
    home = root / "home"
    for sub in (".config", ".local/share", ".cache", "tmp"):
        (home / sub).mkdir(parents=True)
    work, inputs, out = root / "work", root / "input", root / "out"
    for folder in (work, inputs, out):
        folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COACHDESK_", "XDG_"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local/state"),
        XDG_RUNTIME_DIR=str(home / "tmp"),
        TMPDIR=str(home / "tmp"),
        COACHDESK_KDF_PROFILE="test",
        COACHDESK_PASSPHRASE=PASSPHRASE,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join([str(TESTS), str(TESTS.parent)]),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode caches are files too: let them be
    engagement = sample_engagement(CLIENT_NAME, marker=f"{MARKER} {MARKER_CYR}")
    for session in engagement.sessions:
        session.private_notes += f" {PRIVATE}"
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": "2026-03-01T10:00:00",
        "generator": "test",
        "clients": [engagement_to_json(engagement, [])],
    }
    (inputs / "clients.json").write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    audit = Audit(root, env, work, inputs, out)
    audit.existing = {root, *root.rglob("*")}
    audit.allowed = {inputs}
    return audit


# -- the scans -------------------------------------------------------------------------------


def _forms(text: str) -> Iterable[tuple[str, bytes]]:
    yield "utf-8", text.encode("utf-8")
    yield "utf-16-le", text.encode("utf-16-le")
    yield "utf-16-be", text.encode("utf-16-be")
    escaped = json.dumps(text)[1:-1]
    if escaped != text:
        yield "json-escaped", escaped.encode("ascii")


def scan_files(root: Path, needles: dict[str, str], allowed: set[Path]) -> list[str]:
    hits = []
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        if path in allowed or any(parent in allowed for parent in path.parents):
            continue
        data = path.read_bytes()
        for label, needle in needles.items():
            for form, encoded in _forms(needle):
                if encoded in data:
                    hits.append(f"{path.relative_to(root)}: {label} ({form})")
    return hits


def scan_text(outputs: list[tuple[str, str]], needles: dict[str, str]) -> list[str]:
    return [
        f"{command!r} printed the {label}"
        for command, text in outputs
        for label, needle in needles.items()
        if needle in text
    ]


def loose_permissions(audit: Audit) -> list[str]:
    loose = []
    for path in sorted(audit.root.rglob("*")):
        if path in audit.existing or audit.inputs in path.parents or path.is_symlink():
            continue
        mode = path.lstat().st_mode & 0o777
        if mode & 0o077:
            loose.append(f"{path.relative_to(audit.root)}: {oct(mode)}")
    return loose


def assert_no_leaks(audit: Audit, secrets: dict[str, str]) -> None:
    files = audit.root.rglob("*")
    assert not [p for p in files if re.fullmatch(r"core(\.\d+)?", p.name)], "a core dump"
    leaks = scan_files(audit.root, {**CLIENT_TEXT, **secrets}, audit.allowed)
    # Secrets are in no file at all, not even the exports the user asked for.
    leaks += [hit for hit in scan_files(audit.root, secrets, {audit.inputs}) if hit not in leaks]
    assert not leaks, "plaintext found:\n" + "\n".join(leaks)
    logs = scan_text(audit.stderr, {**CLIENT_TEXT, **secrets, "client name": CLIENT_NAME})
    assert not logs, "\n".join(logs)
    printed = scan_text(audit.stdout, secrets)
    assert not printed, "\n".join(printed)
    assert not loose_permissions(audit), "\n".join(loose_permissions(audit))


def _shm_files() -> set[Path]:
    shm = Path("/dev/shm")
    return set(shm.iterdir()) if shm.is_dir() else set()


# -- the command line ------------------------------------------------------------------------


def test_every_cli_command_leaves_no_plaintext(audit: Audit) -> None:
    out = audit.out
    shm_before = _shm_files()
    init = audit.run("init")
    code = re.search(r"Recovery code:\s+(\S+)", init.stdout).group(1)  # type: ignore[union-attr]
    secrets = {**SECRETS, "recovery code": code}
    audit.run("import", audit.inputs / "clients.json")
    audit.run("demo")
    listing = audit.run("clients").stdout
    client_id = next(line.split("\t")[0] for line in listing.splitlines() if MARKER in line)
    found = audit.run("search", MARKER).stdout
    session_id = re.search(r"\tsession (\d+)\t", found).group(1)  # type: ignore[union-attr]
    audit.run("check")

    # Exports the user asked for: allowed to hold client text.
    audit.run("export", "-o", out / "export.json")
    audit.run("export", "--client", client_id, "-o", out / "one.json")
    reports = out / "reports"
    reports.mkdir()
    audit.existing.add(reports)
    audit.allowed |= {out / "export.json", out / "one.json", reports}
    # The scanner sees plaintext where there is some (a control for everything below).
    assert len(scan_files(out, CLIENT_TEXT, set())) == 2 * len(CLIENT_TEXT)
    for kind in ("contract", "progress", "sponsor"):
        confirm = ["--sponsor-confirmed"] if kind == "sponsor" else []
        audit.run("report", kind, "--client", client_id, "-o", reports / f"{kind}.pdf", *confirm)
    audit.run("disclosures", "--client", client_id)
    audit.run("report", "session", "--session", session_id, "-o", reports / "session.pdf")
    audit.run(
        "report", "client-export", "--client", client_id, "--include-private", "--protect",
        "-o", reports / "export.pdf", env={"COACHDESK_PDF_PASSWORD": PDF_PASSWORD},
    )  # fmt: skip
    audit.run(
        "report", "recovery-kit", "-o", reports / "kit.pdf",
        env={"COACHDESK_RECOVERY_CODE": code},
    )  # fmt: skip
    kit = reports / "kit.pdf"
    audit.run("worksheet", "feedback-request", "--client", client_id, "-o", reports / "ws.pdf")
    audit.run("worksheet", "import", reports / "ws.pdf", expect=2)  # no answers: refused
    audit.run("client", "archive", client_id)
    demo_id = next(line.split("\t")[0] for line in listing.splitlines() if MARKER not in line)
    audit.run("client", "delete", demo_id, expect=2)  # not confirmed: refused
    audit.run("client", "delete", demo_id, "--yes")

    # Backups are encrypted: no marker may show, in the file or in the restored vault.
    audit.run("backup", "create", "-o", out / "backup.cdbackup")
    audit.run("backup", "verify", out / "backup.cdbackup")
    audit.run("backup", "restore", out / "backup.cdbackup", "--into", out / "restored")
    audit.run("--vault", out / "restored", "check")

    # Keys: a new passphrase, rotated keys (and so a new recovery code), recovery.
    audit.run("passwd", env={"COACHDESK_NEW_PASSPHRASE": NEW_PASSPHRASE})
    new = {"COACHDESK_PASSPHRASE": NEW_PASSPHRASE}
    rotated = audit.run("rotate-key", env=new)
    code = re.search(r"Recovery code:\s+(\S+)", rotated.stdout).group(1)  # type: ignore[union-attr]
    audit.run("check", env=new)
    audit.run(
        "recover", env={"COACHDESK_RECOVERY_CODE": code, "COACHDESK_NEW_PASSPHRASE": PASSPHRASE}
    )

    # Refusals and errors: wrong passphrase, bad input, an internal error whose message
    # quotes client text and the passphrase, a database error doing the same.
    audit.run("clients", expect=3, env={"COACHDESK_PASSPHRASE": "wrong " + PASSPHRASE})
    audit.run("export", "--client", "999", "-o", out / "none.json", expect=2)
    boom = (
        "import sys, sqlcipher3\n"
        "from coachdesk import cli\n"
        "from coachdesk.vault import store\n"
        "def fail(self, client_id):\n"
        "    raise {error}('loading ' + sys.argv[1] + ' with ' + sys.argv[2])\n"
        "store.Store.load_engagement = fail\n"
        "sys.exit(cli.main(sys.argv[3:]))\n"
    )
    for error in ("RuntimeError", "sqlcipher3.OperationalError", "OSError"):
        proc = audit.run_python(
            "-c", boom.format(error=error), CLIENT_NAME, PASSPHRASE,
            "report", "progress", "--client", client_id, "-o", out / "failed.pdf", expect=None,
        )  # fmt: skip
        assert proc.returncode in (1, 5), proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
        assert not (out / "failed.pdf").exists()

    audit.allowed.discard(reports)  # the kit holds the recovery code: allowed there only
    audit.allowed |= {p for p in reports.iterdir() if p != kit}
    audit.allowed.add(kit)
    assert_no_leaks(audit, {k: v for k, v in secrets.items() if k != "recovery code"})
    code_hits = scan_files(audit.root, {"recovery code": code}, {audit.inputs, kit})
    assert not code_hits, code_hits
    # The vault and its side files are where the data is: encrypted, so no marker.
    vault = audit.root / "home/.local/share/CoachDesk/vault"
    assert (vault / "vault.db").exists()
    assert not scan_files(vault, CLIENT_TEXT, set())
    for new_file in _shm_files() - shm_before:
        if new_file.is_file():
            assert not scan_files(new_file.parent, CLIENT_TEXT, set())


# -- the app -----------------------------------------------------------------------------------


def test_the_app_leaves_no_plaintext(audit: Audit) -> None:
    audit.run("init")
    audit.run("import", audit.inputs / "clients.json")
    proc = audit.run_python(
        TESTS / "reliability" / "gui_child.py", PASSPHRASE, audit.out, MARKER, expect=None,
        timeout=150,
    )  # fmt: skip
    steps = [
        json.loads(line[7:]) for line in proc.stdout.splitlines() if line.startswith("DRIVER ")
    ]
    errors = [s["error"] for s in steps if "error" in s]
    assert not errors, errors[0] + proc.stderr[-3000:]
    assert proc.returncode == 0, proc.stderr[-3000:]
    done = {s["step"]: s for s in steps}
    assert done["copied"]["copied"] and done["copied"]["armed"]
    assert done["folder chosen"]["ok"]
    assert done["backup"]["files"] == 1
    assert done["report saved"]["exists"]
    assert done["locked"] == {"step": "locked", "unlocked": False, "clipboard_cleared": True}
    hardening = done["hardening"]
    assert hardening["core_limit"] == [0, 0]
    assert hardening["dumpable"] == 0
    assert hardening["umask"] == 0o077
    assert done["quit"]["code"] == 0
    # The internal error reached the excepthook: type and place, no message.
    assert "internal error RuntimeError" in proc.stderr
    # Qt wrote its own state (the file dialogs' settings) and CoachDesk its preferences:
    config = audit.root / "home/.config"
    written = {p.name for p in config.rglob("*") if p.is_file()}
    assert "QtProject.conf" in written, written
    assert "CoachDesk.conf" in written, written
    client_folder = audit.out / f"Clients {MARKER}"
    audit.allowed.add(client_folder)  # the PDF the coach saved there
    assert_no_leaks(audit, SECRETS)
    # Nor the folder a report was saved in: a client's name in a path is client data.
    qt_state = (config / "QtProject.conf").read_text("utf-8", "replace")
    assert MARKER not in qt_state and "Clients" not in qt_state, qt_state
