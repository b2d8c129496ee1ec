"""Printed paper for the counter: the order slip (with the order number as a Code 128
barcode, see :mod:`app.devices.barcode`) and the payment receipt, to a printer or PDF."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from ..devices.barcode import draw_code128
from ..services.records import OrderDetail
from . import names
from .i18n import date_text, local_time, money, progress_name, status_name

translate = QCoreApplication.translate


def slip_html(detail: OrderDetail, studio: str) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(i.code)}</td><td>{e(i.product)}</td><td>{e(i.session_name)}</td>"
        f"<td>{e(status_name(i.status))}</td></tr>" for i in detail.items)
    sessions = "".join(
        f"<tr><td>{e(s.name)}</td><td>{date_text(s.shoot_date)}</td><td>{date_text(s.selection_date)}</td>"
        f"<td>{date_text(s.pickup_date)}</td></tr>" for s in detail.sessions)
    couple = detail.customer_name + (f" & {detail.partner_name}" if detail.partner_name else "")
    return f"""
    <h2 align="center">{e(studio)}</h2>
    <p>{e(translate("printing", "Customer"))}: <b>{e(couple)}</b> &nbsp; {e(" / ".join(detail.phones))}<br>
    {e(translate("printing", "Package"))}: {e(detail.package_name)} &nbsp; {e(translate("printing", "Booked"))}: {local_time(detail.booked_at)}
    {e(detail.booked_by or "")}<br>{e(translate("printing", "Progress"))}: {e(progress_name(detail.progress))}</p>
    <table border="1" cellspacing="0" cellpadding="3" width="100%">
      <tr><th>{e(translate("printing", "Session"))}</th><th>{e(translate("printing", "Shoot"))}</th><th>{e(translate("printing", "Selection"))}</th>
      <th>{e(translate("printing", "Pickup"))}</th></tr>{sessions}</table><br>
    <table border="1" cellspacing="0" cellpadding="3" width="100%">
      <tr><th>{e(translate("printing", "Item"))}</th><th>{e(translate("printing", "Product"))}</th><th>{e(translate("printing", "Session"))}</th>
      <th>{e(translate("printing", "Status"))}</th></tr>{rows}</table>
    <p align="right">{e(translate("printing", "Total"))}: {money(detail.balance.total_fen)} &nbsp; {e(translate("printing", "Paid"))}:
    {money(detail.balance.paid_fen)} &nbsp; <b>{e(translate("printing", "Balance due"))}: {money(detail.balance.due_fen)}</b></p>
    <p><small>{e(translate("printing", "Bring this slip, or any product label, to pick up. Scan it to see the whole order."))}</small></p>
    """


def receipt_html(detail: OrderDetail, studio: str) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{local_time(p.paid_at)}</td><td>{e(names.name(p.kind))}</td>"
        f"<td>{e(names.name(p.method))}</td>"
        f"<td align='right'>{money(-p.amount_fen if p.kind.value == 'refund' else p.amount_fen)}</td>"
        f"<td>{e(p.staff or '')}</td></tr>" for p in detail.payments)
    return f"""
    <h2 align="center">{e(studio)}</h2><h3 align="center">{e(translate("printing", "Receipt"))}</h3>
    <p>{e(translate("printing", "Customer"))}: <b>{e(detail.customer_name)}</b> &nbsp; {e(detail.package_name)}</p>
    <table border="1" cellspacing="0" cellpadding="3" width="100%">
      <tr><th>{e(translate("printing", "Time"))}</th><th>{e(translate("printing", "Kind"))}</th><th>{e(translate("printing", "Method"))}</th><th>{e(translate("printing", "Amount"))}</th>
      <th>{e(translate("printing", "Staff"))}</th></tr>{rows}</table>
    <p align="right">{e(translate("printing", "Total"))}: {money(detail.balance.total_fen)} &nbsp; {e(translate("printing", "Paid"))}:
    {money(detail.balance.paid_fen)} &nbsp; <b>{e(translate("printing", "Balance due"))}: {money(detail.balance.due_fen)}</b></p>
    """


def paint_page(painter: QPainter, page: QRectF, detail: OrderDetail, body_html: str, title: str) -> None:
    """Title and order number barcode at the top, the HTML body below."""
    dpi_scale = painter.device().logicalDpiX() / 72.0
    font = QFont()
    font.setPointSizeF(16)
    font.setBold(True)
    painter.setFont(font)
    line = 24 * dpi_scale
    painter.drawText(QRectF(page.left(), page.top(), page.width(), line), Qt.AlignmentFlag.AlignLeft,
                     f"{title}  {detail.number}")
    bar_rect = QRectF(page.left(), page.top() + line * 1.2, min(page.width(), 260 * dpi_scale), 50 * dpi_scale)
    draw_code128(painter, bar_rect, detail.number)
    small = QFont()
    small.setPointSizeF(9)
    painter.setFont(small)
    painter.drawText(QRectF(bar_rect.left(), bar_rect.bottom(), bar_rect.width(), 14 * dpi_scale),
                     Qt.AlignmentFlag.AlignHCenter, detail.number)
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


def save_pdf(path: Path, detail: OrderDetail, studio: str, *, receipt: bool = False) -> Path:
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A5), QPageLayout.Orientation.Portrait,
                                     QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter))
    writer.setTitle(f"{detail.number}")
    body = receipt_html(detail, studio) if receipt else slip_html(detail, studio)
    _render(writer, detail, body, translate("printing", "Receipt") if receipt else translate("printing", "Order slip"))
    return Path(path)


def print_document(parent: QWidget, detail: OrderDetail, studio: str, *, receipt: bool = False) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    body = receipt_html(detail, studio) if receipt else slip_html(detail, studio)
    _render(printer, detail, body, translate("printing", "Receipt") if receipt else translate("printing", "Order slip"))
    return True
