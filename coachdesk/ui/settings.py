"""App settings in QSettings: preferences only, never personal data.

Only the keys declared here are ever written, each with a type and a default, so a
client's name or a note cannot slip into the settings file by accident. File dialogs
are given folders, never files that name a client, and Qt's own dialog history is
switched off (see :mod:`coachdesk.ui.files`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

DEFAULT_AUTOLOCK_MINUTES = 5


@dataclass(frozen=True)
class _Key:
    name: str
    default: object


AUTOLOCK_MINUTES = _Key("security/autolock_minutes", DEFAULT_AUTOLOCK_MINUTES)
CLIPBOARD_CLEAR_SECONDS = _Key("security/clipboard_clear_seconds", 30)
BACKUP_FOLDER = _Key("backup/folder", "")
BACKUP_INTERVAL_HOURS = _Key("backup/interval_hours", 24)
LAST_BACKUP = _Key("backup/last_backup_utc", "")
REPORT_PAGE_SIZE = _Key("reports/page_size", "A4")
REPORT_COACH_NAME = _Key("reports/coach_name", "")
CALENDAR_EVENT_TEXT = _Key("calendar/event_text", "generic")
"""What exported calendar events say about the client: generic | initials | name."""
WINDOW_GEOMETRY = _Key("window/geometry", QByteArray())
WINDOW_STATE = _Key("window/state", QByteArray())
SPLITTER_STATE = _Key("window/splitter", QByteArray())

ALL_KEYS = (
    AUTOLOCK_MINUTES,
    CLIPBOARD_CLEAR_SECONDS,
    BACKUP_FOLDER,
    BACKUP_INTERVAL_HOURS,
    LAST_BACKUP,
    REPORT_PAGE_SIZE,
    REPORT_COACH_NAME,
    CALENDAR_EVENT_TEXT,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    SPLITTER_STATE,
)


class AppSettings:
    """Typed access to the few preferences CoachDesk keeps outside the vault.

    The coach's own name for report footers is a preference of the coach, not client
    data; it is the only free text kept here.
    """

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._qsettings = QSettings()
        else:
            self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def file_name(self) -> str:
        return str(self._qsettings.fileName())

    def get_int(self, key: _Key) -> int:
        value: object = self._qsettings.value(key.name, key.default)
        if isinstance(value, int | str):
            try:
                return int(value)
            except ValueError:
                pass
        default = key.default
        return default if isinstance(default, int) else 0

    def get_str(self, key: _Key) -> str:
        value = self._qsettings.value(key.name, key.default)
        return value if isinstance(value, str) else str(key.default)

    def get_bytes(self, key: _Key) -> QByteArray:
        value = self._qsettings.value(key.name, key.default)
        return value if isinstance(value, QByteArray) else QByteArray()

    def set(self, key: _Key, value: int | str | QByteArray) -> None:
        if key not in ALL_KEYS:
            raise KeyError(key.name)
        self._qsettings.setValue(key.name, value)

    def sync(self) -> None:
        self._qsettings.sync()
