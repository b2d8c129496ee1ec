"""The Item tracking tab as the production desk uses it: scans, reason keys, boards, alarm."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from app.devices.scanner import ScannerSettings
from app.models import Choice, Item, ItemEvent, ItemStatus
from app.services import boards, studio as studio_service
from app.services.boards import Board
from app.services.receiving import RECEIVE_AND_PASS, ScanMode
from app.ui.scanning import Outcome

from .helpers import event_count, type_text
from .tracking_helpers import lab_items, sent_items

S = ItemStatus


def _close_modals() -> None:
    """A dialog an earlier test left open (or opened late from a timer of its window) would
    take every scan ("close the open window first"): every window still open is closed
    before and after each test here."""
    QApplication.processEvents()
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()
    QApplication.processEvents()


@pytest.fixture
def desk(qtbot, ctx, studio):
    """The main window with the production clerk signed in."""
    from app.ui.main_window import MainWindow

    _close_modals()
    ctx.actor = studio.production
    w = MainWindow(ctx, scanner_settings=ScannerSettings(sound=False))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    _close_modals()


class Count:
    def __init__(self) -> None:
        self.scans = self.keys = self.clicks = 0


def _statuses(session, codes):  # type: ignore[no-untyped-def]
    session.expire_all()
    return dict(session.execute(select(Item.code, Item.status).where(Item.code.in_(codes))).all())


def test_send_30_by_scans_receive_them_pass_27_and_rework_3_with_reasons(qtbot, desk, session, studio, clock,
                                                                            messages):
    """The issue's whole flow at the production desk, in the real window: a shipment of 30
    items built by scans and closed with one key, the 30 received by scans, 27 passed onto a
    shelf and 3 sent to rework with a reason key each; the database and every board checked."""
    from app.models import Shipment, ShipmentLine

    codes = lab_items(session, studio, clock, 10)
    assert len(codes) == 30
    n = Count()
    qtbot.keyClick(desk, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # Ctrl+3: the tracking tab
    n.keys += 1
    tab = desk.tracking
    assert desk.tabs.currentWidget() is tab and tab.pages.currentWidget() is tab.receive

    # send out: the Send out page (one click), the lab (type-ahead + Enter), 30 scans, Ctrl+Enter
    tab.pages.setCurrentWidget(tab.send_out)
    n.clicks += 1
    out = tab.send_out
    out.lab.lineEdit().selectAll()
    type_text(qtbot, out.lab.lineEdit(), "金彩")
    qtbot.keyClick(out.lab.lineEdit(), Qt.Key.Key_Return)
    n.keys += 3
    for code in codes:
        result = desk.handle_scan(code)
        n.scans += 1
        assert result.outcome is Outcome.ACCEPTED, result.message
    qtbot.keyClick(out.scan, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # close: the confirmation
    n.keys += 2  # Ctrl+Enter, then Enter on the confirmation (recorded by the messages fixture)
    assert set(_statuses(session, codes).values()) == {S.SENT}
    assert session.scalar(select(func.count(ShipmentLine.id)).where(ShipmentLine.open_item_id.is_(None))) == 30
    assert session.scalar(select(func.count(Shipment.id))) == 1
    assert boards.board_count(session, Board.AT_LAB, clock=clock) == 30
    sends = (n.scans, n.keys, n.clicks)

    tab.pages.setCurrentWidget(tab.receive)
    n.clicks += 1
    page = tab.receive
    assert page.current_mode() is ScanMode.RECEIVE  # the studio has not made receive-and-pass its default

    for code in codes:  # receive: one scan each
        clock.advance(seconds=3)
        result = desk.handle_scan(code)
        n.scans += 1
        assert result.outcome is Outcome.ACCEPTED, result.message
    answer = page.answer.text()  # the last one: the second frame of the tenth order
    assert all(part in answer for part in ("顾客09", "7寸 摆台", codes[-1], "back from the lab"))
    assert set(_statuses(session, codes).values()) == {S.RETURNED}
    assert boards.board_count(session, Board.RETURNED, clock=clock) == 30

    qtbot.keyClick(page.mode, Qt.Key.Key_Down)  # receive -> pass
    n.keys += 1
    assert page.current_mode() is ScanMode.PASS
    type_text(qtbot, page.shelf, "A-01")
    n.keys += 4
    for code in codes[:27]:
        assert desk.handle_scan(code).outcome is Outcome.ACCEPTED
        n.scans += 1
    assert page.shelf.text() == "A-01"  # kept for the whole shelf

    qtbot.keyClick(page.mode, Qt.Key.Key_Down)  # pass -> rework
    n.keys += 1
    assert page.current_mode() is ScanMode.REWORK
    rework = codes[27:]
    for code, key in zip(rework, "123", strict=True):
        assert desk.handle_scan(code).outcome is Outcome.ACCEPTED  # held for its reason
        n.scans += 1
        assert QApplication.focusWidget() is page.reason_list or page.pending is not None
        qtbot.keyClick(page.reason_list, key)
        n.keys += 1
        assert page.pending is None

    statuses = _statuses(session, codes)
    assert [statuses[c] for c in codes[:27]] == [S.READY] * 27 and [statuses[c] for c in rework] == [S.REWORK] * 3
    shelves = set(session.scalars(select(Item.shelf).where(Item.code.in_(codes[:27]))))
    assert shelves == {"A-01"}
    keys = session.scalars(select(Choice.key).join(ItemEvent, ItemEvent.rework_reason_id == Choice.id)
                           .order_by(ItemEvent.id)).all()
    assert keys == ["colour", "damage", "wrong_size"]
    assert event_count(session) == session.scalar(select(func.count(Item.id))) + 30 + 30 + 27 + 3  # sent, back, checked
    # the boards: nothing left unchecked or at the lab; the 3 reworks wait to go back
    counts = boards.board_counts(session, clock=clock)
    assert counts == {Board.WAITING: 3, Board.AT_LAB: 0, Board.OVERDUE: 0, Board.RETURNED: 0, Board.UNCOLLECTED: 0}
    assert {r.code for r in boards.board_page(session, Board.WAITING, clock=clock)[0]} == set(rework)
    clock.advance(days=31)
    assert boards.board_count(session, Board.UNCOLLECTED, clock=clock) == 27
    assert len(page.log_model.rows) == 60 and all(r.good for r in page.log_model.rows)
    # keys, clicks and scans (the goal: rework = 1 scan + reason pick)
    assert sends == (30, 1 + 3 + 2, 1)  # send 30 = the lab + 30 scans + 1 key (and its confirmation)
    assert (n.scans, n.keys, n.clicks) == (90, 6 + 1 + 4 + 1 + 3, 2)
    print(f"\nflow counts: send 30 = page click + lab (3 keys) + 30 scans + Ctrl+Enter + confirm; receive 30 = "
          f"30 scans; pass 27 = 27 scans + 1 mode key + 4 shelf keys; rework 3 = 3 scans + 3 reason keys + 1 mode "
          f"key; tab = Ctrl+3. Total {n.scans} scans, {n.keys} keys, {n.clicks} clicks")


def test_receive_and_pass_setting_makes_one_scan_per_item(qtbot, ctx, session, studio, clock, messages):
    from app.ui.main_window import MainWindow

    studio_service.set_setting(session, RECEIVE_AND_PASS, "1", studio.manager, clock=clock)
    codes = sent_items(session, studio, clock, 6)
    _close_modals()
    ctx.actor = studio.production
    w = MainWindow(ctx, scanner_settings=ScannerSettings(sound=False))
    qtbot.addWidget(w)
    w.show()
    w.tabs.setCurrentWidget(w.tracking)
    assert w.tracking.receive.current_mode() is ScanMode.RECEIVE_AND_PASS
    before = event_count(session)
    for code in codes:
        assert w.handle_scan(code).outcome is Outcome.ACCEPTED
    assert set(_statuses(session, codes).values()) == {S.READY}
    assert event_count(session) == before + 12  # returned + ready for each, one scan each


def test_refused_scans_write_nothing_and_say_why(qtbot, desk, session, studio, clock, messages):
    waiting = lab_items(session, studio, clock, 1)[0]
    sent = sent_items(session, studio, clock, 1)[0]
    desk.tabs.setCurrentWidget(desk.tracking)
    page = desk.tracking.receive
    before = event_count(session)
    result = desk.handle_scan(waiting)  # never sent
    assert result.outcome is Outcome.REFUSED and "waiting to be made" in page.answer.text()
    assert desk.handle_scan("2611-9999-01-0").outcome is Outcome.REFUSED  # a misread code
    page.set_mode(ScanMode.PASS)
    assert desk.handle_scan(sent).outcome is Outcome.REFUSED  # still at the lab: receive it first
    assert "at the lab" in page.answer.text()
    page.set_mode(ScanMode.REWORK)
    assert desk.handle_scan(waiting).outcome is Outcome.REFUSED and page.pending is None
    assert desk.handle_scan(sent).outcome is Outcome.ACCEPTED and page.pending is not None
    assert desk.handle_scan(waiting).outcome is Outcome.REFUSED  # the reason first
    qtbot.keyClick(page.reason_list, Qt.Key.Key_Escape)  # not for rework after all
    assert page.pending is None
    assert event_count(session) == before and _statuses(session, [waiting, sent]) == {waiting: S.WAITING, sent: S.SENT}
    assert [r.good for r in page.log_model.rows] == [False] * 5
    # a scan on a page that takes none
    desk.tracking.pages.setCurrentWidget(desk.tracking.boards)
    assert desk.handle_scan(sent).outcome is Outcome.REFUSED


def test_rework_other_asks_for_a_note_then_enter(qtbot, desk, session, studio, clock, messages):
    code = sent_items(session, studio, clock, 1)[0]
    desk.tabs.setCurrentWidget(desk.tracking)
    page = desk.tracking.receive
    page.set_mode(ScanMode.REWORK)
    desk.handle_scan(code)
    other = next(i for i, r in enumerate(page.reasons) if r.key == "other")
    qtbot.keyClick(page.reason_list, str(other + 1))
    assert page.pending is not None and _statuses(session, [code])[code] is S.SENT  # waits for the note
    type_text(qtbot, page.note, "corner")
    qtbot.keyClick(page.note, Qt.Key.Key_Return)
    assert page.pending is None and _statuses(session, [code])[code] is S.REWORK
    assert session.scalars(select(ItemEvent.reason).order_by(ItemEvent.id.desc())).first() == "corner"


def test_overdue_alarm_on_the_tab_the_status_bar_and_a_production_sign_in(qtbot, desk, session, studio, clock,
                                                                          messages):
    codes = sent_items(session, studio, clock, 3)
    clock.advance(days=9)  # frames (7 days) overdue, the album (10) not yet
    tab = desk.tracking
    assert tab.refresh_overdue() == 2
    assert desk.tabs.tabText(desk.tabs.indexOf(tab)) == "Item tracking (2 overdue)"
    assert "2" in desk.overdue.text()
    box = tab.sign_in_notice(desk, open_tab=lambda: desk.tabs.setCurrentWidget(tab))
    assert box is not None and "2 items" in box.text()
    show = box.findChild(type(box.defaultButton()), "openOverdueBoard")
    qtbot.mouseClick(show, Qt.MouseButton.LeftButton)
    assert desk.tabs.currentWidget() is tab and tab.pages.currentWidget() is tab.boards
    assert tab.boards.board() is Board.OVERDUE and [r.code for r in tab.boards.model.rows] == codes[1:3]
    desk.ctx.actor = studio.counter  # the counter is not told
    assert tab.sign_in_notice(desk) is None
    desk.ctx.actor = studio.production
    # receiving one clears it from the count as soon as the scans pause (not before the answer)
    tab.pages.setCurrentWidget(tab.receive)
    desk.handle_scan(codes[1])
    assert tab.recount.isActive() and tab.overdue == 2
    qtbot.waitUntil(lambda: desk.tabs.tabText(desk.tabs.indexOf(tab)) == "Item tracking (1 overdue)", timeout=2000)


def test_boards_batch_receive_and_pass_with_one_key(qtbot, desk, session, studio, clock, messages):
    codes = sent_items(session, studio, clock, 6)
    waiting = lab_items(session, studio, clock, 1)
    desk.tabs.setCurrentWidget(desk.tracking)
    tab = desk.tracking
    tab.pages.setCurrentWidget(tab.boards)
    page = tab.boards
    page.choose(Board.AT_LAB)
    assert len(page.model.rows) == 6
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_F7)  # receive the selected
    assert set(_statuses(session, codes).values()) == {S.RETURNED}
    assert messages[-1].startswith("6 done")
    page.choose(Board.RETURNED)
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_F8)  # pass one
    assert sum(s is S.READY for s in _statuses(session, codes).values()) == 1
    page.choose(Board.WAITING)
    assert {r.code for r in page.model.rows} == set(waiting)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_F6)  # send the selected, each to its own lab
    assert set(_statuses(session, waiting).values()) == {S.SENT}
    # a refused batch row is listed with its reason, the rest done
    page.choose(Board.AT_LAB)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_F8)  # pass items still at the lab: refused
    assert "3 refused" in messages[-1] and "at the lab" in messages[-1]


def test_board_filters_narrow_the_list(qtbot, desk, session, studio, clock, messages):
    codes = sent_items(session, studio, clock, 6)
    desk.tabs.setCurrentWidget(desk.tracking)
    page = desk.tracking.boards
    desk.tracking.pages.setCurrentWidget(page)
    page.choose(Board.AT_LAB)
    page.product.setCurrentIndex(page.product.findData(studio.album))
    assert [r.code for r in page.model.rows] == [codes[0], codes[3]]
    page.product.setCurrentIndex(0)
    page.staff.setCurrentIndex(page.staff.findData(studio.manager.staff_id))
    assert page.model.rows == []
    page.staff.setCurrentIndex(0)
    type_text(qtbot, page.date_from, "2099-01-01")
    page.refresh()
    assert page.model.rows == []


def test_history_after_a_scan_with_ctrl_h_and_from_a_board_row(qtbot, desk, session, studio, clock, messages):
    code = sent_items(session, studio, clock, 1)[0]
    desk.tabs.setCurrentWidget(desk.tracking)
    page = desk.tracking.receive
    desk.handle_scan(code)
    page.code.setFocus()
    qtbot.keyClick(page.code, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = page.history
    assert dialog is not None and dialog.isVisible()
    events = dialog.events_model.rows
    assert [e.to_status for e in events] == [S.WAITING, S.SENT, S.RETURNED]
    assert events[1].staff_name == "张后期" and "金彩相册厂" in dialog._shipment(events[1])
    assert len(dialog.items_model.rows) == 4 and code in dialog.title.text()
    dialog.close()
    boards_page = desk.tracking.boards
    desk.tracking.pages.setCurrentWidget(boards_page)
    boards_page.choose(Board.RETURNED)
    index = boards_page.model.index(0, 0)
    boards_page.table.doubleClicked.emit(index)
    assert boards_page.history is not None and boards_page.history.code == code


def test_the_boards_show_what_scans_changed_when_they_come_to_the_front(qtbot, desk, session, studio, clock,
                                                                       messages):
    codes = sent_items(session, studio, clock, 3)
    tab = desk.tracking
    desk.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentWidget(tab.boards)
    tab.boards.choose(Board.AT_LAB)
    assert len(tab.boards.model.rows) == 3
    tab.pages.setCurrentWidget(tab.receive)
    desk.handle_scan(codes[0])
    tab.pages.setCurrentWidget(tab.boards)
    assert {r.code for r in tab.boards.model.rows} == set(codes[1:])


def test_a_page_added_to_the_tab_gets_the_scans_while_in_front(qtbot, desk, messages):
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QWidget

    from app.ui.scanning import ScanResult

    class SendOut(QWidget):
        changed = Signal()

        def __init__(self) -> None:
            super().__init__()
            self.scans: list[str] = []

        def handle_scan(self, code: str) -> ScanResult:
            self.scans.append(code)
            self.changed.emit()  # the tab reads the overdue count again
            return ScanResult.accepted("{code}", code, code=code)

    tab = desk.tracking
    page = SendOut()
    assert tab.add_page(page, "Send out", 0) == 0
    desk.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentWidget(page)
    with qtbot.waitSignal(tab.overdue_changed, timeout=1000):
        assert desk.handle_scan("2611-0001-01-0").outcome is Outcome.ACCEPTED
    assert page.scans == ["2611-0001-01-0"]


def test_the_tracking_tab_holds_receive_send_out_boards_and_statistics_and_imports_scanner_files(
        qtbot, desk, session, studio, clock, messages):
    """Every part of the production desk is one page of the tab; a scan goes to the page in
    front (a send-out scan lands on the open shipment); the scanner-file import is one click."""
    from app.models import ShipmentLine
    from app.ui.scanner_file_dialog import ScannerFileDialog

    tab = desk.tracking
    titles = [tab.pages.tabText(i) for i in range(tab.pages.count())]
    assert [tab.pages.widget(i) for i in range(tab.pages.count())] == [
        tab.receive, tab.send_out, tab.boards, tab.rework_stats], titles
    item = lab_items(session, studio, clock, 1)[0]
    desk.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentWidget(tab.send_out)
    tab.send_out.choose_lab(tab.send_out.lab.itemText(tab.send_out.lab.findData(studio.lab)))
    result = desk.handle_scan(item)
    assert result.outcome is Outcome.ACCEPTED, result.message
    assert session.scalar(select(func.count(ShipmentLine.id))) == 1
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    assert isinstance(tab.scanner_file, ScannerFileDialog) and tab.scanner_file.isVisible()
    tab.scanner_file.close()
