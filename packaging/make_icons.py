#!/usr/bin/env python3
"""Render the app icon (resources/icons/coachdesk.svg) for every platform's packaging.

    python packaging/make_icons.py                  # Linux hicolor PNGs + scalable SVG
    python packaging/make_icons.py --ico F.ico      # also a Windows icon
    python packaging/make_icons.py --icns F.icns    # also a macOS icon

The PNGs go to ``packaging/linux/icons/hicolor/NxN/apps/io.coachdesk.CoachDesk.png``
(git-ignored: they are build output, made again from the SVG on every build). Rendering
uses Qt's own SVG renderer, so nothing beyond the project's dependencies is needed on any
platform. The ICO and ICNS containers are written here directly (PNG-compressed entries,
as Windows Vista+ and ``iconutil`` produce them), which keeps the output identical
everywhere and needs no Pillow.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "coachdesk.svg"
APP_ID = "io.coachdesk.CoachDesk"
HICOLOR = ROOT / "packaging" / "linux" / "icons" / "hicolor"
LINUX_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, and the pixel size of each.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),  # 16@2x
    (b"icp6", 64),
    (b"ic12", 64),  # 32@2x
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),  # 128@2x
    (b"ic09", 512),
    (b"ic14", 512),  # 256@2x
    (b"ic10", 1024),  # 512@2x
)


def render_pngs(svg: Path, sizes: Iterable[int]) -> dict[int, bytes]:
    """The SVG rendered at each size, as PNG bytes, on a transparent background."""
    # Build-time tool, not part of the app's layers: Qt's renderer is the one dependency
    # every platform's build machine already has.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # noqa: TID251
    from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: TID251
    from PySide6.QtSvg import QSvgRenderer  # noqa: TID251

    app = QGuiApplication.instance() or QGuiApplication(["make_icons"])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG for Qt")
    pngs: dict[int, bytes] = {}
    for size in sorted(set(sizes)):
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # stub: bytes
            raise SystemExit(f"make_icons: could not encode a {size}px PNG")
        buffer.close()
        pngs[size] = bytes(data.data())
    del app
    return pngs


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico with one PNG-compressed image per size (at most 256)."""
    sizes = sorted(ICO_SIZES)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    directory, images = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size == 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + directory + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns with PNG elements, as ``iconutil`` writes them."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_hicolor(pngs: dict[int, bytes], svg: Path, target: Path) -> list[Path]:
    """The freedesktop icon theme layout: NxN/apps/APP_ID.png and scalable/apps/APP_ID.svg."""
    written: list[Path] = []
    for size in LINUX_SIZES:
        path = target / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pngs[size])
        written.append(path)
    scalable = target / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    written.append(scalable)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--svg", type=Path, default=SVG, help="the source SVG")
    parser.add_argument("--hicolor", type=Path, default=HICOLOR, help="hicolor theme folder")
    parser.add_argument("--no-hicolor", action="store_true", help="skip the Linux PNGs")
    parser.add_argument("--ico", type=Path, help="also write a Windows .ico here")
    parser.add_argument("--icns", type=Path, help="also write a macOS .icns here")
    args = parser.parse_args(argv)

    sizes: set[int] = set()
    if not args.no_hicolor:
        sizes.update(LINUX_SIZES)
    if args.ico:
        sizes.update(ICO_SIZES)
    if args.icns:
        sizes.update(size for _, size in ICNS_TYPES)
    pngs = render_pngs(args.svg, sizes)
    if not args.no_hicolor:
        written = write_hicolor(pngs, args.svg, args.hicolor)
        print(f"make_icons: {len(written)} icons in {args.hicolor}")
    containers = ((args.ico, ico_bytes), (args.icns, icns_bytes))
    for path, encode in containers:
        if path is not None:
            data = encode(pngs)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"make_icons: wrote {path} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
