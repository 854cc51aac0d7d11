"""The compiled row reader (``Table.from_row``) against the field-by-field reference
(``Table.strict_from_row``): the same records from every row of the demo vault, and the
same record or the same refusal for rows holding odd or wrong values."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from coachdesk.core.errors import InvalidInput
from coachdesk.demo import demo_engagements
from coachdesk.vault import store as store_module
from coachdesk.vault.store import Store, Table
from coachdesk.vault.vault import Vault

TODAY = date(2025, 6, 11)
TABLES = {
    name: table
    for name, table in vars(store_module).items()
    if isinstance(table, Table) and name.isupper()
}


def _outcome(table: Table[Any], row: tuple[Any, ...]) -> tuple[str, Any]:
    """What reading ``row`` gives: ("record", it) or ("refused", the message)."""
    try:
        return "record", table.from_row(row)
    except InvalidInput as exc:
        return "refused", str(exc)


def _reference(table: Table[Any], row: tuple[Any, ...]) -> tuple[str, Any]:
    try:
        return "record", table.strict_from_row(row)
    except InvalidInput as exc:
        return "refused", str(exc)


def test_every_table_is_covered() -> None:
    assert {"SESSIONS", "EMOTIONS", "ACTION_ITEMS", "CONTRACTS", "CLIENTS"} <= set(TABLES)


def test_every_demo_row_reads_as_before(open_vault: Vault) -> None:
    store = Store(open_vault.connection)
    for engagement in demo_engagements(TODAY):
        store.add_engagement(engagement)
    read = 0
    for name, table in TABLES.items():
        rows = open_vault.connection.execute(table.select_sql).fetchall()
        for row in rows:
            fast, strict = table.from_row(row), table.strict_from_row(row)
            assert fast == strict, name
            assert [type(getattr(fast, f)) for f in table.fields] == [
                type(getattr(strict, f)) for f in table.fields
            ], name
            read += 1
    assert read > 300  # the demo holds sessions, emotions, actions, contracts…


def _emotion_row(**changes: Any) -> tuple[Any, ...]:
    table = store_module.EMOTIONS
    values: dict[str, Any] = {
        "id": 7,
        "client_id": 3,
        "occurred_at": "2025-05-01T09:30:00",
        "source": "self_report",
        "situation": "Board meeting",
        "trigger": "",
        "label": "calm",
        "family": "",
        "pleasantness": 3,
        "energy": -2,
        "intensity": 5,
        "body_sensation": "",
        "thought": "",
        "reaction": "",
        "perceived_by_others": "",
        "regulation_strategy": "",
        "regulation_effect": None,
        "intensity_after": None,
    }
    values.update(changes)
    return tuple(values[name] for name in ["id", *table.fields])


ODD_OR_WRONG = [
    {},  # a plain row
    {"situation": "Über die Brücke — déjà vu 🙂"},  # text beyond ASCII
    {"situation": "lone \ud800 surrogate"},  # refused by the codec
    {"situation": 12},
    {"situation": None},
    {"situation": b"bytes"},
    {"pleasantness": 3.0},  # a whole float: accepted as the int 3
    {"pleasantness": 2.5},
    {"pleasantness": True},
    {"pleasantness": "3"},
    {"pleasantness": 2**63},
    {"pleasantness": -(2**63) + 1},
    {"regulation_effect": 4},
    {"regulation_effect": "x"},
    {"intensity_after": 2.0},
    {"source": "observed"},
    {"source": "no such source"},
    {"source": None},
    {"source": 1},
    {"occurred_at": "2025-05-01"},
    {"occurred_at": "2025-05-01T09:30:00+02:00"},
    {"occurred_at": "yesterday"},
    {"occurred_at": "2025-13-01T09:30:00"},
    {"occurred_at": "2025-05-01 09:30:00"},
    {"occurred_at": "2025-05-01T09:30:00Z"},
    {"occurred_at": "2025-05-01T09:30:00.123456"},
    {"occurred_at": None},
    {"id": None},
    {"id": "7"},
    {"client_id": None},
]


@pytest.mark.parametrize("changes", ODD_OR_WRONG, ids=repr)
def test_odd_or_wrong_values_are_read_or_refused_as_before(changes: dict[str, Any]) -> None:
    table = store_module.EMOTIONS
    row = _emotion_row(**changes)
    assert _outcome(table, row) == _reference(table, row)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("state", "held"),
        ("state", "bogus"),
        ("number", None),
        ("number", "two"),
        ("started_at", "2025-05-01T09:30"),
        ("process_rating", 11.0),
        ("private_notes", "ça va"),
    ],
)
def test_session_rows_with_odd_values(name: str, value: Any, open_vault: Vault) -> None:
    store = Store(open_vault.connection)
    store.add_engagement(demo_engagements(TODAY)[0])
    table = store_module.SESSIONS
    row = list(open_vault.connection.execute(table.select_sql + " LIMIT 1").fetchone())
    row[["id", *table.fields].index(name)] = value
    assert _outcome(table, tuple(row)) == _reference(table, tuple(row))


def test_a_row_of_the_wrong_length_is_refused_as_before() -> None:
    table = store_module.EMOTIONS
    row = _emotion_row()
    with pytest.raises(ValueError):
        table.from_row(row[:-1])
    with pytest.raises(ValueError):
        table.strict_from_row(row[:-1])


@pytest.mark.parametrize(
    "due",
    [
        "2025-05-01",
        "2025-5-1",
        "2025-02-30",
        "2025-05-01T00:00",
        None,
        20250501,
        "",
        "２０２５-05-01",  # fullwidth digits: not ISO, refused by both
    ],
)
def test_action_item_dates_are_read_or_refused_as_before(due: Any, open_vault: Vault) -> None:
    store = Store(open_vault.connection)
    store.add_engagement(demo_engagements(TODAY)[0])
    table = store_module.ACTION_ITEMS
    row = list(open_vault.connection.execute(table.select_sql + " LIMIT 1").fetchone())
    row[["id", *table.fields].index("due")] = due
    assert _outcome(table, tuple(row)) == _reference(table, tuple(row))
