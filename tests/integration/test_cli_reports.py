"""``coachdesk report`` from the command line: every kind, privacy, password, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from coachdesk.core.audience import Audience
from coachdesk.core.sharing import set_clause_audience
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault
from testsupport import CliRunner, sample_engagement

PASS = "correct horse battery staple"
ENV = {"COACHDESK_PASSPHRASE": PASS}
SECRET = "PRIVATE-MARKER-ZX81"


@pytest.fixture
def setup(run_cli: CliRunner, tmp_path: Path) -> tuple[Path, int, int, str]:
    vault = tmp_path / "v"
    proc = run_cli("--vault", vault, "init", env=ENV)
    assert proc.returncode == 0, proc.stderr
    code = re.search(r"Recovery code:\s+(\S+)", proc.stdout).group(1)  # type: ignore[union-attr]
    with Vault.unlock(vault, PASS) as opened:
        store = Store(opened.connection)
        client_id = store.add_engagement(sample_engagement(marker=""))
        session = store.sessions.for_client(client_id)[-1]
        session.private_notes = f"{SECRET} hypothesis about the father"
        store.sessions.save(session)
        assert session.id is not None
        return vault, client_id, session.id, code


def _text(path: Path, password: str | None = None) -> str:
    reader = PdfReader(str(path))
    if password is not None:
        assert reader.decrypt(password)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


@pytest.mark.parametrize("kind", ["contract", "progress", "sponsor", "client-export"])
def test_client_reports(run_cli: CliRunner, setup: tuple, tmp_path: Path, kind: str) -> None:  # type: ignore[type-arg]
    vault, client_id, _session, _code = setup
    out = tmp_path / f"{kind}.pdf"
    confirm = ["--sponsor-confirmed"] if kind == "sponsor" else []
    proc = run_cli(
        "--vault", vault, "report", kind, "--client", client_id, "-o", out, *confirm, env=ENV
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    text = _text(out)
    assert "Соколова" in text or "Sokolova" in text or kind == "sponsor"
    assert SECRET not in text
    assert out.stat().st_mode & 0o077 == 0


def test_session_summary_never_private(run_cli: CliRunner, setup: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    vault, _client, session_id, _code = setup
    out = tmp_path / "s.pdf"
    proc = run_cli(
        "--vault", vault, "report", "session", "--session", session_id, "-o", out, env=ENV
    )
    assert proc.returncode == 0, proc.stderr
    text = _text(out)
    assert "Shared summary 2" in text
    assert SECRET not in text


def test_client_export_with_private_notes(run_cli: CliRunner, setup: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    vault, client_id, _session, _code = setup
    out = tmp_path / "x.pdf"
    proc = run_cli(
        "--vault", vault, "report", "client-export", "--client", client_id, "--include-private",
        "-o", out, env=ENV,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert SECRET in _text(out)


def test_protected_pdf(run_cli: CliRunner, setup: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    vault, client_id, _session, _code = setup
    out = tmp_path / "p.pdf"
    proc = run_cli(
        "--vault", vault, "report", "progress", "--client", client_id, "--protect", "-o", out,
        env={**ENV, "COACHDESK_PDF_PASSWORD": "pdf-secret"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "password-protected" in proc.stdout
    assert PdfReader(str(out)).is_encrypted
    assert "Progress" in _text(out, "pdf-secret")


def test_recovery_kit_checks_the_code(run_cli: CliRunner, setup: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    vault, _client, _session, code = setup
    out = tmp_path / "kit.pdf"
    proc = run_cli(
        "--vault", vault, "report", "recovery-kit", "-o", out,
        env={**ENV, "COACHDESK_RECOVERY_CODE": code},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert code.split("-")[0] in _text(out)
    wrong = run_cli(
        "--vault", vault, "report", "recovery-kit", "-o", tmp_path / "bad.pdf",
        env={**ENV, "COACHDESK_RECOVERY_CODE": "0000-" * 7 + "0000"},
    )  # fmt: skip
    assert wrong.returncode == 3
    assert not (tmp_path / "bad.pdf").exists()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["report", "progress", "-o", "{out}"], "--client"),
        (["report", "session", "-o", "{out}"], "--session ID, or --client ID"),
        (["report", "session", "--session", "999", "-o", "{out}"], "999"),
        (["report", "progress", "--client", "999", "-o", "{out}"], "999"),
        (
            ["report", "sponsor", "--client", "1", "--include-private", "-o", "{out}"],
            "client-export",
        ),
        (["report", "nonsense", "-o", "{out}"], "invalid choice"),
    ],
)
def test_report_errors(
    run_cli: CliRunner,
    setup: tuple,
    tmp_path: Path,
    args: list[str],
    fragment: str,  # type: ignore[type-arg]
) -> None:
    vault = setup[0]
    out = tmp_path / "never.pdf"
    proc = run_cli("--vault", vault, *[a.format(out=out) for a in args], env=ENV)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0]
    assert not out.exists()


def _mark_for_sponsor(vault: Path, client_id: int) -> tuple[str, str]:
    """Mark the first outcome for the sponsor, the second coach only; their statements."""
    with Vault.unlock(vault, PASS) as opened:
        store = Store(opened.connection)
        contract = store.contracts.for_client(client_id)
        assert contract is not None
        first, second = contract.outcomes[:2]
        first.audience, second.audience = Audience.SPONSOR, Audience.COACH
        store.contracts.save(contract)
        return first.statement, second.statement


def test_sponsor_report_asks_for_confirmation_once_then_shares_only_sponsor_items(
    run_cli: CliRunner,
    setup: tuple,
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    vault, client_id, _session, _code = setup
    shared, coach_only = _mark_for_sponsor(vault, client_id)
    out = tmp_path / "sponsor.pdf"
    proc = run_cli("--vault", vault, "report", "sponsor", "--client", client_id, "-o", out, env=ENV)
    assert proc.returncode == 2 and not out.exists()
    assert len(proc.stderr.strip().splitlines()) == 1 and "--sponsor-confirmed" in proc.stderr

    proc = run_cli(
        "--vault", vault, "report", "sponsor", "--client", client_id, "-o", out,
        "--sponsor-confirmed", "--approved-on", "2026-11-30", env=ENV,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    text = " ".join(_text(out).split())
    assert shared in text and coach_only not in text
    assert "Delegation map agreed" not in text  # milestones are client-only by default
    assert SECRET not in text and "Shared summary" not in text
    # Confirmed once: the next sponsor report needs no flag.
    again = tmp_path / "again.pdf"
    proc = run_cli(
        "--vault", vault, "report", "sponsor", "--client", client_id, "-o", again, env=ENV
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr

    log = run_cli("--vault", vault, "disclosures", "--client", client_id, env=ENV)
    assert log.returncode == 0, log.stderr
    lines = log.stdout.strip().splitlines()
    assert len(lines) == 2
    assert "Sponsor report" in lines[0] and "sponsor" in lines[0]
    assert "approved 2026-11-30" in lines[0] and "outcome:" in lines[0]
    assert shared not in log.stdout  # ids, never content


def test_contract_audience_picks_the_copy(
    run_cli: CliRunner,
    setup: tuple,
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    vault, client_id, _session, _code = setup
    shared, coach_only = _mark_for_sponsor(vault, client_id)
    with Vault.unlock(vault, PASS) as opened:
        store = Store(opened.connection)
        contract = store.contracts.for_client(client_id)
        assert contract is not None
        contract.fees = "FEES-CLAUSE-QX7 paid by the company"
        set_clause_audience(contract, "fees", Audience.CLIENT)
        store.contracts.save(contract)
    full, three_way = tmp_path / "full.pdf", tmp_path / "three.pdf"
    proc = run_cli(
        "--vault", vault, "report", "contract", "--client", client_id, "-o", full,
        "--audience", "client", env=ENV,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    proc = run_cli(
        "--vault", vault, "report", "contract", "--client", client_id, "-o", three_way,
        "--audience", "sponsor", "--sponsor-confirmed", env=ENV,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    full_text, sponsor_text = " ".join(_text(full).split()), " ".join(_text(three_way).split())
    assert "FEES-CLAUSE-QX7" in full_text and "FEES-CLAUSE-QX7" not in sponsor_text
    assert "not part of this copy" in sponsor_text
    assert shared in sponsor_text and coach_only not in sponsor_text
    assert coach_only not in full_text and "Three-way copy for the sponsor" in sponsor_text


@pytest.mark.parametrize(
    "args",
    [
        ["progress", "--audience", "sponsor"],
        ["client-export", "--audience", "client"],
        ["progress", "--approved-on", "yesterday"],
    ],
)
def test_report_audience_misuse_is_a_clear_error(
    run_cli: CliRunner,
    setup: tuple,
    tmp_path: Path,
    args: list[str],  # type: ignore[type-arg]
) -> None:
    vault, client_id, _session, _code = setup
    out = tmp_path / "x.pdf"
    proc = run_cli("--vault", vault, "report", *args, "--client", client_id, "-o", out, env=ENV)
    assert proc.returncode == 2 and not out.exists()
    assert "Traceback" not in proc.stderr
