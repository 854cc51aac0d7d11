"""Key material: Argon2id derivation, AES-256-GCM key wrapping, recovery codes.

Passphrases are normalised to NFC before derivation, so the same word typed on a
keyboard that produces decomposed accents (NFD) still opens the vault. Argon2id
parameters are checked against fixed bounds *before* any derivation, so a hostile
header or backup cannot make us allocate 64 GiB.
"""

from __future__ import annotations

import os
import secrets
import time
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from coachdesk.core.errors import IntegrityFailure, InvalidInput, WrongPassphrase

KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12

# Bounds for any Argon2id parameters read from a file. Generous for the future, but a
# header asking for more than 1 GiB or absurd work is refused before deriving.
MIN_MEMORY_KIB = 8 * 1024
MAX_MEMORY_KIB = 1024 * 1024
MAX_ITERATIONS = 64
MAX_LANES = 16

MIN_PASSPHRASE_CHARS = 8

# The recovery code: 160 random bits in Crockford base32, shown as 8 groups of 4.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_BITS = 160
_RECOVERY_CHARS = _RECOVERY_BITS // 5


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters as stored in a header (memory in KiB)."""

    memory_kib: int
    iterations: int
    lanes: int

    def to_json(self) -> dict[str, object]:
        return {
            "name": "argon2id",
            "memory_kib": self.memory_kib,
            "iterations": self.iterations,
            "lanes": self.lanes,
        }

    @classmethod
    def from_json(cls, data: object) -> KdfParams:
        """Parse and bounds-check; raises IntegrityFailure for anything out of range."""
        if not isinstance(data, dict) or data.get("name") != "argon2id":
            raise IntegrityFailure("unsupported key-derivation function in header")
        values = {}
        for field in ("memory_kib", "iterations", "lanes"):
            value = data.get(field)
            if not isinstance(value, int) or isinstance(value, bool):
                raise IntegrityFailure(f"key-derivation parameter {field} is missing or invalid")
            values[field] = value
        params = cls(**values)
        params.check_bounds()
        return params

    def check_bounds(self) -> None:
        if not 1 <= self.lanes <= MAX_LANES:
            raise IntegrityFailure(f"key-derivation lanes {self.lanes} out of range")
        if not 1 <= self.iterations <= MAX_ITERATIONS:
            raise IntegrityFailure(f"key-derivation iterations {self.iterations} out of range")
        low = max(MIN_MEMORY_KIB, 8 * self.lanes)
        if not low <= self.memory_kib <= MAX_MEMORY_KIB:
            raise IntegrityFailure(
                f"key-derivation memory {self.memory_kib} KiB out of range "
                f"({low}–{MAX_MEMORY_KIB} KiB)"
            )


# The cheapest parameters the bounds allow: for tests and benchmarks only.
TEST_KDF = KdfParams(memory_kib=MIN_MEMORY_KIB, iterations=1, lanes=1)

_DEFAULT_MEMORY_KIB = 128 * 1024
_DEFAULT_LANES = 4
_TARGET_SECONDS = 0.5


def calibrate_kdf(target_seconds: float = _TARGET_SECONDS) -> KdfParams:
    """Parameters that take about ``target_seconds`` here, with 128 MiB of memory.

    One probe derivation with 2 iterations is timed and the iteration count scaled
    linearly, clamped to 2…12 so a slow or a very fast machine stays sensible.
    """
    probe = KdfParams(_DEFAULT_MEMORY_KIB, 2, _DEFAULT_LANES)
    started = time.perf_counter()
    derive_key(b"calibration", os.urandom(SALT_BYTES), probe)
    elapsed = max(time.perf_counter() - started, 1e-3)
    iterations = round(probe.iterations * target_seconds / elapsed)
    return KdfParams(_DEFAULT_MEMORY_KIB, min(12, max(2, iterations)), _DEFAULT_LANES)


def normalize_passphrase(passphrase: str) -> bytes:
    """NFC-normalise and encode; the same text typed as NFD yields the same bytes."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def check_new_passphrase(passphrase: str) -> None:
    """Refuse passphrases too short to protect client notes."""
    if len(unicodedata.normalize("NFC", passphrase)) < MIN_PASSPHRASE_CHARS:
        raise InvalidInput(
            f"the passphrase must have at least {MIN_PASSPHRASE_CHARS} characters; "
            "a few unrelated words are best"
        )


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """A rough 0–4 score and a hint, for the strength meter when a passphrase is chosen.

    Length matters most (several unrelated words beat symbol soup); repeated or
    sequential characters and a single dictionary-like word score low. It is a hint for
    the coach, not a gate: only :func:`check_new_passphrase` refuses.
    """
    text = unicodedata.normalize("NFC", passphrase)
    if len(text) < MIN_PASSPHRASE_CHARS:
        return 0, f"Too short: use at least {MIN_PASSPHRASE_CHARS} characters."
    distinct = len(set(text.lower()))
    words = len([w for w in text.replace("-", " ").split() if len(w) >= 3])
    classes = sum(
        any(test(ch) for ch in text)
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    score = 1
    if len(text) >= 14 or (len(text) >= 10 and classes >= 3):
        score = 2
    if len(text) >= 20 or words >= 4:
        score = 3
    if len(text) >= 28 and words >= 4:
        score = 4
    if distinct <= len(text) // 4:
        score = min(score, 1)
    hints = {
        1: "Weak: add more words.",
        2: "Fair: a few more unrelated words make it strong.",
        3: "Strong.",
        4: "Very strong.",
    }
    return score, hints[score]


def derive_key(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    params.check_bounds()
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(secret)


def subkey(key: bytes, purpose: str) -> bytes:
    """A key for one purpose, derived from ``key`` with HKDF-SHA256."""
    return HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=None,
        info=f"coachdesk/{purpose}".encode(),
    ).derive(key)


def wrap(kek: bytes, key: bytes, aad: bytes) -> tuple[bytes, bytes]:
    """Encrypt ``key`` under ``kek``; returns (nonce, ciphertext with tag)."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(kek).encrypt(nonce, key, aad)


def unwrap(kek: bytes, nonce: bytes, wrapped: bytes, aad: bytes) -> bytes:
    """Decrypt a wrapped key; a wrong KEK (wrong passphrase) raises WrongPassphrase."""
    try:
        return AESGCM(kek).decrypt(nonce, wrapped, aad)
    except InvalidTag:
        raise WrongPassphrase("wrong passphrase") from None


def new_recovery_code() -> str:
    """A fresh recovery code such as ``7K2M-QX9D-…`` (8 groups of 4)."""
    number = secrets.randbits(_RECOVERY_BITS)
    chars = []
    for _ in range(_RECOVERY_CHARS):
        chars.append(_CROCKFORD[number & 31])
        number >>= 5
    text = "".join(reversed(chars))
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalize_recovery_code(code: str) -> bytes:
    """Canonical bytes of a typed recovery code.

    Case, spaces and dashes do not matter, and the letters people confuse with digits
    (O, I, L) are read as the digits, as Crockford's base32 specifies.
    """
    cleaned = "".join(ch for ch in code.upper() if ch not in " -\t\n")
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    if len(cleaned) != _RECOVERY_CHARS or any(ch not in _CROCKFORD for ch in cleaned):
        raise WrongPassphrase(
            "that is not a recovery code: it has 8 groups of 4 letters and digits"
        )
    return cleaned.encode("ascii")
