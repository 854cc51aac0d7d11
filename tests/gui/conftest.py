"""GUI fixtures: a real vault behind a real controller, settings in a temp file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coachdesk.ui.controller import VaultController
from coachdesk.ui.settings import AppSettings
from coachdesk.vault.keys import TEST_KDF
from testsupport import PASSPHRASE, sample_engagement


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(tmp_path / "settings.ini")


@pytest.fixture
def controller(tmp_path: Path, qapp: object) -> Iterator[VaultController]:
    """An unlocked vault with one complete sample engagement (client id in .client_id)."""
    ctrl = VaultController(tmp_path / "vault", kdf=TEST_KDF)
    ctrl.create(PASSPHRASE)
    ctrl.client_id = ctrl.store.add_engagement(sample_engagement())  # type: ignore[attr-defined]
    yield ctrl
    ctrl.lock()
