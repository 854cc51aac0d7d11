"""Plain-value encoding of domain records: one codec for the database, contract-version
snapshots and the JSON export, so the three can never disagree.

Dates and times become ISO 8601 strings, choices their snake_case values, lists of
strings stay lists; nested records (a contract's outcomes) become lists of objects.
Decoding is strict: an unknown field, a wrong type or an unknown choice raises
``InvalidInput`` naming the path of the offending field ("clients[2].sessions[0].started_at"),
never its content.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from coachdesk.core.errors import InvalidInput

R = TypeVar("R")

Encoder = Callable[[Any], Any]
Decoder = Callable[[Any, str], Any]


def _fail(path: str, expected: str) -> InvalidInput:
    return InvalidInput(f"{path}: expected {expected}")


# SQLite stores integers in 64 bits; a larger one could be decoded but never stored.
_INT_MAX = 2**63 - 1


def _decode_str(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise _fail(path, "text")
    try:  # JSON's "\ud800" escapes decode to lone surrogates, which no file can hold
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _fail(path, "text (it holds an invalid Unicode character)") from None
    return value


def _decode_int(value: Any, path: str) -> int:
    whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if isinstance(value, bool) or not whole:
        raise _fail(path, "a whole number")
    number = int(value)
    if not -_INT_MAX <= number <= _INT_MAX:
        raise _fail(path, f"a whole number between {-_INT_MAX} and {_INT_MAX}")
    return number


def _decode_float(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(path, "a number")
    try:
        result = float(value)
    except OverflowError:  # an integer beyond any float
        raise _fail(path, "a finite number") from None
    if not math.isfinite(result):
        raise _fail(path, "a finite number")
    return result


def _decode_bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(path, "true or false")
    return value


def _decode_date(value: Any, path: str) -> date:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _fail(path, "a date YYYY-MM-DD")


def _decode_datetime(value: Any, path: str) -> datetime:
    if isinstance(value, str) and 10 < len(value) <= 32:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None:
                return parsed
    raise _fail(path, "a local date and time YYYY-MM-DDTHH:MM[:SS]")


def _encode_datetime(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def _encoder_decoder(hint: Any) -> tuple[Encoder, Decoder]:
    """Converters for one annotated field type."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"unsupported union {hint}")
        encode_inner, decode_inner = _encoder_decoder(inner[0])
        return (
            lambda v: None if v is None else encode_inner(v),
            lambda v, p: None if v is None else decode_inner(v, p),
        )
    if origin is list:
        (item,) = typing.get_args(hint)
        encode_item, decode_item = _encoder_decoder(item)

        def decode_list(value: Any, path: str) -> list[Any]:
            if not isinstance(value, list):
                raise _fail(path, "a list")
            return [decode_item(v, f"{path}[{i}]") for i, v in enumerate(value)]

        return (lambda v: [encode_item(x) for x in v]), decode_list
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        cls = hint
        return (lambda v: encode(v)), (lambda v, p: decode(cls, v, p))
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        enum = hint

        def decode_enum(value: Any, path: str) -> StrEnum:
            try:
                return enum(value)
            except ValueError:
                choices = ", ".join(m.value for m in enum)
                raise _fail(path, f"one of {choices}") from None

        return (lambda v: v.value), decode_enum
    simple: dict[Any, tuple[Encoder, Decoder]] = {
        str: (lambda v: v, _decode_str),
        int: (lambda v: v, _decode_int),
        float: (lambda v: v, _decode_float),
        bool: (lambda v: v, _decode_bool),
        date: (lambda v: v.isoformat(), _decode_date),
        datetime: (_encode_datetime, _decode_datetime),
    }
    if hint in simple:
        return simple[hint]
    raise TypeError(f"no codec for {hint!r}")


@dataclasses.dataclass(frozen=True)
class FieldCodec:
    name: str
    encode: Encoder
    decode: Decoder
    required: bool


def fields_of(cls: type) -> tuple[FieldCodec, ...]:
    """The codecs of a record type's fields, in declaration order."""
    return _fields_of(cls)


@cache
def _fields_of(cls: Any) -> tuple[FieldCodec, ...]:
    hints = typing.get_type_hints(cls)
    result = []
    for f in dataclasses.fields(cls):
        encoder, decoder = _encoder_decoder(hints[f.name])
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        result.append(FieldCodec(f.name, encoder, decoder, required))
    return tuple(result)


def encode(record: Any) -> dict[str, Any]:
    """A record as a dict of JSON-compatible values (field order kept)."""
    return {f.name: f.encode(getattr(record, f.name)) for f in fields_of(type(record))}


def decode(cls: type[R], data: Any, path: str = "") -> R:
    """Build a ``cls`` from :func:`encode`'s output; strict, with paths in errors."""
    where = path or cls.__name__
    if not isinstance(data, dict):
        raise _fail(where, "an object")
    codecs = fields_of(cls)
    known = {f.name for f in codecs}
    unknown = sorted(str(k) for k in data if k not in known)
    if unknown:
        raise InvalidInput(f"{where}: unknown field {unknown[0]!r}")
    values = {}
    for f in codecs:
        if f.name in data:
            values[f.name] = f.decode(data[f.name], f"{where}.{f.name}")
        elif f.required:
            raise InvalidInput(f"{where}: missing field {f.name!r}")
    return cls(**values)


def decode_value(hint: Any, value: Any, path: str) -> Any:
    """Decode one value of an annotated type (``int``, ``datetime``, ``date | None`` …)."""
    return _encoder_decoder(hint)[1](value, path)
