"""The vault header file ``vault.key``: small JSON, no personal data.

It holds the vault id, one *slot* per way in (passphrase, recovery code) and the data
key wrapped under the master key::

    passphrase ──Argon2id──▶ KEK ──AES-GCM──▶ master key ──AES-GCM──▶ data key ──▶ SQLCipher
    recovery code ─Argon2id─▶ KEK ──┘

The indirection through a master key lets a passphrase change rewrite one slot. It is
not a revocation: the master key stays, so an older header opens with its passphrase.
A key rotation replaces master key, data key and recovery code (docs/vault.md).

Two checks guard the file. A plain SHA-256 checksum of the body tells accidental
damage apart from a wrong passphrase before anything is derived. An HMAC keyed from the
master key authenticates the whole header (KDF parameters, every slot, the pending
rotation) at every unlock, so a tampered or damaged recovery slot is noticed now, not
on the day the recovery code is needed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field

from coachdesk.core.errors import IntegrityFailure
from coachdesk.vault import keys

FORMAT = "coachdesk-vault"
VERSION = 1
SLOT_NAMES = ("passphrase", "recovery")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: object, what: str) -> bytes:
    if not isinstance(value, str):
        raise IntegrityFailure(f"the vault header is damaged: {what} is missing")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise IntegrityFailure(f"the vault header is damaged: {what} is not base64") from None


@dataclass(frozen=True)
class Sealed:
    """A key encrypted with AES-256-GCM: nonce and ciphertext-with-tag."""

    nonce: bytes
    wrapped: bytes

    def to_json(self) -> dict[str, object]:
        return {"nonce": _b64(self.nonce), "wrapped": _b64(self.wrapped)}

    @classmethod
    def from_json(cls, data: object, what: str) -> Sealed:
        if not isinstance(data, dict):
            raise IntegrityFailure(f"the vault header is damaged: {what} is missing")
        nonce = _unb64(data.get("nonce"), f"{what} nonce")
        wrapped = _unb64(data.get("wrapped"), f"{what} key")
        if len(nonce) != keys.NONCE_BYTES or len(wrapped) != keys.KEY_BYTES + 16:
            raise IntegrityFailure(f"the vault header is damaged: {what} has the wrong size")
        return cls(nonce, wrapped)


@dataclass(frozen=True)
class Slot:
    """The master key sealed under a key derived from one secret."""

    kdf: keys.KdfParams
    salt: bytes
    sealed: Sealed

    def to_json(self) -> dict[str, object]:
        return {"kdf": self.kdf.to_json(), "salt": _b64(self.salt), **self.sealed.to_json()}

    @classmethod
    def from_json(cls, data: object, name: str) -> Slot:
        if not isinstance(data, dict):
            raise IntegrityFailure(f"the vault header is damaged: the {name} slot is missing")
        kdf = keys.KdfParams.from_json(data.get("kdf"))
        salt = _unb64(data.get("salt"), f"{name} salt")
        if len(salt) != keys.SALT_BYTES:
            raise IntegrityFailure(f"the vault header is damaged: the {name} salt is invalid")
        return cls(kdf, salt, Sealed.from_json(data, f"{name} slot"))


@dataclass
class VaultHeader:
    vault_id: str
    slots: dict[str, Slot]
    data_key: Sealed
    pending_data_key: Sealed | None = None
    # Set by parse(): the exact bytes the MAC covers, and the MAC read from the file.
    _body: bytes = field(default=b"", repr=False, compare=False)
    _mac: str = field(default="", repr=False, compare=False)

    @classmethod
    def new(cls, master_key: bytes, data_key: bytes, vault_id: str | None = None) -> VaultHeader:
        """A header with ``data_key`` sealed and no slots yet (a new vault, or the next
        header of this one after a key rotation)."""
        header = cls(vault_id=vault_id or os.urandom(16).hex(), slots={}, data_key=Sealed(b"", b""))
        header.data_key = header.seal_data_key(master_key, data_key)
        return header

    # -- sealing and opening -------------------------------------------------------

    def _slot_aad(self, name: str, kdf: keys.KdfParams, salt: bytes) -> bytes:
        kdf_text = json.dumps(kdf.to_json(), sort_keys=True)
        return f"{FORMAT}/{self.vault_id}/slot/{name}/{kdf_text}/".encode() + salt

    def _data_key_aad(self) -> bytes:
        return f"{FORMAT}/{self.vault_id}/data-key".encode()

    def seal_slot(self, name: str, secret: bytes, master_key: bytes, kdf: keys.KdfParams) -> None:
        salt = os.urandom(keys.SALT_BYTES)
        kek = keys.derive_key(secret, salt, kdf)
        nonce, wrapped = keys.wrap(kek, master_key, self._slot_aad(name, kdf, salt))
        self.slots[name] = Slot(kdf, salt, Sealed(nonce, wrapped))

    def open_slot(self, name: str, secret: bytes) -> bytes:
        """The master key, or WrongPassphrase."""
        slot = self.slots[name]
        kek = keys.derive_key(secret, slot.salt, slot.kdf)
        aad = self._slot_aad(name, slot.kdf, slot.salt)
        return keys.unwrap(kek, slot.sealed.nonce, slot.sealed.wrapped, aad)

    def seal_data_key(self, master_key: bytes, data_key: bytes) -> Sealed:
        return Sealed(*keys.wrap(master_key, data_key, self._data_key_aad()))

    def open_data_key(self, master_key: bytes, sealed: Sealed) -> bytes:
        try:
            return keys.unwrap(master_key, sealed.nonce, sealed.wrapped, self._data_key_aad())
        except Exception:
            raise IntegrityFailure("the vault header is damaged: the data key is invalid") from None

    # -- serialisation -------------------------------------------------------------

    def _body_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": self.vault_id,
            "slots": {name: slot.to_json() for name, slot in sorted(self.slots.items())},
            "data_key": self.data_key.to_json(),
            "pending_data_key": (
                self.pending_data_key.to_json() if self.pending_data_key else None
            ),
        }

    @staticmethod
    def _canonical(body: dict[str, object]) -> bytes:
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def to_bytes(self, master_key: bytes) -> bytes:
        body = self._canonical(self._body_json())
        document = self._body_json()
        document["checksum"] = "sha256:" + hashlib.sha256(body).hexdigest()
        document["mac"] = "hmac-sha256:" + _mac(master_key, body)
        return (json.dumps(document, indent=2, sort_keys=True) + "\n").encode("utf-8")

    @classmethod
    def parse(cls, raw: bytes) -> VaultHeader:
        """Parse and check structure, bounds and checksum; the MAC is checked later."""
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: nesting
            raise IntegrityFailure("the vault header (vault.key) is damaged: not JSON") from None
        if not isinstance(document, dict):
            raise IntegrityFailure("the vault header (vault.key) is damaged")
        if document.get("format") != FORMAT:
            raise IntegrityFailure("vault.key is not a CoachDesk vault header")
        version = document.get("version")
        if version != VERSION:
            shown = f" {version}" if type(version) is int and 0 <= version < 10**6 else ""
            raise IntegrityFailure(
                f"this vault uses header version{shown}; a newer CoachDesk is needed to open it"
            )
        checksum, mac = document.pop("checksum", None), document.pop("mac", None)
        body = cls._canonical(document)
        expected = "sha256:" + hashlib.sha256(body).hexdigest()
        if not isinstance(checksum, str) or not hmac.compare_digest(checksum, expected):
            raise IntegrityFailure("the vault header (vault.key) is damaged: checksum mismatch")
        if not isinstance(mac, str) or not mac.startswith("hmac-sha256:"):
            raise IntegrityFailure("the vault header (vault.key) is damaged: no MAC")
        vault_id = document.get("vault_id")
        slots_json = document.get("slots")
        if not isinstance(vault_id, str) or not isinstance(slots_json, dict):
            raise IntegrityFailure("the vault header (vault.key) is damaged")
        if not vault_id.isprintable() or not vault_id.isascii():
            # The id goes into the keys' associated data as UTF-8; a lone surrogate or a
            # control character is no id this program wrote.
            raise IntegrityFailure("the vault header (vault.key) is damaged: bad vault id")
        if set(slots_json) != set(SLOT_NAMES):
            raise IntegrityFailure("the vault header (vault.key) is damaged: slots missing")
        slots = {name: Slot.from_json(slots_json[name], name) for name in SLOT_NAMES}
        pending_json = document.get("pending_data_key")
        header = cls(
            vault_id=vault_id,
            slots=slots,
            data_key=Sealed.from_json(document.get("data_key"), "data key"),
            pending_data_key=(
                Sealed.from_json(pending_json, "pending data key") if pending_json else None
            ),
        )
        header._body = body
        header._mac = mac.removeprefix("hmac-sha256:")
        return header

    def verify_mac(self, master_key: bytes) -> None:
        if not hmac.compare_digest(self._mac, _mac(master_key, self._body)):
            raise IntegrityFailure(
                "the vault header (vault.key) has been modified or damaged: MAC mismatch"
            )


def _mac(master_key: bytes, body: bytes) -> str:
    return hmac.new(keys.subkey(master_key, "header-mac"), body, hashlib.sha256).hexdigest()
