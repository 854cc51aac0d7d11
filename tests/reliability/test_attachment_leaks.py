"""Attachments leave no plaintext on disk: not after adding (CLI), viewing (the app's
PDF and image viewers), nor after the client is erased (page scan of the vault and its
WAL); HOME, the XDG folders and TMPDIR are scanned for the files' markers. Only the copy
the coach saved holds one."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtGui import QImage
from reportlab.pdfgen import canvas
from test_leak_audit import TESTS, Audit, audit, scan_files  # noqa: F401 - audit: a fixture

FILE_MARKER = "Zebu-attachment-4412"


def _inputs(folder: Path) -> list[Path]:
    pdf = folder / "360-report.pdf"
    document = canvas.Canvas(str(pdf))
    document.setTitle(FILE_MARKER)  # in the file's bytes (the Info dictionary)
    document.drawString(72, 700, "360 feedback")
    document.save()
    png = folder / "whiteboard.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    image.setText("Comment", FILE_MARKER)  # a tEXt chunk
    assert image.save(str(png), "PNG")
    other = folder / "notes.bin"
    other.write_bytes(b"\x00\x01" + FILE_MARKER.encode() + b"\xff" * 3000)
    for path in (pdf, png, other):
        assert FILE_MARKER.encode() in path.read_bytes()
    return [pdf, png, other]


def test_viewing_and_erasing_attachments_leaves_no_plaintext(audit: Audit) -> None:  # noqa: F811
    audit.run("init")
    audit.run("import", audit.inputs / "clients.json")
    for path in _inputs(audit.inputs):
        audit.run("attach", "--client", "1", path)
    vault = audit.root / "home/.local/share/CoachDesk/vault"
    copy = audit.out / "copy.pdf"
    proc = audit.run_python(
        TESTS / "reliability" / "attachment_view_child.py",
        audit.env["COACHDESK_PASSPHRASE"], vault, copy, FILE_MARKER, timeout=150,
    )  # fmt: skip
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT "))
    result = json.loads(line[len("RESULT ") :])
    assert result["kinds"] == ["pdf", "image", "other"]
    assert result["seen_before"]  # the page scan does see the file while it is stored
    assert not result["wal_after"] and not result["after"]
    assert FILE_MARKER.encode() in copy.read_bytes()  # the one copy the coach asked for

    needles = {"attachment marker": FILE_MARKER}
    hits = scan_files(audit.root, needles, {audit.inputs, copy})
    assert not hits, "plaintext of an attachment found:\n" + "\n".join(hits)
    assert not [p for p in (audit.root / "home/tmp").rglob("*") if p.is_file()]
