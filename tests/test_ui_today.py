"""The Today tab: first and shown at start, on the demo studio; reminders marked done and
skipped with the keyboard; the outbox copied, marked sent and exported (a hostile customer
name stays text in the CSV); the midnight timer; the template editor's live preview."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.models import MessageChannel, OutboxMessage, OutboxStatus, Reminder, ReminderOutcome, Role, Staff
from app.services.clock import STUDIO_TZ, FixedClock
from app.services.staff import actor_of

from .reminders_helpers import booked, day


@pytest.fixture
def today_tab(qtbot, ctx):  # type: ignore[no-untyped-def]
    from app.ui.today_tab import TodayTab

    tab = TodayTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """A key as a person presses it: the window active, the key to whatever has the focus."""
    widget.window().activateWindow()
    qtbot.waitUntil(widget.window().isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or widget, key, modifier)


def test_today_is_the_first_tab_shown_at_start_and_ctrl_1_opens_it(qtbot, window):
    assert window.tabs.indexOf(window.today) == 0 and window.tabs.currentWidget() is window.today
    assert window.tabs.tabText(0) == "Toda&y" and window.tabs.tabText(1) == "&Orders"
    window.tabs.setCurrentWidget(window.orders)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.today
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.orders


def test_the_today_view_on_the_demo_studio(qtbot, engine, qsettings, tmp_path):
    from app.services.demo import build_demo
    from app.ui.context import AppContext
    from app.ui.main_window import MainWindow

    first_day = dt.date(2026, 11, 23)
    build_demo(engine, years=0.3, seed=4, today=first_day, orders_per_month=150)
    clock = FixedClock(moment=dt.datetime.combine(first_day, dt.time(9, 0), STUDIO_TZ))
    from sqlalchemy.orm import Session
    with Session(engine) as s:
        clerk = s.scalars(select(Staff).where(Staff.role == Role.COUNTER)).first()
        actor = actor_of(clerk, "前台1")
    ctx = AppContext(engine, engine.url, station="前台1", clock=clock, studio_name="示范影楼", actor=actor)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tab = window.today
    assert window.tabs.currentWidget() is tab
    assert tab.heading.text() == "Today, 2026-11-23"
    shown = len(tab.shoots_model.rows) + len(tab.selections_model.rows) + len(tab.pickups_model.rows)
    assert shown > 0
    assert tab.reminders_model.rows, "the demo's coming shoots give reminders at start"
    assert all(r.due_date <= first_day for r in tab.reminders_model.rows)
    assert tab.summary_cells[(2, 1)].text() not in ("", "0")  # orders of the last 7 days
    with Session(engine) as s:
        made = s.scalar(select(Reminder.id).limit(1))
    assert made is not None


def test_reminders_are_marked_done_and_skipped_with_the_keyboard(qtbot, ctx, session, studio, clock):
    booked(session, studio, clock, shoot=day(1), name="甲")
    booked(session, studio, clock, shoot=day(7), name="乙", phone="13700000005")
    from app.ui.today_tab import TodayTab

    tab = TodayTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    def row_of(name: str) -> int:
        return next(i for i, r in enumerate(tab.reminders_model.rows) if r.title.startswith(name))

    assert sorted(r.title.split()[0] for r in tab.reminders_model.rows) == ["乙", "甲"]
    tab.reminders_view.setFocus()
    tab.reminders_view.selectRow(row_of("甲"))
    _press(qtbot, tab.reminders_view, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: tab.reminders_model.rows[row_of("甲")].outcome is not None)  # Alt clicks a moment later
    tab.reminders_view.selectRow(row_of("乙"))
    _press(qtbot, tab.reminders_view, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: tab.reminders_model.rows[row_of("乙")].outcome is not None)
    rows = tab.reminders_model.rows
    assert {r.title.split()[0]: (r.outcome, r.done_by) for r in rows} == {
        "甲": (ReminderOutcome.DONE, "李前台"), "乙": (ReminderOutcome.SKIPPED, "李前台")}
    texts = {tab.reminders_model.index(i, 5).data() for i in range(2)}
    assert texts == {"Done by 李前台 at 2026-11-23 10:00", "Skipped by 李前台 at 2026-11-23 10:00"}
    session.expire_all()
    assert {r.outcome for r in session.scalars(select(Reminder))} == {ReminderOutcome.DONE, ReminderOutcome.SKIPPED}


def test_an_overdue_reminder_is_red_and_stays_the_next_days(qtbot, ctx, session, studio, clock):
    booked(session, studio, clock, shoot=day(1))
    from app.ui.today_tab import TodayTab

    TodayTab(ctx).deleteLater()  # generated on day 0
    clock.moment += dt.timedelta(days=2)
    tab = TodayTab(ctx)
    qtbot.addWidget(tab)
    [line] = tab.reminders_model.rows
    assert line.due_date == day(0)
    assert tab.reminders_model.index(0, 5).data() == "overdue"
    assert tab.reminders_model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_the_midnight_timer_makes_the_new_days_reminders(qtbot, ctx, session, studio, clock):
    booked(session, studio, clock, shoot=day(2))
    from app.ui.today_tab import TodayTab, ms_to_midnight

    tab = TodayTab(ctx)
    qtbot.addWidget(tab)
    assert tab.reminders_model.rows == []
    assert tab.midnight.isActive()
    assert abs(tab.midnight.remainingTime() - ms_to_midnight(clock.local(clock.now()))) < 60_000
    assert ms_to_midnight(dt.datetime(2026, 11, 23, 23, 59, 0, tzinfo=STUDIO_TZ)) == 61_000
    clock.moment += dt.timedelta(days=1)
    tab.midnight.timeout.emit()
    assert [r.due_date for r in tab.reminders_model.rows] == [day(1)]


def test_typing_on_today_searches_and_a_scan_opens_the_order(qtbot, window, session, studio, clock):
    qtbot.keyClick(QApplication.focusWidget(), "1")
    assert window.tabs.currentWidget() is window.orders and window.orders.search.text() == "1"


def test_the_outbox_copies_marks_sent_and_exports_with_a_hostile_name_kept_as_text(
        qtbot, ctx, session, studio, clock, tmp_path):
    hostile = '=HYPERLINK("http://x","点我")'
    booked(session, studio, clock, shoot=day(1), name=hostile)
    booked(session, studio, clock, shoot=day(1), name="+cmd", phone="13700000006")
    booked(session, studio, clock, shoot=day(1), name="@SUM(1)", phone="13700000007")
    from app.ui.today_tab import TodayTab

    tab = TodayTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    tab.pages.setCurrentWidget(tab.outbox_page)
    assert len(tab.outbox_model.rows) == 3 and tab.pages.tabText(1) == "Outbox (3)"
    tab.outbox_view.selectRow(0)
    tab.outbox_view.setFocus()
    _press(qtbot, tab.outbox_view, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.clipboard().text() == tab.outbox_model.rows[0].body)
    _press(qtbot, tab.outbox_view, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(tab.outbox_model.rows) == 2)
    assert len(tab.outbox_model.rows) == 2
    for m in session.scalars(select(OutboxMessage)):
        m.channel = MessageChannel.SMS  # the studio sends these by SMS
    session.commit()
    tab.refresh_outbox()
    tab.export(tmp_path / "sms.csv")
    raw = (tmp_path / "sms.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert sorted(r[3] for r in rows[1:]) == ["'+cmd", "'@SUM(1)"] or "'" + hostile in [r[3] for r in rows[1:]]
    assert all(not f.startswith(("=", "+", "-", "@")) for r in rows for f in r)
    assert "2 message(s) written to" in tab.outbox_message.text()
    session.expire_all()
    assert {m.status for m in session.scalars(select(OutboxMessage))} == {OutboxStatus.SENT}
    assert tab.outbox_model.rows == [] and tab.pages.tabText(1) == "Outbox"


def test_the_template_editor_previews_live_and_refuses_an_unknown_field_when_saved(qtbot, ctx, studio, session,
                                                                                   messages):
    from app.services.staff import Actor
    from app.ui.messages_dialog import MessagesDialog

    ctx.actor = Actor(studio.manager.staff_id, studio.manager.name, studio.manager.role, "前台1")
    dialog = MessagesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.templates.setCurrentRow(0)
    dialog.body.setPlainText("{customer}您好，{date} 见")
    assert dialog.preview.text() == "张三您好，2026-12-01 见"
    dialog.body.setPlainText("{customer}您好，{nickname}")
    assert "does not exist" in dialog.preview.text()
    before = session.scalar(select(OutboxMessage.id))
    dialog.save_template()
    assert messages and "does not exist" in messages[-1]
    assert before is None
