"""The apology letter (致歉信) of a complaint, printed or saved as a PDF.

The text is the studio's template (a setting) with its placeholders filled by
:func:`app.services.complaints.fill_letter`; the window offers a default in the staff's
language until the studio saves its own. Written beside the final name (``.partial``),
checked and renamed into place, as every file the program writes.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from .i18n import QT_TRANSLATE_NOOP
from .printing import _font, write_pdf_beside

CONTEXT = "complaints"
DEFAULT_LETTER = QT_TRANSLATE_NOOP(
    "complaints",
    "Dear {customer},\n\n"
    "Thank you for telling us on {received} about what went wrong with your order {order}: {description}\n\n"
    "We are sincerely sorry. It should not have happened, and we take it seriously. To make it right: {amend}\n\n"
    "We have also changed how we work so that it does not happen again. If anything is still not as it "
    "should be, please call us; we will put it right.\n\n"
    "With our apologies,\n{staff}\n{studio}\n{date}")
TITLE = QT_TRANSLATE_NOOP("complaints", "Letter of apology")


def default_template() -> str:
    return QCoreApplication.translate(CONTEXT, DEFAULT_LETTER)


def _layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A5), QPageLayout.Orientation.Portrait,
                       QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)


def _paint(device, text: str) -> None:  # type: ignore[no-untyped-def]
    painter = QPainter(device)
    if not painter.isActive():
        raise OSError("cannot paint the letter")
    try:
        page = QRectF(device.pageLayout().paintRectPixels(device.resolution()))
        scale = device.logicalDpiX() / 72.0
        font = _font()
        font.setPointSizeF(11)
        doc = QTextDocument()
        doc.setDefaultFont(font)
        title = html.escape(QCoreApplication.translate(CONTEXT, TITLE))
        body = "<br/>".join(html.escape(line) for line in text.splitlines())
        doc.setHtml(f"<h2 style='text-align:center'>{title}</h2><p style='line-height:150%'>{body}</p>")
        doc.setPageSize(QSizeF(page.width() / scale, page.height() / scale))
        painter.scale(scale, scale)
        doc.drawContents(painter, QRectF(0, 0, page.width() / scale, page.height() / scale))
    finally:
        painter.end()


def save_letter_pdf(path: Path, text: str) -> Path:
    """Write the letter beside ``path``, check it, rename it into place (printing.write_pdf_beside)."""
    return write_pdf_beside(path, _layout(), QCoreApplication.translate(CONTEXT, TITLE),
                            lambda writer: _paint(writer, text))


def print_letter(parent: QWidget | None, text: str) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_layout())
    if QPrintDialog(printer, parent).exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _paint(printer, text)
    return True
