"""Decrypt every page of a SQLCipher 4 file with its raw key, to prove what is (not) in it.

SQLCipher encrypts each page with AES-256-CBC under the raw key, with the page's IV in
the reserved bytes at its end (16 bytes IV + 64 bytes HMAC-SHA512 = 80 reserved);
page 1 starts with the 16-byte salt. Freed pages are included: this sees what a
forensic tool with the key would see, not just live rows.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
RESERVE = 80


def decrypt_pages(data: bytes, key: bytes, *, page_size: int = PAGE_SIZE) -> list[bytes]:
    pages = []
    for offset in range(0, len(data) - page_size + 1, page_size):
        page = data[offset : offset + page_size]
        start = 16 if offset == 0 else 0
        iv = page[page_size - RESERVE : page_size - RESERVE + 16]
        body = page[start : page_size - RESERVE]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        pages.append(decryptor.update(body) + decryptor.finalize())
    return pages


def decrypted_file(path: Path, key: bytes) -> bytes:
    return b"".join(decrypt_pages(path.read_bytes(), key))


def decrypted_wal(path: Path, key: bytes) -> bytes:
    """Frames of a WAL file (32-byte header, 24-byte frame headers)."""
    if not path.exists():
        return b""
    data = path.read_bytes()[32:]
    frame = 24 + PAGE_SIZE
    out = []
    for offset in range(0, len(data) - frame + 1, frame):
        page = data[offset + 24 : offset + frame]
        iv = page[PAGE_SIZE - RESERVE : PAGE_SIZE - RESERVE + 16]
        body = page[: PAGE_SIZE - RESERVE]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out.append(decryptor.update(body) + decryptor.finalize())
    return b"".join(out)
