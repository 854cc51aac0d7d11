"""Where CoachDesk may write a file the coach asked for (an export, a PDF, a backup).

One rule for every command and every save dialog (docs/security.md, "Output paths"):
nothing is written into a vault folder — any vault, not only the open one — nor into a
folder inside one, nor to a path that resolves (a symlink, a hard link, ``..``) to a
file of a vault. A report saved as ``vault.key`` would replace the only copy of the keys,
and the recovery code, sealed in that file, could not help. Paths are resolved before
they are judged, so no spelling of a vault file gets through.

The same module says which folders a new vault may go into (not inside another vault)
and tightens a vault folder that others could write to.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from coachdesk.core.errors import InvalidInput
from coachdesk.vault.files import DIR_MODE, atomic_write_bytes

STDOUT = "-"
"""``-o -``: standard output, for text outputs (the JSON export) only."""

VAULT_MARKERS = ("vault.key", "vault.db", "vault.db-wal")
"""A folder holding any of these is a vault folder (even a damaged or half-made one)."""


def is_vault_folder(folder: Path) -> bool:
    """True when ``folder`` holds a vault's header or database (whole or in part)."""
    return any(os.path.lexists(folder / name) for name in VAULT_MARKERS)


def enclosing_vault(path: Path) -> Path | None:
    """The vault folder that ``path`` (resolved) is, or lies inside; None when none."""
    real = Path(os.path.realpath(path))
    for folder in (real, *real.parents):
        if is_vault_folder(folder):
            return folder
    return None


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _vault_file_identities(vault_folder: Path) -> set[tuple[int, int]]:
    found = set()
    for name in (*VAULT_MARKERS, "vault.db-shm", "vault.lock"):
        identity = _identity(vault_folder / name)
        if identity is not None:
            found.add(identity)
    return found


def check_output_file(target: Path, *, vault_folder: Path | None = None) -> Path:
    """Judge a file the coach asked CoachDesk to write; returns it, or raises InvalidInput.

    Refused: a folder, a missing folder, a symbolic link, anything but a regular file,
    any path inside a vault folder (after resolving symlinks and ``..``), and an existing
    file with other names (a hard link — it may be a vault file under another name;
    ``vault_folder``, the open vault, is compared by device and inode as well).
    """
    target = Path(target)
    if str(target) == STDOUT:
        raise InvalidInput("this output cannot go to standard output ('-'); give a file name")
    if target.is_dir():
        raise InvalidInput(f"{target} is a folder; give a file name")
    if not target.parent.is_dir():
        raise InvalidInput(f"the folder {target.parent} does not exist")
    vault = enclosing_vault(target)
    if vault is not None:
        raise InvalidInput(
            f"{target} is inside a vault folder ({vault}); nothing is written there, "
            "choose a folder outside any vault"
        )
    if target.is_symlink():
        # The atomic write would replace the link itself (/dev/stdout is one), not the
        # file it points to: neither is what was asked for.
        raise InvalidInput(f"{target} is a symbolic link; give the name of a file")
    try:
        info = target.stat()
    except FileNotFoundError:
        return target  # a new file
    except OSError as exc:
        raise InvalidInput(f"cannot use {target}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(f"{target} is not a regular file; give a file name")
    if vault_folder is not None and (info.st_dev, info.st_ino) in _vault_file_identities(
        Path(vault_folder)
    ):
        raise InvalidInput(f"{target} is another name of a vault file; choose a new file name")
    if info.st_nlink > 1:
        raise InvalidInput(
            f"{target} has other names (hard links) and may be a vault file; choose a new file name"
        )
    return target


def write_output_file(target: Path, data: bytes, *, vault_folder: Path | None = None) -> None:
    """Check ``target`` with :func:`check_output_file`, then replace it atomically."""
    atomic_write_bytes(check_output_file(target, vault_folder=vault_folder), data)


def check_output_folder(folder: Path) -> Path:
    """A folder CoachDesk will write files into (the backup folder): not in a vault."""
    folder = Path(folder)
    vault = enclosing_vault(folder)
    if vault is not None:
        raise InvalidInput(
            f"{folder} is inside the vault folder {vault}; backups there would be lost "
            "with the vault, choose a folder outside any vault"
        )
    return folder


def check_new_vault_folder(folder: Path) -> Path:
    """A folder a new vault is created or restored into: not inside another vault.

    A dangling symlink is refused too: the vault would land wherever it points.
    """
    folder = Path(folder)
    if folder.is_symlink() and not folder.exists():
        raise InvalidInput(f"{folder} is a symbolic link to nothing; give a real folder")
    real = Path(os.path.realpath(folder))
    for parent in real.parents:
        if is_vault_folder(parent):
            raise InvalidInput(
                f"{folder} is inside the vault folder {parent}; choose a folder outside any vault"
            )
    return folder


def tighten_folder(folder: Path) -> None:
    """Make a vault folder owner-only (0700) when others could read or write it.

    Someone who can write to the folder can rename ``vault.key`` away or plant files
    beside it; someone who can list it learns when the coach works. If the mode cannot
    be changed (a folder of another user), the vault is not made there.
    """
    if os.name == "nt":
        return
    folder = Path(folder)
    info = folder.stat()
    if stat.S_IMODE(info.st_mode) & 0o077 == 0:
        return
    try:
        folder.chmod(DIR_MODE)
    except OSError as exc:
        raise InvalidInput(
            f"{folder} can be opened by other users and its permissions cannot be changed "
            f"({exc.strerror}); choose a folder of your own"
        ) from None
