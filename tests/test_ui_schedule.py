"""The schedule at the counter, by keys and the mouse as staff use it: booking into a full slot
(refused, the free times offered, one picked), moving a session from the calendar (keys, and by
dragging it onto another slot), the session dialog, positions and time slots in the settings."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QSpinBox, QWidget
from sqlalchemy import select

from app.models import AuditEntry, Order, Position, SessionChange, SessionChangeKind, ShootSession, SlotKind, TimeSlot
from app.services import positions, schedule
from app.services.customers import NewCustomer, create_customer
from app.services.orders import BookOrder, SessionPlan, book_order
from app.ui.booking_dialog import BookingDialog
from app.ui.main_window import MainWindow
from app.ui.schedule_tab import MIME
from app.ui.session_dialog import MoveDialog, SessionDialog
from app.ui.staff_dialog import StaffDialog
from app.ui.time_slots_dialog import TimeSlotsDialog

from .helpers import type_text

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
TODAY = dt.date(2026, 11, 26)  # a Thursday
DAY = dt.date(2026, 12, 5)


class Keyboard:
    """Keys go where a real keyboard sends them (the focused widget of the active window);
    every key press, chord and click is counted."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.count = 0

    def target(self, window: QWidget) -> QWidget:
        window.activateWindow()
        self.qtbot.waitUntil(window.isActiveWindow)
        return QApplication.focusWidget() or window

    def press(self, window: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = NO) -> None:
        self.qtbot.keyClick(self.target(window), key, modifier)
        self.count += 1

    def type(self, window: QWidget, text: str) -> None:
        for ch in text:
            if ch.isascii():
                self.qtbot.keyClick(self.target(window), ch)
            else:
                type_text(self.qtbot, self.target(window), ch)  # an input method commits it
            self.count += 1

    def click(self, widget: QWidget) -> None:
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.count += 1


@pytest.fixture
def window(qtbot, ctx, clock):
    clock.moment = dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.timezone.utc)  # 10:00 on 2026-11-26 in the studio
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _slots(session, kind: SlotKind) -> list[int]:
    return [s.slot_id for s in schedule.time_slots(session, kind, active_only=True)]


def _book(session, studio, clock, day: dt.date, slot: int, name: str = "李四") -> Order:
    customer = create_customer(session, NewCustomer(name=name, phones=["1390000" + str(abs(hash(name)) % 10000)]),
                               studio.counter, clock=clock)
    return book_order(session, BookOrder(customer.id, studio.single, sessions=[SessionPlan("婚纱照", day,
                                                                                          shoot_slot_id=slot)]),
                      studio.counter, clock=clock)


def test_booking_into_a_full_slot_is_refused_the_next_free_one_offered_and_one_key_picks_it(
        qtbot, window, session, studio, clock, messages):
    first, second, *_ = _slots(session, SlotKind.SHOOT)
    session.get(TimeSlot, first).capacity = 1
    session.commit()
    _book(session, studio, clock, DAY, first)  # the morning of Dec 5 is taken
    customer = create_customer(session, NewCustomer(name="张三", phones=["13800131234"]), studio.counter, clock=clock)
    file = window.open_customer(customer.id)
    qtbot.waitExposed(file)
    keys = Keyboard(qtbot)

    keys.press(file, Qt.Key.Key_N, CTRL)
    booking = window.current_dialog
    assert isinstance(booking, BookingDialog)
    qtbot.waitExposed(booking)
    keys.target(booking)
    keys.click(booking.date_field(0, 1))
    keys.type(booking, "1205")
    keys.press(booking, Qt.Key.Key_Tab)
    combo = booking.slot_field(0, SlotKind.SHOOT)
    assert keys.target(booking) is combo
    assert combo.slot_id() == second and "full" in combo.itemText(1)  # the first free time is offered first
    keys.press(booking, Qt.Key.Key_Up)  # the customer insists on the morning
    assert combo.slot_id() == first
    keys.press(booking, Qt.Key.Key_Return, CTRL)
    keys.press(booking.confirm_box, Qt.Key.Key_Return)

    assert booking.isVisible() and booking.slot_full is not None  # refused, the form as typed
    assert booking.date_field(0, 1).value() == DAY and not messages
    offers = booking.offers
    assert offers.isVisible() and keys.target(booking) is offers
    assert (offers.current().day, offers.current().slot.slot_id) == (DAY, second)  # the next free one, same day
    assert "full" in booking.message.text()
    keys.press(booking, Qt.Key.Key_Return)  # take it
    assert (booking.date_field(0, 1).value(), combo.slot_id()) == (DAY, second)
    keys.press(booking, Qt.Key.Key_Return, CTRL)
    keys.press(booking.confirm_box, Qt.Key.Key_Return)

    print(f"\nbooking into a full slot, refused, the offered free time picked and booked: {keys.count} actions "
          f"(3 after the refusal)")
    assert keys.count <= 13
    session.expire_all()
    order = session.scalars(select(Order).where(Order.customer_id == customer.id)).one()
    assert (order.sessions[0].shoot_date, order.sessions[0].shoot_slot_id) == (DAY, second)


def _cell_of(tab, day: dt.date, slot_id: int):  # type: ignore[no-untyped-def]
    return tab.model.index_of(day, slot_id)


def test_a_session_is_moved_from_the_week_calendar_by_keys_with_a_reason(qtbot, window, session, studio, clock,
                                                                       messages):
    first, second, *_ = _slots(session, SlotKind.SHOOT)
    friday = TODAY + dt.timedelta(days=1)
    order = _book(session, studio, clock, friday, first)
    keys = Keyboard(qtbot)

    tab = window.schedule
    keys.press(window, Qt.Key(Qt.Key.Key_1.value + window.tabs.indexOf(tab)), CTRL)  # Ctrl+<its place>
    assert window.tabs.currentWidget() is tab and tab.week
    assert tab.model.calendar.taken(friday, first) == 1
    assert tab.grid.currentIndex() == _cell_of(tab, TODAY, first)  # today's first slot
    tab.grid.setFocus()
    keys.press(window, Qt.Key.Key_Right)  # Friday
    keys.press(window, Qt.Key.Key_Return)  # to its sessions
    assert keys.target(window) is tab.sessions and tab.selected_entry().order_id == order.id
    keys.press(window, Qt.Key.Key_M, ALT)  # Move…
    qtbot.waitUntil(lambda: tab.session_actions.dialog is not None)  # a button's Alt key clicks it a moment later
    move = tab.session_actions.dialog
    assert isinstance(move, MoveDialog) and move.mode == MoveDialog.MOVE
    keys.type(move, "1128")  # Saturday; the day typed replaces the one shown
    keys.press(move, Qt.Key.Key_Tab)
    assert move.slot.slot_id() == first  # the same time is free that day
    keys.press(move, Qt.Key.Key_Tab)
    keys.type(move, "客户出差")
    keys.press(move, Qt.Key.Key_Return, CTRL)

    print(f"\nmoving a session from the calendar by keys (a 4-character reason): {keys.count} actions")
    assert not move.isVisible() and not messages
    session.expire_all()
    moved = session.get(ShootSession, order.sessions[0].id)
    assert (moved.shoot_date, moved.shoot_slot_id) == (dt.date(2026, 11, 28), first)
    [line] = session.scalars(select(SessionChange).where(SessionChange.session_id == moved.id)).all()
    assert (line.kind, line.reason) == (SessionChangeKind.RESCHEDULED, "客户出差")
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "session.reschedule")).one()
    assert tab.model.calendar.taken(dt.date(2026, 11, 28), first) == 1  # the calendar shows the move
    assert tab.model.calendar.taken(friday, first) == 0


def test_a_move_without_a_reason_is_marked_and_nothing_changes(qtbot, window, session, studio, clock, messages):
    first, *_ = _slots(session, SlotKind.SHOOT)
    order = _book(session, studio, clock, DAY, first)
    detail = schedule.session_detail(session, order.sessions[0].id)
    move = window.schedule.session_actions.move(detail, SlotKind.SHOOT, day=DAY + dt.timedelta(days=1), slot_id=first)
    qtbot.mouseClick(move.save_button, Qt.MouseButton.LeftButton)
    assert move.isVisible() and move.reason.styleSheet() and move.message.text()
    session.expire_all()
    assert session.get(ShootSession, order.sessions[0].id).shoot_date == DAY


def test_dragging_a_session_onto_another_slot_opens_the_move_with_that_slot_and_the_reason_still_to_type(
        qtbot, window, session, studio, clock, messages):
    first, second, *_ = _slots(session, SlotKind.SHOOT)
    order = _book(session, studio, clock, TODAY, first)
    window.tabs.setCurrentWidget(window.schedule)
    tab = window.schedule
    target = _cell_of(tab, TODAY + dt.timedelta(days=2), second)
    rect = tab.grid.visualRect(target)
    data = QMimeData()
    data.setData(MIME, QByteArray(str(order.sessions[0].id).encode()))
    # what a drag from the slot's session list delivers to the grid: enter, move, drop
    for event in (QDragEnterEvent(rect.center(), Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton, NO),
                  QDragMoveEvent(rect.center(), Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton, NO),
                  QDropEvent(QPointF(rect.center()), Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton, NO)):
        assert QApplication.sendEvent(tab.grid.viewport(), event) and event.isAccepted()

    move = tab.session_actions.dialog
    assert isinstance(move, MoveDialog)
    assert (move.date.value(), move.slot.slot_id()) == (TODAY + dt.timedelta(days=2), second)
    move.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is move.reason)
    type_text(qtbot, move.reason, "摄影师请假")
    qtbot.keyClick(move.reason, Qt.Key.Key_Return, CTRL)
    session.expire_all()
    moved = session.get(ShootSession, order.sessions[0].id)
    assert (moved.shoot_date, moved.shoot_slot_id) == (TODAY + dt.timedelta(days=2), second)


def test_the_calendar_colours_full_slots_and_switches_day_week_and_selections_by_keys(
        qtbot, window, session, studio, clock):
    first, *_ = _slots(session, SlotKind.SHOOT)
    session.get(TimeSlot, first).capacity = 1
    session.commit()
    _book(session, studio, clock, TODAY, first)
    window.tabs.setCurrentWidget(window.schedule)
    tab = window.schedule
    tab.grid.setFocus()
    full = tab.model.index_of(TODAY, first)
    assert tab.model.data(full, Qt.ItemDataRole.BackgroundRole) is not None
    assert tab.model.data(full).startswith("1/1")
    assert tab.model.data(tab.model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None  # free: plain
    qtbot.keyClick(tab.grid, Qt.Key.Key_D)
    assert not tab.week and tab.model.columnCount() == 1
    qtbot.keyClick(tab.grid, Qt.Key.Key_PageDown)
    assert tab.day == TODAY + dt.timedelta(days=1)
    qtbot.keyClick(tab.grid, Qt.Key.Key_T)
    assert tab.day == TODAY
    qtbot.keyClick(tab.grid, Qt.Key.Key_W)
    qtbot.keyClick(tab.grid, Qt.Key.Key_PageUp)
    assert tab.week and tab.range() == (dt.date(2026, 11, 16), dt.date(2026, 11, 22))
    qtbot.keyClick(tab.grid, Qt.Key.Key_L)
    assert tab.kind is SlotKind.SELECTION and tab.model.rowCount() == 3 + 1  # three selection slots, no time


def test_the_session_dialog_shows_the_history_and_marks_a_no_show_then_rebooks(
        qtbot, window, session, studio, clock, messages):
    first, second, *_ = _slots(session, SlotKind.SHOOT)
    order = _book(session, studio, clock, TODAY, first)
    dialog = SessionDialog(window.ctx, order.sessions[0].id, window)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.buttons["no_show"].isEnabled() and not dialog.buttons["rebook"].isVisible()
    qtbot.mouseClick(dialog.buttons["no_show"], Qt.MouseButton.LeftButton)  # asked, answered yes
    assert dialog.detail.state.value == "no_show" and dialog.buttons["rebook"].isVisible()
    qtbot.mouseClick(dialog.buttons["rebook"], Qt.MouseButton.LeftButton)
    rebook = dialog.session_actions.dialog
    assert isinstance(rebook, MoveDialog) and rebook.mode == MoveDialog.REBOOK
    rebook.date.set_date(DAY)
    rebook.slot.select_slot(second)
    rebook.activateWindow()
    qtbot.waitUntil(rebook.isActiveWindow)
    qtbot.keyClick(rebook.reason, Qt.Key.Key_Return, CTRL)
    assert dialog.detail.state.value == "booked" and dialog.detail.shoot_date == DAY
    assert [dialog.history.row(i).kind for i in range(dialog.history.rowCount())] == [
        SessionChangeKind.NO_SHOW, SessionChangeKind.RESCHEDULED]
    texts = [dialog.history.data(dialog.history.index(1, c)) for c in range(4)]
    assert "2026-12-05 11:00–13:00" in texts[2] and texts[3] == "李前台"


def test_positions_are_ticked_per_staff_member_in_the_staff_dialog(qtbot, window, session, studio, messages):
    window.ctx.actor = studio.manager
    dialog = window.open_staff()
    assert isinstance(dialog, StaffDialog)
    dialog.select_staff(studio.counter.staff_id)
    box = dialog.position_boxes[Position.PHOTOGRAPHER]
    assert box.isEnabled() and not box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.positions_button, Qt.MouseButton.LeftButton)
    assert positions.positions_by_staff(session)[studio.counter.staff_id] == [Position.PHOTOGRAPHER]
    assert Position.PHOTOGRAPHER.value not in messages
    row = dialog.model.rows.index(dialog.selected())
    assert "摄影" in dialog.model.data(dialog.model.index(row, dialog.model.columnCount() - 1)) or \
        "Photographer" in dialog.model.data(dialog.model.index(row, dialog.model.columnCount() - 1))


def test_time_slots_are_edited_in_the_settings_by_a_manager_only(qtbot, window, session, studio, messages):
    assert not window.time_slots_action.isVisible()  # the counter clerk does not see it
    assert window.open_time_slots() is None and messages  # and is told why
    window.ctx.actor = studio.manager
    window.apply_permissions()
    dialog = window.open_time_slots()
    assert isinstance(dialog, TimeSlotsDialog) and dialog.table.rowCount() == 7
    dialog.table.cellWidget(0, dialog.CAPACITY).setValue(3)
    dialog.table.cellWidget(6, dialog.ACTIVE).setChecked(False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    session.expire_all()
    slots = schedule.time_slots(session)
    assert slots[0].capacity == 3 and not slots[6].active
    assert len(session.scalars(select(AuditEntry).where(AuditEntry.action == "slot.change")).all()) == 2
    assert isinstance(dialog.table.cellWidget(0, dialog.CAPACITY), QSpinBox)
    assert isinstance(dialog.table.cellWidget(0, dialog.ACTIVE), QCheckBox)


def test_the_date_of_a_later_growth_session_is_set_from_its_session_dialog_without_a_reason(
        qtbot, window, session, studio, clock, messages):
    customer = create_customer(session, NewCustomer(name="王五", phones=["13700001111"]), studio.counter, clock=clock)
    order = book_order(session, BookOrder(customer.id, studio.growth), studio.counter, clock=clock)
    later = order.sessions[1].id
    dialog = SessionDialog(window.ctx, later, window)
    qtbot.addWidget(dialog)
    dialog.open()
    assert "Set" in dialog.buttons["move_shoot"].text()  # no date yet: set, not move
    qtbot.mouseClick(dialog.buttons["move_shoot"], Qt.MouseButton.LeftButton)
    setting = dialog.session_actions.dialog
    assert isinstance(setting, MoveDialog) and setting.mode == MoveDialog.SET
    setting.date.set_date(dt.date(2027, 3, 1))
    assert setting.slot.slot_id() == _slots(session, SlotKind.SHOOT)[0]  # the first free time of that day
    qtbot.mouseClick(setting.save_button, Qt.MouseButton.LeftButton)
    assert not setting.isVisible() and not messages
    assert dialog.detail.shoot_date == dt.date(2027, 3, 1)
    assert [dialog.history.row(i).kind for i in range(dialog.history.rowCount())] == [SessionChangeKind.SCHEDULED]
    assert "Move" in dialog.buttons["move_shoot"].text()


def test_a_session_opens_from_the_order_with_its_time_and_photographer(qtbot, ctx, window, session, studio, clock):
    """The order's Sessions tab shows each session's day and time and its photographer; Enter
    or a double-click opens the session (history, move, no-show) and the order reads again after."""
    from app.ui.session_dialog import SessionDialog

    slot = session.scalars(select(TimeSlot.id).where(TimeSlot.kind == SlotKind.SHOOT).order_by(TimeSlot.starts)).first()
    order = _book(session, studio, clock, TODAY + dt.timedelta(days=3), slot)
    dialog = window.open_order(order.id)
    line = dialog.sessions_model.rows[0]
    shown = dialog.sessions_model.index(0, 1).data()
    assert line.shoot_time is not None and line.shoot_time.strftime("%H:%M") in shown
    opened = dialog.open_session(0)
    assert isinstance(opened, SessionDialog) and opened.session_id == line.id
    opened.close()
    dialog.close()
