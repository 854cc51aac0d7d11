"""Where the vault lives when the coach does not say."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "CoachDesk"
ENV_VAULT = "COACHDESK_VAULT"


def default_vault_dir() -> Path:
    """``$COACHDESK_VAULT``, else the platform's per-user data folder (…/CoachDesk/vault)."""
    configured = os.environ.get(ENV_VAULT)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False)) / "vault"
