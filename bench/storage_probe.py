"""Storage figures of issue 17 on a copy of a generated vault (never the cached one).

    python bench/storage_probe.py VAULT_FOLDER [--what save,size,search,export,erase]

``save_session_ms``: median of 21 autosaves of one session whose private notes are
3 KB, each a small edit (one word changed), through ``SessionRepository.save``.
``db_bytes_per_text_byte``: ``vault.db`` after a truncating checkpoint, divided by the
UTF-8 bytes of every TEXT value in the domain tables. ``search_*``: as bench/run.py
(200 queries from the vocabulary, after 20 warm-up ones; the ten words with the most
matches). ``export_json_mb_s``: ``export_text`` of the 40 largest clients, MB of their
stored text per second. ``erase_*``: deleting one edited session, and the largest client.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.environ.get("PROBE_CODE", str(Path(__file__).resolve().parents[1])))

from coachdesk.vault.exchange import export_text
from coachdesk.vault.search import search
from coachdesk.vault.store import Store
from coachdesk.vault.vault import DB_NAME, Vault

PASSPHRASE = "benchmark passphrase only"  # noqa: S105 - bench vault
SKIP_TABLES = ("sqlite_", "search_index", "vault_meta")


def text_bytes(conn: object, client_ids: list[int] | None = None) -> int:
    total = 0
    tables = [
        r[0]
        for r in conn.execute(  # type: ignore[attr-defined]
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
        if not r[0].startswith(SKIP_TABLES)
    ]
    for table in tables:
        cols = [
            r[1]
            for r in conn.execute(f"PRAGMA table_info({table})")  # type: ignore[attr-defined]
        ]
        if client_ids is not None and "client_id" not in cols and table != "clients":
            continue
        expr = " + ".join(
            f'coalesce(CASE WHEN typeof("{c}") = \'text\' THEN length(CAST("{c}" AS BLOB)) END, 0)'
            for c in cols
        )
        where = ""
        if client_ids is not None:
            key = "id" if table == "clients" else "client_id"
            where = f" WHERE {key} IN ({','.join(map(str, client_ids))})"
        total += conn.execute(  # type: ignore[attr-defined]
            f"SELECT coalesce(sum({expr}), 0) FROM {table}{where}"
        ).fetchone()[0]
    return int(total)


def measure_save(store: Store) -> dict[str, float]:
    conn = store.conn
    row = conn.execute(
        "SELECT id FROM sessions WHERE state = 'held' ORDER BY started_at DESC LIMIT 1"
    ).fetchone()
    session = store.sessions.get(int(row[0]))
    rng = random.Random(3)
    words = [w for w in (session.private_notes + " " + session.agenda).split() if w.isalpha()]
    base = " ".join(rng.choice(words) for _ in range(600))[:3000]
    session.private_notes = base
    store.sessions.save(session)
    times = []
    for i in range(21):
        session.private_notes = base[:1500] + f" edit{i} " + base[1500 + 8 :]
        t = time.perf_counter()
        store.sessions.save(session)
        times.append((time.perf_counter() - t) * 1000)
    return {
        "save_session_ms": statistics.median(times),
        "save_session_max_ms": max(times),
        "save_note_bytes": len(session.private_notes.encode()),
    }


def measure_size(vault: Vault, folder: Path) -> dict[str, float]:
    conn = vault.connection
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    size = (folder / DB_NAME).stat().st_size
    text = text_bytes(conn)
    out: dict[str, float] = {
        "db_bytes": size,
        "text_bytes": text,
        "db_bytes_per_text_byte": size / text,
        "freelist_pages": conn.execute("PRAGMA freelist_count").fetchone()[0],
    }
    try:
        for name, pages in conn.execute(
            "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 12"
        ):
            out[f"bytes[{name}]"] = pages
    except Exception as exc:  # dbstat may be missing
        out["dbstat"] = str(exc)  # type: ignore[assignment]
    return out


def measure_search(conn: object, vocabulary: list[str]) -> dict[str, float]:
    rng = random.Random(17)
    stop = set()

    def query() -> str:
        n = rng.choices([1, 2, 3], weights=[6, 3, 1])[0]
        return " ".join(rng.choice(vocabulary) for _ in range(n))

    for _ in range(20):
        search(conn, query(), limit=100)
    times = []
    for _ in range(200):
        q = query()
        t = time.perf_counter()
        search(conn, q, limit=100)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    counts = []
    for word in vocabulary:
        n = conn.execute(  # type: ignore[attr-defined]
            "SELECT count(*) FROM search_index WHERE search_index MATCH ?", (f'"{word}"',)
        ).fetchone()[0]
        counts.append((n, word))
    frequent = [w for _n, w in sorted(counts, reverse=True)[:10]]
    ftimes = []
    for word in frequent:
        search(conn, word, limit=100)
        t = time.perf_counter()
        search(conn, word, limit=100)
        ftimes.append((time.perf_counter() - t) * 1000)
    del stop
    return {
        "search_p50_ms": times[len(times) // 2],
        "search_p95_ms": times[int(len(times) * 0.95) - 1],
        "search_max_ms": times[-1],
        "search_frequent_words_median_ms": statistics.median(ftimes),
    }


def measure_export(store: Store) -> dict[str, float]:
    ids = [
        r[0]
        for r in store.conn.execute(
            "SELECT client_id FROM sessions GROUP BY client_id ORDER BY count(*) DESC LIMIT 40"
        )
    ]
    text = text_bytes(store.conn, ids)
    times = []
    for _ in range(3):
        t = time.perf_counter()
        export_text(store, ids)
        times.append(time.perf_counter() - t)
    best = statistics.median(times)
    return {"export_text_mb": text / 1e6, "export_s": best, "export_json_mb_s": text / 1e6 / best}


def measure_erase(store: Store) -> dict[str, float]:
    conn = store.conn
    sid = conn.execute("SELECT id FROM sessions ORDER BY id DESC LIMIT 1").fetchone()[0]
    session = store.sessions.get(sid)
    session.private_notes += " edited"
    store.sessions.save(session)
    t = time.perf_counter()
    store.sessions.delete(sid)
    one = (time.perf_counter() - t) * 1000
    cid = conn.execute(
        "SELECT client_id FROM sessions GROUP BY client_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    t = time.perf_counter()
    store.delete_client(cid)
    whole = (time.perf_counter() - t) * 1000
    return {"erase_session_ms": one, "erase_largest_client_ms": whole}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--what", default="save,size,search,export")
    parser.add_argument("--vocabulary", type=Path, help="bench-meta.json (default: beside)")
    parser.add_argument("--in-place", action="store_true", help="work on FOLDER itself")
    args = parser.parse_args()
    what = args.what.split(",")
    meta = args.vocabulary or args.folder.parent / "bench-meta.json"
    vocabulary = json.loads(meta.read_text())["vocabulary"]
    with tempfile.TemporaryDirectory(dir=os.environ.get("PROBE_TMP")) as tmp:
        folder = args.folder
        if not args.in_place:
            folder = Path(tmp) / "vault"
            shutil.copytree(args.folder, folder)
        out: dict[str, object] = {"load_before": os.getloadavg()[0]}
        t = time.perf_counter()
        vault = Vault.unlock(folder, PASSPHRASE)
        out["unlock_and_migrate_s"] = time.perf_counter() - t
        store = Store(vault.connection)
        if "size" in what:
            out.update(measure_size(vault, folder))
        if "search" in what:
            out.update(measure_search(vault.connection, vocabulary))
        if "save" in what:
            out.update(measure_save(store))
        if "export" in what:
            out.update(measure_export(store))
        if "erase" in what:
            out.update(measure_erase(store))
        vault.lock()
        out["load_after"] = os.getloadavg()[0]
    for key, value in out.items():
        print(f"{key:40} {value:.4g}" if isinstance(value, float) else f"{key:40} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
