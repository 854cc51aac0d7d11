"""The benchmark suite runs end to end at smoke scale and reports every figure.

Speed is measured by ``bench/run.py`` (docs/performance.md), never asserted here: this
only checks that the suite works, in a subprocess as CI runs it, and writes each
figure the performance issue asks for as a finite number.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

REQUIRED = (
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


def test_smoke_benchmark_writes_every_figure(tmp_path: Path) -> None:
    output = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--scale",
            "smoke",
            "--json",
            str(output),
            "--no-cache",  # a fresh tiny vault in a temporary folder, nothing left behind
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    results = json.loads(output.read_text(encoding="utf-8"))
    for key in REQUIRED:
        value = results.get(key)
        assert isinstance(value, int | float) and not isinstance(value, bool), (key, value)
        assert math.isfinite(value), (key, value)
    assert results["meta"]["scale"] == "smoke"
    assert "open_workspace_ms" in done.stdout  # the table was printed
