"""Peak memory while printing a 20-page client export (issue 20: under 300 MB).

    python bench/print_memory.py [--json FILE]

Each route runs in a fresh child process (offscreen Qt) that renders the export, opens
it in the real report preview, prints it, and reports its peak resident memory
(``VmHWM``) before and after printing:

* ``cups``: the preview's print run streams the PDF to ``lp`` and a private CUPS
  scheduler with a cups-pdf queue (tests/cups_support.py; needs root, cups,
  printer-driver-cups-pdf; skipped with the reason otherwise).
* ``paint``: every page painted in bands at 600 dpi (the Windows route), onto a PDF
  writer that writes to /dev/null, so what is measured is the painting.

Prints one JSON object. Memory, not time: nothing here is a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LIMIT_MIB = 300
PAGES_WANTED = 20


def _peak_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(route: str) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "integration")]
    from datetime import date

    from PySide6.QtCore import QEventLoop, QTimer  # noqa: TID251 - drives the real GUI
    from PySide6.QtWidgets import QApplication  # noqa: TID251

    from coachdesk.reports import ReportKind, render_report
    from coachdesk.reports.printing import PrintOptions
    from coachdesk.ui import printing
    from coachdesk.ui.reports import ReportPreviewDialog
    from report_fixtures import large_engagement

    app = QApplication([])
    pdf = render_report(ReportKind.CLIENT_EXPORT, large_engagement(22), today=date(2026, 3, 1))
    preview = ReportPreviewDialog(ReportKind.CLIENT_EXPORT, pdf)
    preview.show()
    app.processEvents()
    pages = preview.document.pageCount()
    before = _peak_kib()
    result: dict[str, Any] = {"route": route, "pages": pages, "pdf_bytes": len(pdf)}
    if route == "cups":
        import cups_support

        reason = cups_support.missing()
        if reason is not None:
            return {**result, "skipped": reason}
        with cups_support.Scheduler() as scheduler:
            os.environ["CUPS_SERVER"] = str(scheduler.socket)
            run = printing.PrintRun(preview, pdf, preview.document, save_instead=lambda: None)
            loop = QEventLoop()
            run.ended.connect(lambda _message: loop.quit())
            QTimer.singleShot(120_000, loop.quit)
            run._send(PrintOptions(printer=cups_support.CUPS_PDF))
            loop.exec()
            if run.state is not printing.PrintState.SENT:
                raise RuntimeError(f"not printed: {run.message}")
            printed = scheduler.cups_pdf_output(run.job_id)
            result["printed_pages"] = cups_support.pdf_pages(printed)
            result["printed_bytes"] = printed.stat().st_size
    else:
        from PySide6.QtGui import QPdfWriter  # noqa: TID251

        writer = QPdfWriter(os.devnull)
        writer.setResolution(printing.MAX_PAINT_DPI)
        result["painted_pages"] = printing.paint_pages(preview.document, writer, list(range(pages)))
        result["dpi"] = printing.MAX_PAINT_DPI
        del writer
    after = _peak_kib()
    preview.reject()
    return {**result, "peak_before_print_mib": before // 1024, "peak_mib": after // 1024}


def measure() -> dict[str, Any]:
    results: dict[str, Any] = {"limit_mib": LIMIT_MIB}
    for route in ("cups", "paint"):
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--child", route],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=ROOT,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{route} failed:\n{done.stderr[-3000:]}")
        results[route] = json.loads(done.stdout.strip().splitlines()[-1])
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", choices=("cups", "paint"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child)))
        return 0
    results = measure()
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
