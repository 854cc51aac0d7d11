"""A real, private CUPS scheduler for printing tests (importable: tests/ is on pythonpath).

Each :class:`Scheduler` is its own ``cupsd -f`` with its own cupsd.conf and
cups-files.conf, spool, logs and cache under a fresh folder, listening only on a Unix
socket there (never on a network port, never the system's scheduler). Two queues:

* :data:`CUPS_PDF` — the cups-pdf virtual printer with its stock PPD: the PostScript
  route an ordinary driver takes (pdftopdf, pdftops, then cups-pdf's Ghostscript). Its
  output folder is set in a cups-pdf config of its own (cups-pdf reads only
  ``/etc/cups/cups-pdf-<name>.conf``; the file is removed when the scheduler stops).
* :data:`PDF_PRINTER` — a printer that takes PDF, as driverless (IPP Everywhere)
  printers do: pdftopdf applies the page ranges and copies, and the result goes to a
  file. The PostScript route keeps the glyphs but drops the fonts' Unicode maps, so
  only this queue's output gives text back to ``pdftotext`` in every script.

Needs root (cups-pdf's backend is root-only), cupsd, cups-pdf and poppler-utils;
:func:`missing` says what is absent so tests can skip with that reason.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CUPS_PDF = "coachdesk-cups-pdf"
PDF_PRINTER = "coachdesk-pdf-printer"
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_CONFIG_DIR = Path("/etc/cups")


def missing() -> str | None:
    """Why a private scheduler cannot run here, or None if it can."""
    for tool in ("cupsd", "lp", "lpstat", "pdfinfo", "pdftotext", "pdftoppm"):
        if shutil.which(tool) is None and not Path("/usr/sbin", tool).exists():
            return f"{tool} is not installed (apt-get install cups poppler-utils)"
    if not CUPS_PDF_BACKEND.exists() or not CUPS_PDF_PPD.exists():
        return "cups-pdf is not installed (apt-get install printer-driver-cups-pdf)"
    if os.name != "posix" or os.geteuid() != 0:
        return "a private cupsd with the cups-pdf backend needs root"
    if not os.access(CUPS_PDF_CONFIG_DIR, os.W_OK):
        return f"{CUPS_PDF_CONFIG_DIR} is not writable (cups-pdf reads its config only there)"
    return None


def reset_libcups() -> None:
    """Make libcups in this process read CUPS_SERVER again: it caches the server on
    first use, and Qt's print support asks libcups which printers exist."""
    name = ctypes.util.find_library("cups")
    if name:
        ctypes.CDLL(name).cupsSetServer(None)


_PRCTL = ctypes.CDLL(ctypes.util.find_library("c")).prctl  # loaded before any fork


def _die_with_parent() -> None:
    """In the child, between fork and exec: SIGTERM when the test process dies (a
    crash skips the fixture's teardown). Only a system call: safe after a fork."""
    _PRCTL(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _remove_stale_cups_pdf_configs() -> None:
    """cups-pdf configs left in /etc/cups by a test process that crashed."""
    for path in CUPS_PDF_CONFIG_DIR.glob("cups-pdf-coachdesk-test-*.conf"):
        pid = int(path.name.split("-")[4])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            path.unlink(missing_ok=True)
            shutil.rmtree(
                Path("/tmp", "cd-cups-" + path.stem.rsplit("-", 1)[1]), ignore_errors=True
            )
        except PermissionError:
            pass


class Scheduler:
    """A private cupsd; use as a context manager (it always stops)."""

    def __init__(self, preserve_job_files: bool = True) -> None:
        # Unix socket paths are limited to ~107 bytes and the filters run as user lp,
        # so the folder is short and traversable, not under pytest's 0700 tmp_path.
        self.root = Path(tempfile.mkdtemp(prefix="cd-cups-", dir="/tmp"))
        self.root.chmod(0o755)
        self.socket = self.root / "cups.sock"
        self.spool = self.root / "spool"
        self.output = self.root / "cups-pdf-out"
        self.pdf_printer_file = self.root / "pdf-printer-out" / "job.pdf"
        self.preserve_job_files = preserve_job_files
        self.suffix = f"coachdesk-test-{os.getpid()}-{self.root.name[-8:]}"
        self.cups_pdf_config = CUPS_PDF_CONFIG_DIR / f"cups-pdf-{self.suffix}.conf"
        self.process: subprocess.Popen[bytes] | None = None

    # -- set-up -------------------------------------------------------------------------

    def _write_config(self) -> None:
        _remove_stale_cups_pdf_configs()
        r = self.root
        conf = r / "etc"
        for folder in (conf / "ppd", self.spool / "tmp", r / "cache", r / "state", r / "log"):
            folder.mkdir(parents=True)
        for folder in (self.output, r / "cups-pdf-spool", self.pdf_printer_file.parent):
            folder.mkdir(mode=0o700)
        (conf / "cups-files.conf").write_text(
            f"ServerRoot {conf}\nRequestRoot {self.spool}\nTempDir {self.spool / 'tmp'}\n"
            f"CacheDir {r / 'cache'}\nStateDir {r / 'state'}\n"
            f"AccessLog {r / 'log/access_log'}\nErrorLog {r / 'log/error_log'}\n"
            f"PageLog {r / 'log/page_log'}\nUser lp\nGroup lp\nSystemGroup root\n"
            "FileDevice Yes\n"
        )
        (conf / "cupsd.conf").write_text(
            f"LogLevel info\nListen {self.socket}\nBrowsing No\nWebInterface No\n"
            f"DefaultAuthType None\n"
            f"PreserveJobFiles {'Yes' if self.preserve_job_files else 'No'}\n"
            "PreserveJobHistory Yes\nMaxJobs 0\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
        )
        shutil.copyfile(CUPS_PDF_PPD, conf / "ppd" / f"{CUPS_PDF}.ppd")
        # A PDF printer: the job reaches the device as PDF (pdftopdf only).
        ppd = CUPS_PDF_PPD.read_text(encoding="latin-1")
        ppd = re.sub(
            r"^\*% cupsFilter:.*$",
            '*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 -"',
            ppd,
            flags=re.M,
        )
        (conf / "ppd" / f"{PDF_PRINTER}.ppd").write_text(ppd, encoding="latin-1")
        # libcups in this process reads them in place there, instead of copying them
        # into $TMPDIR (tests/conftest.py says why).
        client_ppd = Path(os.environ.get("CUPS_SERVERROOT", conf)) / "ppd"
        if client_ppd != conf / "ppd":
            client_ppd.mkdir(exist_ok=True)
            for name in (CUPS_PDF, PDF_PRINTER):
                shutil.copyfile(conf / "ppd" / f"{name}.ppd", client_ppd / f"{name}.ppd")
        # cupsd opens a file: device without O_CREAT.
        self.pdf_printer_file.touch(mode=0o600)
        (conf / "printers.conf").write_text(
            f"<Printer {CUPS_PDF}>\nDeviceURI cups-pdf:/{self.suffix}\nState Idle\n"
            "Accepting Yes\nShared No\n</Printer>\n"
            f"<Printer {PDF_PRINTER}>\nDeviceURI file://{self.pdf_printer_file}\n"
            "State Idle\nAccepting Yes\nShared No\n</Printer>\n"
        )
        self.cups_pdf_config.write_text(
            f"Out {self.output}\nAnonDirName {self.output}\nSpool {r / 'cups-pdf-spool'}\n"
            f"GSTmp {r / 'cups-pdf-spool'}\nLog {r / 'log'}\nLogType 1\n"
            "UserUMask 0077\nAnonUMask 0077\n"
        )

    def start(self) -> Scheduler:
        self._write_config()
        conf = self.root / "etc"
        cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
        self.process = subprocess.Popen(
            [cupsd, "-f", "-c", str(conf / "cupsd.conf"), "-s", str(conf / "cups-files.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"cupsd exited: {self.log()[-2000:]}")
            ready = subprocess.run(["lpstat", "-r"], env=self.env(), capture_output=True, text=True)
            if "is running" in ready.stdout and self.socket.exists():
                return self
            time.sleep(0.1)
        raise RuntimeError("cupsd did not start within 30 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.cups_pdf_config.unlink(missing_ok=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Scheduler:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- use ----------------------------------------------------------------------------

    def env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        env = dict(os.environ if base is None else base)
        env["CUPS_SERVER"] = str(self.socket)
        return env

    def log(self) -> str:
        path = self.root / "log" / "error_log"
        return path.read_text(errors="replace") if path.exists() else ""

    def job_number(self, job_id: str) -> int:
        return int(job_id.rsplit("-", 1)[1])

    def wait_completed(self, job_id: str, timeout: float = 60) -> None:
        """Until the scheduler lists ``job_id`` as completed; fails on abort/cancel."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = subprocess.run(
                ["lpstat", "-W", "completed", "-o"], env=self.env(), capture_output=True, text=True
            ).stdout.split()
            if job_id in done:
                marker = f"[Job {self.job_number(job_id)}] Job completed."
                if marker in self.log():
                    return
                raise AssertionError(f"job {job_id} did not complete: {self.log()[-3000:]}")
            time.sleep(0.1)
        raise AssertionError(f"job {job_id} still not completed: {self.log()[-3000:]}")

    def cups_pdf_output(self, job_id: str, timeout: float = 60) -> Path:
        """The PDF cups-pdf wrote for ``job_id`` (named after the job's title)."""
        self.wait_completed(job_id, timeout)
        found = list(self.output.glob(f"*job_{self.job_number(job_id)}.pdf"))
        assert len(found) == 1, (sorted(self.output.iterdir()), self.log()[-3000:])
        return found[0]

    def pdf_printer_output(self, job_id: str, timeout: float = 60) -> bytes:
        """What the PDF printer received for ``job_id`` (then empties its device)."""
        self.wait_completed(job_id, timeout)
        data = self.pdf_printer_file.read_bytes()
        with self.pdf_printer_file.open("r+b") as device:
            device.truncate()
        return data

    def spooled_documents(self) -> dict[int, int]:
        """Job number -> size of the document the scheduler keeps in its spool."""
        found: dict[int, int] = {}
        for path in self.spool.glob("d*-001"):
            found[int(path.name[1:6])] = path.stat().st_size
        return found

    def incoming_jobs(self) -> list[str]:
        out = subprocess.run(
            ["lpstat", "-o"], env=self.env(), capture_output=True, text=True
        ).stdout
        return [line.split()[0] for line in out.splitlines() if line.strip()]


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
    assert found, info.stdout
    return int(found.group(1))


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


class FolderWatch:
    """Every entry that appears, at any moment, under some folders between start and stop.

    The kernel tells (inotify, watched from a process of its own:
    tests/folder_watch_child.py), so a temporary file created and deleted at once is seen
    however busy the test process is, and its bytes are kept for the test to read. (A
    thread of the test process polling the folders saw nothing while the test held the
    interpreter lock in one long Qt call; CI missed Qt's print-engine file that way.)

    libcups makes one entry of its own: opening a CUPS printer, Qt's print support asks
    for the printer's description (cupsGetPPD). libcups copies it into ``$TMPDIR``
    (owner-only, deleted once read), or, when it can read it in place as the tests let it
    (tests/conftest.py), puts a symlink to it there. Either holds the printer's model and
    options, nothing of the coach's; :attr:`new` leaves such entries out and
    :attr:`printer_descriptions` lists them: right in a watched folder, and either their
    kept bytes are a PPD, or, gone before they could be kept, nothing was ever opened
    through them (a symlink; a file is opened to be written)."""

    _END = ".folder-watch-end"

    def __init__(self, *folders: Path) -> None:
        self.folders = folders
        self.before: set[Path] = self._scan()
        self.seen: set[Path] = set()
        self.kept: dict[Path, bytes | None] = {}
        """The bytes of each new file, read through a link made when it appeared (None:
        gone before). A symlink's bytes are where it points."""
        self.events: dict[Path, list[str]] = {}
        self.created_folders: set[Path] = set()
        self._keep = Path(tempfile.mkdtemp(prefix=".folder-watch-keep-", dir=folders[0].parent))
        self._child: subprocess.Popen[str] | None = None

    def _scan(self) -> set[Path]:
        found: set[Path] = set()
        for folder in self.folders:
            for dirpath, dirnames, filenames in os.walk(folder):
                found.update(Path(dirpath, name) for name in dirnames + filenames)
        return found

    def __enter__(self) -> FolderWatch:
        child = Path(__file__).with_name("folder_watch_child.py")
        self._child = subprocess.Popen(
            [sys.executable, str(child), str(self._keep), *map(str, self.folders)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            preexec_fn=_die_with_parent,
        )
        assert self._child.stdout is not None
        assert self._child.stdout.readline().strip() == "ready", "the folder watch did not start"
        return self

    def __exit__(self, *exc: object) -> None:
        child = self._child
        assert child is not None and child.stdin is not None
        for folder in self.folders:
            marker = folder / self._END
            marker.touch()
            marker.unlink()
        out, _ = child.communicate("", timeout=60)
        report = json.loads(out)
        assert not report["missing_end"], f"inotify never reported the end in {report}"
        for raw, entry in report["paths"].items():
            path = Path(raw)
            self.seen.add(path)
            self.events[path] = entry["events"]
            if entry["folder"]:
                self.created_folders.add(path)
            kept = entry["kept"]
            self.kept[path] = _read_kept(Path(kept)) if kept else None
        shutil.rmtree(self._keep)
        self.seen |= self._scan()

    @property
    def printer_descriptions(self) -> set[Path]:
        """libcups' entries for a printer's description (see the class docstring): right
        in a watched folder, and either their kept bytes are one of the PPDs under
        CUPS_SERVERROOT or a link to one, or, gone too fast to keep, they were only
        created and deleted, never opened."""
        in_place = Path(os.environ.get("CUPS_SERVERROOT", "/etc/cups")) / "ppd"
        descriptions = {ppd.read_bytes() for ppd in in_place.glob("*.ppd")}
        links = {str(ppd).encode() for ppd in in_place.glob("*.ppd")}
        found: set[Path] = set()
        for path in self.seen - self.before:
            if path.parent not in self.folders or path in self.created_folders:
                continue
            kept = self.kept.get(path)
            if kept is None:
                if set(self.events.get(path, ())) == {"created", "deleted"}:
                    found.add(path)
            elif kept in descriptions or kept in links:
                found.add(path)
        return found

    @property
    def new(self) -> set[Path]:
        return self.seen - self.before - self.printer_descriptions


def _read_kept(path: Path) -> bytes:
    if path.is_symlink():  # libcups links to a PPD it can read in place
        return os.readlink(path).encode()
    return path.read_bytes()
