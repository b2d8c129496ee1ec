"""Item labels: Code 128 with the code in plain text, customer, product and order.

Two layouts: an A4 sheet of 3 × 8 self-adhesive labels (70 × 37 mm), and single
labels for a thermal label printer (size set per station, 50 × 30 mm by default).
Painted with QPainter in millimetres, so the same drawing goes to a printer, a PDF
or an image.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import segno
from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from ..services.labels import LabelData
from .barcode import draw_code128

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class LabelLayout:
    page_mm: tuple[float, float]
    label_mm: tuple[float, float]
    columns: int = 1
    rows: int = 1
    origin_mm: tuple[float, float] = (0.0, 0.0)  # top-left of the first label on the page

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


A4_SHEET = LabelLayout(page_mm=(210, 297), label_mm=(70, 37), columns=3, rows=8, origin_mm=(0, 0.5))


def thermal(width_mm: float = 50, height_mm: float = 30) -> LabelLayout:
    """One label per page, the page being the label (what a label printer expects)."""
    if not (20 <= width_mm <= 150 and 15 <= height_mm <= 150):
        raise ValueError("a thermal label is 20-150 mm wide and 15-150 mm high")
    return LabelLayout(page_mm=(width_mm, height_mm), label_mm=(width_mm, height_mm))


def parse_size(text: str) -> tuple[float, float]:
    """'50x30' -> (50.0, 30.0), for the command line and settings."""
    try:
        w, h = (float(x) for x in text.lower().replace("×", "x").split("x"))
    except ValueError:
        raise ValueError(f"label size {text!r} is not WIDTHxHEIGHT in mm, e.g. 50x30") from None
    thermal(w, h)  # range check
    return w, h


def label_size() -> tuple[float, float]:
    """This station's label printer size (Settings → Label printer size), 50 x 30 mm by default."""
    from PySide6.QtCore import QSettings

    try:
        return parse_size(str(QSettings().value("labels/size", "50x30")))
    except ValueError:
        return 50.0, 30.0


def draw_qr(painter: QPainter, rect: QRectF, text: str) -> None:
    """A QR code of ``text`` (segno), square, as large as fits in ``rect``, its quiet zone inside."""
    qr = segno.make(text, error="m", micro=False)
    rows = list(qr.matrix_iter(scale=1, border=2))
    side = min(rect.width(), rect.height())
    cell = side / len(rows)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(QRectF(rect.left() + x * cell, rect.top() + y * cell, cell, cell))
    painter.restore()


def paint_label(painter: QPainter, rect: QRectF, label: LabelData) -> None:
    """One label inside ``rect`` (device pixels): text above and below the barcode; the item's
    phone address as a QR code at the right when the phone server is on."""
    h = rect.height()
    pad = min(rect.width(), h) * 0.06
    inner = rect.adjusted(pad, pad, -pad, -pad)
    if label.address:
        side = min(inner.height() * 0.8, inner.width() * 0.4)
        draw_qr(painter, QRectF(inner.right() - side, inner.bottom() - side, side, side), label.address)
        inner = inner.adjusted(0, 0, -side - pad, 0)
    painter.save()
    painter.setPen(QColor("black"))
    font = QFont()
    font.setPixelSize(max(6, int(h * 0.11)))
    painter.setFont(font)
    top = QRectF(inner.left(), inner.top(), inner.width(), h * 0.15)
    painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine,
                     f"{label.customer_name}  {label.product}")
    bars = QRectF(inner.left(), top.bottom() + h * 0.03, inner.width(), h * 0.42)
    draw_code128(painter, bars, label.code)
    bold = QFont(font)
    bold.setBold(True)
    bold.setPixelSize(max(6, int(h * 0.13)))
    painter.setFont(bold)
    code_line = QRectF(inner.left(), bars.bottom() + h * 0.02, inner.width(), h * 0.15)
    painter.drawText(code_line, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, label.code)
    painter.setFont(font)
    bottom = QRectF(inner.left(), code_line.bottom(), inner.width(), inner.bottom() - code_line.bottom())
    painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine,
                     f"{label.order_number}  {label.session_name}")
    painter.restore()


def _paint_pages(painter: QPainter, dpi: float, labels: Sequence[LabelData], layout: LabelLayout,
                 new_page) -> None:  # type: ignore[no-untyped-def]
    px = dpi / MM_PER_INCH
    for i, label in enumerate(labels):
        slot = i % layout.per_page
        if i and slot == 0:
            new_page()
        col, row = slot % layout.columns, slot // layout.columns
        x = (layout.origin_mm[0] + col * layout.label_mm[0]) * px
        y = (layout.origin_mm[1] + row * layout.label_mm[1]) * px
        paint_label(painter, QRectF(x, y, layout.label_mm[0] * px, layout.label_mm[1] * px), label)


def _page_layout(layout: LabelLayout) -> QPageLayout:
    size = QPageSize(QSizeF(*layout.page_mm), QPageSize.Unit.Millimeter, "labels", QPageSize.SizeMatchPolicy.ExactMatch)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def write_pdf(path: Path, labels: Sequence[LabelData], layout: LabelLayout, *, dpi: int = 600) -> int:
    """Write the labels to a PDF; returns the number of pages."""
    if not labels:
        raise ValueError("no labels to write")
    writer = QPdfWriter(str(path))
    writer.setResolution(dpi)
    writer.setPageLayout(_page_layout(layout))
    writer.setTitle(f"labels {labels[0].order_number}")
    painter = QPainter(writer)
    if not painter.isActive():
        raise OSError(f"cannot write {path}")
    try:
        _paint_pages(painter, dpi, labels, layout, writer.newPage)
    finally:
        painter.end()
    return math.ceil(len(labels) / layout.per_page)


def render_page(labels: Sequence[LabelData], layout: LabelLayout, *, dpi: int = 300) -> QImage:
    """The first page as an image: for the on-screen preview and the tests."""
    px = dpi / MM_PER_INCH
    image = QImage(round(layout.page_mm[0] * px), round(layout.page_mm[1] * px), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        _paint_pages(painter, dpi, list(labels)[: layout.per_page], layout, lambda: None)
    finally:
        painter.end()
    return image


def print_labels(parent: QWidget | None, labels: Sequence[LabelData], layout: LabelLayout) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_page_layout(layout))
    if QPrintDialog(printer, parent).exec() != QPrintDialog.DialogCode.Accepted:
        return False
    painter = QPainter(printer)
    try:
        _paint_pages(painter, printer.resolution(), labels, layout, printer.newPage)
    finally:
        painter.end()
    return True
