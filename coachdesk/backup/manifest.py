"""The manifest at the start of a backup's encrypted payload.

It says what follows (``vault.key`` then ``vault.db``, their formats, sizes and SHA-256)
and carries the vault's data key, so ``backup verify`` can run SQLCipher's own checks on
the database with nothing but the backup passphrase. It lives inside the encryption,
so none of it (not even the vault id or the time) is readable without the passphrase.
"""

from __future__ import annotations

import json
import re
import struct
from dataclasses import dataclass

from coachdesk.core.errors import IntegrityFailure

MANIFEST_FORMAT = "coachdesk-backup-manifest"
MANIFEST_VERSION = 1
HEADER_ENTRY = "vault.key"
DATABASE_ENTRY = "vault.db"
HEADER_ENTRY_FORMAT = "coachdesk-vault-header-1"
DATABASE_ENTRY_FORMAT = "sqlcipher-4-raw-key"
ENTRY_ORDER = (HEADER_ENTRY, DATABASE_ENTRY)

LENGTH = struct.Struct(">I")
MAX_MANIFEST_BYTES = 64 * 1024
MAX_HEADER_ENTRY_BYTES = 64 * 1024
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_DATA_KEY_HEX = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Entry:
    name: str
    format: str
    size: int
    sha256: str

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "format": self.format, "size": self.size, "sha256": self.sha256}


@dataclass(frozen=True)
class Manifest:
    created_at: str
    app_version: str
    vault_id: str
    schema_version: int
    data_key: bytes
    entries: tuple[Entry, ...]

    def entry(self, name: str) -> Entry:
        return next(e for e in self.entries if e.name == name)

    @property
    def content_size(self) -> int:
        return sum(e.size for e in self.entries)

    def to_bytes(self) -> bytes:
        """The length-prefixed JSON as it opens the payload."""
        document = {
            "format": MANIFEST_FORMAT,
            "version": MANIFEST_VERSION,
            "created_at": self.created_at,
            "app_version": self.app_version,
            "vault_id": self.vault_id,
            "schema_version": self.schema_version,
            "data_key": self.data_key.hex(),
            "entries": [e.to_json() for e in self.entries],
        }
        body = json.dumps(document, sort_keys=True, separators=(",", ":")).encode("utf-8")
        return LENGTH.pack(len(body)) + body

    @classmethod
    def parse(cls, body: bytes) -> Manifest:
        """Parse the JSON (without its length prefix); IntegrityFailure if malformed.

        The payload is authenticated, so a malformed manifest means a bug or a file made
        by something other than CoachDesk, not line noise; the checks keep it from
        crashing the reader all the same.
        """
        try:
            doc = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise IntegrityFailure("the backup manifest is not valid JSON") from None
        if not isinstance(doc, dict) or doc.get("format") != MANIFEST_FORMAT:
            raise IntegrityFailure("the backup manifest is not a CoachDesk manifest")
        if doc.get("version") != MANIFEST_VERSION:
            raise IntegrityFailure(f"unsupported backup manifest version {doc.get('version')!r}")
        created_at, app_version, vault_id = (
            doc.get("created_at"),
            doc.get("app_version"),
            doc.get("vault_id"),
        )
        schema, data_key = doc.get("schema_version"), doc.get("data_key")
        if not all(isinstance(v, str) for v in (created_at, app_version, vault_id)):
            raise IntegrityFailure("the backup manifest is incomplete")
        if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
            raise IntegrityFailure("the backup manifest has an invalid schema version")
        if not isinstance(data_key, str) or not _DATA_KEY_HEX.fullmatch(data_key):
            raise IntegrityFailure("the backup manifest has an invalid data key")
        raw_entries = doc.get("entries")
        if not isinstance(raw_entries, list) or len(raw_entries) != len(ENTRY_ORDER):
            raise IntegrityFailure("the backup manifest lists unexpected entries")
        entries = tuple(
            _parse_entry(raw, name) for raw, name in zip(raw_entries, ENTRY_ORDER, strict=True)
        )
        if entries[0].size > MAX_HEADER_ENTRY_BYTES:
            raise IntegrityFailure("the backup manifest lists an oversized vault header")
        return cls(
            created_at=str(created_at),
            app_version=str(app_version),
            vault_id=str(vault_id),
            schema_version=schema,
            data_key=bytes.fromhex(data_key),
            entries=entries,
        )


def _parse_entry(raw: object, name: str) -> Entry:
    formats = {HEADER_ENTRY: HEADER_ENTRY_FORMAT, DATABASE_ENTRY: DATABASE_ENTRY_FORMAT}
    if not isinstance(raw, dict) or raw.get("name") != name:
        raise IntegrityFailure(f"the backup manifest does not list {name} where expected")
    if raw.get("format") != formats[name]:
        raise IntegrityFailure(f"the backup holds {name} in an unknown format")
    size, digest = raw.get("size"), raw.get("sha256")
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise IntegrityFailure(f"the backup manifest gives an invalid size for {name}")
    if not isinstance(digest, str) or not _SHA256_HEX.fullmatch(digest):
        raise IntegrityFailure(f"the backup manifest gives an invalid checksum for {name}")
    return Entry(name=name, format=formats[name], size=size, sha256=digest)
