"""File dialogs that leave no trail.

Qt's own file dialog remembers the last folder and a history in ``QtProject.conf``
(``FileDialog/lastVisited``, ``FileDialog/history``); a report saved as
"…/Clients/Irina Sokolova/summary.pdf" would put a client's name there. Every file
dialog in CoachDesk goes through here: the dialog's history is emptied and its folder
reset to the home folder before it is destroyed, so what Qt writes names nothing.
Suggested file names never contain a client's name either.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtWidgets import QFileDialog, QWidget


def _scrub(dialog: QFileDialog) -> None:
    dialog.setHistory([])
    dialog.setDirectory(QDir.homePath())


def _run(dialog: QFileDialog) -> list[str]:
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return []
        return list(dialog.selectedFiles())
    finally:
        _scrub(dialog)
        dialog.deleteLater()


def choose_folder(parent: QWidget | None, title: str, start: str = "") -> Path | None:
    dialog = QFileDialog(parent, title, start or QDir.homePath())
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = _run(dialog)
    return Path(chosen[0]) if chosen else None


def choose_save_file(
    parent: QWidget | None, title: str, suggested_name: str, name_filter: str
) -> Path | None:
    dialog = QFileDialog(parent, title, str(Path(QDir.homePath()) / suggested_name), name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    chosen = _run(dialog)
    return Path(chosen[0]) if chosen else None


def choose_open_file(parent: QWidget | None, title: str, name_filter: str) -> Path | None:
    dialog = QFileDialog(parent, title, QDir.homePath(), name_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    chosen = _run(dialog)
    return Path(chosen[0]) if chosen else None
