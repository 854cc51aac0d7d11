"""CoachDesk: an encrypted, offline workspace for executive coaches.

``coachdesk.__version__`` is the installed distribution's version (pyproject.toml's,
through the install; packaging/README.md). It is read on first use, not on import:
``importlib.metadata`` takes ~25 ms to import, and the app's first screen does not show
the version (docs/performance.md, round two).
"""

from __future__ import annotations

import functools


@functools.cache
def installed_version() -> str:
    """The installed distribution's version, or ``0.0.0+unknown`` in a source tree that
    was never installed (``coachdesk --self-test`` reports that as a failure)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("coachdesk")
    except PackageNotFoundError:
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return installed_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
