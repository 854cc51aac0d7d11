"""What each text field of a record is: declared once, on the field itself.

Every text field of a domain record (``str``, or a list of them) is declared with
:func:`text`, which records in the field's metadata

* its **label**, the words the editors and the reports show beside it;
* whether **search** indexes it (the full-text index body, see
  :func:`coachdesk.vault.search.index_body_sql`), or leaves it out on purpose (an e-mail
  address, a file's checksum);
* whether it is **one line** (a name, a title: at most
  :data:`coachdesk.core.limits.LINE_MAX` characters) or a note (``line=False``);
* who may **read** it in a shareable report: the widest audience (coach only, the
  client, the sponsor; audiences nest, so "sponsor" means client and sponsor too), or
  the attribute that marks it per item (an outcome's ``audience``, a milestone's
  ``evidence_audience``) or per contract clause (:data:`BY_CLAUSE`).

:mod:`coachdesk.core.sharing` blanks in a report's copy every field its reader may not
read, the index is built from the searchable ones, and
``tests/unit/core/test_fields.py`` fails for a text field declared without them. So
adding a field means declaring it here, once, with these three answers.

The client's own data export is not a shareable report: it holds everything of the
client's, and the coach's private notes only when asked (reports/client_export.py).
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from coachdesk.core.audience import Audience

KEY = "coachdesk"
"""The key of :class:`FieldInfo` in a dataclass field's metadata."""

BY_CLAUSE = "clause"
"""``follows`` of a contract clause: the contract's clause audiences decide."""


@dataclass(frozen=True, slots=True)
class FieldInfo:
    label: str
    """What the editors and the reports call the field."""
    search: bool
    """True when the full-text index holds it; False leaves it out on purpose."""
    audience: Audience
    """The widest reader of a shareable report who may see it: COACH keeps it out of
    every report, CLIENT out of the sponsor's, SPONSOR lets it reach both."""
    follows: str = ""
    """When not empty, the item's own marking decides, within ``audience``: the name of
    the record's attribute that holds the audience (``"audience"``, ``"note_audience"``
    …), or :data:`BY_CLAUSE`."""
    line: bool = False
    """True for a single-line field (a name, a title); False for a note."""
    form: str = ""
    """The label of the editor's form row when it differs from ``label``: with its
    keyboard mnemonic (``"O&bserved behaviour"``), or shorter under a section heading
    (``"&Contact"`` under "Sponsor"). Empty: the form shows ``label``."""

    @property
    def client(self) -> bool:
        """Whether the client may ever read it in a shareable report."""
        return self.audience != Audience.COACH

    @property
    def sponsor(self) -> bool:
        """Whether the sponsor may ever read it (when marked so, if it ``follows``)."""
        return self.audience == Audience.SPONSOR


def text(
    label: str,
    *,
    search: bool,
    audience: Audience,
    follows: str = "",
    line: bool = False,
    form: str = "",
    default: str = "",
    required: bool = False,
    many: bool = False,
) -> Any:
    """A text field of a record, with its :class:`FieldInfo`: ``default`` (empty), or
    ``required``; ``many`` for a list of strings (empty by default); ``line`` for one
    line; ``form`` for the editor's row label. Typed ``Any`` like :func:`dataclasses.field`."""
    metadata: Mapping[str, FieldInfo] = {
        KEY: FieldInfo(label, search, audience, follows, line, form)
    }
    if required:
        return dataclasses.field(metadata=metadata)
    if many:
        return dataclasses.field(default_factory=list, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


@dataclass(frozen=True, slots=True)
class TextField:
    name: str
    info: FieldInfo


def info(record_type: type, name: str) -> FieldInfo:
    """The declaration of one text field; KeyError when it is not a declared text field."""
    for declared in text_fields(record_type):
        if declared.name == name:
            return declared.info
    raise KeyError(f"{record_type.__name__}.{name} is not a declared text field")


def label(record_type: type, name: str) -> str:
    """The label of ``record_type.name``, as editors and reports show it."""
    return info(record_type, name).label


def form_label(record_type: type, name: str) -> str:
    """The label of ``record_type.name``'s row in its editor, keyboard mnemonic included."""
    declared = info(record_type, name)
    return declared.form or declared.label


def labelled(record_type: type, names: typing.Iterable[str]) -> tuple[tuple[str, str], ...]:
    """(label, name) pairs, in the given order: what a report walks to print fields."""
    return tuple((label(record_type, name), name) for name in names)


def text_fields(record_type: type) -> tuple[TextField, ...]:
    """The declared text fields of a record type, in declaration order."""
    return _text_fields(record_type)


@cache
def _text_fields(record_type: Any) -> tuple[TextField, ...]:
    return tuple(
        TextField(f.name, f.metadata[KEY])
        for f in dataclasses.fields(record_type)
        if KEY in f.metadata
    )


def searchable(record_type: type) -> tuple[str, ...]:
    """Names of the fields the full-text index holds, in declaration order."""
    return tuple(f.name for f in text_fields(record_type) if f.info.search)


def is_text(hint: Any) -> bool:
    """Whether an annotation is text: ``str``, ``str | None`` or ``list[str]``."""
    if hint is str:
        return True
    args = typing.get_args(hint)
    origin = typing.get_origin(hint)
    if origin is list:
        return args == (str,)
    return bool(args) and all(a is str or a is type(None) for a in args)


def undeclared(record_type: type) -> list[str]:
    """Text fields of ``record_type`` declared without :func:`text` (should be none)."""
    hints = typing.get_type_hints(record_type)
    declared = {f.name for f in text_fields(record_type)}
    return [
        f.name
        for f in dataclasses.fields(record_type)
        if is_text(hints[f.name]) and f.name not in declared
    ]
