"""The watching half of :class:`cups_support.FolderWatch`, in a process of its own.

Run as ``python folder_watch_child.py KEEP FOLDER...``. The kernel reports every entry
that appears under the folders (inotify, through watchdog); each one is hard-linked into
KEEP the moment it is reported, so a temporary file deleted right after still has its
bytes read afterwards. A thread of the test process could not do this: while the test
sits in one long Qt call (painting a page, opening the print dialog) it holds the
interpreter lock, and a file that lives a few milliseconds is gone before the thread runs.

Protocol: prints ``ready`` once the watches are set. When its standard input closes it
waits for the end marker the parent creates in each folder (inotify reports a folder's
events in order, so every earlier event has been handled), prints one JSON object
``{"paths": {path: {"events": [...], "kept": path-or-null, "folder": bool}}}`` and
exits.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.inotify import InotifyObserver

END = ".folder-watch-end"


class Record:
    """What the kernel said about each path, and where its bytes were kept."""

    def __init__(self, keep: Path, folders: list[Path]) -> None:
        self.keep = keep
        self.events: dict[str, list[str]] = {}
        self.kept: dict[str, str | None] = {}
        self.folders: set[str] = set()
        self.ended = {folder: threading.Event() for folder in folders}
        self.lock = threading.Lock()

    def note(self, folder: Path, event: FileSystemEvent) -> None:
        for raw in (event.src_path, event.dest_path):
            if not raw:
                continue
            path = Path(os.fsdecode(raw))
            if path == folder / END:
                self.ended[folder].set()
            elif path != folder:
                with self.lock:
                    self.events.setdefault(str(path), []).append(event.event_type)
                    if event.is_directory:
                        self.folders.add(str(path))
                    elif str(path) not in self.kept:
                        self.kept[str(path)] = self._keep(path)

    def _keep(self, path: Path) -> str | None:
        """A second name for the entry's inode: its bytes outlive the unlink."""
        target = self.keep / str(len(self.kept))
        try:
            os.link(path, target, follow_symlinks=False)
        except OSError:
            return None  # gone already, or not a file
        return str(target)


class Recorder(FileSystemEventHandler):
    def __init__(self, record: Record, folder: Path) -> None:
        self.record = record
        self.folder = folder

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.record.note(self.folder, event)


def main() -> None:
    keep = Path(sys.argv[1])
    folders = [Path(arg) for arg in sys.argv[2:]]
    record = Record(keep, folders)
    observer = InotifyObserver()
    for folder in folders:
        observer.schedule(Recorder(record, folder), str(folder), recursive=True)
    observer.start()  # the watches exist when start returns
    print("ready", flush=True)
    sys.stdin.read()
    missing = [str(folder) for folder, ended in record.ended.items() if not ended.wait(30)]
    observer.stop()
    observer.join()
    with record.lock:
        report = {
            path: {
                "events": events,
                "kept": record.kept.get(path),
                "folder": path in record.folders,
            }
            for path, events in record.events.items()
        }
    print(json.dumps({"paths": report, "missing_end": missing}), flush=True)


if __name__ == "__main__":
    main()
