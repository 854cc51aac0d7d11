"""The ``coachdesk`` command: scriptable vault operations, and the app launcher.

Every user error ends in one line on stderr and a documented exit code
(docs/architecture.md, "The command line"): 0 ok, 1 internal error, 2 usage or bad
input, 3 wrong passphrase or recovery code, 4 vault in use, 5 integrity failure. No
traceback reaches the user, and no message repeats client data or secrets.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import coachdesk
from coachdesk.core.audience import Audience
from coachdesk.core.errors import IntegrityFailure, InvalidInput, explain
from coachdesk.vault import keys
from coachdesk.vault.files import read_limited
from coachdesk.vault.hardening import harden_process
from coachdesk.vault.outputs import STDOUT, check_output_file
from coachdesk.vault.paths import default_vault_dir
from coachdesk.vault.vault import ACCEPT_WAL_LOSS_FLAG, Vault

if TYPE_CHECKING:
    # The repositories and use cases are imported by the commands that use them: the
    # app's start-up runs through this module and does not need them before unlocking.
    from coachdesk.core.model import Engagement
    from coachdesk.vault.store import Store

ENV_PASSPHRASE = "COACHDESK_PASSPHRASE"  # noqa: S105 - a variable name, not a secret
ENV_NEW_PASSPHRASE = "COACHDESK_NEW_PASSPHRASE"  # noqa: S105
ENV_RECOVERY_CODE = "COACHDESK_RECOVERY_CODE"
ENV_BACKUP_PASSPHRASE = "COACHDESK_BACKUP_PASSPHRASE"  # noqa: S105

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a closed pipe


class _VersionAction(argparse.Action):
    """``--version``, with the version read only when asked for: every other command
    (the app's start-up above all) does without ``importlib.metadata``."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings,
            dest,
            nargs=0,
            default=argparse.SUPPRESS,
            help="show program's version number and exit",
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(f"coachdesk {coachdesk.installed_version()}")
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 like every other bad input."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InvalidInput(f"{message} (see 'coachdesk --help')")


# -- secrets from the environment, a file or a hidden prompt ---------------------------


MAX_SECRET_FILE_BYTES = 64 * 1024
"""A passphrase file is a line of text; anything larger is the wrong file (/dev/zero)."""


def _read_secret_file(path: str) -> str:
    """The passphrase in ``path``: UTF-8, a byte-order mark and one final newline removed
    (editors add both; neither can be part of a typed passphrase)."""
    raw = read_limited(Path(path), MAX_SECRET_FILE_BYTES, "the passphrase file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("the passphrase file is not UTF-8 text; save it as UTF-8") from None
    return text.removesuffix("\n").removesuffix("\r")


def _env_secret(name: str) -> str:
    """A secret from the environment; it must be UTF-8 (it is, unless set from a file in
    another encoding) or it could never match what was typed when it was set."""
    value = os.environ[name]
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(f"${name} is not UTF-8 text; set it again in UTF-8") from None
    return value


def _prompt(label: str) -> str:
    if not sys.stdin.isatty():
        raise InvalidInput(
            f"{label} needed: set {ENV_PASSPHRASE} (or the variable for this command), "
            "use --passphrase-file, or run in a terminal"
        )
    try:
        return getpass.getpass(f"{label}: ")
    except EOFError:
        raise InvalidInput(f"no {label.lower()} given") from None


def current_passphrase(args: argparse.Namespace) -> str:
    """The vault passphrase: environment, then --passphrase-file, then a hidden prompt."""
    if ENV_PASSPHRASE in os.environ:
        return _env_secret(ENV_PASSPHRASE)
    if args.passphrase_file:
        return _read_secret_file(args.passphrase_file)
    return _prompt("Passphrase")


def _new_secret(env: str, label: str) -> str:
    if env in os.environ:
        return _env_secret(env)
    first = _prompt(label)
    if _prompt(f"{label} (again)") != first:
        raise InvalidInput("the two passphrases differ; nothing was changed")
    return first


def new_passphrase() -> str:
    return _new_secret(ENV_NEW_PASSPHRASE, "New passphrase")


def recovery_code() -> str:
    if ENV_RECOVERY_CODE in os.environ:
        return _env_secret(ENV_RECOVERY_CODE)
    return _prompt("Recovery code")


# -- commands --------------------------------------------------------------------------


def cmd_gui(args: argparse.Namespace) -> int:
    from coachdesk.app import run_app

    return run_app(args.vault)


def cmd_init(args: argparse.Namespace) -> int:
    if ENV_PASSPHRASE in os.environ:
        passphrase = _env_secret(ENV_PASSPHRASE)
    elif args.passphrase_file:
        passphrase = _read_secret_file(args.passphrase_file)
    else:
        passphrase = _new_secret(ENV_PASSPHRASE, "Passphrase for the new vault")
    vault, code = Vault.create(args.vault, passphrase, kdf=_kdf_for_new_keys())
    vault.lock()
    print(f"Created a new vault in {args.vault}")
    print()
    print(f"  Recovery code:  {code}")
    print()
    print("Write this code down and keep it offline, away from the laptop (a safe, not a")
    print("cloud note). It is the only way back in if the passphrase is forgotten, and it")
    print("will not be shown again.")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with _unlocked_vault(args) as vault:
        problems = vault.check()
    if problems:
        for problem in problems[:20]:
            print(f"coachdesk: {problem}", file=sys.stderr)
        raise IntegrityFailure(
            f"the vault failed its integrity check ({len(problems)} problem(s)); "
            "restore it from a backup"
        )
    print("Vault OK: passphrase, header and every database page check out.")
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace) -> int:
    old = current_passphrase(args)
    with _unlock(args, old) as vault:
        vault.change_passphrase(old, new_passphrase(), kdf=_kdf_for_new_keys())
    print("Passphrase changed. The recovery code stays the same.")
    print(
        "Backups and copies of vault.key made before still open with the old passphrase. "
        "If it was exposed, also run 'coachdesk rotate-key': it revokes every old key."
    )
    return EXIT_OK


def cmd_recover(args: argparse.Namespace) -> int:
    code = recovery_code()
    with Vault.recover(
        args.vault, code, new_passphrase(), kdf=_kdf_for_new_keys(),
        accept_wal_loss=args.accept_wal_loss,
    ):  # fmt: skip
        pass
    print("New passphrase set with the recovery code. The old passphrase no longer works.")
    return EXIT_OK


def cmd_rotate_key(args: argparse.Namespace) -> int:
    from coachdesk.backup import remove_stale_snapshots

    passphrase = current_passphrase(args)
    with _unlock(args, passphrase) as vault:
        code = vault.rotate_keys(passphrase, kdf=_kdf_for_new_keys())
        remove_stale_snapshots(vault)  # a killed backup's, under the old data key
    print("Keys rotated: a new master key and a new data key; the whole database is")
    print("re-encrypted. Old copies of vault.key (in backups, anywhere) no longer open it,")
    print("with any passphrase. The passphrase stays the same. Your NEW recovery code:")
    print()
    print(f"  Recovery code:  {code}")
    print()
    print("The old recovery code no longer works. Write this one down and keep it offline;")
    print("it will not be shown again (print a new kit with 'coachdesk report recovery-kit').")
    print("Backups made before keep their own keys: delete them if they may be exposed.")
    return EXIT_OK


def _unlock(args: argparse.Namespace, passphrase: str) -> Vault:
    """Unlock ``--vault``, accepting a damaged log's loss only when asked to."""
    return Vault.unlock(args.vault, passphrase, accept_wal_loss=args.accept_wal_loss)


@contextlib.contextmanager
def _unlocked_vault(args: argparse.Namespace) -> Iterator[Vault]:
    """The vault of ``--vault``, unlocked for one command and locked afterwards."""
    with _unlock(args, current_passphrase(args)) as vault:
        yield vault


def _store_of(vault: Vault) -> Store:
    from coachdesk.vault.store import Store

    return Store(vault.connection)


@contextlib.contextmanager
def _unlocked_store(args: argparse.Namespace) -> Iterator[Store]:
    with _unlocked_vault(args) as vault:
        yield _store_of(vault)


def cmd_clients(args: argparse.Namespace) -> int:
    with _unlocked_store(args) as store:
        summaries = store.clients.summaries()
    for s in summaries:
        last = s.last_session.date().isoformat() if s.last_session else "-"
        organisation = f" ({s.organisation})" if s.organisation else ""
        print(
            f"{s.id}\t{s.name}{organisation}\t{s.status.value}\t"
            f"{s.session_count} sessions held\tlast {last}"
        )
    return EXIT_OK


def cmd_client_archive(args: argparse.Namespace) -> int:
    from coachdesk.services import clients as client_cases

    with _unlocked_store(args) as store:
        client_cases.archive_client(store, args.id)
    print(f"Archived client {args.id} (status closed; every record kept).")
    return EXIT_OK


def cmd_client_delete(args: argparse.Namespace) -> int:
    if not args.yes:
        raise InvalidInput(
            f"deleting client {args.id} erases everything recorded about them and cannot "
            "be undone: run again with --yes to confirm (or archive the client instead)"
        )
    from coachdesk.services import clients as client_cases

    with _unlocked_store(args) as store:
        client_cases.delete_client(store, args.id)
    print(f"Deleted client {args.id} and everything recorded about them (erased from the vault).")
    return EXIT_OK


def _add_client_command(sub: argparse._SubParsersAction[_Parser]) -> None:
    one = sub.add_parser("client", help="archive a client, or delete one and all their records")
    actions = one.add_subparsers(dest="client_command", metavar="ACTION", required=True)
    archive = actions.add_parser(
        "archive", help="mark a client closed (the list's archive); every record is kept"
    )
    archive.add_argument("id", type=_positive_int, metavar="ID")
    archive.set_defaults(handler=cmd_client_archive)
    delete = actions.add_parser(
        "delete",
        help="erase a client and everything of theirs, overwritten in the vault file",
        description="Erase a client and everything recorded about them: contract, sessions, "
        "notes, emotion log, feedback, disclosure log, attachments. Their text is overwritten "
        "in the vault file and its search index. It cannot be undone; --yes confirms it.",
    )
    delete.add_argument("id", type=_positive_int, metavar="ID")
    delete.add_argument("--yes", action="store_true", help="confirm the erasure")
    delete.set_defaults(handler=cmd_client_delete)


def cmd_demo(args: argparse.Namespace) -> int:
    from coachdesk.demo import demo_engagements
    from coachdesk.vault.exchange import import_engagements

    with _unlocked_store(args) as store:
        ids = import_engagements(store, [(e, []) for e in demo_engagements(date.today())])
    print(f"Added {len(ids)} fictional demo clients (ids {', '.join(map(str, ids))}).")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from coachdesk.vault.exchange import archive_name, export_text, write_export

    to_stdout = args.output == STDOUT
    output = None if to_stdout else _output_path(args.output, args)
    with _unlocked_store(args) as store:
        client_ids = None
        if args.client is not None:
            store.clients.get(args.client)  # NotFound (exit 2) for an unknown id
            client_ids = [args.client]
        if output is None:
            text, count = export_text(store, client_ids)
        else:
            count = write_export(store, output, client_ids, vault_folder=args.vault)
            ids = client_ids if client_ids is not None else store.clients.ids()
            with_files = any(store.attachments.for_client(client_id) for client_id in ids)
    if output is None:  # '-o -': the JSON on standard output, the summary on stderr
        sys.stdout.write(text)
        sys.stdout.flush()
        print(f"Exported {count} client(s) to standard output (NOT encrypted).", file=sys.stderr)
        return EXIT_OK
    archive = output.with_name(archive_name(output))
    beside = f" and their attachments to {archive}" if with_files else ""
    print(
        f"Exported {count} client(s) to {output}{beside}. The export is NOT encrypted: "
        "keep it safe."
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from coachdesk.vault.exchange import import_export, read_export

    # Validate the whole file before asking for the passphrase or touching the vault.
    contents = read_export(Path(args.file))
    with _unlocked_store(args) as store:
        ids = import_export(store, contents)
    print(f"Imported {len(ids)} client(s) as new records (ids {', '.join(map(str, ids))}).")
    return EXIT_OK


def cmd_sessions(args: argparse.Namespace) -> int:
    """One line per session, id first, with its state and n of N."""
    from coachdesk.core import attendance
    from coachdesk.services.sessions import place

    now = datetime.now()
    with _unlocked_store(args) as store:
        store.clients.get(args.client)  # NotFound (exit 2) for an unknown id
        sessions = store.sessions.for_client(args.client)
        contract = store.contracts.for_client(args.client)
    planned = contract.session_count if contract is not None else None
    for session in attendance.in_time_order(sessions):
        n = attendance.session_number(sessions, session, contract)
        print(
            f"{session.id}\t{session.started_at:%Y-%m-%d %H:%M}\t"
            f"{session.duration_minutes} min\t{place(n, planned) or '-'}\t"
            f"{attendance.state_with_rule(session, contract, now)}"
        )
    counts = attendance.session_counts(sessions, contract, now)
    print(f"# {attendance.counts_line(counts) if sessions else 'no sessions yet'}")
    return EXIT_OK


def cmd_agenda(args: argparse.Namespace) -> int:
    """The agenda of the app's Today page, as text: one line per row, client id first."""
    from coachdesk.vault.agenda import TITLES, build_agenda, lead

    today = date.today()
    with _unlocked_store(args) as store:
        agenda = build_agenda(store.conn, today, datetime.now(), days=args.days)
    for kind, items in agenda.sections.items():
        print(f"## {TITLES[kind]} ({len(items)})")
        for item in items:
            print(f"{item.client_id}\t{item.client_name}\t{lead(item, today)}\t{item.text}")
    return EXIT_OK


def cmd_calendar(args: argparse.Namespace) -> int:
    from coachdesk.vault.calendar import EventText, check_target, write_calendar

    output = check_target(Path(args.output), args.vault)
    with _unlocked_store(args) as store:
        if args.client is not None:
            store.clients.get(args.client)  # NotFound (exit 2) for an unknown id
        count = write_calendar(
            store.conn,
            output,
            today=date.today(),
            client_id=args.client,
            text=EventText(args.event_text),
            vault_dir=args.vault,
        )
    said = {
        "generic": "events say 'Coaching session' only",
        "initials": "events show the client's initials",
        "name": "events show the client's NAME: anyone who sees the calendar sees it",
    }[args.event_text]
    print(f"Wrote {count} session(s) to {output} ({said}).")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from coachdesk.vault.search import search

    text = " ".join(args.text)
    with _unlocked_store(args) as store:
        hits = search(store.conn, text, limit=args.limit, recent=None)  # complete, for scripts
    if not hits:
        print("No matches.")
    for hit in hits:
        print(
            f"{hit.client_id}\t{hit.client_name}\t{hit.kind.name.lower()} {hit.record_id}\t"
            f"{hit.title}\t{' '.join(hit.plain_snippet.split())}"
        )
    return EXIT_OK


# -- attachments -----------------------------------------------------------------------


def cmd_attach(args: argparse.Namespace) -> int:
    from coachdesk.core.attachments import format_size

    source = Path(args.file)
    dated = _date_argument(args.date) if args.date else None
    with _unlocked_store(args) as store:
        added = store.attachments.add_file(
            args.client,
            source,
            title=args.title or "",
            note=args.note or "",
            dated=dated,
            session_id=args.session,
        )
        stored = store.attachments.get(added.attachment_id)
    again = (
        " (identical content was already in the vault: stored once)" if added.deduplicated else ""
    )
    print(
        f"Attached {source.name} to client {args.client} as attachment {added.attachment_id} "
        f"({format_size(stored.size)}, encrypted in the vault){again}."
    )
    return EXIT_OK


def cmd_attachments(args: argparse.Namespace) -> int:
    from coachdesk.core.attachments import format_size

    with _unlocked_store(args) as store:
        store.clients.get(args.client)  # NotFound (exit 2) for an unknown id
        items = store.attachments.for_client(args.client)
    if not items:
        print("No attachments.")
    for item in items:
        links = [
            f"{label} {value}"
            for label, value in (
                ("session", item.session_id),
                ("contract v", item.contract_version),
                ("outcome", item.outcome_id),
                ("feedback", item.feedback_id),
            )
            if value is not None
        ]
        print(
            f"{item.id}\t{item.dated.isoformat() if item.dated else '-'}\t{item.title}\t"
            f"{item.file_name}\t{format_size(item.size)}\t{', '.join(links) or '-'}"
        )
    return EXIT_OK


def cmd_attachment_save(args: argparse.Namespace) -> int:
    from coachdesk.vault.attachments import check_copy_target

    if args.output == STDOUT:
        raise InvalidInput("an attachment cannot go to standard output ('-o -'); give a file name")
    output = _output_path(args.output, args)
    check_copy_target(output, args.vault)
    with _unlocked_store(args) as store:
        size = store.attachments.save_copy(args.id, output)
    print(f"Saved attachment {args.id} to {output} ({size} bytes).")
    print("This copy is NOT encrypted: keep it safe and delete it when done.")
    return EXIT_OK


def cmd_attachment_delete(args: argparse.Namespace) -> int:
    with _unlocked_store(args) as store:
        store.attachments.delete(args.id)
    print(f"Deleted attachment {args.id} (its content is erased unless another uses it).")
    return EXIT_OK


def _date_argument(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"--date {value!r} is not a date like 2026-03-01") from None


def _add_attachment_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    attach = sub.add_parser(
        "attach",
        help="add a file (at most 100 MB) to a client, encrypted in the vault",
        description="Add a file to a client. It is stored encrypted inside the vault; "
        "identical files are stored once.",
    )
    attach.add_argument("--client", type=_positive_int, required=True, metavar="ID")
    attach.add_argument("file", metavar="FILE")
    attach.add_argument("--title", metavar="T", help="default: the file name")
    attach.add_argument("--session", type=_positive_int, metavar="ID", help="link to a session")
    attach.add_argument("--note", metavar="TEXT")
    attach.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    attach.set_defaults(handler=cmd_attach)
    listing = sub.add_parser("attachments", help="list a client's attachments, id first")
    listing.add_argument("--client", type=_positive_int, required=True, metavar="ID")
    listing.set_defaults(handler=cmd_attachments)
    one = sub.add_parser("attachment", help="save a copy of an attachment, or delete one")
    actions = one.add_subparsers(dest="attachment_command", metavar="ACTION", required=True)
    save = actions.add_parser("save", help="write an unencrypted copy to a new file")
    save.add_argument("id", type=_positive_int, metavar="ID")
    save.add_argument("-o", "--output", required=True, metavar="FILE")
    save.set_defaults(handler=cmd_attachment_save)
    delete = actions.add_parser("delete", help="delete an attachment (erases its content)")
    delete.add_argument("id", type=_positive_int, metavar="ID")
    delete.set_defaults(handler=cmd_attachment_delete)


def _positive_int(value: str) -> int:
    """An id or a count: a whole number from 1 up to what the database can hold."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 1 <= number <= 2**63 - 1:
        raise argparse.ArgumentTypeError(f"{value} is out of range")
    return number


def _days(value: str) -> int:
    """A number of days ahead: 0 (today only) to a year."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 0 <= number <= 366:
        raise argparse.ArgumentTypeError(f"{value} is out of range (0 to 366 days)")
    return number


def _output_path(value: str, args: argparse.Namespace) -> Path:
    """The file of ``-o``, judged before any work (docs/security.md, "Output paths")."""
    return check_output_file(Path(value), vault_folder=args.vault)


def _kdf_for_new_keys() -> keys.KdfParams | None:
    """Argon2id parameters for new slots: calibrated, or the cheap test profile.

    ``COACHDESK_KDF_PROFILE=test`` exists for the test-suite and benchmarks only; it is
    still within the bounds every header is checked against.
    """
    if os.environ.get("COACHDESK_KDF_PROFILE") == "test":
        return keys.TEST_KDF
    return None


# -- reports ---------------------------------------------------------------------------

ENV_PDF_PASSWORD = "COACHDESK_PDF_PASSWORD"  # noqa: S105 - a variable name, not a secret


def cmd_report(args: argparse.Namespace) -> int:
    from coachdesk.reports import SHAREABLE, ReportKind, write_recovery_kit, write_report

    kind = ReportKind(args.kind)
    if args.output == STDOUT:
        raise InvalidInput("a PDF cannot go to standard output ('-o -'); give a file name")
    output = _output_path(args.output, args)
    if args.include_private and kind != ReportKind.CLIENT_EXPORT:
        raise InvalidInput("--include-private applies to the client-export report only")
    if kind == ReportKind.SESSION and args.session is None and args.client is None:
        raise InvalidInput(
            "a session summary needs --session ID, or --client ID for the latest session "
            "held (see 'coachdesk sessions --client ID')"
        )
    if kind not in (ReportKind.SESSION, ReportKind.RECOVERY_KIT) and args.client is None:
        raise InvalidInput(f"the {kind.value} report needs --client ID (see 'coachdesk clients')")
    password = _pdf_password() if args.protect else None
    paper = args.paper
    with _unlocked_vault(args) as vault:
        if kind == ReportKind.RECOVERY_KIT:
            code = recovery_code()
            vault.check_recovery_code(code)  # a kit with a wrong code would be worse than none
            write_recovery_kit(
                code, str(args.vault), output, today=date.today(), page_size=paper,
                password=password,
            )  # fmt: skip
        else:
            store = _store_of(vault)
            client_id = args.client
            if kind == ReportKind.SESSION and args.session is not None:
                client_id = store.sessions.get(args.session).client_id
                if args.client is not None and args.client != client_id:
                    raise InvalidInput("that session belongs to another client")
            elif args.session is not None:
                raise InvalidInput("--session applies to the session report only")
            engagement = store.load_engagement(client_id)
            if kind in SHAREABLE:
                _share(store, kind.value, engagement, output, args, paper, password)
            else:
                if args.audience is not None:
                    raise InvalidInput(f"--audience applies to shareable reports, not {kind.value}")
                write_report(
                    kind,
                    engagement,
                    output,
                    today=date.today(),
                    page_size=paper,
                    session_id=args.session,
                    include_private=args.include_private,
                    coach_name=args.coach or "",
                    password=password,
                    contract_versions=store.contract_versions(engagement),
                )
    protected = " (password-protected)" if password else ""
    print(f"Wrote the {kind.value} report to {output}{protected}.")
    return EXIT_OK


def _share(
    store: Store,
    kind: str,
    engagement: Engagement,
    output: Path,
    args: argparse.Namespace,
    paper: str,
    password: str | None,
) -> None:
    """A shareable report: only what its audience may see, logged as a disclosure."""
    from coachdesk.core.sharing import (
        REPORT_AUDIENCE,
        confirm_sponsor_items,
        milestone_ref,
        needs_sponsor_confirmation,
        outcome_ref,
        report_copy,
    )
    from coachdesk.reports.share import share_report

    which = report_copy(kind, args.audience)
    contract = engagement.contract
    if args.sponsor_confirmed:
        if REPORT_AUDIENCE[which] != Audience.SPONSOR or contract is None:
            raise InvalidInput("--sponsor-confirmed applies to sponsor documents of a contract")
        if needs_sponsor_confirmation(engagement, which):
            marked = [
                outcome_ref(o, i) for i, o in enumerate(contract.outcomes, 1)
                if o.audience == Audience.SPONSOR
            ] + [
                milestone_ref(m, i) for i, m in enumerate(contract.milestones, 1)
                if m.audience == Audience.SPONSOR
            ]  # fmt: skip
            confirm_sponsor_items(contract, marked, date.today())
            store.contracts.save(contract)
    entry = share_report(
        store,
        kind,
        engagement,
        output,
        today=date.today(),
        audience=args.audience,
        session_id=args.session,
        approved_on=args.approved_on,
        page_size=paper,
        coach_name=args.coach or "",
        password=password,
    )
    approval = (
        f"client approved on {entry.approved_on.isoformat()}"
        if entry.approved_on
        else "no client approval recorded"
    )
    print(
        f"Logged in the disclosure log: {len(entry.item_ids)} item(s) for the "
        f"{entry.audience.value} ({approval})."
    )


def cmd_disclosures(args: argparse.Namespace) -> int:
    """The client's disclosure log: what was shared, when, with whom (never content)."""
    from coachdesk.core.sharing import REPORT_NAMES

    with _unlocked_store(args) as store:
        store.clients.get(args.client)
        entries = store.disclosures.for_client(args.client)
    if not entries:
        print("Nothing has been shared about this client.")
    for entry in entries:
        approved = f"approved {entry.approved_on.isoformat()}" if entry.approved_on else "-"
        print(
            f"{entry.at.isoformat(sep=' ')}\t{REPORT_NAMES[entry.kind]}\t{entry.audience.value}"
            f"\t{entry.action.value}\t{approved}\t{' '.join(entry.item_ids) or '-'}"
        )
    return EXIT_OK


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, not {value!r}") from None


def _pdf_password() -> str:
    if ENV_PDF_PASSWORD in os.environ:
        password = _env_secret(ENV_PDF_PASSWORD)
    else:
        password = _new_secret(ENV_PDF_PASSWORD, "PDF password")
    if not password:
        raise InvalidInput(f"--protect needs a password (set {ENV_PDF_PASSWORD})")
    return password


def _add_report_command(sub: argparse._SubParsersAction[_Parser]) -> None:
    kinds = ["session", "contract", "progress", "sponsor", "client-export", "recovery-kit"]
    report = sub.add_parser(
        "report",
        help="write a PDF: " + ", ".join(kinds),
        description="Write a PDF report. Private notes appear only in client-export, and "
        "only with --include-private.",
    )
    report.add_argument("kind", choices=kinds, metavar="KIND", help=" | ".join(kinds))
    report.add_argument(
        "--client", type=_positive_int, metavar="ID", help="the client (see 'clients')"
    )
    report.add_argument(
        "--session",
        type=_positive_int,
        metavar="ID",
        help="the session (session report; default: the latest session held of --client)",
    )
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    report.add_argument("--paper", choices=["a4", "letter"], default="a4")
    report.add_argument("--coach", metavar="NAME", help="your name, for contracts and footers")
    report.add_argument(
        "--include-private", action="store_true", help="client-export: include private notes"
    )
    report.add_argument(
        "--protect",
        action="store_true",
        help=f"encrypt the PDF (AES-256); password from ${ENV_PDF_PASSWORD} or a prompt",
    )
    report.add_argument(
        "--audience",
        choices=["client", "sponsor"],
        help="contract: client (full copy, default) or sponsor (three-way copy)",
    )
    report.add_argument(
        "--sponsor-confirmed",
        action="store_true",
        help="sponsor documents: confirm that the items marked for the sponsor are right "
        "(asked once per client, e.g. after an upgrade)",
    )
    report.add_argument(
        "--approved-on",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="record that the client approved this report on that day",
    )
    report.set_defaults(handler=cmd_report)
    log = sub.add_parser(
        "disclosures",
        help="what was shared about a client, when and with whom",
        description="The client's disclosure log: every shared report, its audience and "
        "item ids, never its content.",
    )
    log.add_argument("--client", type=_positive_int, required=True, metavar="ID")
    log.set_defaults(handler=cmd_disclosures)


# -- backups ---------------------------------------------------------------------------


def _backup_passphrase(args: argparse.Namespace) -> str:
    """The passphrase of an existing backup: its own variable, else the vault's sources."""
    if ENV_BACKUP_PASSPHRASE in os.environ:
        return _env_secret(ENV_BACKUP_PASSPHRASE)
    if ENV_PASSPHRASE in os.environ:
        return _env_secret(ENV_PASSPHRASE)
    if args.passphrase_file:
        return _read_secret_file(args.passphrase_file)
    return _prompt("Backup passphrase")


def cmd_backup_create(args: argparse.Namespace) -> int:
    from coachdesk.backup import backup_name, create_backup
    from coachdesk.backup.rotation import vault_id_of

    if args.output == STDOUT:
        raise InvalidInput("a backup cannot go to standard output ('-o -'); give a file name")
    output = Path(args.output)
    if output.is_dir():  # a folder: a dated name inside it, as automatic backups use
        output = output / backup_name(datetime.now(UTC), vault_id_of(Path(args.vault)))
    output = _output_path(str(output), args)
    passphrase = current_passphrase(args)
    # The backup is protected by the vault passphrase unless the coach chose another.
    backup_secret = (
        _env_secret(ENV_BACKUP_PASSPHRASE) if ENV_BACKUP_PASSPHRASE in os.environ else passphrase
    )
    with _unlock(args, passphrase) as vault:
        info = create_backup(vault, output, backup_secret, kdf=_kdf_for_new_keys())
    print(f"Backup written to {output} ({_megabytes(info.file_size)}).")
    print(f"Check it at any time with: coachdesk backup verify {output}")
    return EXIT_OK


def cmd_backup_verify(args: argparse.Namespace) -> int:
    from coachdesk.backup import verify_backup

    info = verify_backup(Path(args.file), _backup_passphrase(args))
    print(
        f"Backup OK: {args.file}, made {info.created_at} by CoachDesk {info.app_version} "
        f"({_megabytes(info.database_size)} database); every chunk and every database "
        "page checks out."
    )
    return EXIT_OK


def cmd_backup_restore(args: argparse.Namespace) -> int:
    from coachdesk.backup import restore_backup

    info = restore_backup(Path(args.file), _backup_passphrase(args), Path(args.into))
    print(f"Restored the backup of {info.created_at} into {args.into}.")
    print(
        "Open it with the vault passphrase (or the recovery code) that was current when "
        f"the backup was made: coachdesk --vault {args.into} check"
    )
    return EXIT_OK


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _add_backup_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    backup = sub.add_parser(
        "backup",
        help="encrypted single-file backups: create, verify, restore",
        description=(
            "Encrypted single-file backups. The backup passphrase is "
            f"${ENV_BACKUP_PASSPHRASE}, else the vault passphrase "
            f"(${ENV_PASSPHRASE}, --passphrase-file or a hidden prompt)."
        ),
    )
    actions = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="back up the vault of --vault into one file")
    create.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the backup file (or a folder)"
    )
    create.set_defaults(handler=cmd_backup_create)
    verify = actions.add_parser("verify", help="check every byte of a backup and its database")
    verify.add_argument("file", metavar="FILE")
    verify.set_defaults(handler=cmd_backup_verify)
    restore = actions.add_parser("restore", help="restore a backup as a new vault")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument(
        "--into", required=True, metavar="DIR", help="a new or empty folder for the vault"
    )
    restore.set_defaults(handler=cmd_backup_restore)


# -- worksheets (docs/worksheets.md) -----------------------------------------------------

WORKSHEET_KINDS = ["emotion-log", "session-prep", "feedback-request"]


def cmd_worksheet(args: argparse.Namespace) -> int:
    if args.kind == "import":
        return _import_worksheet(args)
    from coachdesk.reports.worksheets import issue_worksheet, write_worksheet

    if args.file is not None or args.dry_run:
        raise InvalidInput("FILE and --dry-run belong to 'coachdesk worksheet import FILE.pdf'")
    if args.client is None or args.output is None:
        raise InvalidInput(f"'worksheet {args.kind}' needs --client ID and -o FILE.pdf")
    if args.rows is not None and args.kind != "emotion-log":
        raise InvalidInput("--rows applies to the emotion-log worksheet only")
    if args.output == STDOUT:
        raise InvalidInput("a PDF cannot go to standard output ('-o -'); give a file name")
    output = _output_path(args.output, args)
    password = _pdf_password() if args.protect else None
    with _unlocked_vault(args) as vault:
        data = issue_worksheet(
            vault.connection, vault.worksheet_key(), args.kind, args.client,
            today=date.today(), rows=args.rows or 7, page_size=args.paper, password=password,
        )  # fmt: skip
        write_worksheet(output, data)
    protected = " (password-protected)" if password else ""
    print(f"Wrote the {args.kind} worksheet to {output}{protected}.")
    return EXIT_OK


def _import_worksheet(args: argparse.Namespace) -> int:
    from coachdesk.reports.worksheet_import import (
        describe,
        is_protected,
        plan_import,
        read_worksheet_file,
        store_import,
    )

    if args.file is None:
        raise InvalidInput("give the filled-in worksheet: 'coachdesk worksheet import FILE.pdf'")
    data = read_worksheet_file(args.file)  # before the passphrase: a bad file changes nothing
    password = None
    if is_protected(data):
        password = os.environ.get(ENV_PDF_PASSWORD) or _prompt("Worksheet password")
    with _unlocked_vault(args) as vault:
        plan = plan_import(
            vault.connection, vault.worksheet_key(), data, today=date.today(),
            password=password, client_id=args.client,
        )  # fmt: skip
        verb = "Would add" if args.dry_run else "Adding"
        print(f"{verb} from the {plan.kind.value} worksheet of client {plan.client.id} "
              f"({plan.client.name}):")  # fmt: skip
        for proposal in plan.proposals:
            print(f"- {proposal.where}")
            for label, value in describe(plan, proposal.record):
                print(f"    {label}: {' / '.join(value.splitlines())}")
        if args.dry_run:
            print("Dry run: nothing was written.")
            return EXIT_OK
        count = store_import(
            vault.connection, plan, [p.record for p in plan.proposals], now=datetime.now()
        )
    print(f"Imported {count} record(s) from the worksheet.")
    return EXIT_OK


def _add_worksheet_command(sub: argparse._SubParsersAction[_Parser]) -> None:
    choices = [*WORKSHEET_KINDS, "import"]
    sheet = sub.add_parser(
        "worksheet",
        help="fillable PDF for a client: " + ", ".join(WORKSHEET_KINDS) + "; or import one",
        description="Write a fillable worksheet PDF (KIND --client ID -o FILE.pdf), or read "
        "a filled-in one back (import FILE.pdf [--dry-run]).",
    )
    sheet.add_argument("kind", choices=choices, metavar="KIND", help=" | ".join(choices))
    sheet.add_argument("file", nargs="?", metavar="FILE.pdf", help="import: the filled-in PDF")
    sheet.add_argument("--client", type=_positive_int, metavar="ID", help="the client")
    sheet.add_argument("-o", "--output", metavar="FILE.pdf")
    sheet.add_argument(
        "--rows", type=_positive_int, metavar="N", help="emotion-log entries (default 7)"
    )
    sheet.add_argument("--paper", choices=["a4", "letter"], default="a4")
    sheet.add_argument(
        "--protect",
        action="store_true",
        help=f"encrypt the PDF (AES-256); password from ${ENV_PDF_PASSWORD} or a prompt",
    )
    sheet.add_argument(
        "--dry-run", action="store_true", help="import: show what would be added, write nothing"
    )
    sheet.set_defaults(handler=cmd_worksheet)


# -- parser and main -------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coachdesk",
        description="CoachDesk: an encrypted, offline workspace for coaches.",
        epilog=(
            f"Passphrases come from ${ENV_PASSPHRASE}, --passphrase-file or a hidden prompt; "
            f"new ones from ${ENV_NEW_PASSPHRASE}; the recovery code from ${ENV_RECOVERY_CODE}. "
            "Exit codes: 0 ok, 1 internal error, 2 bad input, 3 wrong passphrase, "
            "4 vault in use, 5 integrity failure."
        ),
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation (vault, PDF, backup, GUI offscreen) in a temp folder",
    )
    parser.add_argument(
        "--vault",
        type=Path,
        default=None,
        metavar="DIR",
        help="vault folder (default: $COACHDESK_VAULT or the user data folder)",
    )
    parser.add_argument(
        "--passphrase-file", metavar="FILE", help="read the vault passphrase from FILE"
    )
    parser.add_argument(
        ACCEPT_WAL_LOSS_FLAG,
        action="store_true",
        help="open a vault whose write-ahead log is damaged, losing the changes after "
        "the damage (a copy of the log is kept); prefer restoring a backup",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands: list[tuple[str, str, Callable[[argparse.Namespace], int]]] = [
        ("gui", "launch the app (the default)", cmd_gui),
        ("init", "create a new vault; prints the recovery code once", cmd_init),
        ("check", "unlock and verify the vault's integrity", cmd_check),
        ("passwd", "change the passphrase", cmd_passwd),
        ("recover", "set a new passphrase with the recovery code", cmd_recover),
        (
            "rotate-key",
            "revoke every old key: new master and data keys, a new recovery code",
            cmd_rotate_key,
        ),
    ]
    for name, help_text, handler in commands:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(handler=handler)

    demo = sub.add_parser("demo", help="add fictional demo clients")
    demo.set_defaults(handler=cmd_demo)
    clients = sub.add_parser("clients", help="list clients, one line each, id first")
    clients.set_defaults(handler=cmd_clients)
    export = sub.add_parser("export", help="export clients to JSON (unencrypted)")
    export.add_argument("--client", type=_positive_int, metavar="ID", help="only this client")
    export.add_argument(
        "-o", "--output", required=True, metavar="FILE.json", help="the file, or - for stdout"
    )
    export.set_defaults(handler=cmd_export)
    imp = sub.add_parser("import", help="add the clients of an export as new records")
    imp.add_argument("file", metavar="FILE.json")
    imp.set_defaults(handler=cmd_import)
    sessions = sub.add_parser(
        "sessions", help="list a client's sessions, one line each, id first, with state"
    )
    sessions.add_argument("--client", type=_positive_int, required=True, metavar="ID")
    sessions.set_defaults(handler=cmd_sessions)
    agenda = sub.add_parser(
        "agenda", help="today across all clients: sessions, due actions, warnings"
    )
    agenda.add_argument(
        "--days", type=_days, default=7, metavar="N", help="sessions and due actions N days ahead"
    )
    agenda.set_defaults(handler=cmd_agenda)
    calendar = sub.add_parser(
        "calendar",
        help="write planned sessions as an iCalendar (.ics) file",
        description="Write planned sessions (one client's or all) as an .ics file for your "
        "calendar app. Exporting again updates the same events. By default an event says "
        "'Coaching session' and nothing about the client.",
    )
    calendar.add_argument("-o", "--output", required=True, metavar="FILE.ics")
    calendar.add_argument("--client", type=_positive_int, metavar="ID", help="only this client")
    calendar.add_argument(
        "--event-text",
        choices=["generic", "initials", "name"],
        default="generic",
        help="what events say about the client (default: nothing)",
    )
    calendar.set_defaults(handler=cmd_calendar)
    find = sub.add_parser("search", help="full-text search over everything")
    find.add_argument("text", nargs="+", metavar="TEXT")
    find.add_argument("--limit", type=_positive_int, default=50, help="at most this many results")
    find.set_defaults(handler=cmd_search)
    _add_client_command(sub)
    _add_attachment_commands(sub)
    _add_backup_commands(sub)
    _add_report_command(sub)
    _add_worksheet_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    harden_process()
    try:
        args = build_parser().parse_args(argv)
        if args.self_test:  # before anything looks at a vault: it uses a temp one
            from coachdesk.selftest import run_self_test

            return run_self_test()
        if args.vault is None:
            args.vault = default_vault_dir()
        handler = getattr(args, "handler", cmd_gui)
        return int(handler(args))
    except BrokenPipeError:
        # The reader stopped early (`coachdesk agenda | head`): not an error to report.
        # Point stdout at nothing so that Python's flush at exit cannot fail again.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except (Exception, KeyboardInterrupt) as exc:  # every failure: one line and a code
        failure = explain(exc)
        print(f"coachdesk: {failure.message}", file=sys.stderr)
        return failure.exit_code
