"""The encrypted container of a backup file: header, key derivation, chunked AEAD stream.

Layout (docs/backup-format.md is the normative description)::

    magic (13) | params length (u16) | params (50) | header MAC (32) | checksum (32)
    chunk 0 | chunk 1 | … | chunk n-1          each: AES-256-GCM(plaintext) ‖ tag (16)

The payload is cut into chunks of ``chunk_size`` plaintext bytes and each chunk is
sealed on its own (the STREAM construction used by age): the nonce is a random prefix,
the chunk's 32-bit counter and a last-chunk flag, so a reordered, dropped, duplicated
or cut chunk fails authentication, and memory stays one chunk whatever the vault size.

The header carries two checks, as the vault header does. The checksum (plain SHA-256
over the whole header) tells accidental damage apart from a wrong passphrase *before*
any derivation; the MAC (HMAC-SHA256 under a key derived from the passphrase) then
tells a wrong passphrase apart from a good one before a single chunk is read. The
header also records the exact payload size, so truncation and appended bytes are
reported as such, from the file size alone, before anything is decrypted.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from coachdesk.core.errors import IntegrityFailure, InvalidInput, WrongPassphrase
from coachdesk.vault import keys

MAGIC = b"\x89CDBACKUP\r\n\x1a\n"
FORMAT_VERSION = 1
KDF_ARGON2ID = 1

# version, kdf id, memory KiB, iterations, lanes, salt, chunk size, payload size, nonce prefix
_PARAMS = struct.Struct(">HBIII16sIQ7s")
_LENGTH = struct.Struct(">H")
MAC_BYTES = 32
CHECKSUM_BYTES = 32
TAG_BYTES = 16
NONCE_PREFIX_BYTES = 7
HEADER_BYTES = len(MAGIC) + _LENGTH.size + _PARAMS.size + MAC_BYTES + CHECKSUM_BYTES
# A future version may have a longer parameter block; anything above this is damage.
_MAX_PARAMS_BYTES = 4096

MIN_CHUNK_SIZE = 256
MAX_CHUNK_SIZE = 16 * 1024 * 1024
DEFAULT_CHUNK_SIZE = 1024 * 1024
MAX_CHUNKS = 2**32  # the nonce counter is 32 bits

_HEADER_MAC_PURPOSE = "backup/header-mac"
_PAYLOAD_PURPOSE = "backup/payload"


@dataclass(frozen=True)
class BackupHeader:
    """The parameters in a backup file's header (everything before the first chunk)."""

    kdf: keys.KdfParams
    salt: bytes
    chunk_size: int
    payload_size: int
    nonce_prefix: bytes

    @property
    def chunk_count(self) -> int:
        return -(-self.payload_size // self.chunk_size)

    @property
    def file_size(self) -> int:
        """The exact size of a complete file with this header."""
        return HEADER_BYTES + self.payload_size + TAG_BYTES * self.chunk_count

    def chunk_offset(self, index: int) -> int:
        """Byte offset in the file where chunk ``index`` starts."""
        return HEADER_BYTES + index * (self.chunk_size + TAG_BYTES)

    def plaintext_size(self, index: int) -> int:
        if index < self.chunk_count - 1:
            return self.chunk_size
        return self.payload_size - self.chunk_size * (self.chunk_count - 1)

    def check(self) -> None:
        """Bounds a reader enforces before it allocates or derives anything."""
        self.kdf.check_bounds()
        if not MIN_CHUNK_SIZE <= self.chunk_size <= MAX_CHUNK_SIZE:
            raise IntegrityFailure(f"the backup header is damaged: chunk size {self.chunk_size}")
        if self.payload_size < 1 or self.chunk_count > MAX_CHUNKS:
            raise IntegrityFailure("the backup header is damaged: impossible payload size")

    def _signed_part(self) -> bytes:
        params = _PARAMS.pack(
            FORMAT_VERSION,
            KDF_ARGON2ID,
            self.kdf.memory_kib,
            self.kdf.iterations,
            self.kdf.lanes,
            self.salt,
            self.chunk_size,
            self.payload_size,
            self.nonce_prefix,
        )
        return MAGIC + _LENGTH.pack(len(params)) + params


@dataclass(frozen=True)
class _Keys:
    mac: bytes
    payload: bytes


def _derive(passphrase: str, header: BackupHeader) -> _Keys:
    root = keys.derive_key(keys.normalize_passphrase(passphrase), header.salt, header.kdf)
    return _Keys(keys.subkey(root, _HEADER_MAC_PURPOSE), keys.subkey(root, _PAYLOAD_PURPOSE))


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", index, 1 if last else 0)


# -- writing -----------------------------------------------------------------------------


class StreamWriter:
    """Encrypts a payload of known size into ``out``, one chunk at a time.

    The size is fixed up front because it is recorded in the header (that is what lets
    a reader say "truncated" rather than "damaged") and because a chunk can only be
    sealed once we know whether it is the last one.
    """

    def __init__(
        self,
        out: BinaryIO,
        passphrase: str,
        kdf: keys.KdfParams,
        payload_size: int,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        *,
        deferred: int = 0,
    ) -> None:
        """``deferred``: the first bytes of the payload are only known at the end (a
        manifest holding the digest of what follows); the chunks they fall in are kept
        and sealed by :meth:`complete`, so the rest streams in one pass. ``out`` must
        then be seekable."""
        if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
            raise InvalidInput(
                f"chunk size must be {MIN_CHUNK_SIZE}–{MAX_CHUNK_SIZE} bytes, not {chunk_size}"
            )
        self.header = BackupHeader(
            kdf=kdf,
            salt=os.urandom(keys.SALT_BYTES),
            chunk_size=chunk_size,
            payload_size=payload_size,
            nonce_prefix=os.urandom(NONCE_PREFIX_BYTES),
        )
        self.header.check()
        derived = _derive(passphrase, self.header)
        signed = self.header._signed_part()
        mac = hmac.new(derived.mac, signed, hashlib.sha256).digest()
        checksum = hashlib.sha256(signed + mac).digest()
        self._aad = checksum
        self._aead = AESGCM(derived.payload)
        self._out = out
        # One chunk of plaintext, reused: memory stays one chunk whatever the payload.
        self._buffer = bytearray(chunk_size)
        self._view = memoryview(self._buffer)
        self._filled = 0
        self._index = 0
        self._received = 0
        self._deferred = deferred
        self._held: dict[int, bytearray] = {}  # chunk index -> plaintext, for complete()
        out.write(signed + mac + checksum)

    @property
    def bytes_written(self) -> int:
        """Bytes of payload accepted so far."""
        return self._received

    def write(self, data: bytes | bytearray | memoryview) -> None:
        view = memoryview(data).cast("B")
        if self._received + len(view) > self.header.payload_size:
            raise ValueError("more payload than the header announced")
        self._received += len(view)
        size = self.header.chunk_size
        while view:
            if not self._filled and len(view) >= size:  # a whole chunk: seal it in place
                self._seal(view[:size])
                view = view[size:]
                continue
            take = min(len(view), size - self._filled)
            self._view[self._filled : self._filled + take] = view[:take]
            self._filled += take
            view = view[take:]
            if self._filled == size:
                self._seal(self._view)
        if self._received == self.header.payload_size and self._filled:
            self._seal(self._view[: self._filled])

    def _seal(self, plaintext: memoryview) -> None:
        if self._index * self.header.chunk_size < self._deferred:
            # Sealed by complete(); its place in the file is left for it.
            self._held[self._index] = bytearray(plaintext)
            self._out.seek(len(plaintext) + TAG_BYTES, os.SEEK_CUR)
        else:
            self._out.write(self._sealed(self._index, plaintext))
        self._index += 1
        self._filled = 0

    def _sealed(self, index: int, plaintext: bytes | bytearray | memoryview) -> bytes:
        nonce = _nonce(self.header.nonce_prefix, index, index == self.header.chunk_count - 1)
        return self._aead.encrypt(nonce, plaintext, self._aad)

    def complete(self, prefix: bytes) -> None:
        """Give the ``deferred`` first payload bytes and seal the chunks that hold them."""
        if len(prefix) != self._deferred or self._received != self.header.payload_size:
            raise ValueError("the deferred bytes do not fit the payload announced")
        size = self.header.chunk_size
        end = self._out.tell()
        for index, plaintext in sorted(self._held.items()):
            start = index * size
            piece = prefix[start : start + len(plaintext)]
            plaintext[: len(piece)] = piece
            self._out.seek(self.header.chunk_offset(index))
            self._out.write(self._sealed(index, plaintext))
        self._held.clear()
        self._deferred = 0
        self._out.seek(end)

    def finish(self) -> None:
        """Check that exactly the announced payload was written (a bug guard)."""
        if (
            self._received != self.header.payload_size
            or self._index != self.header.chunk_count
            or self._held
        ):
            raise ValueError(
                f"payload incomplete: {self._received} of {self.header.payload_size} bytes"
            )


# -- reading -----------------------------------------------------------------------------


def read_header(handle: BinaryIO) -> BackupHeader:
    """Parse and check the header; raises IntegrityFailure or InvalidInput.

    Needs no passphrase: magic, checksum, version, bounds and the file size (truncated,
    or bytes appended) are all checked here, before any key derivation.
    """
    return _read_header(handle)[0]


def _read_header(handle: BinaryIO) -> tuple[BackupHeader, bytes]:
    """The checked header and its raw bytes (which the MAC and the chunks' AAD cover)."""
    magic = handle.read(len(MAGIC))
    if magic != MAGIC:
        if magic and MAGIC.startswith(magic):
            raise IntegrityFailure("the backup is truncated: it ends inside its header")
        raise IntegrityFailure("this is not a CoachDesk backup (unknown file signature)")
    raw_length = handle.read(_LENGTH.size)
    if len(raw_length) < _LENGTH.size:
        raise IntegrityFailure("the backup is truncated: it ends inside its header")
    (length,) = _LENGTH.unpack(raw_length)
    if not 2 <= length <= _MAX_PARAMS_BYTES:
        raise IntegrityFailure("the backup header is damaged (parameter length)")
    rest = handle.read(length + MAC_BYTES + CHECKSUM_BYTES)
    if len(rest) < length + MAC_BYTES + CHECKSUM_BYTES:
        raise IntegrityFailure("the backup is truncated: it ends inside its header")
    params, mac, checksum = (
        rest[:length],
        rest[length : length + MAC_BYTES],
        rest[length + MAC_BYTES :],
    )
    signed = magic + raw_length + params
    if not hmac.compare_digest(checksum, hashlib.sha256(signed + mac).digest()):
        raise IntegrityFailure("the backup header is damaged (checksum mismatch)")
    (version,) = struct.unpack(">H", params[:2])
    if version != FORMAT_VERSION:
        raise InvalidInput(
            f"this backup uses format version {version}; a newer CoachDesk is needed to read it"
        )
    if length != _PARAMS.size:
        raise IntegrityFailure("the backup header is damaged (parameter length)")
    _v, kdf_id, memory, iterations, lanes, salt, chunk_size, payload_size, prefix = _PARAMS.unpack(
        params
    )
    if kdf_id != KDF_ARGON2ID:
        raise IntegrityFailure("the backup header names an unknown key-derivation function")
    header = BackupHeader(
        kdf=keys.KdfParams(memory_kib=memory, iterations=iterations, lanes=lanes),
        salt=salt,
        chunk_size=chunk_size,
        payload_size=payload_size,
        nonce_prefix=prefix,
    )
    header.check()
    _check_file_size(handle, header)
    return header, signed + mac + checksum


def _check_file_size(handle: BinaryIO, header: BackupHeader) -> None:
    try:
        actual = os.fstat(handle.fileno()).st_size
    except (OSError, ValueError, AttributeError):
        return  # not a regular file: the chunk loop still catches both cases
    if actual < header.file_size:
        raise IntegrityFailure(
            f"the backup is truncated: it ends at byte {actual} of {header.file_size}"
        )
    if actual > header.file_size:
        raise IntegrityFailure(
            f"the backup has {actual - header.file_size} unexpected byte(s) appended "
            f"after its end (byte {header.file_size})"
        )


class StreamReader:
    """Authenticates and decrypts a backup file chunk by chunk.

    Construction reads the header and derives the keys: WrongPassphrase if the MAC
    does not match a header whose checksum does. :meth:`chunks` then yields plaintext
    chunks in order, raising IntegrityFailure at the first one that fails.
    """

    def __init__(self, handle: BinaryIO, passphrase: str) -> None:
        self.header, raw = _read_header(handle)
        derived = _derive(passphrase, self.header)
        signed = raw[: -MAC_BYTES - CHECKSUM_BYTES]
        mac = raw[-MAC_BYTES - CHECKSUM_BYTES : -CHECKSUM_BYTES]
        self._aad = raw[-CHECKSUM_BYTES:]
        if not hmac.compare_digest(mac, hmac.new(derived.mac, signed, hashlib.sha256).digest()):
            raise WrongPassphrase("wrong passphrase for this backup")
        self._aead = AESGCM(derived.payload)
        self._handle = handle

    def chunks(self) -> Iterator[bytes]:
        header = self.header
        count = header.chunk_count
        for index in range(count):
            expected = header.plaintext_size(index) + TAG_BYTES
            sealed = self._handle.read(expected)
            if len(sealed) < expected:
                raise IntegrityFailure(
                    f"the backup is truncated: chunk {index + 1} of {count} is incomplete"
                )
            nonce = _nonce(header.nonce_prefix, index, index == count - 1)
            try:
                plaintext = self._aead.decrypt(nonce, sealed, self._aad)
            except InvalidTag:
                raise IntegrityFailure(
                    f"the backup has been modified at byte {header.chunk_offset(index)} "
                    f"(chunk {index + 1} of {count} fails authentication: damaged, "
                    "reordered or replaced)"
                ) from None
            del sealed  # only the plaintext stays alive while the caller works on it
            yield plaintext
        if self._handle.read(1):
            raise IntegrityFailure(
                f"the backup has unexpected bytes appended after its end (byte {header.file_size})"
            )


class PayloadStream:
    """Reads the decrypted payload as a byte stream that spans chunk boundaries."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._current = memoryview(b"")

    def _fill(self) -> bool:
        while not self._current:
            try:
                self._current = memoryview(next(self._chunks))
            except StopIteration:
                return False
        return True

    def read_exact(self, size: int, what: str) -> bytes:
        """``size`` bytes (for small items: they are held in memory)."""
        parts = []
        for piece in self.pieces(size, what):
            parts.append(bytes(piece))
        return b"".join(parts)

    def pieces(self, size: int, what: str) -> Iterator[memoryview]:
        """The next ``size`` bytes as a sequence of views, at most one chunk each."""
        remaining = size
        while remaining:
            if not self._fill():
                raise IntegrityFailure(f"the backup ends in the middle of {what}")
            piece = self._current[:remaining]
            self._current = self._current[len(piece) :]
            remaining -= len(piece)
            yield piece

    def finish(self) -> None:
        """Consume the rest: it must be empty (and the stream's own end checks run)."""
        if self._fill():
            raise IntegrityFailure("the backup holds more data than its manifest lists")
