"""Printed paper: the slip's barcode decodes back to exactly the order number."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from app.services.records import order_detail
from app.devices.barcode import code128_modules
from app.ui.printing import paint_page, save_pdf, slip_html

from .helpers import new_order

pyzbar = pytest.importorskip("pyzbar.pyzbar", reason="zbar decodes the printed barcode")


def _decode(image: QImage) -> list[str]:
    """Every barcode zbar finds in the picture, as text."""
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    raw = bytes(image.constBits())
    pixels = b"".join(raw[y * stride: y * stride + width] for y in range(height))
    return [r.data.decode() for r in pyzbar.decode((pixels, width, height))]


def test_code128_pattern_has_quiet_zones_and_bars():
    modules = code128_modules("2611-0042")
    assert modules.startswith("0" * 10) and modules.endswith("0" * 10) and "1" in modules


def test_the_slip_barcode_decodes_to_the_order_number(qapp, session, studio, clock):
    order = new_order(session, studio, clock)
    detail = order_detail(session, order.id, clock=clock)
    image = QImage(1240, 1748, QImage.Format.Format_RGB32)  # A5 at 150 dpi
    image.setDotsPerMeterX(5906)
    image.setDotsPerMeterY(5906)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_page(painter, QRectF(60, 60, 1120, 1628), detail, slip_html(detail, "测试影楼"), "Order slip")
    painter.end()
    assert _decode(image) == [order.number]


def test_the_slip_pdf_holds_the_order_and_customer(qapp, session, studio, clock, tmp_path):
    order = new_order(session, studio, clock, name="刘备")
    detail = order_detail(session, order.id, clock=clock)
    pdf = save_pdf(tmp_path / "slip.pdf", detail, "测试影楼")
    receipt = save_pdf(tmp_path / "receipt.pdf", detail, "测试影楼", receipt=True)
    assert pdf.read_bytes().startswith(b"%PDF") and receipt.stat().st_size > 0
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert order.number in text and "刘备" in text and "¥5,999.00" in text
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
        assert _decode(QImage(str(tmp_path / "page.png"))) == [order.number]
