"""Design approval in the window: the order's design column, the approval dialog, scans, the catalogue."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QTableView
from sqlalchemy import select

from app.models import ApprovalVia, AuditEntry, DesignStatus, Item, ProductType
from app.services import approval, lifecycle
from app.ui.approval_dialog import ApprovalDialog
from app.ui.catalogue_dialog import CatalogueDialog
from app.ui.scanning import Outcome

from .helpers import S, new_order, type_text

D = DesignStatus


@pytest.fixture
def window(qtbot, ctx):
    """The main window, silent: the scans here are about ticks, not sounds."""
    from app.devices.scanner import ScannerSettings
    from app.ui.main_window import MainWindow

    w = MainWindow(ctx, scanner_settings=ScannerSettings(sound=False))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def approving(session, studio):
    for pid in (studio.album, studio.frame):
        session.get(ProductType, pid).needs_approval = True
    session.commit()
    return studio


def _items(session, order) -> list[Item]:
    session.expire_all()
    return list(session.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.seq)))


class Actions:
    """Keys, clicks and scans a person makes, counted."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.count = qtbot, 0

    def shortcut(self, dialog, key, modifier=Qt.KeyboardModifier.ControlModifier) -> None:  # type: ignore[no-untyped-def]
        dialog.activateWindow()
        self.qtbot.waitUntil(dialog.isActiveWindow)
        self.qtbot.keyClick(dialog.focusWidget() or dialog, key, modifier)
        self.count += 1

    def click(self, widget) -> None:  # type: ignore[no-untyped-def]
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.count += 1


def test_approve_two_designs_of_an_order_in_three_actions(qtbot, window, session, approving, clock, messages):
    order = new_order(session, approving, clock)
    album, frame, frame2, digital = _items(session, order)
    approval.send_to_customer(session, [album.code, frame.code], approving.production, clock=clock)  # WeChat'd
    view = window.open_order(order.id)
    qtbot.waitExposed(view)
    designs = [view.items_model.data(view.items_model.index(r, 4)) for r in range(4)]
    assert designs == ["Awaiting approval", "Awaiting approval", "Designing", "No approval needed"]

    acts = Actions(qtbot)
    acts.shortcut(view, Qt.Key.Key_D)  # Ctrl+D: Approve designs…
    dialog = view.approval_dialog
    assert isinstance(dialog, ApprovalDialog) and QApplication.activeModalWidget() is dialog
    assert [d.code for d in dialog.lines] == [album.code, frame.code, frame2.code]  # only designs needing approval
    assert dialog.model.codes() == [album.code, frame.code]  # those with the customer are ticked
    acts.click(dialog.via_buttons[ApprovalVia.WECHAT])  # the customer answered the WeChat photo
    acts.shortcut(dialog, Qt.Key.Key_Return)  # Ctrl+Enter: approved
    assert acts.count == 3, "Ctrl+D, WeChat, Ctrl+Enter"
    print(f"\napprove two designs of an order: {acts.count} actions")

    a, f, f2, _ = _items(session, order)
    for item in (a, f):
        assert (item.design_status, item.approved_via, item.approved_by) == (
            D.APPROVED, ApprovalVia.WECHAT, approving.counter.staff_id)
    assert f2.design_status is D.DESIGNING
    assert album.code in dialog.message.text() and dialog.isVisible()  # said in the dialog, which stays
    assert dialog.model.codes() == [frame2.code]  # what is left: the frame still being designed
    assert view.items_model.data(view.items_model.index(0, 4)) == "Approved"  # the order window follows
    assert messages == []


def test_a_scanned_label_ticks_its_item_and_other_labels_are_refused(qtbot, window, session, approving, clock):
    order = new_order(session, approving, clock)
    other = new_order(session, approving, clock, name="李四", phone="13900139000")
    album, frame, frame2, digital = _items(session, order)
    view = window.open_order(order.id)
    dialog = view.approve_designs()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.model.ticked.clear()
    result = window.handle_scan(frame2.code)  # the real path: the open dialog takes the scan
    assert result.outcome is Outcome.ACCEPTED and dialog.model.codes() == [frame2.code]
    assert window.handle_scan(digital.code).outcome is Outcome.REFUSED  # needs no approval
    refused = window.handle_scan(_items(session, other)[0].code)
    assert refused.outcome is Outcome.REFUSED and "not an item of order" in str(refused.message)
    assert window.handle_scan(view.detail.checked_number).outcome is Outcome.REFUSED  # the slip: not an item
    lifecycle.transition(session, frame.code, S.CANCELLED, approving.manager, reason="不要了", clock=clock)
    dialog.reload()
    cancelled = window.handle_scan(frame.code)
    assert cancelled.outcome is Outcome.REFUSED and "cancelled" in str(cancelled.message)
    assert dialog.model.codes() == [frame2.code]
    assert [i.design_status for i in _items(session, order)] == [D.DESIGNING] * 3 + [D.NOT_NEEDED]  # none written


def test_ticking_with_space_and_a_refusal_keeps_ticks_and_note(qtbot, window, session, approving, clock):
    order = new_order(session, approving, clock)
    album, frame, *_rest = _items(session, order)
    approval.send_to_customer(session, [album.code], approving.counter, clock=clock)
    view = window.open_order(order.id)
    dialog = view.approve_designs()
    qtbot.waitExposed(dialog)
    dialog.view.setFocus()
    dialog.view.setCurrentIndex(dialog.model.index(1, 0))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)  # tick the frame too
    assert dialog.model.codes() == [album.code, frame.code]
    type_text(qtbot, dialog.note, "换成海边那张")
    qtbot.mouseClick(dialog.changes_button, Qt.MouseButton.LeftButton)  # the frame was never shown: refused
    assert frame.code in dialog.message.text() and "still being designed" in dialog.message.text()
    assert dialog.model.codes() == [album.code, frame.code] and dialog.note.text() == "换成海边那张"
    dialog.model.tick(frame.code, False)
    qtbot.mouseClick(dialog.changes_button, Qt.MouseButton.LeftButton)
    assert [i.design_status for i in _items(session, order)][:2] == [D.DESIGNING, D.DESIGNING]
    assert dialog.note.text() == ""
    assert session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "design.changes")).one() == "换成海边那张"
    assert "1×: 换成海边那张" in dialog.model.data(dialog.model.index(0, 5))


def test_designs_are_marked_sent_to_the_customer_from_the_dialog(qtbot, window, session, approving, clock):
    order = new_order(session, approving, clock)
    view = window.open_order(order.id)
    dialog = view.approve_designs()
    assert dialog.model.codes() == [i.code for i in _items(session, order)][:3]  # none with the customer yet
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert [i.design_status for i in _items(session, order)] == [D.AWAITING_APPROVAL] * 3 + [D.NOT_NEEDED]
    assert len(dialog.model.codes()) == 3  # now ticked as waiting for the customer


def test_an_order_without_designs_to_approve_has_the_action_off(qtbot, ctx, session, studio, clock):
    from app.ui.order_dialog import OrderDialog

    dialog = OrderDialog(ctx, new_order(session, studio, clock).id)
    qtbot.addWidget(dialog)
    assert not dialog.approve_button.isEnabled() and dialog.approve_designs() is None


def test_the_manager_sets_design_approval_and_the_extra_price_in_the_catalogue(qtbot, ctx, session, studio, clock,
                                                                               messages):
    ctx.actor = studio.manager
    dialog = CatalogueDialog(ctx)
    qtbot.addWidget(dialog)
    row = next(r for r, p in enumerate(dialog.product_rows) if p.id == studio.frame)
    table = next(v for v in dialog.findChildren(QTableView) if v.model() is dialog.products)
    table.selectRow(row)
    save = next(b for b in dialog.product_approval.parentWidget().findChildren(QPushButton) if b.text() == "Save")
    qtbot.mouseClick(dialog.product_approval, Qt.MouseButton.LeftButton)
    type_text(qtbot, dialog.product_extra, "80")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert messages == []
    session.expire_all()
    frame = session.get(ProductType, studio.frame)
    assert (frame.needs_approval, frame.extra_price_fen) == (True, 8000)
    assert dialog.products.data(dialog.products.index(row, 4)) == "¥80.00"
    table.selectRow(row)
    assert dialog.product_extra.text() == "80.00" and dialog.product_approval.isChecked()
    dialog.product_extra.clear()  # empty: no longer sold as an extra
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    session.expire_all()
    assert session.get(ProductType, studio.frame).extra_price_fen is None
