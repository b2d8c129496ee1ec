"""Render the app icon (resources/icons/studiodesk.svg) to the files the desktop and the
bundle use: studiodesk.png (256 px, the Linux desktop entry and the window) and studiodesk.ico
(the Windows bundle and installer). Both are committed; run this after changing the SVG:

    .venv/bin/python scripts/make_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(ICONS / "studiodesk.svg")).render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for path, size, fmt in ((ICONS / "studiodesk.png", 256, "PNG"), (ICONS / "studiodesk.ico", 256, "ICO")):
        if not render(size).save(str(path), fmt):
            print(f"could not write {path}", file=sys.stderr)
            return 1
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
