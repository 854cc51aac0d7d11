"""The use cases work over the repositories: a real vault (cheap KDF) and one client."""

from __future__ import annotations

import pytest

from coachdesk.core.model import Client
from coachdesk.vault.store import Store
from coachdesk.vault.vault import Vault


@pytest.fixture
def store(open_vault: Vault) -> Store:
    return Store(open_vault.connection)


@pytest.fixture
def client_id(store: Store) -> int:
    return store.clients.save(Client(name="Jonas Berg"))
