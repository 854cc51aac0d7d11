"""Attachments: documents a coach keeps with a client (a 360° report, a psychometric
profile, the signed contract scan, a photo of a whiteboard).

The record here is the attachment's description (title, date, note, what it is linked
to); its bytes live in the vault and are streamed in and out in chunks, never held
twice in memory (:mod:`coachdesk.vault.attachments`). The rules every attachment must
meet live here, below the UI and the CLI, so both refuse the same things with the same
words.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath

from coachdesk.core.audience import Audience
from coachdesk.core.errors import ValidationError
from coachdesk.core.fields import text

MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024
"""A file larger than this (100 MB) is refused: the vault, its backups and the exports
carry every attachment, and a coach's documents are PDFs, scans and photos."""

CHUNK_BYTES = 1024 * 1024
"""How much of an attachment is in memory at once while it is streamed in or out."""

MAX_TITLE_CHARS = 300
MAX_NOTE_CHARS = 20_000
MAX_FILE_NAME_CHARS = 255
DEFAULT_MEDIA_TYPE = "application/octet-stream"


@dataclass(slots=True, kw_only=True)
class Attachment:
    """One document of a client; at most one of the links is usually set, but any
    combination is allowed (a feedback entry about an outcome, for instance)."""

    id: int | None = None
    client_id: int | None = None
    title: str = text("Title", search=True, audience=Audience.COACH)
    file_name: str = text("File name", search=True, audience=Audience.COACH)
    media_type: str = text(
        "Type", search=False, audience=Audience.COACH, default=DEFAULT_MEDIA_TYPE
    )
    dated: date | None = None
    note: str = text("Note", search=True, audience=Audience.COACH)
    session_id: int | None = None
    contract_version: int | None = None
    """A version number of the client's contract (earlier versions included)."""
    outcome_id: int | None = None
    feedback_id: int | None = None
    size: int = 0
    sha256: str = text("Checksum", search=False, audience=Audience.COACH)
    """Content hash (hex): identical files are stored once."""
    added_at: datetime | None = None


class AttachmentKind:
    """How an attachment can be shown: from its first bytes, not its name."""

    PDF = "pdf"
    IMAGE = "image"
    OTHER = "other"


def media_type_for(file_name: str) -> str:
    guessed, _encoding = mimetypes.guess_type(file_name, strict=False)
    return guessed or DEFAULT_MEDIA_TYPE


def title_from_file_name(file_name: str) -> str:
    """A first title for a new attachment: the file name without its extension."""
    stem = PurePath(file_name).stem.strip()
    return (stem or file_name.strip() or "Attachment")[:MAX_TITLE_CHARS]


def clean_file_name(file_name: str) -> str:
    """Only the last part of a name: an export or a save must never be steered into
    another folder by a stored name like ``../../.bashrc``."""
    name = PurePath(file_name.replace("\\", "/")).name.strip()
    name = "".join(ch for ch in name if ch >= " " and ch not in '<>:"/\\|?*')
    name = name.lstrip(".")
    return name[:MAX_FILE_NAME_CHARS] or "attachment"


def check_size(size: int, what: str = "The file") -> None:
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            f"{what} is {format_size(size)}; attachments can be at most "
            f"{format_size(MAX_ATTACHMENT_BYTES)}. Split or compress it first.",
            field="size",
        )


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _text(value: object, field: str, limit: int, required: bool) -> None:
    if not isinstance(value, str):
        raise ValidationError(f"Attachment {field} must be text.", field=field)
    if required and not value.strip():
        raise ValidationError(f"Attachment {field} is required.", field=field)
    if len(value) > limit:
        raise ValidationError(f"Attachment {field} is longer than {limit} characters.", field=field)
    if "\x00" in value:
        raise ValidationError(f"Attachment {field} must not contain NUL characters.", field=field)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            f"Attachment {field} holds an invalid Unicode character.", field=field
        ) from None


def _optional_id(value: object, field: str) -> None:
    if value is not None and (type(value) is not int or not 1 <= value <= 2**63 - 1):
        raise ValidationError(f"Attachment {field} must be a record id.", field=field)


def validate_attachment(attachment: Attachment) -> None:
    """The record's own rules (its links are checked against the vault when stored)."""
    _optional_id(attachment.id, "id")
    _optional_id(attachment.client_id, "client_id")
    _text(attachment.title, "title", MAX_TITLE_CHARS, required=True)
    _text(attachment.file_name, "file_name", MAX_FILE_NAME_CHARS, required=True)
    _text(attachment.media_type, "media_type", 200, required=True)
    _text(attachment.note, "note", MAX_NOTE_CHARS, required=False)
    if attachment.dated is not None and (
        not isinstance(attachment.dated, date) or isinstance(attachment.dated, datetime)
    ):
        raise ValidationError("Attachment date must be a calendar date.", field="dated")
    for field in ("session_id", "outcome_id", "feedback_id", "contract_version"):
        _optional_id(getattr(attachment, field), field)
    if type(attachment.size) is not int or attachment.size < 0:
        raise ValidationError("Attachment size must be a number of bytes.", field="size")
    check_size(attachment.size)
    digest = attachment.sha256
    if digest and (
        not isinstance(digest, str)
        or len(digest) != 64
        or any(ch not in "0123456789abcdef" for ch in digest)
    ):
        raise ValidationError("Attachment sha256 must be 64 lowercase hex digits.", field="sha256")


def kind_of(head: bytes) -> str:
    """PDF or not from the file's first bytes; images are told by Qt's readers (UI)."""
    if head.lstrip(b"\r\n\t \x00")[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return AttachmentKind.PDF
    return AttachmentKind.OTHER
