"""CoachDesk's benchmark suite: one command, one table, one JSON file.

    python bench/run.py [--scale smoke|medium|full] [--json FILE] [--only NAME,…]
    python3 dev.py bench [same options]

Generates (or reuses, from bench/.cache/) a large vault (bench/generate.py) and measures
what a coach waits for: starting the app, unlocking, the client list, opening the
largest client's workspace with every tab filled, search, every report, backups against
a plain file copy, SQLCipher against plain SQLite on the same workload, and the app's
peak memory. docs/performance.md explains each figure and keeps the latest results.

Timings are medians over repetitions (wall clock, ``time.perf_counter``). Nothing here
asserts a speed: the table marks each figure against its target, and the JSON carries
the figures, the targets and the machine (CPU, RAM, load average before and after).

Groups for ``--only``: startup, rss, unlock, gui, search, agenda, reports, ratio, backup,
storage. ``unlock`` and ``storage`` work on a private copy of the vault; the others
open the (cached) vault itself.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlcipher3

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_backup import measure_backup  # noqa: E402
from generate import SCALES, GeneratedVault, cached_vault, generate  # noqa: E402

from coachdesk.reports import ReportKind, render_report  # noqa: E402
from coachdesk.vault.agenda import build_agenda  # noqa: E402
from coachdesk.vault.exchange import write_export  # noqa: E402
from coachdesk.vault.migrations import migrate  # noqa: E402
from coachdesk.vault.search import search  # noqa: E402
from coachdesk.vault.store import Store  # noqa: E402
from coachdesk.vault.vault import DB_NAME, Vault, connect  # noqa: E402

REQUIRED_KEYS = (
    "startup_to_unlock_ms",
    "unlock_without_kdf_ms",
    "client_list_ms",
    "open_workspace_ms",
    "search_p50_ms",
    "search_p95_ms",
    "agenda_ms",
    "session_pdf_ms",
    "contract_pdf_ms",
    "progress_pdf_ms",
    "sponsor_pdf_ms",
    "client_export_pdf_ms",
    "backup_mb_s",
    "copy_mb_s",
    "backup_vs_copy_ratio",
    "sqlcipher_vs_sqlite_warm_ratio",
    "sqlcipher_vs_sqlite_cold_ratio",
    "peak_rss_mb",
    "unlock_to_workspace_ms",
    "save_session_ms",
    "db_bytes_per_text_byte",
    "export_json_mb_s",
)
"""Every full run writes at least these, each a finite number."""

TARGETS: dict[str, tuple[str, float]] = {
    "open_workspace_ms": ("<=", 100),
    "open_client_overview_only_ms": ("<=", 40),
    "search_p95_ms": ("<=", 30),
    "search_frequent_words_median_ms": ("<=", 40),
    "backup_vs_copy_ratio": (">=", 0.5),
    "startup_to_unlock_ms": ("<=", 400),
    "unlock_to_workspace_ms": ("<=", 150),
    "agenda_ms": ("<=", 50),
    "peak_rss_mb": ("<=", 200),
    "save_session_ms": ("<=", 5),
    "db_bytes_per_text_byte": ("<=", 2.0),
    "export_json_mb_s": (">=", 60),
    "sqlcipher_vs_sqlite_warm_ratio": ("<=", 1.5),
}
"""Targets at full scale (issue 17); smaller scales are marked against them too."""

GROUPS = (
    "startup", "rss", "unlock", "gui", "search", "agenda", "reports", "ratio", "backup",
    "storage",
)  # fmt: skip

# Words nobody types into a search box; the query set is drawn from the rest.
_STOP_WORDS = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "against",
        "also",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "could",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "even",
        "every",
        "from",
        "further",
        "have",
        "having",
        "here",
        "hers",
        "herself",
        "himself",
        "into",
        "itself",
        "just",
        "more",
        "most",
        "much",
        "must",
        "myself",
        "once",
        "only",
        "other",
        "ought",
        "ours",
        "over",
        "same",
        "should",
        "some",
        "such",
        "than",
        "that",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "very",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "whom",
        "with",
        "would",
        "your",
        "yours",
        "yourself",
        "will",
        "shall",
    ]
)

Log = Callable[[str], None]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _median_ms(samples: Sequence[float]) -> float:
    return statistics.median(samples) * 1000


def _timed(job: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        job()
        samples.append(time.perf_counter() - started)
    return samples


def _percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (no interpolation): a value that was really measured."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


# -- the machine -------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = int(line.split()[1]) / 1024 / 1024
                break
    except OSError:
        pass
    probe = sqlcipher3.connect(":memory:")
    try:
        engine = probe.execute("SELECT sqlite_version()").fetchone()[0]
        cipher = probe.execute("PRAGMA cipher_version").fetchone()[0]
    finally:
        probe.close()
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(ram_gb, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sqlcipher": f"{cipher} (SQLite {engine})",
        "stdlib_sqlite": sqlite3.sqlite_version,
        "commit": commit,
    }


# -- the vault and the queries -----------------------------------------------------------


def queries(info: GeneratedVault, count: int, seed: int = 20) -> list[str]:
    """``count`` searches as a coach types them: one to three real words from the notes
    (the app matches the last one as a prefix), stop words left out."""
    rng = random.Random(seed)
    words = [w for w in info.vocabulary if w not in _STOP_WORDS]
    out = []
    for _ in range(count):
        n = rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
        out.append(" ".join(rng.sample(words, n)))
    return out


def frequent_words(conn: Any, info: GeneratedVault, count: int) -> list[str]:
    """The content words that match the most records: the slowest single-word searches."""
    words = [w for w in info.vocabulary if w not in _STOP_WORDS]
    sizes = []
    for word in words:
        n = conn.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH ?", (f'"{word}"',)
        ).fetchone()[0]
        sizes.append((int(n), word))
    return [word for _n, word in sorted(sizes, reverse=True)[:count]]


def exported_copy(info: GeneratedVault, target: Path, key: bytes | None, log: Log) -> Path:
    """A copy of the vault's database for the SQLCipher/SQLite comparison: encrypted
    with the vault's data key (``key``), or plain (None). Cached beside the vault.

    Both copies are made the same way, so they have the same physical layout (the
    vault itself grew record by record; a copy is written table by table): exported by
    SQLCipher (``sqlcipher_export`` into an attached database), then the search index
    rebuilt without FTS5's secure-delete option, whose file format (version 5) the older
    SQLite of Python's ``sqlite3`` cannot read (same schema, rows and tokens otherwise),
    then VACUUM. Only fictional bench data ever lands in the plain copy.
    """
    if target.is_file():
        return target
    log(f"making the {'encrypted' if key else 'plain'} copy for the encryption comparison …")
    scratch = target.with_name(target.name + f".building-{os.getpid()}")
    scratch.unlink(missing_ok=True)
    with Vault.unlock(info.path, info.passphrase) as vault:
        conn = vault.connection
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        secret = f"\"x'{key.hex()}'\"" if key else "''"
        conn.execute(f"ATTACH DATABASE ? AS copy KEY {secret}", (str(scratch),))
        conn.execute("SELECT sqlcipher_export('copy')")
        conn.execute("DETACH DATABASE copy")
    copy = connect(scratch, key) if key else sqlcipher3.connect(str(scratch), isolation_level=None)
    try:
        copy.execute("PRAGMA journal_mode = DELETE").fetchone()
        sql = copy.execute("SELECT sql FROM sqlite_master WHERE name = 'search_index'").fetchone()
        copy.execute("BEGIN")
        copy.execute(sql[0].replace("search_index", "search_rebuilt", 1))
        copy.execute(
            "INSERT INTO search_rebuilt (rowid, kind, record_id, client_id, title, body) "
            "SELECT rowid, kind, record_id, client_id, title, body FROM search_index"
        )
        copy.execute("DROP TABLE search_index")
        copy.execute("PRAGMA legacy_alter_table = ON")  # the triggers name search_index
        copy.execute("ALTER TABLE search_rebuilt RENAME TO search_index")
        copy.execute(f"PRAGMA user_version = {version}")
        copy.execute("COMMIT")
        copy.execute("VACUUM")
    finally:
        copy.close()
    scratch.rename(target)
    return target


# -- measurements --------------------------------------------------------------------------


def measure_startup(info: GeneratedVault, repeat: int, work: Path, log: Log) -> dict[str, Any]:
    """Process start to the unlock page painted: ``python -m coachdesk --vault DIR`` with
    the offscreen platform and the app's bench hook (COACHDESK_BENCH_EXIT_WHEN_READY)."""
    log(f"startup to the unlock page ({repeat} launches) …")
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        COACHDESK_BENCH_EXIT_WHEN_READY="1",
        XDG_CONFIG_HOME=str(work / "config"),  # never the coach's own settings
    )
    env.pop("COACHDESK_PASSPHRASE", None)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "coachdesk", "--vault", str(info.path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert process.stdout is not None
        ready = None
        for line in process.stdout:
            if line.startswith("COACHDESK_READY"):
                ready = time.perf_counter()
                page = line.split()[-1]
                break
        process.stdout.close()
        if process.wait(timeout=60) != 0 or ready is None:
            raise RuntimeError("the app did not report its unlock page")
        if page != "unlock":
            raise RuntimeError(f"the app showed the {page} page, not the unlock page")
        samples.append(ready - started)
    return {
        "startup_to_unlock_ms": _median_ms(samples),
        "startup_to_unlock_first_ms": samples[0] * 1000,
    }


def measure_unlock(info: GeneratedVault, repeat: int, log: Log) -> dict[str, Any]:
    """Open the database with the data key (no Argon2id), check the schema version, run a
    first query: what unlocking costs beyond the key derivation."""
    log("unlock without the KDF …")
    with Vault.unlock(info.path, info.passphrase) as vault:
        key = vault.data_key()
    db = info.path / DB_NAME

    def job() -> None:
        conn = connect(db, key)
        try:
            migrate(conn)
            conn.execute("SELECT count(*) FROM clients").fetchone()
        finally:
            conn.close()

    job()
    samples = _timed(job, repeat)
    started = time.perf_counter()
    Vault.unlock(info.path, info.passphrase).lock()
    return {
        "unlock_without_kdf_ms": _median_ms(samples),
        "unlock_with_test_kdf_ms": (time.perf_counter() - started) * 1000,
    }


def measure_search(
    info: GeneratedVault, count: int, log: Log
) -> tuple[dict[str, Any], dict[str, Any]]:
    """``count`` searches as the app runs them (``search(conn, text, limit=100)``, the
    search dialog's call) on one connection, after 20 warm-up searches; then the ten
    content words that match the most records, as a stress figure."""
    log(f"search ({count} queries) …")
    with Vault.unlock(info.path, info.passphrase) as vault:
        conn = vault.connection
        for text in queries(info, 20, seed=99):
            search(conn, text, limit=100)
        samples = []
        hits = 0
        for text in queries(info, count):
            started = time.perf_counter()
            hits += len(search(conn, text, limit=100))
            samples.append(time.perf_counter() - started)
        frequent = frequent_words(conn, info, 10)
        stress = []
        for word in frequent:
            started = time.perf_counter()
            search(conn, word, limit=100)
            stress.append(time.perf_counter() - started)
    return {
        "search_p50_ms": _percentile(samples, 0.50) * 1000,
        "search_p95_ms": _percentile(samples, 0.95) * 1000,
        "search_max_ms": max(samples) * 1000,
        "search_mean_hits": hits / count,
        "search_frequent_words_median_ms": _median_ms(stress),
    }, {"search_frequent_words": frequent}


def measure_agenda(info: GeneratedVault, repeat: int, log: Log) -> dict[str, Any]:
    """The Today page's data across every client, as the app loads it after unlocking
    (``build_agenda``: one query per kind, the progress status of every open contract)."""
    log("agenda across every client …")
    today = date.fromisoformat(info.today)
    now = datetime.combine(today, datetime.min.time()).replace(hour=12)
    with Vault.unlock(info.path, info.passphrase) as vault:
        conn = vault.connection
        rows: list[int] = []

        def job() -> None:
            rows.append(len(build_agenda(conn, today, now).items()))

        job()  # first run: pages into the cache, as after unlocking
        samples = _timed(job, repeat)
        cpu = []  # CPU time of this process: what the figure is when the machine is busy
        for _ in range(repeat):
            started = time.process_time()
            job()
            cpu.append(time.process_time() - started)
    return {
        "agenda_ms": _median_ms(samples),
        "agenda_cpu_ms": _median_ms(cpu),
        "agenda_rows": rows[-1],
    }


REPORTS = (
    ("session_pdf_ms", ReportKind.SESSION),
    ("contract_pdf_ms", ReportKind.CONTRACT),
    ("progress_pdf_ms", ReportKind.PROGRESS),
    ("sponsor_pdf_ms", ReportKind.SPONSOR),
    ("client_export_pdf_ms", ReportKind.CLIENT_EXPORT),
)


def measure_reports(info: GeneratedVault, repeat: int, log: Log) -> dict[str, Any]:
    """Each report of the largest client as the app makes it: load the engagement from
    the vault, then render the PDF (the session summary: the latest session held)."""
    log("reports for the largest client …")
    today = date.fromisoformat(info.today)
    out: dict[str, Any] = {}
    with Vault.unlock(info.path, info.passphrase) as vault:
        store = Store(vault.connection)
        client = info.largest_client_id
        for key, kind in REPORTS:
            pages: list[int] = []

            def job(kind: ReportKind = kind, pages: list[int] = pages) -> None:
                engagement = store.load_engagement(client)
                pdf = render_report(kind, engagement, today=today)
                pages.append(len(re.findall(rb"/Type\s*/Page[^s]", pdf)))

            times = 1 if kind == ReportKind.CLIENT_EXPORT else repeat
            job()  # fonts, imports and caches: the app pays that once per session
            out[key] = _median_ms(_timed(job, times))
            out[key.replace("_ms", "_pages")] = pages[-1]
        load = _timed(lambda: store.load_engagement(client), repeat)
        out["load_engagement_ms"] = _median_ms(load)
    return out


def _plain_connect(path: Path, like: Any) -> sqlite3.Connection:
    """A stdlib sqlite3 connection with the same pragmas as the vault's connection."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    for pragma in ("foreign_keys", "secure_delete", "temp_store", "synchronous", "cache_size"):
        value = like.execute(f"PRAGMA {pragma}").fetchone()[0]
        conn.execute(f"PRAGMA {pragma} = {int(value)}")
    conn.execute("PRAGMA journal_mode = WAL").fetchone()
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def _unkeyed_connect(path: Path, like: Any) -> Any:
    """The same SQLite build as the vault's (sqlcipher3), on the plain file, no key."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    for pragma in ("foreign_keys", "secure_delete", "temp_store", "synchronous", "cache_size"):
        value = like.execute(f"PRAGMA {pragma}").fetchone()[0]
        conn.execute(f"PRAGMA {pragma} = {int(value)}")
    conn.execute("PRAGMA journal_mode = WAL").fetchone()
    return conn


def measure_ratio(
    info: GeneratedVault, encrypted: Path, plain: Path, key: bytes, repeat: int, log: Log
) -> dict[str, Any]:
    """The same repository workload on SQLCipher and on plain SQLite, on two copies of the
    vault made alike (:func:`exported_copy`), with the app's connection settings.

    Workload: the client list, five whole engagements (the largest client and four
    others), twenty searches. Warm: one connection, timed after a first pass. Cold: a
    fresh connection (empty SQLite page cache) for every pass; the operating system's
    file cache stays warm in both, as on a laptop in use. The three engines take turns
    (SQLCipher, stdlib SQLite, SQLCipher's own SQLite without a key), medians reported.
    """
    log("SQLCipher against plain SQLite …")
    rng = random.Random(5)
    with Vault.unlock(info.path, info.passphrase) as vault:
        ids = Store(vault.connection).clients.ids()
    client_ids = [info.largest_client_id, *rng.sample(ids, min(4, len(ids)))]
    texts = queries(info, 20, seed=7)

    def workload(conn: Any) -> None:
        store = Store(conn)
        store.clients.summaries()
        for client_id in client_ids:
            store.load_engagement(client_id)
        for text in texts:
            search(conn, text, limit=100)

    reference = connect(encrypted, key)

    def opener(kind: str) -> Callable[[], Any]:
        if kind == "sqlcipher":
            return lambda: connect(encrypted, key)
        if kind == "sqlite":
            return lambda: _plain_connect(plain, reference)
        return lambda: _unkeyed_connect(plain, reference)

    kinds = ("sqlcipher", "sqlite", "unkeyed")
    warm: dict[str, list[float]] = {kind: [] for kind in kinds}
    cold: dict[str, list[float]] = {kind: [] for kind in kinds}
    openers = {kind: opener(kind) for kind in kinds}
    connections = {kind: open_() for kind, open_ in openers.items()}
    try:
        for conn in connections.values():
            workload(conn)  # warm each page cache once
        # Interleaved, so a burst of load elsewhere on the machine hits all three alike.
        for _ in range(repeat):
            for kind in kinds:
                warm[kind] += _timed(lambda conn=connections[kind]: workload(conn), 1)

                def cold_pass(open_: Callable[[], Any] = openers[kind]) -> None:
                    conn = open_()
                    try:
                        workload(conn)
                    finally:
                        conn.close()

                cold[kind] += _timed(cold_pass, 1)
    finally:
        for conn in connections.values():
            conn.close()
        reference.close()
    results = {
        kind: {"warm": statistics.median(warm[kind]), "cold": statistics.median(cold[kind])}
        for kind in kinds
    }
    c, s, u = results["sqlcipher"], results["sqlite"], results["unkeyed"]
    return {
        "sqlcipher_vs_sqlite_warm_ratio": c["warm"] / s["warm"],
        "sqlcipher_vs_sqlite_cold_ratio": c["cold"] / s["cold"],
        "sqlcipher_vs_unkeyed_warm_ratio": c["warm"] / u["warm"],
        "sqlcipher_vs_unkeyed_cold_ratio": c["cold"] / u["cold"],
        "workload_sqlcipher_warm_ms": c["warm"] * 1000,
        "workload_sqlite_warm_ms": s["warm"] * 1000,
        "workload_sqlcipher_cold_ms": c["cold"] * 1000,
        "workload_sqlite_cold_ms": s["cold"] * 1000,
    }


def measure_backups(info: GeneratedVault, work: Path, rounds: int, log: Log) -> dict[str, Any]:
    log(f"backup against a plain fsynced copy ({rounds} rounds) …")
    target = work / "backups"
    target.mkdir()
    with Vault.unlock(info.path, info.passphrase) as vault:
        out = measure_backup(vault, target, rounds=rounds)
    return dict(out)


def _probe(args: list[str], info: GeneratedVault, work: Path) -> dict[str, Any]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        COACHDESK_PASSPHRASE=info.passphrase,
        XDG_CONFIG_HOME=str(work / "config"),
    )
    done = subprocess.run(
        [sys.executable, str(HERE / "gui_probe.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"gui_probe {args[0]} failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure_gui(info: GeneratedVault, repeat: int, work: Path, log: Log) -> dict[str, Any]:
    log("client list and workspace in the real main window (offscreen) …")
    result = _probe(
        [
            "workspace",
            "--vault",
            str(info.path),
            "--client",
            str(info.largest_client_id),
            "--other",
            str(info.smallest_client_id),
            "--repeat",
            str(repeat),
        ],
        info,
        work,
    )
    result.pop("tabs", None)
    return result


def measure_rss(info: GeneratedVault, work: Path, log: Log) -> dict[str, Any]:
    log("peak memory of the app with the largest client open …")
    result = _probe(
        ["rss", "--vault", str(info.path), "--client", str(info.largest_client_id)], info, work
    )
    return {"peak_rss_mb": result["peak_rss_mb"], "ru_maxrss_mb": result["ru_maxrss_mb"]}


def vault_copy(info: GeneratedVault, target: Path) -> Path:
    """A private copy of the (cached) vault folder to change at will: the cache is
    never written to by the measurements that save."""
    shutil.copytree(info.path, target, ignore=shutil.ignore_patterns("vault.lock"))
    return target


def _is_record_table(name: str, virtual: list[str]) -> bool:
    """A table of records: not SQLite's own, not a virtual table (the search index),
    nor one of a virtual table's shadow tables (``<name>_data``, ``<name>_idx``, …)."""
    if name.startswith("sqlite_") or name in virtual:
        return False
    return not any(name.startswith(f"{table}_") for table in virtual)


def text_bytes(conn: Any) -> int:
    """UTF-8 bytes of every text value stored in the record tables (no index, no search
    index, no page overhead): what the coach wrote and the app recorded."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    total = 0
    for name, _sql in rows:
        if not _is_record_table(name, virtual):
            continue
        columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')]
        for column in columns:
            total += int(
                conn.execute(
                    f'SELECT coalesce(sum(length(CAST("{column}" AS BLOB))), 0) FROM "{name}" '
                    f"WHERE typeof(\"{column}\") = 'text'"
                ).fetchone()[0]
            )
    return total


NOTE_BYTES = 3000
"""The size of the session note that the autosave figure edits (issue 17: 3 KB)."""


def measure_storage(info: GeneratedVault, work: Path, repeat: int, log: Log) -> dict[str, Any]:
    """Saving, size and export, on a private copy of the vault (the cache stays as it is).

    ``db_bytes_per_text_byte``: ``vault.db``'s size over :func:`text_bytes`, before
    anything is saved. ``save_session_ms``: the largest client's latest session gets a
    3 KB note (``shared_summary``), then each save changes one word of it and saves the
    session through the real repository path (``store.sessions.save(session,
    contract)``, what the Sessions tab's autosave calls), median of ``repeat`` × 3.
    ``export_json_mb_s``: the client data export of the largest client as the CLI's
    ``export -o`` writes it (``write_export``: load, JSON, atomic owner-only write), MB
    (10^6 bytes) of JSON written per second, median of ``repeat``.
    """
    log("saving, size and export (on a copy of the vault) …")
    folder = vault_copy(info, work / "storage-vault")
    db_bytes = (folder / DB_NAME).stat().st_size
    out: dict[str, Any] = {}
    with Vault.unlock(folder, info.passphrase) as vault:
        out["db_bytes_per_text_byte"] = db_bytes / text_bytes(vault.connection)
        store = Store(vault.connection)
        client = info.largest_client_id
        contract = store.contracts.for_client(client)
        session = max(store.sessions.for_client(client), key=lambda s: s.started_at)
        words = (" ".join(info.vocabulary[:400]) or "note ") * 40
        note = words[:NOTE_BYTES].rsplit(" ", 1)[0]
        session.shared_summary = note
        store.sessions.save(session, contract)
        saves = []
        for i in range(repeat * 3):
            session.shared_summary = f"{note[: NOTE_BYTES // 2]} edit{i} {note[NOTE_BYTES // 2 :]}"
            started = time.perf_counter()
            store.sessions.save(session, contract)
            saves.append(time.perf_counter() - started)
        out["save_session_ms"] = _median_ms(saves)
        export = work / "export.json"
        rates = []
        for _ in range(repeat):
            export.unlink(missing_ok=True)
            started = time.perf_counter()
            write_export(store, export, [client], vault_folder=folder)
            rates.append(export.stat().st_size / (time.perf_counter() - started) / 1e6)
        out["export_json_mb_s"] = statistics.median(rates)
        out["export_json_mb"] = export.stat().st_size / 1e6
    shutil.rmtree(folder, ignore_errors=True)
    return out


def measure_unlock_to_workspace(
    info: GeneratedVault, launches: int, work: Path, log: Log
) -> dict[str, Any]:
    """Enter on the passphrase to the main window painted, minus the key derivation, in
    a fresh app process each time (``bench/gui_probe.py unlock``); median of
    ``launches``. ``unlock_to_agenda_ms``: to the agenda's rows painted (they follow
    the first paint). Runs on a copy of the vault (unlocking writes to it)."""
    log(f"unlock to the painted workspace ({launches} launches, on a copy of the vault) …")
    folder = vault_copy(info, work / "unlock-vault")
    samples, agenda, kdf = [], [], []
    for _ in range(launches):
        result = _probe(["unlock", "--vault", str(folder)], info, work)
        samples.append(result["unlock_to_workspace_ms"])
        agenda.append(result["unlock_to_agenda_ms"])
        kdf.append(result["kdf_ms"])
    shutil.rmtree(folder, ignore_errors=True)
    return {
        "unlock_to_workspace_ms": statistics.median(samples),
        "unlock_to_workspace_first_ms": samples[0],
        "unlock_to_agenda_ms": statistics.median(agenda),
        "unlock_kdf_ms": statistics.median(kdf),
    }


# -- output --------------------------------------------------------------------------------


def _status(key: str, value: object) -> str:
    if key not in TARGETS or not isinstance(value, int | float):
        return ""
    op, limit = TARGETS[key]
    ok = value <= limit if op == "<=" else value >= limit
    return "met" if ok else "MISSED"


def table(results: dict[str, Any]) -> str:
    rows = [("figure", "value", "target", "")]
    for key, value in results.items():
        if isinstance(value, float):
            shown = f"{value:.3f}" if "ratio" in key or "_per_" in key else f"{value:.1f}"
        else:
            shown = str(value)
        target = f"{TARGETS[key][0]} {TARGETS[key][1]:g}" if key in TARGETS else ""
        rows.append((key, shown, target, _status(key, value)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = []
    for n, row in enumerate(rows):
        lines.append(
            f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}"
        )
        if n == 0:
            lines.append("-" * (sum(widths) + 6))
    return "\n".join(line.rstrip() for line in lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the results here")
    parser.add_argument(
        "--only", default="", metavar="GROUPS", help=f"comma-separated: {', '.join(GROUPS)}"
    )
    parser.add_argument(
        "--cache-dir", type=Path, default=HERE / ".cache", help="where generated vaults live"
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="generate a fresh vault in a temporary folder"
    )
    args = parser.parse_args(argv)
    groups = [g for g in args.only.split(",") if g] or list(GROUPS)
    unknown = set(groups) - set(GROUPS)
    if unknown:
        parser.error(f"unknown group(s): {', '.join(sorted(unknown))}")
    scale = SCALES[args.scale]
    small = scale.name == "smoke"
    repeat = 3 if small else 7

    load_before = os.getloadavg()
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="coachdesk-bench-"))
    try:
        if args.no_cache:
            info = generate(work / "vault", scale, log=_log)
            cache = work
        else:
            info = cached_vault(args.cache_dir, scale, log=_log)
            cache = info.path.parent
        _log(
            f"vault: {info.path} ({info.db_bytes / 1e6:.1f} MB, generated in "
            f"{info.seconds:.1f} s); largest client {info.largest_client_id}: "
            f"{info.largest_client_sessions} sessions, "
            f"{info.largest_client_emotions} emotion entries"
        )
        results: dict[str, Any] = {}
        details: dict[str, Any] = {}
        if "startup" in groups:
            results.update(measure_startup(info, 3 if small else 5, work, _log))
        if "rss" in groups:  # early, while this process is small (see gui_probe.py)
            results.update(measure_rss(info, work, _log))
        if "unlock" in groups:
            results.update(measure_unlock(info, repeat, _log))
            results.update(measure_unlock_to_workspace(info, 3 if small else 5, work, _log))
        if "gui" in groups:
            gui = measure_gui(info, repeat, work, _log)
            details["open_workspace_all_ms"] = gui.pop("open_workspace_all_ms")
            results.update(gui)
        if "search" in groups:
            figures, notes = measure_search(info, 200, _log)
            results.update(figures)
            details.update(notes)
        if "agenda" in groups:
            results.update(measure_agenda(info, repeat, _log))
        if "reports" in groups:
            results.update(measure_reports(info, 3 if small else 5, _log))
        if "ratio" in groups:
            with Vault.unlock(info.path, info.passphrase) as vault:
                key = vault.data_key()
            encrypted = exported_copy(info, cache / "encrypted-copy.db", key, _log)
            plain = exported_copy(info, cache / "plain-copy.db", None, _log)
            results.update(measure_ratio(info, encrypted, plain, key, 3 if small else 7, _log))
        if "backup" in groups:
            results.update(measure_backups(info, work, 3, _log))
        if "storage" in groups:
            results.update(measure_storage(info, work, repeat, _log))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()
    meta = {
        "scale": scale.name,
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "seconds": round(time.perf_counter() - started, 1),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in load_after],
        "machine": machine_info(),
        "vault": {
            "db_mb": round(info.db_bytes / 1e6, 1),
            "counts": info.counts,
            "largest_client_sessions": info.largest_client_sessions,
            "largest_client_emotions": info.largest_client_emotions,
            "generated_in_s": info.seconds,
        },
        "details": details,
    }
    print(table(results))
    machine = meta["machine"]
    print(
        f"\n{scale.name} scale · {machine['nproc']} × {machine['cpu']} · "
        f"{machine['ram_gb']} GB RAM · load {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after (1-min average) · {meta['seconds']} s"
    )
    if args.json is not None:
        payload = {
            **results,
            "meta": meta,
            "targets": {k: {"op": op, "value": v} for k, (op, v) in TARGETS.items()},
        }
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
