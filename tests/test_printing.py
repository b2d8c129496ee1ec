"""Printed paper: the slip's barcode decodes back to exactly the order number; slip and receipt
are printed wholly in the staff's language, the receipt with the amount in capital numerals in Chinese."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument

from app.devices.barcode import code128_modules
from app.models import PaymentKind, PaymentMethod
from app.services.codes import display_order_number, parse_code
from app.services.orders import take_payment
from app.services.records import order_detail
from app.ui import i18n
from app.ui.printing import capital_amount, paint_page, receipt_html, save_pdf, slip_html

from .helpers import new_order

# Every English word the slip or the receipt prints as a label, and raw values that must never show.
ENGLISH_LABELS = ["Customer", "Package", "Booked", "Progress", "Session", "Shoot", "Selection", "Pickup", "Item",
                  "Product", "Status", "Total", "Paid", "Balance due", "Bring this slip", "Receipt", "Order slip",
                  "Time", "Kind", "Method", "Amount", "Received by", "In figures"]
RAW_VALUES = ["cash", "wechat", "deposit", "balance", "refund", "waiting", "picked_up", "booked"]


def _decode(image: QImage) -> list[str]:
    """Every barcode zbar finds in the picture, as text."""
    pyzbar = pytest.importorskip("pyzbar.pyzbar", reason="zbar decodes the printed barcode")
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    raw = bytes(image.constBits())
    pixels = b"".join(raw[y * stride: y * stride + width] for y in range(height))
    return [r.data.decode() for r in pyzbar.decode((pixels, width, height))]


def _tool(name: str) -> str:
    """A poppler command the PDF checks need: missing means a broken install, not a reason to skip."""
    path = shutil.which(name)
    assert path is not None, f"{name} not found: install poppler-utils (CI does; the PDF checks need it)"
    return path


# CJK fonts draw an ideograph and its radical with one glyph, and Qt's PDF text layer names the
# radical: 支 comes back as ⽀ (Kangxi radicals, which NFKC maps back) or 长 as ⻓ (the radicals
# supplement, which has no decomposition: these are the simplified ones).
RADICALS = str.maketrans("⻓⺠⻆⻅⻔⻢⻋⻉⻜⻛⻚⻄⻘⻝⻩⻬⻮⻰⻳⻨⻥⻦⺟⻙⻤", "长民角见门马车贝飞风页西青食黄齐齿龙龟麦鱼鸟母韦鬼")


def _pdf_text(pdf: Path) -> str:
    """The PDF's text layer, with radicals read as the characters they stand for (NFKC folds
    the full-width colon and brackets too: "顾客:刘备")."""
    out = subprocess.run([_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", out).translate(RADICALS)


def _plain(body_html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(body_html)
    return doc.toPlainText()


def _english_left(text: str) -> list[str]:
    words = [w for w in ENGLISH_LABELS if w in text]
    return words + [v for v in RAW_VALUES if re.search(rf"\b{v}\b", text, re.IGNORECASE)]


@pytest.fixture
def chinese(qapp):
    assert i18n.install(qapp, "zh_CN") == "zh_CN"
    yield
    i18n.install(qapp, "en")


@pytest.fixture
def english(qapp):
    assert i18n.install(qapp, "en") == "en"


@pytest.fixture
def paid_order(session, studio, clock):
    """An order with a deposit in cash, the rest by WeChat and a small cash refund."""
    order = new_order(session, studio, clock, name="刘备")
    take_payment(session, order.id, PaymentKind.DEPOSIT, PaymentMethod.CASH, 100000, studio.counter, clock=clock)
    take_payment(session, order.id, PaymentKind.BALANCE, PaymentMethod.WECHAT, 499900, studio.counter, clock=clock)
    take_payment(session, order.id, PaymentKind.REFUND, PaymentMethod.CASH, 10050, studio.manager,
                 note="相框换小号", clock=clock)
    return order


def test_code128_pattern_has_quiet_zones_and_bars():
    modules = code128_modules("2611-0042")
    assert modules.startswith("0" * 10) and modules.endswith("0" * 10) and "1" in modules


def test_the_slip_barcode_decodes_to_the_order_number_with_its_check_character(qapp, session, studio, clock):
    order = new_order(session, studio, clock)
    detail = order_detail(session, order.id, clock=clock)
    image = QImage(1240, 1748, QImage.Format.Format_RGB32)  # A5 at 150 dpi
    image.setDotsPerMeterX(5906)
    image.setDotsPerMeterY(5906)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_page(painter, QRectF(60, 60, 1120, 1628), detail, slip_html(detail, "测试影楼"), "Order slip")
    painter.end()
    assert _decode(image) == [display_order_number(order.number)] == [detail.checked_number]
    assert parse_code(_decode(image)[0]).checked  # what a scanner reads from the slip opens the order


def test_the_slip_pdf_holds_the_order_and_customer(qapp, session, studio, clock, tmp_path):
    order = new_order(session, studio, clock, name="刘备")
    detail = order_detail(session, order.id, clock=clock)
    pdf = save_pdf(tmp_path / "slip.pdf", detail, "测试影楼")
    receipt = save_pdf(tmp_path / "receipt.pdf", detail, "测试影楼", receipt=True)
    assert pdf.read_bytes().startswith(b"%PDF") and receipt.stat().st_size > 0
    text = _pdf_text(pdf)
    checked = display_order_number(order.number)
    assert checked in text and "刘备" in text and "¥5,999.00" in text
    assert text.count(checked) >= 2 and order.number + "\n" not in text  # title and the line under the barcode
    subprocess.run([_tool("pdftoppm"), "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "page")],
                   check=True)
    assert _decode(QImage(str(tmp_path / "page.png"))) == [checked]
    assert checked in _pdf_text(receipt)


def test_the_slip_and_receipt_print_every_label_in_chinese(chinese, session, paid_order, clock):
    detail = order_detail(session, paid_order.id, clock=clock)
    slip, receipt = _plain(slip_html(detail, "测试影楼")), _plain(receipt_html(detail, "测试影楼"))
    assert _english_left(slip) == [] and _english_left(receipt) == []
    for word in ["顾客：", "套系：", "拍摄阶段", "客件", "状态", "总价：", "已付：", "待付余额："]:
        assert word in slip, word
    for word in ["收据", "顾客：", "订金", "尾款", "退款", "现金", "微信支付", "支付方式", "金额", "收款人"]:
        assert word in receipt, word


def test_the_receipt_gives_the_amount_received_in_capitals_in_chinese(chinese, session, paid_order, clock):
    detail = order_detail(session, paid_order.id, clock=clock)
    assert detail.balance.paid_fen == 589850
    receipt = _plain(receipt_html(detail, "测试影楼"))
    assert "实收人民币（大写）：伍仟捌佰玖拾捌元伍角" in receipt
    assert "小写：¥5,898.50" in receipt and "-¥100.50" in receipt


def test_the_english_receipt_shows_figures_only(english, session, paid_order, clock):
    detail = order_detail(session, paid_order.id, clock=clock)
    slip, receipt = _plain(slip_html(detail, "Studio")), _plain(receipt_html(detail, "Studio"))
    for word in ["Customer: 刘备", "Package:", "Session", "Item", "Status", "Total:", "Paid:", "Balance due:"]:
        assert word in slip, word
    for word in ["Receipt", "Customer: 刘备", "Time", "Kind", "Method", "Amount", "Received by", "Deposit",
                 "Cash", "WeChat Pay", "Refund", "Amount received: ¥5,898.50"]:
        assert word in receipt, word
    assert not re.search("[壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]", receipt)


def test_the_printed_pdfs_are_chinese_with_the_amount_in_capitals(chinese, session, paid_order, clock, tmp_path):
    detail = order_detail(session, paid_order.id, clock=clock)
    slip = _pdf_text(save_pdf(tmp_path / "slip.pdf", detail, "测试影楼"))
    receipt = _pdf_text(save_pdf(tmp_path / "receipt.pdf", detail, "测试影楼", receipt=True))
    assert "订单凭条" in slip and "测试影楼" in slip and "顾客:刘备" in slip and "选片" in slip  # NFKC: ： is :
    assert "收据" in receipt and paid_order.number in receipt and "支付方式" in receipt
    assert _english_left(slip) == [] and _english_left(receipt) == []
    assert "实收人民币(大写):伍仟捌佰玖拾捌元伍角" in receipt


@pytest.mark.parametrize(("fen", "capitals"), [
    (599900, "伍仟玖佰玖拾玖元整"),
    (100, "壹元整"),
    (0, "零元整"),
    (5, "伍分"),
    (50, "伍角"),
    (105, "壹元零伍分"),
    (1050, "壹拾元伍角"),  # 10-19 yuan is written 壹拾, never a bare 拾
    (1010, "壹拾元壹角"),
    (21000, "贰佰壹拾元整"),
    (100005, "壹仟元零伍分"),  # a zero 角 before a 分 is written 零
    (100100, "壹仟零壹元整"),
    (140950, "壹仟肆佰零玖元伍角"),
    (600714, "陆仟零柒元壹角肆分"),
    (168032, "壹仟陆佰捌拾元叁角贰分"),  # the 零 after a zero 元 digit is optional (PBOC rules); cn2an omits it
    (1000000, "壹万元整"),
    (10001000, "壹拾万零壹拾元整"),
    (11000000, "壹拾壹万元整"),
    (20000001, "贰拾万元零壹分"),
    (10000010000, "壹亿零壹佰元整"),
    (-10050, "负壹佰元伍角"),
])
def test_amounts_in_capital_numerals_follow_the_banking_convention(fen, capitals):
    assert capital_amount(fen) == capitals
