"""Check SQLite's write-ahead log before SQLite replays it.

After an unclean shutdown (a crash, a kill, a power cut) the vault's recent commits live
only in ``vault.db-wal``. When the first connection opens, SQLite replays the log's
frames up to the first one whose salt or checksum does not match and silently drops the
rest; the next checkpoint then overwrites it. A flipped byte in the middle of the log, or
a log cut short, would so lose acknowledged commits without a word.

This module reads the log the way SQLite does (https://www.sqlite.org/fileformat.html,
"The Write-Ahead Log"): the 32-byte header (magic, version, page size, salts, checksum),
then frames of a 24-byte header and one page, each frame's checksum cumulative over every
earlier frame. SQLCipher encrypts the page contents only; the frame headers and
checksums are SQLite's own, computed over the encrypted page (verified on real files in
tests/reliability/test_wal_damage.py). It then says whether what SQLite would drop is
only what a crash legitimately leaves behind:

* frames after the last commit of an unfinished transaction, a torn last frame, and
  stale frames of an earlier log generation (a different salt) are normal;
* a bad frame followed by later frames of the same generation is damage (committed
  frames would be dropped), and so is a log shorter than its index (``vault.db-shm``,
  when that index is intact and of the same generation) says it was committed to.

Nothing is written; the caller decides what to do.
"""

from __future__ import annotations

import struct
import sys
from dataclasses import dataclass
from pathlib import Path

WAL_HEADER = struct.Struct(">8I")
FRAME_HEADER = struct.Struct(">6I")
SHM_HEADER = struct.Struct("=3I2BH8I")  # WalIndexHdr, native byte order, 48 bytes
WAL_MAGICS = (0x377F0682, 0x377F0683)  # checksums little-endian / big-endian
WAL_VERSION = 3007000


@dataclass(frozen=True)
class WalReport:
    """What a log holds: ``problem`` is None when SQLite would lose nothing committed."""

    size: int
    frames: int  # frames of the valid chain SQLite would replay
    commits: int  # commit frames among them
    problem: str | None = None


def _checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    mask = 0xFFFFFFFF
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & mask
        s1 = (s1 + words[i + 1] + s0) & mask
    return s0, s1


@dataclass(frozen=True)
class _Index:
    """The committed state the WAL index recorded: frame count, last checksum, salts."""

    max_frame: int
    frame_checksum: tuple[int, int]
    salts: tuple[int, int]


def _read_index(shm: Path) -> _Index | None:
    """The WAL index header, if the file is there and both copies agree and check out."""
    try:
        with shm.open("rb") as handle:
            raw = handle.read(2 * SHM_HEADER.size)
    except OSError:
        return None
    if len(raw) < 2 * SHM_HEADER.size or raw[: SHM_HEADER.size] != raw[SHM_HEADER.size :]:
        return None  # missing, or a writer was updating it when the process died
    fields = SHM_HEADER.unpack(raw[: SHM_HEADER.size])
    version, is_init = fields[0], fields[3]
    if version != WAL_VERSION or is_init != 1:
        return None
    if _checksum(raw[:40], 0, 0, sys.byteorder == "big") != (fields[12], fields[13]):
        return None
    # The salts are the log header's bytes copied as they are (big-endian), unlike the
    # other fields, which are native integers.
    salts = struct.unpack_from(">2I", raw, 32)
    return _Index(max_frame=fields[6], frame_checksum=(fields[8], fields[9]), salts=salts)


def inspect_wal(wal: Path, shm: Path | None = None) -> WalReport:
    """Read ``wal`` (streaming, one frame at a time) and report what SQLite would keep."""
    size = wal.stat().st_size
    if size == 0:
        return WalReport(0, 0, 0)
    with wal.open("rb") as handle:
        head = handle.read(WAL_HEADER.size)
        if len(head) < WAL_HEADER.size:
            return WalReport(size, 0, 0, "the log is shorter than its own header")
        magic, version, page_size, _seq, salt1, salt2, c1, c2 = WAL_HEADER.unpack(head)
        big = magic == WAL_MAGICS[1]
        if (
            magic not in WAL_MAGICS
            or version != WAL_VERSION
            or page_size < 512
            or page_size > 65536
            or page_size & (page_size - 1)
            or _checksum(head[:24], 0, 0, big) != (c1, c2)
        ):
            return WalReport(size, 0, 0, "the log's header is damaged")
        frame_size = FRAME_HEADER.size + page_size
        index = _read_index(shm) if shm is not None else None
        if index is not None and index.salts != (salt1, salt2):
            index = None  # a log restarted after the index was written: not comparable
        s0, s1 = c1, c2
        frames = commits = 0
        checksum_at_index: tuple[int, int] | None = None
        first_bad: int | None = None
        later_same_generation = 0
        while True:
            frame = handle.read(frame_size)
            if len(frame) < frame_size:
                break  # end of file, or a torn last frame
            number = frames + 1 if first_bad is None else 0
            page_no, _db_size, f_salt1, f_salt2, f_c1, f_c2 = FRAME_HEADER.unpack_from(frame)
            same_generation = (f_salt1, f_salt2) == (salt1, salt2)
            if first_bad is not None:
                later_same_generation += same_generation
                continue
            t0, t1 = _checksum(frame[:8], s0, s1, big)
            t0, t1 = _checksum(frame[FRAME_HEADER.size :], t0, t1, big)
            if not same_generation or (t0, t1) != (f_c1, f_c2) or page_no == 0:
                first_bad = number
                continue
            s0, s1 = t0, t1
            frames = number
            if _db_size:
                commits += 1
            if index is not None and frames == index.max_frame:
                checksum_at_index = (s0, s1)
    if first_bad is not None and later_same_generation:
        return WalReport(
            size, frames, commits,
            f"frame {first_bad} is damaged and {later_same_generation} later frame(s) of "
            "the same log follow it",
        )  # fmt: skip
    if index is not None:
        if index.max_frame > frames:
            return WalReport(
                size, frames, commits,
                f"the log holds {frames} intact frame(s) but {index.max_frame} were "
                "committed (it was cut short or damaged)",
            )  # fmt: skip
        if index.max_frame and checksum_at_index != index.frame_checksum:
            return WalReport(size, frames, commits, "the log does not match its index")
    return WalReport(size, frames, commits)
