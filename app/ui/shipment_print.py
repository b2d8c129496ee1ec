"""The shipment list (发件单) that goes to the lab with the parcel: studio, lab, shipment
number, date and staff at the top; one row per item with its Code 128 barcode (the lab and
the receiving desk scan it), product, order, customer and the lab's price; the total; and
signature lines for the courier and the lab's receiver.

Painted with QPainter (device pixels from the page size and resolution), so the same drawing
goes to a printer, a PDF or an image. Every word printed is in the staff's language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from ..devices.barcode import draw_code128
from ..services.shipments import ShipmentView
from .i18n import QT_TRANSLATE_NOOP, local_time, money
from .printing import CHINESE_FAMILIES, write_pdf_beside

CONTEXT = "printing"
TITLE = QT_TRANSLATE_NOOP("printing", "Shipment list No. {number}")
LAB = QT_TRANSLATE_NOOP("printing", "Lab: {lab}")
DATE = QT_TRANSLATE_NOOP("printing", "Date: {date}")
STAFF = QT_TRANSLATE_NOOP("printing", "Sent by: {staff}")
PAGE = QT_TRANSLATE_NOOP("printing", "Page {page} of {pages}")
ITEM = QT_TRANSLATE_NOOP("printing", "Item")
PRODUCT = QT_TRANSLATE_NOOP("printing", "Product")
ORDER = QT_TRANSLATE_NOOP("printing", "Order")
CUSTOMER = QT_TRANSLATE_NOOP("printing", "Customer")
LAB_PRICE = QT_TRANSLATE_NOOP("printing", "Lab price")
NO_PRICE = QT_TRANSLATE_NOOP("printing", "no price")
TOTAL = QT_TRANSLATE_NOOP("printing", "{count} items, total {total}")
UNPRICED = QT_TRANSLATE_NOOP("printing", "{count} without a price")
COURIER = QT_TRANSLATE_NOOP("printing", "Courier signature")  # 快递/送件人签字
RECEIVER = QT_TRANSLATE_NOOP("printing", "Received by the lab")  # 厂商签收
SIGN_DATE = QT_TRANSLATE_NOOP("printing", "Date")

MM_PER_INCH = 25.4
MARGIN_MM = 12
ROW_MM = 17.0
BAR_MM = (58.0, 9.0)  # wide enough for 0.3 mm modules: a lab's cheap scanner reads it


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _font(points: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies([QFontInfo(font).family(), *CHINESE_FAMILIES])
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _page_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def rows_per_page(first: bool) -> int:
    """Rows on a page: the first carries the header, the last the signatures (always room)."""
    usable = 297 - 2 * MARGIN_MM - (34 if first else 10) - 40
    return int(usable // ROW_MM)


def pages(sheet: ShipmentView) -> list[list[int]]:
    """Line indexes per page."""
    out: list[list[int]] = []
    i, n = 0, len(sheet.lines)
    while i < n or not out:
        take = rows_per_page(not out)
        out.append(list(range(i, min(n, i + take))))
        i += take
    return out


def paint_page(painter: QPainter, dpi: float, sheet: ShipmentView, studio: str, page: int) -> None:
    """One A4 page of the list (``page`` counts from 0) on a device of ``dpi``."""
    px = dpi / MM_PER_INCH
    layout = pages(sheet)
    indexes = layout[page]
    left, width = MARGIN_MM * px, (210 - 2 * MARGIN_MM) * px
    y = MARGIN_MM * px
    painter.save()
    painter.setPen(QColor("black"))
    # points are device-independent: fonts are sized for the device's own resolution
    if page == 0:
        painter.setFont(_font(15, bold=True))
        painter.drawText(QRectF(left, y, width, 9 * px), Qt.AlignmentFlag.AlignHCenter, studio)
        y += 9 * px
        painter.setFont(_font(12, bold=True))
        painter.drawText(QRectF(left, y, width, 7 * px), Qt.AlignmentFlag.AlignHCenter,
                         _t(TITLE).format(number=sheet.id))
        y += 9 * px
        painter.setFont(_font(10))
        when = local_time(sheet.closed_at or sheet.sent_at)
        facts = "    ".join([_t(LAB).format(lab=sheet.lab_name), _t(DATE).format(date=when),
                             _t(STAFF).format(staff=sheet.staff_name or "")])
        painter.drawText(QRectF(left, y, width, 6 * px), Qt.AlignmentFlag.AlignLeft, facts)
        y += 8 * px
    else:
        painter.setFont(_font(9))
        painter.drawText(QRectF(left, y, width, 6 * px), Qt.AlignmentFlag.AlignLeft,
                         f"{_t(TITLE).format(number=sheet.id)} · {sheet.lab_name}")
        y += 8 * px
    # columns: barcode + code | product | order | customer | lab price
    cols = [BAR_MM[0] + 4, 42, 30, 32, 0.0]
    cols[-1] = 210 - 2 * MARGIN_MM - sum(cols[:-1])
    xs = [left]
    for w in cols[:-1]:
        xs.append(xs[-1] + w * px)
    painter.setFont(_font(9, bold=True))
    for x, w, label in zip(xs, cols, (ITEM, PRODUCT, ORDER, CUSTOMER, LAB_PRICE)):
        align = Qt.AlignmentFlag.AlignRight if label is LAB_PRICE else Qt.AlignmentFlag.AlignLeft
        painter.drawText(QRectF(x, y, w * px - 2 * px, 6 * px), align | Qt.AlignmentFlag.AlignVCenter, _t(label))
    y += 6 * px
    thin = QPen(QColor("black"))
    thin.setWidthF(0.2 * px)
    painter.setPen(thin)
    painter.drawLine(int(left), int(y), int(left + width), int(y))
    for i in indexes:
        line = sheet.lines[i]
        bars = QRectF(xs[0], y + 1.5 * px, BAR_MM[0] * px, BAR_MM[1] * px)
        draw_code128(painter, bars, line.code)
        painter.setFont(_font(8))
        painter.drawText(QRectF(bars.left(), bars.bottom(), bars.width(), 4.5 * px),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, line.code)
        painter.setFont(_font(9))
        row = QRectF(0, y, 0, ROW_MM * px)
        flags = Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        for x, w, value in zip(xs[1:4], cols[1:4], (line.product, line.order_number, line.customer_name)):
            painter.drawText(QRectF(x, row.top(), w * px - 2 * px, row.height()),
                             Qt.AlignmentFlag.AlignLeft | flags, value)
        price = money(line.lab_price_fen) if line.lab_price_fen is not None else _t(NO_PRICE)
        painter.drawText(QRectF(xs[4], row.top(), cols[4] * px, row.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, price)
        y += ROW_MM * px
        painter.drawLine(int(left), int(y), int(left + width), int(y))
    if page == len(layout) - 1:
        y += 3 * px
        painter.setFont(_font(10, bold=True))
        total = _t(TOTAL).format(count=len(sheet.lines), total=money(sheet.total_fen))
        if sheet.unpriced:
            total += "  (" + _t(UNPRICED).format(count=sheet.unpriced) + ")"
        painter.drawText(QRectF(left, y, width, 7 * px), Qt.AlignmentFlag.AlignRight, total)
        y += 16 * px
        painter.setFont(_font(10))
        half = width / 2
        for i, label in enumerate((COURIER, RECEIVER)):
            x = left + i * half
            painter.drawText(QRectF(x, y, half - 6 * px, 6 * px), Qt.AlignmentFlag.AlignLeft, _t(label))
            painter.drawLine(int(x), int(y + 15 * px), int(x + half - 8 * px), int(y + 15 * px))
            painter.drawText(QRectF(x, y + 17 * px, half - 6 * px, 6 * px), Qt.AlignmentFlag.AlignLeft,
                             _t(SIGN_DATE) + ":")
    if len(layout) > 1:
        painter.setFont(_font(8))
        painter.drawText(QRectF(left, (297 - MARGIN_MM + 3) * px, width, 5 * px), Qt.AlignmentFlag.AlignHCenter,
                         _t(PAGE).format(page=page + 1, pages=len(layout)))
    painter.restore()


def _paint_all(painter: QPainter, dpi: float, sheet: ShipmentView, studio: str, new_page) -> None:  # type: ignore[no-untyped-def]
    for page in range(len(pages(sheet))):
        if page:
            new_page()
        paint_page(painter, dpi, sheet, studio, page)


def render_page(sheet: ShipmentView, studio: str, *, page: int = 0, dpi: int = 200) -> QImage:
    """One page as an image (tests, previews)."""
    px = dpi / MM_PER_INCH
    image = QImage(round(210 * px), round(297 * px), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint_page(painter, dpi, sheet, studio, page)
    finally:
        painter.end()
    return image


def save_pdf(path: Path, sheet: ShipmentView, studio: str, *, dpi: int = 300) -> Path:
    """Write the list beside ``path``, check it, rename it into place (printing.write_pdf_beside)."""
    def paint(writer: QPdfWriter) -> None:
        painter = QPainter(writer)
        if not painter.isActive():
            raise OSError(f"cannot write {path}")
        try:
            _paint_all(painter, dpi, sheet, studio, writer.newPage)
        finally:
            painter.end()

    return write_pdf_beside(path, _page_layout(), _t(TITLE).format(number=sheet.id), paint, dpi=dpi)


def print_list(parent: QWidget | None, sheet: ShipmentView, studio: str) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_page_layout())
    if QPrintDialog(printer, parent).exec() != QPrintDialog.DialogCode.Accepted:
        return False
    painter = QPainter(printer)
    try:
        _paint_all(painter, printer.resolution(), sheet, studio, printer.newPage)
    finally:
        painter.end()
    return True
