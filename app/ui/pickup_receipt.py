"""The pickup receipt (取件单): what the customer took, what is still owed and when it is
expected, the balance, and a line for the customer's signature. To a printer or a PDF.

The order number is printed as a Code 128 barcode with its check character, so the receipt
of a partial pickup opens the order again at the station when the customer comes back.
Every word printed is in the staff's language (the ``QT_TRANSLATE_NOOP`` labels below);
the PDF is written beside its name, checked, then renamed into place.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QImage, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from ..devices.barcode import draw_code128
from ..services.pickup import PickupReceipt
from .i18n import QT_TRANSLATE_NOOP, date_text, local_time, money, status_name
from .printing import CHINESE_FAMILIES, write_pdf_beside

CONTEXT = "printing"
TITLE = QT_TRANSLATE_NOOP("printing", "Pickup receipt")
FIELD = QT_TRANSLATE_NOOP("printing", "{label}: {value}")
CUSTOMER = QT_TRANSLATE_NOOP("printing", "Customer")
PACKAGE = QT_TRANSLATE_NOOP("printing", "Package")
HANDED_AT = QT_TRANSLATE_NOOP("printing", "Handed over")
HANDED_BY = QT_TRANSLATE_NOOP("printing", "Handed over by")
TAKEN = QT_TRANSLATE_NOOP("printing", "Items handed over ({count})")
OWED = QT_TRANSLATE_NOOP("printing", "Items still owed ({count})")
NONE_OWED = QT_TRANSLATE_NOOP("printing", "Nothing is owed: the order is complete.")
ITEM = QT_TRANSLATE_NOOP("printing", "Item")
PRODUCT = QT_TRANSLATE_NOOP("printing", "Product")
SESSION = QT_TRANSLATE_NOOP("printing", "Session")
STATUS = QT_TRANSLATE_NOOP("printing", "Status")
EXPECTED = QT_TRANSLATE_NOOP("printing", "Expected")
NOT_KNOWN = QT_TRANSLATE_NOOP("printing", "not yet known")
TOTAL = QT_TRANSLATE_NOOP("printing", "Total")
PAID = QT_TRANSLATE_NOOP("printing", "Paid")
DUE = QT_TRANSLATE_NOOP("printing", "Balance due")
OVERRIDE = QT_TRANSLATE_NOOP("printing", "Handed over with {due} due, approved by {manager}: {reason}")
TOLD = QT_TRANSLATE_NOOP("printing", "We will send you a message when the rest is ready. Bring this receipt or any "
                                     "product label.")
SIGNATURE = QT_TRANSLATE_NOOP("printing", "Customer's signature")
SIGN_DATE = QT_TRANSLATE_NOOP("printing", "Date")


def _t(text: str) -> str:
    return html.escape(QCoreApplication.translate(CONTEXT, text))


def _field(label: str, value_html: str) -> str:
    return QCoreApplication.translate(CONTEXT, FIELD).format(label=_t(label), value=value_html)


def _font(points: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies([QFontInfo(font).family(), *CHINESE_FAMILIES])
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def receipt_html(receipt: PickupReceipt, studio: str) -> str:
    e = html.escape
    couple = receipt.customer_name + (f" & {receipt.partner_name}" if receipt.partner_name else "")
    taken = "".join(f"<tr><td style=\"white-space: nowrap\">{e(i.code)}</td><td>{e(i.product)}</td>"
                    f"<td>{e(i.session_name)}</td></tr>" for i in receipt.handed_over)
    owed_rows = "".join(
        f"<tr><td style=\"white-space: nowrap\">{e(i.code)}</td><td>{e(i.product)}</td><td>{e(i.session_name)}</td>"
        f"<td>{e(status_name(i.status)) if i.status else ''}</td>"
        f"<td style=\"white-space: nowrap\">{date_text(i.expected_return) if i.expected_return else _t(NOT_KNOWN)}"
        "</td></tr>" for i in receipt.owed)
    if receipt.owed:
        owed = (f"<p><b>{_t(OWED).format(count=len(receipt.owed))}</b></p>"
                f'<table border="1" cellspacing="0" cellpadding="3" width="100%">'
                f"<tr><th>{_t(ITEM)}</th><th>{_t(PRODUCT)}</th><th>{_t(SESSION)}</th><th>{_t(STATUS)}</th>"
                f"<th>{_t(EXPECTED)}</th></tr>{owed_rows}</table><p><small>{_t(TOLD)}</small></p>")
    else:
        owed = f"<p>{_t(NONE_OWED)}</p>"
    b = receipt.balance
    override = ""
    if receipt.override_by:
        override = "<p><b>" + html.escape(QCoreApplication.translate(CONTEXT, OVERRIDE).format(
            due=money(receipt.overridden_due_fen), manager=receipt.override_by, reason=receipt.override_reason or "")
        ) + "</b></p>"
    return f"""
    <h2 align="center">{e(studio)}</h2>
    <p>{_field(CUSTOMER, f"<b>{e(couple)}</b>")} &nbsp; {_field(PACKAGE, e(receipt.package_name))}<br>
    {_field(HANDED_AT, local_time(receipt.at))} &nbsp; {_field(HANDED_BY, e(receipt.staff_name))}</p>
    <p><b>{_t(TAKEN).format(count=len(receipt.handed_over))}</b></p>
    <table border="1" cellspacing="0" cellpadding="3" width="100%">
      <tr><th>{_t(ITEM)}</th><th>{_t(PRODUCT)}</th><th>{_t(SESSION)}</th></tr>{taken}
    </table>
    {owed}
    <p align="right">{_field(TOTAL, money(b.total_fen))} &nbsp; {_field(PAID, money(b.paid_fen))}
    &nbsp; <b>{_field(DUE, money(b.due_fen))}</b></p>
    {override}
    """


def paint(painter: QPainter, page: QRectF, receipt: PickupReceipt, studio: str) -> None:
    """The receipt on one page: title and barcode, the body, the signature line at the foot."""
    scale = painter.device().logicalDpiX() / 72.0
    painter.save()
    painter.setPen(QColor("black"))
    painter.setFont(_font(15, bold=True))
    line = 24 * scale
    painter.drawText(QRectF(page.left(), page.top(), page.width(), line), Qt.AlignmentFlag.AlignLeft,
                     f"{QCoreApplication.translate(CONTEXT, TITLE)}  {receipt.checked_number}")
    bars = QRectF(page.left(), page.top() + line * 1.2, min(page.width(), 230 * scale), 42 * scale)
    draw_code128(painter, bars, receipt.checked_number)
    painter.setFont(_font(8))
    painter.drawText(QRectF(bars.left(), bars.bottom(), bars.width(), 12 * scale), Qt.AlignmentFlag.AlignHCenter,
                     receipt.checked_number)
    foot = 60 * scale  # the signature block
    top = bars.bottom() + 18 * scale
    doc = QTextDocument()
    doc.setDefaultFont(_font(8))
    doc.setHtml(receipt_html(receipt, studio))
    doc.setPageSize(QSizeF(page.width() / scale, (page.bottom() - top - foot) / scale))
    painter.save()
    painter.translate(page.left(), top)
    painter.scale(scale, scale)
    doc.drawContents(painter, QRectF(0, 0, page.width() / scale, (page.bottom() - top - foot) / scale))
    painter.restore()
    y = page.bottom() - foot + 14 * scale
    painter.setFont(_font(10))
    half = page.width() / 2
    painter.drawText(QRectF(page.left(), y, half, 14 * scale), Qt.AlignmentFlag.AlignLeft, QCoreApplication.translate(CONTEXT, SIGNATURE) + ":")
    painter.drawLine(int(page.left()), int(y + 38 * scale), int(page.left() + half - 10 * scale), int(y + 38 * scale))
    painter.drawText(QRectF(page.left() + half, y, half, 14 * scale), Qt.AlignmentFlag.AlignLeft, QCoreApplication.translate(CONTEXT, SIGN_DATE) + ":")
    painter.drawLine(int(page.left() + half), int(y + 38 * scale), int(page.right()), int(y + 38 * scale))
    painter.restore()


def _layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A5), QPageLayout.Orientation.Portrait,
                       QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)


def _paint_on(device, receipt: PickupReceipt, studio: str) -> None:  # type: ignore[no-untyped-def]
    painter = QPainter(device)
    if not painter.isActive():
        raise OSError("cannot paint the pickup receipt")
    try:
        rect = QRectF(device.pageLayout().paintRectPixels(device.resolution()))
        paint(painter, rect.translated(-rect.left(), -rect.top()), receipt, studio)
    finally:
        painter.end()


def render_image(receipt: PickupReceipt, studio: str, *, dpi: int = 150) -> QImage:
    """The receipt as an image (tests, previews): A5 less its margins."""
    px = dpi / 25.4
    image = QImage(round(128 * px), round(190 * px), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint(painter, QRectF(0, 0, image.width(), image.height()), receipt, studio)
    finally:
        painter.end()
    return image


def save_pdf(path: Path, receipt: PickupReceipt, studio: str) -> Path:
    """Write the receipt beside ``path``, check it, rename it into place (printing.write_pdf_beside)."""
    return write_pdf_beside(path, _layout(), f"{QCoreApplication.translate(CONTEXT, TITLE)} {receipt.checked_number}",
                            lambda writer: _paint_on(writer, receipt, studio))


def print_receipt(parent: QWidget | None, receipt: PickupReceipt, studio: str) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_layout())
    if QPrintDialog(printer, parent).exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _paint_on(printer, receipt, studio)
    return True
