"""The complaints tab as the counter uses it: a complaint recorded from a phone search, its
item redone through rework, the four steps walked, the apology letter to PDF, the monthly
board; required fields refused at the field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.devices.scanner import ScannerSettings

from app.models import Complaint, ComplaintStatus, FollowUp, ItemStatus
from app.services import lifecycle

from .helpers import drive, type_text
from .test_complaints import album_of

S = ItemStatus


@pytest.fixture
def window(qtbot, ctx):  # type: ignore[no-untyped-def]
    """The main window for the signed-in counter clerk, without sounds (scans are tested)."""
    from app.ui.main_window import MainWindow

    w = MainWindow(ctx, scanner_settings=ScannerSettings(sound=False))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _texts(model) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _picked_up_album(session, studio, clock):  # type: ignore[no-untyped-def]
    from .helpers import new_order

    order = new_order(session, studio, clock, paid=True, name="张三", phone="13800138000")
    album = album_of(session, order)
    drive(session, album.code, S.PICKED_UP, studio.manager, clock)
    return order, album


def _new_complaint(qtbot, window):  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.complaints)
    qtbot.keyClick(window.complaints.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.complaints.list.dialog
    assert dialog is not None and dialog.objectName() == "newComplaint" and dialog.isVisible()
    return dialog


def test_the_tab_comes_after_item_tracking_and_before_the_schedule(window):
    tabs = [window.tabs.tabText(i).replace("&", "") for i in range(window.tabs.count())]
    assert tabs.index("Complaints") == tabs.index("Pickup") + 1 == tabs.index("Item tracking") + 2  # the 4th of 4
    assert tabs.index("Schedule") > tabs.index("Complaints")


def test_empty_required_fields_are_refused_at_the_field(qtbot, window, session):
    dialog = _new_complaint(qtbot, window)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.message.text() == "Find and choose the customer first."
    assert dialog.search.styleSheet() != ""
    assert session.scalar(select(func.count(Complaint.id))) == 0


def test_record_redo_walk_the_steps_print_the_letter_and_see_the_board(qtbot, window, session, studio, clock,
                                                                       tmp_path, messages):
    _order, album = _picked_up_album(session, studio, clock)
    dialog = _new_complaint(qtbot, window)
    type_text(qtbot, dialog.search, "8000")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.customer_id is not None and "张三" in dialog.customer_label.text()
    assert dialog.focusWidget() is dialog.items and dialog.items.count() == 4
    qtbot.keyClick(dialog.items, Qt.Key.Key_Space)  # the album is the first row
    assert dialog.item_ids() == [album.id]
    dialog.category.setCurrentIndex(dialog.category.findText("Product quality"))
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.message.text() == "Describe the complaint."  # at the field
    type_text(qtbot, dialog.description, "相册有划痕")
    dialog.severity.setCurrentIndex(dialog.severity.findText("Severe"))
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    complaint = session.scalar(select(Complaint))
    assert complaint.description == "相册有划痕" and complaint.severity.value == "severe"
    rows = _texts(window.complaints.list.model)
    assert rows[0][2] == "张三" and rows[0][6] == "Acknowledge"

    detail = window.complaints.list.dialog
    assert detail.objectName() == "complaintDialog" and detail.complaint_id == complaint.id
    for step in ("Acknowledge", "Apologize"):
        assert step in detail.next_button.text()
        qtbot.mouseClick(detail.next_button, Qt.MouseButton.LeftButton)
    assert not detail.next_button.isEnabled() and detail.amend_button.isEnabled()
    qtbot.mouseClick(detail.amend_button, Qt.MouseButton.LeftButton)
    amend = detail.child
    amend.kind.setCurrentIndex(amend.kind.findText("Redo"))
    qtbot.mouseClick(amend.save_button, Qt.MouseButton.LeftButton)
    assert amend.isVisible() and amend.message.text() == "Say whose fault it was."
    amend.fault.setCurrentIndex(amend.fault.findText("The lab"))
    type_text(qtbot, amend.action, "redo")
    qtbot.mouseClick(amend.save_button, Qt.MouseButton.LeftButton)
    assert not amend.isVisible()
    session.expire_all()
    assert session.get(type(album), album.id).status is S.REWORK
    assert _texts(detail.items_model)[0][2] == "Rework"
    assert not detail.next_button.isEnabled()  # the follow-up call after the pickup closes Anticipate

    # the lab makes it again; the customer picks it up: the follow-up call is due
    for step in (S.SENT, S.RETURNED, S.READY, S.PICKED_UP):
        clock.advance(days=2)
        lifecycle.transition(session, album.code, step, studio.manager, clock=clock)
    assert session.scalar(select(FollowUp.due_on).where(FollowUp.complaint_id == complaint.id)) is not None
    detail.reload()
    assert detail.call_button.isEnabled() and not detail.next_button.isEnabled()
    qtbot.mouseClick(detail.call_button, Qt.MouseButton.LeftButton)
    call = detail.child
    call.score.setCurrentIndex(call.score.findText("5"))
    type_text(qtbot, call.notes, "很满意")
    qtbot.mouseClick(call.save_button, Qt.MouseButton.LeftButton)
    assert not call.isVisible()
    assert [s[2] != "" for s in _texts(detail.steps_model)] == [True, True, True, True]

    qtbot.mouseClick(detail.letter_button, Qt.MouseButton.LeftButton)
    letter = detail.child
    assert "Dear 张三" in letter.preview.toPlainText() and "相册有划痕" in letter.preview.toPlainText()
    pdf = letter.save_pdf(tmp_path / "apology.pdf")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "apology.pdf.partial").exists()
    letter.accept()

    qtbot.mouseClick(detail.close_button, Qt.MouseButton.LeftButton)
    ask = detail.child
    qtbot.mouseClick(ask.ok_button, Qt.MouseButton.LeftButton)
    assert ask.isVisible() and "1 to 5" in ask.message.text()  # no score yet
    ask.score.setCurrentIndex(ask.score.findText("4"))
    qtbot.mouseClick(ask.ok_button, Qt.MouseButton.LeftButton)
    assert not ask.isVisible()
    session.expire_all()
    closed = session.get(Complaint, complaint.id)
    assert closed.status is ComplaintStatus.CLOSED and closed.resolution_score == 4
    assert detail.reopen_button.isEnabled() and not detail.close_button.isEnabled()
    detail.accept()

    board = window.complaints.board
    window.complaints.pages.setCurrentWidget(board)
    qtbot.waitUntil(lambda: board.board is not None and not board.task.running, timeout=10000)
    assert (board.board.year, board.board.month) == (2026, 11)
    assert "1 complaints" in board.summary.text()
    assert _texts(board.category_model) == [["Product quality", "1"]]
    assert board.bars.count() == 12 and board.bars.at(11) == 1
    scores = window.complaints.scores
    window.complaints.pages.setCurrentWidget(scores)
    assert [r[0] for r in _texts(scores.model)] == ["金彩相册厂"]
    assert messages == []


def test_a_scanned_label_chooses_its_customer_and_ticks_the_item(qtbot, window, session, studio, clock):
    from .helpers import new_order

    _order, album = _picked_up_album(session, studio, clock)
    other = album_of(session, new_order(session, studio, clock, name="李四", phone="13900139000"))
    dialog = _new_complaint(qtbot, window)
    result = window.handle_scan(album.code)
    assert result.good and "张三" in dialog.customer_label.text() and dialog.item_ids() == [album.id]
    result = window.handle_scan(other.code)
    assert not result.good and "李四" in str(result.message)
    assert dialog.item_ids() == [album.id]
    assert not window.handle_scan("2611-9999-01-0").good


def test_a_manager_sets_the_step_deadlines_per_severity(qtbot, ctx, studio, session, qsettings):
    from app.services import complaints
    from app.ui.complaints_tab import ComplaintsTab

    tab = ComplaintsTab(ctx)
    qtbot.addWidget(tab)
    tab.apply_permissions()
    assert tab.list.deadlines_button.isHidden()  # the counter clerk
    ctx.actor = studio.manager
    tab.apply_permissions()
    assert not tab.list.deadlines_button.isHidden()
    dialog = tab.list.edit_deadlines()
    assert dialog.spins[("severe", complaints.S.ACKNOWLEDGE)].value() == 2
    dialog.spins[("severe", complaints.S.ACKNOWLEDGE)].setValue(1)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert complaints.deadline_hours(session, "severe")[complaints.S.ACKNOWLEDGE] == 1
    assert complaints.deadline_hours(session, "normal")[complaints.S.ANTICIPATE] == 720


def test_a_refund_as_amend_asks_for_a_managers_pin_at_the_counter(qtbot, window, session, studio, clock):
    from app.models import Payment, PaymentKind
    from app.services import complaints
    from app.services.complaints import NewComplaint

    from .helpers import new_order
    from .test_complaints import category

    order = new_order(session, studio, clock, paid=True)
    cid = complaints.record_complaint(session, NewComplaint(order.customer_id, category(session, "delay"), "取件晚了",
                                                            order_id=order.id), studio.counter, clock=clock)
    for step in ("acknowledge", "apologize"):
        complaints.mark_step_done(session, cid, step, studio.counter, clock=clock)
    window.tabs.setCurrentWidget(window.complaints)
    detail = window.complaints.list.open_complaint(cid)
    qtbot.mouseClick(detail.amend_button, Qt.MouseButton.LeftButton)
    amend = detail.child
    amend.kind.setCurrentIndex(amend.kind.findText("Refund"))
    assert not amend.approval.isHidden() and not amend.amount.isHidden() and amend.items.isHidden()
    amend.amount.setText("100.00")
    amend.action.setText("退 100 元")
    amend.manager.setCurrentText("王店长")
    amend.pin.setText("9999")
    qtbot.mouseClick(amend.save_button, Qt.MouseButton.LeftButton)
    assert amend.isVisible() and "Wrong manager name or PIN" in amend.message.text() and amend.pin.text() == ""
    assert session.scalar(select(func.count(Payment.id)).where(Payment.kind == PaymentKind.REFUND)) == 0
    amend.pin.setText("1111")
    qtbot.mouseClick(amend.save_button, Qt.MouseButton.LeftButton)
    assert not amend.isVisible()
    refund = session.scalar(select(Payment).where(Payment.kind == PaymentKind.REFUND))
    assert refund.amount_fen == 10000 and refund.staff_id == studio.manager.staff_id
    assert "Refund" in detail.summary.text()
