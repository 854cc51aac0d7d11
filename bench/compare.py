"""Two bench/run.py results side by side, as a Markdown table (for docs/performance.md).

    python bench/compare.py BEFORE.json AFTER.json

Every numeric figure of AFTER, with BEFORE's value (when it has one), the target and
whether AFTER meets it; then each run's machine and load.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _fmt(key: str, value: object) -> str:
    if not isinstance(value, int | float):
        return "–"
    if isinstance(value, int):
        return f"{value:,}"
    if "ratio" in key:
        return f"{value:.2f}"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}"


def _status(target: dict[str, Any] | None, value: object) -> str:
    if target is None or not isinstance(value, int | float):
        return ""
    ok = value <= target["value"] if target["op"] == "<=" else value >= target["value"]
    return "met" if ok else "**missed**"


def _run_line(label: str, data: dict[str, Any]) -> str:
    meta = data["meta"]
    machine = meta["machine"]
    return (
        f"- {label}: {meta['date']}, {meta['scale']} scale, commit {machine['commit']}, "
        f"load average {meta['load_before'][0]:.2f} → {meta['load_after'][0]:.2f}, "
        f"{meta['seconds']} s"
    )


def compare(before: dict[str, Any], after: dict[str, Any]) -> str:
    targets: dict[str, dict[str, Any]] = after.get("targets", {})
    lines = [
        "| figure | before | after | target | |",
        "|---|---:|---:|---|---|",
    ]
    for key, value in after.items():
        if not isinstance(value, int | float) or isinstance(value, bool):
            continue
        target = targets.get(key)
        shown = f"{target['op']} {target['value']:g}" if target else ""
        lines.append(
            f"| `{key}` | {_fmt(key, before.get(key))} | {_fmt(key, value)} | {shown} "
            f"| {_status(target, value)} |"
        )
    lines += ["", _run_line("before", before), _run_line("after", after)]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    before, after = (json.loads(Path(a).read_text(encoding="utf-8")) for a in argv)
    print(compare(before, after))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
