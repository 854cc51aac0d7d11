"""Reliability and security tests (issue 7): crash safety, full disk, bad input, leaks,
locking, concurrency. See docs/security.md for the claims they back.

A fast subset runs with the rest of the suite. The long randomized runs are marked
``slow``, which pyproject's ``addopts`` deselects; run them with
``python -m pytest -m slow tests/reliability``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coachdesk.vault.keys import TEST_KDF
from testsupport import PASSPHRASE, sample_engagement


@pytest.fixture
def real_window(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    """The real main window with every real tab, unlocked, showing a sample client
    (its id in ``.client_id``); locked again at the end."""
    from coachdesk.ui.controller import VaultController
    from coachdesk.ui.main_window import MainWindow
    from coachdesk.ui.settings import AppSettings

    controller = VaultController(tmp_path / "vault", kdf=TEST_KDF)
    win = MainWindow(controller, AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    controller.create(PASSPHRASE)
    client_id = controller.store.add_engagement(sample_engagement())
    controller.notify_changed(0)
    win.select_client(client_id)
    win.client_id = client_id
    yield win
    if controller.is_unlocked:
        controller.lock()
