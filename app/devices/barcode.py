"""Code 128 drawn with QPainter: crisp at any printer resolution.

python-barcode computes the bar pattern; the bars are painted as rectangles here
(its SVG output renders wrongly through Qt's SVG module, and a PNG would blur).
"""

from __future__ import annotations

from barcode import Code128
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter

QUIET_MODULES = 10  # the quiet zone each side that scanners need


def code128_modules(text: str) -> str:
    """'1' for a bar module, '0' for a space, quiet zones included."""
    pattern = Code128(text).build()[0]
    return "0" * QUIET_MODULES + pattern + "0" * QUIET_MODULES


def draw_code128(painter: QPainter, rect: QRectF, text: str) -> None:
    """Fill ``rect`` with the barcode of ``text``: bars as tall as the rect, evenly wide."""
    modules = code128_modules(text)
    width = rect.width() / len(modules)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    run = 0
    for i, module in enumerate(modules + "0"):
        if module == "1":
            run += 1
            continue
        if run:
            painter.drawRect(QRectF(rect.left() + (i - run) * width, rect.top(), run * width, rect.height()))
            run = 0
    painter.restore()
