"""Filling worksheet PDFs the way a client's tools would, for the worksheet tests.

Two independent fillers: pypdf's form filling and ``pdftk fill_form`` (Debian's
pdftk-java, an XFDF file in UTF-8). Both write a new file, as a PDF reader does.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from pypdf import PdfReader, PdfWriter

PDFTK = shutil.which("pdftk")
needs_pdftk = pytest.mark.skipif(
    PDFTK is None, reason="pdftk (Debian's pdftk-java) is not installed; .ci/run installs it"
)


def fill_with_pypdf(
    source: Path, target: Path, values: dict[str, str], password: str | None = None
) -> None:
    """Fill the form with pypdf; a protected form is opened and saved protected again."""
    reader = PdfReader(source)
    if reader.is_encrypted:
        assert password is not None and reader.decrypt(password)
    writer = PdfWriter(clone_from=reader)
    writer.update_page_form_field_values(None, values, auto_regenerate=False)
    if password is not None:
        writer.encrypt(user_password=password, owner_password=None, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    target.write_bytes(out.getvalue())


def xfdf(values: dict[str, str]) -> str:
    fields = "".join(
        f'<field name="{escape(name)}"><value>{escape(value)}</value></field>'
        for name, value in values.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<xfdf xmlns="http://ns.adobe.com/xfdf/" xml:space="preserve">'
        f"<fields>{fields}</fields></xfdf>"
    )


def fill_with_pdftk(
    source: Path, target: Path, values: dict[str, str], password: str | None = None
) -> None:
    """Fill the form with ``pdftk fill_form`` (an XFDF file, UTF-8)."""
    assert PDFTK is not None
    data = target.with_suffix(".xfdf")
    data.write_text(xfdf(values), encoding="utf-8")
    command = [PDFTK, str(source)]
    if password is not None:
        command += ["input_pw", password]
    command += ["fill_form", str(data), "output", str(target)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    data.unlink()


def pdftk_field_names(path: Path) -> list[str]:
    """The field names as pdftk's own parser lists them (dump_data_fields_utf8)."""
    assert PDFTK is not None
    out = subprocess.run(
        [PDFTK, str(path), "dump_data_fields_utf8"],
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout  # fmt: skip
    return [line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("FieldName: ")]


FILLERS = [
    pytest.param(fill_with_pypdf, id="pypdf"),
    pytest.param(fill_with_pdftk, id="pdftk", marks=needs_pdftk),
]
