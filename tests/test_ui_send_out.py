"""The send-out page: choose a lab, scan, one key sends; refusals say why and write nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select, update

from app.models import Item, ItemEvent, ItemStatus, Shipment, ShipmentLine
from app.services import lifecycle
from app.ui.scanning import Outcome
from app.ui.send_out_page import SendOutPage

from .helpers import new_order, type_text
from .test_printing import _decode
from .test_shipment_print import _tool

S = ItemStatus


@pytest.fixture
def page(qtbot, ctx, studio):
    ctx.actor = studio.production
    p = SendOutPage(ctx)
    qtbot.addWidget(p)
    p.show()
    qtbot.waitExposed(p)
    p.activateWindow()
    return p


def _lab_codes(session, studio, clock, orders: int) -> list[str]:
    out = []
    for n in range(orders):
        order = new_order(session, studio, clock, name=f"顾客{n}", phone=f"1390013{n:04d}")
        out += [i.code for i in order.items if i.lab_id is not None]
    return out


def test_send_30_items_is_choose_lab_30_scans_and_one_key(qtbot, page, session, studio, clock, messages):
    codes = _lab_codes(session, studio, clock, 10)
    assert len(codes) == 30
    keys = scans = 0
    page.lab.lineEdit().selectAll()
    type_text(qtbot, page.lab.lineEdit(), "金彩")  # type-ahead: two characters and Enter choose the lab
    qtbot.keyClick(page.lab.lineEdit(), Qt.Key.Key_Return)
    keys += 3
    assert page.lab.currentText() == "金彩相册厂" and page.lab_id() == studio.lab
    for code in codes:
        result = page.handle_scan(code)  # what the window hands the page for each scan
        scans += 1
        assert result.outcome is Outcome.ACCEPTED, result.message
    assert page.lines_model.rowCount() == 30 and "30 items" in page.summary.text()
    qtbot.keyClick(page.scan, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter
    keys += 1
    assert len(messages) == 1 and "30 items" in messages[0] and "¥3,800.00" in messages[0]  # the confirmation
    session.expire_all()
    assert session.scalar(select(func.count(Item.id)).where(Item.code.in_(codes), Item.status == S.SENT)) == 30
    assert session.scalar(select(func.count(Shipment.id)).where(Shipment.closed_at.is_not(None))) == 1
    assert session.scalar(select(func.count(ShipmentLine.id)).where(ShipmentLine.lab_price_fen == 38000)) == 10
    assert page.lines_model.rowCount() == 0 and "sent: 30 items" in page.answer.text()
    print(f"\nsend 30 items: choose lab = {keys - 1} keys, {scans} scans, 1 key (Ctrl+Enter) + 1 confirmation")


def test_a_refused_scan_says_why_offers_the_right_lab_and_writes_nothing(qtbot, page, session, studio, clock):
    codes = _lab_codes(session, studio, clock, 1)
    session.execute(update(Item).where(Item.code == codes[0]).values(lab_id=studio.slow_lab))
    session.commit()
    lifecycle.transition(session, codes[1], S.CANCELLED, studio.manager, reason="不要了", clock=clock)
    events = session.scalar(select(func.count(ItemEvent.id)))
    result = page.handle_scan(codes[0])
    assert result.outcome is Outcome.REFUSED and "meant for 慢工画框" in page.answer.text()
    assert page.switch_button.isVisible()
    result = page.handle_scan(codes[1])
    assert result.outcome is Outcome.REFUSED and "cancelled" in page.answer.text()
    assert not page.switch_button.isVisible()
    assert session.scalar(select(func.count(ShipmentLine.id))) == 0
    assert session.scalar(select(func.count(Shipment.id))) == 0
    assert session.scalar(select(func.count(ItemEvent.id))) == events
    page.handle_scan(codes[0])
    qtbot.mouseClick(page.switch_button, Qt.MouseButton.LeftButton)
    assert page.lab_id() == studio.slow_lab
    assert page.handle_scan(codes[0]).outcome is Outcome.ACCEPTED


def test_the_open_shipment_comes_back_after_a_restart(qtbot, ctx, page, session, studio, clock):
    codes = _lab_codes(session, studio, clock, 1)
    for code in codes[:2]:
        page.handle_scan(code)
    page.close()
    again = SendOutPage(ctx)
    qtbot.addWidget(again)
    assert again.lab_id() == studio.lab  # the last lab used
    assert [r.code for r in again.lines_model.rows] == codes[:2]
    assert codes[2] in [r.code for r in again.waiting_model.rows]
    assert codes[0] not in [r.code for r in again.waiting_model.rows]


def test_delete_takes_a_line_off_and_ticked_rows_go_on_with_one_key(qtbot, page, session, studio, clock):
    codes = _lab_codes(session, studio, clock, 2)
    page.handle_scan(codes[0])
    page.lines.setFocus()
    page.lines.selectRow(0)
    qtbot.keyClick(page.lines, Qt.Key.Key_Delete)
    assert page.lines_model.rowCount() == 0
    assert session.scalar(select(func.count(ShipmentLine.id))) == 0
    page.reload_waiting()
    assert [r.code for r in page.waiting_model.rows] == codes
    page.waiting.setFocus()
    for row in (0, 2, 4):
        page.waiting.setCurrentIndex(page.waiting_model.index(row, 0))
        qtbot.keyClick(page.waiting, Qt.Key.Key_Space)  # Space ticks the row
    assert len(page.waiting_model.ticked) == 3
    qtbot.keyClick(page.waiting, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert [r.code for r in page.lines_model.rows] == [codes[0], codes[2], codes[4]]
    assert [r.code for r in page.waiting_model.rows] == [codes[1], codes[3], codes[5]]


def test_after_closing_the_list_saves_as_pdf_with_every_barcode(qtbot, page, session, studio, clock, messages,
                                                                tmp_path):
    import subprocess

    from PySide6.QtGui import QImage

    codes = _lab_codes(session, studio, clock, 2)
    for code in codes:
        page.handle_scan(code)
    assert page.close_shipment()
    pdf = page.save_list_pdf(tmp_path / "list.pdf")
    assert pdf is not None
    subprocess.run([_tool("pdftoppm"), "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "p")], check=True)
    assert sorted(_decode(QImage(str(tmp_path / "p.png")))) == sorted(codes)


def test_discarding_asks_and_leaves_the_items_waiting(qtbot, page, session, studio, clock, messages):
    codes = _lab_codes(session, studio, clock, 1)
    page.handle_scan(codes[0])
    qtbot.mouseClick(page.discard_button, Qt.MouseButton.LeftButton)
    assert "Throw away shipment" in messages[-1]
    assert session.scalar(select(func.count(Shipment.id))) == 0 and page.current is None
    assert codes[0] in [r.code for r in page.waiting_model.rows]


def test_a_shipment_closed_at_another_station_lets_the_next_scan_start_a_new_one(qtbot, page, session, studio,
                                                                                 clock):
    from app.services import shipments

    codes = _lab_codes(session, studio, clock, 1)
    page.handle_scan(codes[0])
    first = page.current.id
    shipments.close_shipment(session, first, studio.manager, clock=clock)  # the manager's desk sent it
    assert page.handle_scan(codes[1]).outcome is Outcome.ACCEPTED
    assert page.current.id != first and [r.code for r in page.lines_model.rows] == [codes[1]]
