"""Printed paper for the counter: the order slip (with the order number as a Code 128
barcode, see :mod:`app.devices.barcode`) and the payment receipt, to a printer or PDF.
The order number is printed and encoded with its check character (``2611-0042-7``).

Every word printed is in the staff's language: labels are the ``QT_TRANSLATE_NOOP``
constants below (lupdate reads those, not an alias of ``translate``), names of values come
from :mod:`app.ui.names`. Under Chinese the receipt also gives the amount received in
capital numerals (人民币大写), as Chinese receipts do.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QFontInfo, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from ..devices.barcode import draw_code128
from ..models import PaymentKind
from ..services.records import OrderDetail
from . import names
from .i18n import QT_TRANSLATE_NOOP, date_text, local_time, money, progress_name, status_name

CONTEXT = "printing"
CHINESE_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
                    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei")
ORDER_SLIP = QT_TRANSLATE_NOOP("printing", "Order slip")
RECEIPT = QT_TRANSLATE_NOOP("printing", "Receipt")
FIELD = QT_TRANSLATE_NOOP("printing", "{label}: {value}")
CUSTOMER = QT_TRANSLATE_NOOP("printing", "Customer")
PACKAGE = QT_TRANSLATE_NOOP("printing", "Package")
BOOKED = QT_TRANSLATE_NOOP("printing", "Booked")
PROGRESS = QT_TRANSLATE_NOOP("printing", "Progress")
SESSION = QT_TRANSLATE_NOOP("printing", "Session")
SHOOT = QT_TRANSLATE_NOOP("printing", "Shoot")
SELECTION = QT_TRANSLATE_NOOP("printing", "Selection")
PICKUP = QT_TRANSLATE_NOOP("printing", "Pickup")
ITEM = QT_TRANSLATE_NOOP("printing", "Item")
PRODUCT = QT_TRANSLATE_NOOP("printing", "Product")
STATUS = QT_TRANSLATE_NOOP("printing", "Status")
TOTAL = QT_TRANSLATE_NOOP("printing", "Total")
PAID = QT_TRANSLATE_NOOP("printing", "Paid")
DUE = QT_TRANSLATE_NOOP("printing", "Balance due")
BRING = QT_TRANSLATE_NOOP("printing", "Bring this slip, or any product label, to pick up. "
                                      "Scan it to see the whole order.")
TIME = QT_TRANSLATE_NOOP("printing", "Time")
KIND = QT_TRANSLATE_NOOP("printing", "Kind")
METHOD = QT_TRANSLATE_NOOP("printing", "Method")
AMOUNT = QT_TRANSLATE_NOOP("printing", "Amount")
RECEIVED_BY = QT_TRANSLATE_NOOP("printing", "Received by")
RECEIVED = QT_TRANSLATE_NOOP("printing", "Amount received")
IN_CAPITALS = QT_TRANSLATE_NOOP("printing", "Amount received in capitals")
IN_FIGURES = QT_TRANSLATE_NOOP("printing", "In figures")


def _t(text: str) -> str:
    """One of the labels above in the window's language, escaped for HTML."""
    return html.escape(QCoreApplication.translate(CONTEXT, text))


def _field(label: str, value_html: str) -> str:
    """``Label: value`` with the language's own colon (Chinese uses a full-width one)."""
    return QCoreApplication.translate(CONTEXT, FIELD).format(label=_t(label), value=value_html)


def _chinese() -> bool:
    """Whether the paper is printed in Chinese (i18n.install sets the default locale)."""
    return QLocale().language() == QLocale.Language.Chinese


def capital_amount(fen: int) -> str:
    """An amount in Chinese capital numerals as banks and receipts write it (人民币大写):
    599900 -> 伍仟玖佰玖拾玖元整, 1050 -> 壹拾元伍角, 100005 -> 壹仟元零伍分.

    Integer fen in; cn2an is handed the exact decimal text, never a float.
    """
    import cn2an  # imported here: it takes a tenth of a second and only receipts need it

    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return str(cn2an.an2cn(f"{sign}{yuan}.{cents:02d}", "rmb"))


def _totals(detail: OrderDetail) -> str:
    b = detail.balance
    return (f'<p align="right">{_field(TOTAL, money(b.total_fen))} &nbsp; {_field(PAID, money(b.paid_fen))}'
            f' &nbsp; <b>{_field(DUE, money(b.due_fen))}</b></p>')


def slip_html(detail: OrderDetail, studio: str) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(i.code)}</td><td>{e(i.product)}</td><td>{e(i.session_name)}</td>"
        f"<td>{e(status_name(i.status))}</td></tr>" for i in detail.items)
    sessions = "".join(
        f"<tr><td>{e(s.name)}</td><td>{date_text(s.shoot_date)}</td><td>{date_text(s.selection_date)}</td>"
        f"<td>{date_text(s.pickup_date)}</td></tr>" for s in detail.sessions)
    couple = detail.customer_name + (f" & {detail.partner_name}" if detail.partner_name else "")
    customer = f"<b>{e(couple)}</b> &nbsp; {e(' / '.join(detail.phones))}"
    booked = f"{local_time(detail.booked_at)} {e(detail.booked_by or '')}"
    return f"""
    <h2 align="center">{e(studio)}</h2>
    <p>{_field(CUSTOMER, customer)}<br>
    {_field(PACKAGE, e(detail.package_name))} &nbsp; {_field(BOOKED, booked)}<br>
    {_field(PROGRESS, e(progress_name(detail.progress)))}</p>
    <table border="1" cellspacing="0" cellpadding="3" width="100%">
      <tr><th>{_t(SESSION)}</th><th>{_t(SHOOT)}</th><th>{_t(SELECTION)}</th><th>{_t(PICKUP)}</th></tr>{sessions}
    </table><br>
    <table border="1" cellspacing="0" cellpadding="3" width="100%">
      <tr><th>{_t(ITEM)}</th><th>{_t(PRODUCT)}</th><th>{_t(SESSION)}</th><th>{_t(STATUS)}</th></tr>{rows}
    </table>
    {_totals(detail)}
    <p><small>{_t(BRING)}</small></p>
    """


def receipt_html(detail: OrderDetail, studio: str) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{local_time(p.paid_at)}</td><td>{e(names.name(p.kind))}</td>"
        f"<td>{e(names.name(p.method))}</td>"
        f"<td align='right'>{money(-p.amount_fen if p.kind == PaymentKind.REFUND else p.amount_fen)}</td>"
        f"<td>{e(p.staff or '')}</td></tr>" for p in detail.payments)
    paid = detail.balance.paid_fen
    if _chinese():  # 实收人民币（大写）：伍仟玖佰玖拾玖元整  小写：¥5,999.00
        received = (f"{_field(IN_CAPITALS, f'<b>{e(capital_amount(paid))}</b>')} &nbsp; "
                    f"{_field(IN_FIGURES, f'<b>{money(paid)}</b>')}")
    else:
        received = _field(RECEIVED, f"<b>{money(paid)}</b>")
    return f"""
    <h2 align="center">{e(studio)}</h2><h3 align="center">{_t(RECEIPT)}</h3>
    <p>{_field(CUSTOMER, f"<b>{e(detail.customer_name)}</b>")} &nbsp; {_field(PACKAGE, e(detail.package_name))}</p>
    <table border="1" cellspacing="0" cellpadding="3" width="100%">
      <tr><th>{_t(TIME)}</th><th>{_t(KIND)}</th><th>{_t(METHOD)}</th><th>{_t(AMOUNT)}</th>
      <th>{_t(RECEIVED_BY)}</th></tr>{rows}</table>
    <p>{received}</p>
    {_totals(detail)}
    """


def _font() -> QFont:
    """The default font, with Simplified Chinese faces first for Chinese text.

    Left to itself fontconfig may take the Japanese face of Noto Sans CJK; Qt then shapes the
    Chinese forms through glyphs the PDF's text layer cannot map back, and copying or
    searching the PDF loses characters.
    """
    font = QFont()
    font.setFamilies([QFontInfo(font).family(), *CHINESE_FAMILIES])  # the real face, not an alias
    return font


def paint_page(painter: QPainter, page: QRectF, detail: OrderDetail, body_html: str, title: str) -> None:
    """Title and order number barcode at the top, the HTML body below."""
    dpi_scale = painter.device().logicalDpiX() / 72.0
    font = _font()
    font.setPointSizeF(16)
    font.setBold(True)
    painter.setFont(font)
    line = 24 * dpi_scale
    painter.drawText(QRectF(page.left(), page.top(), page.width(), line), Qt.AlignmentFlag.AlignLeft,
                     f"{title}  {detail.checked_number}")
    bar_rect = QRectF(page.left(), page.top() + line * 1.2, min(page.width(), 260 * dpi_scale), 50 * dpi_scale)
    draw_code128(painter, bar_rect, detail.checked_number)  # scanners read the checked form
    small = _font()
    small.setPointSizeF(9)
    painter.setFont(small)
    painter.drawText(QRectF(bar_rect.left(), bar_rect.bottom(), bar_rect.width(), 14 * dpi_scale),
                     Qt.AlignmentFlag.AlignHCenter, detail.checked_number)
    doc = QTextDocument()
    doc.setDefaultFont(small)
    doc.setHtml(body_html)
    top = bar_rect.bottom() + 20 * dpi_scale
    doc.setPageSize(QSizeF(page.width() / dpi_scale, page.height() / dpi_scale))
    painter.save()
    painter.translate(page.left(), top)
    painter.scale(dpi_scale, dpi_scale)
    doc.drawContents(painter, QRectF(0, 0, page.width() / dpi_scale, (page.bottom() - top) / dpi_scale))
    painter.restore()


def _render(device, detail: OrderDetail, body: str, title: str) -> None:  # type: ignore[no-untyped-def]
    painter = QPainter(device)
    try:
        page = QRectF(device.pageLayout().paintRectPixels(device.resolution())) if hasattr(device, "pageLayout") \
            else QRectF(0, 0, device.width(), device.height())
        paint_page(painter, page.translated(-page.left(), -page.top()), detail, body, title)
    finally:
        painter.end()


def write_pdf_beside(path: Path, layout: QPageLayout, title: str, paint: Callable[[QPdfWriter], None], *,
                     dpi: int = 300) -> Path:
    """Write a PDF beside ``path`` (``.partial``), check it is one, then rename it into place:
    an OSError (a full disk, a folder that refuses) leaves any old file as it was and no
    partial file. ``paint`` draws the pages on the writer."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        writer = QPdfWriter(str(partial))
        writer.setResolution(dpi)
        writer.setPageLayout(layout)
        writer.setTitle(title)
        paint(writer)
        del writer  # flushes and closes the file
        with open(partial, "rb") as f:
            if not f.read(5).startswith(b"%PDF"):
                raise OSError(f"{path}: the PDF came out empty")
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
    return path


def save_pdf(path: Path, detail: OrderDetail, studio: str, *, receipt: bool = False) -> Path:
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A5), QPageLayout.Orientation.Portrait,
                                     QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter))
    writer.setTitle(detail.checked_number)
    body = receipt_html(detail, studio) if receipt else slip_html(detail, studio)
    _render(writer, detail, body, QCoreApplication.translate(CONTEXT, RECEIPT if receipt else ORDER_SLIP))
    return Path(path)


def print_document(parent: QWidget, detail: OrderDetail, studio: str, *, receipt: bool = False) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    body = receipt_html(detail, studio) if receipt else slip_html(detail, studio)
    _render(printer, detail, body, QCoreApplication.translate(CONTEXT, RECEIPT if receipt else ORDER_SLIP))
    return True
