"""Render the main screens to docs/screenshots/*.png, in Chinese and English.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--db DEMO.db]

Uses a demo studio (built into a temporary file unless --db is given) and the
real widgets, so the pictures show what staff see.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.models import (  # noqa: E402
    Complaint, Customer, CustomerPhone, DesignStatus, FollowUp, Item, ItemStatus, Order, Payment, Progress,
    SessionChange, SessionChangeKind, SessionState, ShootSession, SlotKind, SurveyAnswer, Tier,
)
from app.services import orders as order_service  # noqa: E402
from app.services.schedule import SlotFull  # noqa: E402
from app.ui.session_dialog import SessionDialog  # noqa: E402
from app.models.db import sqlite_url  # noqa: E402
from app.services import database, staff  # noqa: E402
from app.services.clock import FixedClock  # noqa: E402
from app.services.demo import build_demo  # noqa: E402
from app.ui import i18n  # noqa: E402
from app.ui.booking_dialog import BookingDialog  # noqa: E402
from app.models.db import make_session_factory  # noqa: E402
from app.ui.context import AppContext  # noqa: E402
from app.ui.login import LoginDialog  # noqa: E402
from app.ui.scanner_dialog import ScannerDialog  # noqa: E402
from app.devices.scanner import ScannerSettings  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def shoot(widget, name: str, size=(1200, 760)) -> None:  # type: ignore[no-untyped-def]
    widget.resize(*size)
    widget.show()
    for _ in range(5):
        QApplication.processEvents()
    widget.grab().save(str(OUT / f"{name}.png"))
    print("wrote", OUT / f"{name}.png")


def composite(base, name: str, *overlays) -> None:  # type: ignore[no-untyped-def]
    """``base`` with other top-level windows (a dialog, the scan flash) painted where they
    stand over it, as a person sees the screen."""
    from PySide6.QtGui import QPainter

    for _ in range(5):
        QApplication.processEvents()
    picture = base.grab()
    painter = QPainter(picture)
    origin = base.geometry().topLeft()
    for overlay in overlays:
        if overlay.isVisible():
            painter.drawPixmap(overlay.geometry().topLeft() - origin, overlay.grab())
    painter.end()
    picture.save(str(OUT / f"{name}.png"))
    print("wrote", OUT / f"{name}.png")


def selection_day(window, ctx, lang: str, order_id: int) -> None:  # type: ignore[no-untyped-def]
    """The selection-day dialog (选片) of a shot session, as the counter fills it in: photos, two
    extras (one at a price typed by hand, with its reason), the pickup date and the payment.
    Nothing is recorded: the other language's run shows the same order."""
    from app.ui.common import cell
    from app.ui.selection_dialog import PRICE, REASON

    order = window.open_order(order_id)
    dialog = order.open_selection()
    assert dialog is not None and dialog.summary is not None
    dialog.photos.setText("48")
    priced = [c for c in dialog.summary.catalogue if c.extra_price_fen]
    for product in priced[:2]:
        dialog.add_extra(product)
    if len(priced) > 1:
        price = cell(dialog.extras, 1, PRICE, type(dialog.amount))
        price.set_fen(max(priced[1].extra_price_fen - 10000, 0))
        cell(dialog.extras, 1, REASON, type(dialog.photos)).setText("老客户优惠")
    dialog.product.setEditText("放大")
    shoot(dialog, f"selection-day-{lang}", (920, 680))
    dialog.close()
    order.close()

def _wait(task) -> None:  # type: ignore[no-untyped-def]
    """Until a background task of a page or dialog has finished and shown its result."""
    import time

    deadline = time.monotonic() + 60
    while task is not None and task.running and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        QApplication.processEvents()


def shoot_rework_stats(ctx, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Rework statistics: this year by lab (table and bars), then by reason with what was typed for "other"."""
    from app.ui.rework_stats_page import ReworkStatsPage

    page = ReworkStatsPage(ctx)
    page.resize(1200, 700)
    page.show()
    _wait(page.task)
    page.period.setCurrentIndex(page.period.findData("this_year"))
    _wait(page.task)
    shoot(page, f"rework-stats-{lang}", (1200, 700))
    page.breakdown.setCurrentIndex(page.breakdown.findData("reason"))
    page.table.selectRow(page.model.rowCount() - 1)  # "other": what was typed
    shoot(page, f"rework-stats-reasons-{lang}", (1200, 700))
    page.close()
    page.deleteLater()


def shoot_scanner_file(ctx, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Import scanner file: a receive file with items at the lab, one twice, a blank line, a
    misread code and an item that is not at the lab; each line's result."""
    from app.models import ItemStatus
    from app.ui.scanner_file_dialog import ScannerFileDialog

    with make_session_factory(ctx.engine)() as s:
        sent = list(s.scalars(select(Item.code).where(Item.status == ItemStatus.SENT).order_by(Item.id.desc())
                              .limit(4)))
        ready = s.scalar(select(Item.code).where(Item.status == ItemStatus.READY).order_by(Item.id.desc()).limit(1))
    path = Path(tempfile.mkdtemp()) / "scanner-0412.txt"
    lines = [sent[0], sent[1], "", sent[2], "2611-0042-03-1", sent[1], ready, sent[3]]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="gbk")
    dialog = ScannerFileDialog(ctx)
    dialog.path.setText(str(path))
    dialog.mode.setCurrentIndex(dialog.mode.findData("receive"))
    dialog.resize(980, 520)
    dialog.show()
    dialog.start()
    _wait(dialog.task)
    shoot(dialog, f"scanner-file-import-{lang}", (980, 520))
    dialog.close()
    dialog.deleteLater()


def shoot_reconcile(ctx, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Check a lab statement: October's statement of the busiest lab as labs write them (title
    rows, prices as text, a total row) with a line not billed, two prices raised, a frame
    billed twice and a code never sent; the columns guessed and the differences by kind."""
    from collections import Counter

    from openpyxl import Workbook

    from app.services.lab_month import Month, lab_lines
    from app.ui.reconcile_dialog import ReconcileDialog

    with make_session_factory(ctx.engine)() as s:
        every = lab_lines(s, Month(2026, 10))
    if not every:
        return
    lab_id = Counter(x.lab_id for x in every).most_common(1)[0][0]
    sendings = Counter(x.item_code for x in every)
    lines = [x for x in every if x.lab_id == lab_id and not x.rework]  # this lab redoes its faults free
    wb = Workbook()
    ws = wb.active
    ws.title = "10月对账单"
    ws.append([f"{lines[0].lab_name} 2026年10月 客户对账单"])
    ws.append(["客户：示范影楼    对账期间：2026-10-01 至 2026-10-31    单位：元"])
    ws.append(["序号", "发件日期", "条码", "订单号", "产品名称", "数量", "单价", "金额"])
    rows = [[x.item_code, x.order_number[:9], x.product_name, (x.price_fen or 0) / 100] for x in lines[1:]]
    rows[2][3] += 20
    rows[5][3] += 15
    twice = next(i for i, x in enumerate(lines[1:]) if i > 6 and sendings[x.item_code] == 1)
    rows.insert(twice, rows[twice])
    rows.append(["2610-9999-01-0", "2610-9999", "水晶摆台", 150])
    for n, (code, order, product, price) in enumerate(rows, start=1):
        ws.append([n, "2026-10-08", code, order, product, 1, f"{price:.2f}" if n % 4 == 0 else price,
                   f"=F{ws.max_row + 1}*G{ws.max_row + 1}"])
    ws.append(["合计", None, None, None, None, f"=SUM(F4:F{ws.max_row})", None, f"=SUM(H4:H{ws.max_row})"])
    path = Path(tempfile.mkdtemp()) / "对账单-2026-10.xlsx"
    wb.save(path)
    dialog = ReconcileDialog(ctx)
    dialog.lab.setCurrentIndex(dialog.lab.findData(lab_id))
    dialog.month.setText("2026-10")
    dialog.path.setText(str(path))
    dialog.remember.setChecked(False)  # the other language's run guesses the columns too
    dialog.read_columns()
    dialog.resize(1100, 700)
    dialog.show()
    dialog.check()
    _wait(dialog.task)
    shoot(dialog, f"lab-statement-check-{lang}", (1100, 700))
    dialog.close()
    dialog.deleteLater()


def approval_screens(window, order_id: int, lang: str) -> None:  # type: ignore[no-untyped-def]
    """An order awaiting design approval (看样): its items with their design status, and the
    approval dialog over it with the designs sent to the customer ticked."""
    order = window.open_order(order_id)
    shoot(order, f"order-awaiting-approval-{lang}", (1100, 560))
    dialog = order.approve_designs()
    if dialog is not None:
        dialog.resize(960, 440)
        shoot(dialog, f"approve-designs-{lang}", (960, 440))
        dialog.close()
    order.close()


def send_out(ctx: AppContext, production, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The send-out page with a shipment under way (a refused scan last), and the printed list."""
    import subprocess

    from app.services import shipments
    from app.ui.send_out_page import SendOutPage
    from app.ui.shipment_print import save_pdf

    counter, ctx.actor = ctx.actor, production
    page = SendOutPage(ctx)
    page.resize(1200, 760)
    page.show()
    labs = [page.lab.itemData(i) for i in range(page.lab.count())]
    busiest = max(labs, key=lambda lab: len(ctx.call(shipments.waiting_for_lab, lab)[0]))
    page.choose_lab(page.lab.itemText(labs.index(busiest)))
    waiting = [r.code for r in page.waiting_model.rows[:8]]
    for code in waiting[:7]:
        page.handle_scan(code)
    page.waiting_model.tick(0)
    page.waiting_model.tick(2)
    shoot(page, f"send-out-{lang}")
    sent = page.current
    page.handle_scan(ctx.call(shipments.shipment, sent.id).lines[0].order_number)  # an order slip: refused
    shoot(page, f"send-out-refused-{lang}")
    ctx.call(shipments.close_shipment, sent.id)
    sheet = ctx.call(shipments.shipment, sent.id)
    pdf = Path(tempfile.mkdtemp()) / "shipment.pdf"
    save_pdf(pdf, sheet, ctx.studio_name)
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(pdf), str(OUT / f"shipment-list-{lang}")],
                   check=True)
    print("wrote", OUT / f"shipment-list-{lang}.png")
    page.close()
    ctx.actor = counter


def schedule_screens(window, lang: str, today: dt.date, moved_session: int | None,  # type: ignore[no-untyped-def]
                     customer_id: int, customer_name: str) -> None:
    """The schedule (档期): a week of shoots with full and free slots, the day view of its
    busiest day, the selections of that week, one session with its history, and a booking
    refused for a full time with the free ones near it offered."""
    tab = window.schedule
    window.resize(1200, 760)
    window.tabs.setCurrentWidget(tab)
    tab.set_kind(SlotKind.SHOOT)
    tab.set_week(True)
    for weeks in range(60):  # the first week ahead with both full and free slots
        tab.day = today + dt.timedelta(days=7 * weeks)
        tab.refresh()
        calendar = tab.model.calendar
        cells = [(d, s.slot_id) for d in calendar.days for s in calendar.slots]
        full = [c for c in cells if calendar.is_full(*c)]
        if full and len(full) < len(cells) - 3:
            break
    # a full slot with free ones after it the same week
    busy = next((c for c in full if any(not calendar.is_full(*o) for o in cells if o[0] >= c[0])), cells[0])
    tab.grid.setCurrentIndex(tab.model.index_of(*busy))
    tab.day = busy[0]
    shoot(window, f"schedule-week-{lang}")
    tab.set_week(False)
    shoot(window, f"schedule-day-{lang}")
    tab.set_week(True)
    tab.set_kind(SlotKind.SELECTION)
    shoot(window, f"schedule-selections-week-{lang}")
    tab.set_kind(SlotKind.SHOOT)
    if moved_session is not None:
        dialog = SessionDialog(window.ctx, moved_session, window)
        shoot(dialog, f"session-{lang}", (780, 520))
        dialog.close()
    window.tabs.setCurrentWidget(window.orders)
    # a booking into the full slot: refused, the free times near it offered under the sessions
    booking = BookingDialog(window.ctx, customer_id, customer_name)
    booking.date_field(0, 1).set_date(busy[0])
    booking.slot_field(0, SlotKind.SHOOT).select_slot(busy[1])
    try:
        window.ctx.call(order_service.book_order, booking._data())
    except SlotFull as refusal:
        booking._offer(refusal)
    shoot(booking, f"new-order-full-slot-{lang}", (1220, 680))
    booking.close()


def shoot_tracking(window, ctx, production, sent: list[str], waiting: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The production desk: Receive & check after a few scans (one refused, one rework), and
    the overdue board with the alarm on the tab and in the status bar."""
    from app.services.receiving import ScanMode

    saved, ctx.actor = ctx.actor, production
    window._update_status()
    tab = window.tracking
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentWidget(tab.receive)
    page = tab.receive
    page.set_mode(ScanMode.RECEIVE_AND_PASS)
    page.shelf.setText("A-03")
    for code in sent[:4]:
        window.handle_scan(code)
    window.handle_scan(waiting)  # never sent: refused with its status
    page.set_mode(ScanMode.REWORK)
    window.handle_scan(sent[4])
    page.pick_reason(0)
    window.handle_scan(sent[5])  # waiting for its reason
    window.feedback.flash.hide()
    shoot(window, f"tracking-receive-{lang}")
    page.drop_pending()
    tab.show_overdue()
    tab.boards._counts()  # (the chooser's counts come a moment after the rows)
    tab.boards.table.selectRow(0)
    shoot(window, f"tracking-overdue-board-{lang}")
    ctx.actor = saved
    window._update_status()


def pickup_orders(s, today: dt.date) -> tuple[str | None, str | None]:  # type: ignore[no-untyped-def]
    """Order numbers for the Pickup screens: the single-session order with the most different
    item statuses (an overdue one counting as one more), and a growth-package order whose
    sessions are at different stages."""
    from app.models import Package, PackageKind

    rows = s.execute(select(Order.number, Item.session_id, Item.status, Item.expected_return, Package.kind)
                     .join(Item, Item.order_id == Order.id).join(Package, Package.id == Order.package_id)
                     .where(Order.cancelled_at.is_(None), Order.progress.in_(
                         [Progress.IN_PRODUCTION, Progress.READY, Progress.PARTLY_PICKED_UP]))).all()
    orders: dict[str, list] = {}
    for row in rows:
        orders.setdefault(row.number, []).append(row)

    def variety(items) -> tuple[int, int]:  # type: ignore[no-untyped-def]
        overdue = any(i.status == ItemStatus.SENT and i.expected_return and i.expected_return < today for i in items)
        return len({i.status for i in items}) + overdue, len(items)

    single = [n for n, items in orders.items() if items[0].kind == PackageKind.SINGLE
              and len({i.session_id for i in items}) == 1]
    growth = [n for n, items in orders.items() if items[0].kind == PackageKind.GROWTH
              and len({i.session_id for i in items}) > 1]
    return (max(single, key=lambda n: variety(orders[n]), default=None),
            max(growth, key=lambda n: variety(orders[n]), default=None))


# Station mode is full screen: its picture is taken on a 1280x800 screen of its own (the
# offscreen platform's default screen is 800x800), in a process of its own.
STATION_SCREEN = {"screens": [{"name": "station", "x": 0, "y": 0, "width": 1280, "height": 800,
                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


def station_platform() -> str:
    import json

    config = Path(tempfile.mkdtemp()) / "station-screen.json"
    config.write_text(json.dumps(STATION_SCREEN), encoding="utf-8")
    return f"offscreen:configfile={config}"


def pickup_screens(window, lang: str, mixed: str | None, growth: str | None,  # type: ignore[no-untyped-def]
                   station: bool) -> None:
    """The Pickup tab: an order of mixed statuses, a growth package's order (each session a
    group); or (``station``) station mode, full screen, the pickup tab only, with an order on it."""
    from app.services.codes import display_order_number

    tab = window.pickup
    window.resize(1280, 860)
    window.show()
    window.tabs.setCurrentWidget(tab)
    for number, name in () if station else ((mixed, "pickup-mixed"), (growth, "pickup-growth")):
        if number is None:
            continue
        tab.clear()
        window.handle_scan(display_order_number(number))
        window.feedback.flash.hide()
        shoot(window, f"{name}-{lang}", (1280, 860))
    if station and mixed is not None:
        window.enter_station_mode()
        window.handle_scan(display_order_number(mixed))
        window.feedback.flash.hide()
        for _ in range(5):
            QApplication.processEvents()
        window.grab().save(str(OUT / f"pickup-station-{lang}.png"))
        print("wrote", OUT / f"pickup-station-{lang}.png")
        window.leave_station_mode()


def shoot_complaints(window, ctx, lang: str, picked_up: int | None) -> None:  # type: ignore[no-untyped-def]
    """The complaints tab: a complaint about a picked-up album recorded from a phone search,
    acknowledged and apologized, redone through rework; the list, the complaint, the
    apology letter, the monthly board with its trend, the lab scorecard."""
    from app.services import choices, complaints
    from app.services.complaints import NewComplaint

    window.resize(1200, 760)
    window.tabs.setCurrentWidget(window.complaints)
    page = window.complaints.list
    if picked_up is not None:
        with make_session_factory(ctx.engine)() as s:
            item = s.get(Item, picked_up)
            order = s.get(Order, item.order_id)
            tail = s.scalar(select(CustomerPhone.digits).where(CustomerPhone.customer_id == order.customer_id))[-4:]
        dialog = page.new_complaint()
        dialog.search.setText(tail)
        dialog.run_search()
        dialog.handle_scan(item.code)  # the album brought back: its label scanned
        dialog.category.setCurrentIndex(dialog.category.findData(
            next(e.id for e in ctx.call(choices.entries, "complaint_category") if e.key == "product_quality")))
        dialog.description.setPlainText("相册封面有划痕,内页第 3 页偏色")
        dialog.severity.setCurrentIndex(0)
        shoot(dialog, f"complaint-new-{lang}", (900, 620))
        dialog.reject()
        cid = ctx.call(complaints.record_complaint, NewComplaint(
            order.customer_id, dialog.category.currentData(), "相册封面有划痕,内页第 3 页偏色", "severe", "phone",
            item_ids=[item.id]))
        for step in ("acknowledge", "apologize"):
            ctx.call(complaints.mark_step_done, cid, step)
        ctx.call(complaints.amend, cid, "redo", fault="lab", action="相册重做,加急 5 天")
        page.refresh()
        shoot(window, f"complaints-{lang}")
        detail = page.open_complaint(cid)
        shoot(detail, f"complaint-{lang}", (980, 700))
        letter = detail.letter()
        shoot(letter, f"apology-letter-{lang}", (760, 640))
        letter.close()
        detail.close()
    window.complaints.pages.setCurrentWidget(window.complaints.board)
    _wait(window.complaints.board.task)
    shoot(window, f"complaint-board-{lang}")
    window.complaints.pages.setCurrentWidget(window.complaints.scores)
    shoot(window, f"lab-scorecard-{lang}")
    window.complaints.pages.setCurrentWidget(page)
    window.tabs.setCurrentIndex(0)


def shoot_customers(window, ctx, lang: str, manager, surveyed: int | None) -> None:  # type: ignore[no-untyped-def]
    """The customer-service tab's Channels and Customer tiers pages, a customer file's Survey
    and Privacy pages, and the survey questions of Settings (as the manager)."""
    counter, ctx.actor = ctx.actor, manager
    window.apply_permissions()
    window.resize(1200, 760)
    window.show()
    window.tabs.setCurrentWidget(window.complaints)
    pages = window.complaints.pages
    pages.setCurrentWidget(window.complaints.channels)
    channels_page = window.complaints.channels
    channels_page.month.setCurrentIndex(1)  # last month: a whole month
    shoot(window, f"channels-{lang}")
    pages.setCurrentWidget(window.complaints.tiers)
    _wait(window.complaints.tiers.task)
    shoot(window, f"customer-tiers-{lang}")
    rules = window.complaints.tiers.edit_rules()
    shoot(rules, f"customer-tier-rules-{lang}", (560, 360))
    rules.close()
    if surveyed is not None:
        file = window.open_customer(surveyed)
        file.tabs.setCurrentWidget(file.survey)
        shoot(file, f"customer-survey-{lang}", (980, 720))
        file.tabs.setCurrentIndex(file.tabs.count() - 1)
        shoot(file, f"customer-privacy-{lang}", (980, 520))
        file.close()
    questions = window.open_survey_questions()
    questions.table.selectRow(6)
    shoot(questions, f"survey-questions-{lang}", (900, 620))
    questions.close()
    pages.setCurrentIndex(0)
    ctx.actor = counter
    window.apply_permissions()


def shoot_follow_ups(window, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The follow-up worklist of the day, a call with its first answers and a referral lead
    typed, and the staff service scores (position × month, per staff)."""
    from PySide6.QtTest import QTest

    window.tabs.setCurrentWidget(window.complaints)
    page = window.complaints.follow_ups
    window.complaints.pages.setCurrentWidget(page)
    QApplication.processEvents()
    shoot(window, f"follow-ups-{lang}")
    call = page.open_selected()
    if call is not None:
        for digit in "5445":
            QTest.keyClick(call, digit)
        call.lead_name.setText("赵小雨")
        call.lead_phone.setText("139 1234 5678")
        call.lead_relation.setText("同事" if lang == "zh_CN" else "colleague")
        call.add_lead()
        call.notes.setPlainText("摄影师很有耐心,宝宝拍得很开心")
        shoot(call, f"follow-up-call-{lang}", (820, 620))
        call.close()
    window.complaints.pages.setCurrentWidget(window.complaints.staff_scores)
    QApplication.processEvents()
    shoot(window, f"staff-scores-{lang}")
    window.complaints.pages.setCurrentWidget(window.complaints.list)
    window.tabs.setCurrentIndex(0)


def today_screens(window, ctx, manager, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The Today tab (the day, reminders, the morning meeting), its outbox page, and the
    manager's reminder rules and message templates with the live preview."""
    window.resize(1200, 760)
    window.tabs.setCurrentWidget(window.today)
    window.today.pages.setCurrentIndex(0)
    window.today.refresh()
    shoot(window, f"today-{lang}")
    window.today.pages.setCurrentWidget(window.today.outbox_page)
    shoot(window, f"outbox-{lang}")
    window.today.pages.setCurrentIndex(0)
    counter, ctx.actor = ctx.actor, manager
    dialog = window.open_messages()
    dialog.templates.setCurrentRow(0)
    shoot(dialog, f"message-templates-{lang}", (900, 680))
    dialog.close()
    ctx.actor = counter


def backup_screens(window, ctx, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The manager's backup settings and the restore dialog with a backup's preview."""
    from app.services import backups

    settings = window.open_backup_settings()
    settings.folder.setText("E:\\StudioDesk backups" if sys.platform == "win32" else "/media/usb/StudioDesk backups")
    shoot(settings, f"backup-settings-{lang}", (560, 300))
    settings.close()
    backups.make_backup(ctx.url, backups.BackupSettings())
    restore = window.open_restore()
    restore.list.setCurrentRow(0)
    _wait(restore.preview_task)
    shoot(restore, f"restore-backup-{lang}", (680, 420))
    restore.close()


def first_start_screens(lang: str) -> None:
    """The welcome dialog of a first start (a new studio, and a shared database whose server
    refused the connection test) and the bug dialog with its crash report."""
    import socket

    from app.ui import bugs
    from app.ui.welcome_dialog import WelcomeDialog

    welcome = WelcomeDialog()
    welcome.studio_name.setText("花好月圆影楼")
    welcome.folder.setText("D:\\StudioDesk\\花好月圆" if sys.platform == "win32" else "/home/studio/StudioDesk/花好月圆")
    shoot(welcome, f"welcome-{lang}", (620, 420))
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    welcome.shared.setChecked(True)
    welcome.host.setText("127.0.0.1")
    welcome.port.setValue(port)
    welcome.password.setText("secret")
    _wait(welcome.test())
    shoot(welcome, f"welcome-shared-{lang}", (620, 460))
    welcome.close()
    folder = Path(tempfile.mkdtemp())
    bugs.set_log_file(folder / "studiodesk.log")
    bugs.set_run(station="前台1", database="sqlite: " + str(folder / "studiodesk.db"))
    boxes: list = []
    bugs.show_box = boxes.append  # keep the dialog instead of waiting on it
    try:
        raise KeyError("customer_id")
    except KeyError as exc:
        bugs.report(None, exc)
    shoot(boxes[0], f"crash-dialog-{lang}", (640, 300))
    boxes[0].close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--lang", choices=["zh_CN", "en"])
    parser.add_argument("--only", choices=["pickup", "station", "customers", "today", "first-start"],
                        help="only these screens")
    args = parser.parse_args()
    if args.lang is None:  # one process per language: Qt is not meant to switch translators live
        import subprocess

        db = args.db or Path(tempfile.mkdtemp()) / "demo.db"
        if args.only == "first-start":  # no database needed
            for lang in ("zh_CN", "en"):
                subprocess.run([sys.executable, __file__, "--lang", lang, "--only", "first-start"], check=True)
            return 0
        if not args.db:
            engine, _ = database.open_database(sqlite_url(db))
            build_demo(engine, years=1, seed=2611, today=dt.date(2026, 11, 23))
            engine.dispose()
        for lang in ("zh_CN", "en"):
            if args.only != "station":
                only = ["--only", args.only] if args.only else []
                subprocess.run([sys.executable, __file__, "--db", str(db), "--lang", lang, *only], check=True)
            if args.only in (None, "station"):
                subprocess.run([sys.executable, __file__, "--db", str(db), "--lang", lang, "--only", "station"],
                               check=True, env={**os.environ, "QT_QPA_PLATFORM": station_platform()})
        return 0
    QCoreApplication.setOrganizationName("StudioDeskScreenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication(sys.argv[:1])
    if args.only == "first-start" or args.db is None:  # the screens before any database is open
        OUT.mkdir(parents=True, exist_ok=True)
        i18n.install(app, args.lang)
        first_start_screens(args.lang)
        app.shutdown()
        return 0
    path = args.db
    engine, _ = database.open_database(sqlite_url(path))
    OUT.mkdir(parents=True, exist_ok=True)
    ctx = AppContext(engine, sqlite_url(path), station="前台1", studio_name="示范影楼 (Demo Studio)")
    with make_session_factory(engine)() as s:
        ctx.actor = staff.login(s, "李前台", "2222", station="前台1")
        manager = staff.login(s, "王店长", "1111", station="前台1")
        production = staff.login(s, "张后期", "3333", station="后期")
        clock = FixedClock(moment=dt.datetime.now(dt.timezone.utc))
        for _ in range(staff.LOCK_AFTER):  # someone forgot their PIN: locked, for the staff dialog
            try:
                staff.login(s, "孙理件", "0000", station="后期", clock=clock)
            except staff.LoginRefused:
                clock.advance(seconds=staff.MAX_WAIT_S)
        ready = s.scalars(select(Order).where(Order.progress == Progress.IN_PRODUCTION)
                          .order_by(Order.id.desc())).first()
        label = s.scalar(select(Item.code).where(Item.order_id == ready.id).order_by(Item.seq))
        unhappy = s.scalar(select(Complaint.customer_id).join(FollowUp, FollowUp.customer_id == Complaint.customer_id)
                           .order_by(Complaint.id.desc()).limit(1))
        awaiting = s.scalar(select(Item.order_id).join(Order, Order.id == Item.order_id)
                            .where(Item.design_status == DesignStatus.AWAITING_APPROVAL,
                                   Order.progress == Progress.AWAITING_APPROVAL)
                            .order_by(Item.order_id.desc()).limit(1))
        cancelled = s.scalar(select(Order.id).join(Payment, Payment.order_id == Order.id)
                             .where(Order.cancelled_at.is_not(None)).order_by(Order.id.desc()).limit(1))
        tail = s.scalar(select(CustomerPhone.digits).where(CustomerPhone.customer_id == ready.customer_id))[-4:]
        shot = s.scalar(select(ShootSession.order_id).join(Order, Order.id == ShootSession.order_id)
                        .where(ShootSession.state == SessionState.SHOT, Order.cancelled_at.is_(None))
                        .order_by(ShootSession.shoot_date.desc()).limit(1))
        name = s.get(Customer, ready.customer_id).name
        moved = s.scalar(select(SessionChange.session_id).where(SessionChange.kind == SessionChangeKind.RESCHEDULED)
                         .order_by(SessionChange.id.desc()).limit(1))
        at_lab = list(s.scalars(select(Item.code).where(Item.status == ItemStatus.SENT)
                                .order_by(Item.expected_return.desc(), Item.id).limit(12)))
        waiting = s.scalar(select(Item.code).where(Item.status == ItemStatus.WAITING).order_by(Item.id.desc()).limit(1))
        mixed, growth = pickup_orders(s, dt.date(2026, 11, 23))
        # a picked-up lab-made item per language, for the complaint screens
        surveyed = s.scalar(select(SurveyAnswer.customer_id).join(Customer, Customer.id == SurveyAnswer.customer_id)
                            .where(Customer.tier == Tier.TOP).order_by(SurveyAnswer.customer_id.desc()).limit(1))
        brought_back = list(s.scalars(select(Item.id).where(Item.status == ItemStatus.PICKED_UP, Item.lab_id.is_not(None))
                                      .order_by(Item.id.desc()).limit(2)))
    for lang in (args.lang,):
        i18n.install(app, lang)
        window = MainWindow(ctx, scanner_settings=ScannerSettings(sound=False))
        if args.only == "customers":
            shoot_customers(window, ctx, lang, manager, surveyed)
            window.close()
            window.deleteLater()
            continue
        today_screens(window, ctx, manager, lang)
        if args.only == "today":
            window.close()
            window.deleteLater()
            continue
        pickup_screens(window, lang, mixed, growth, station=args.only == "station")
        if args.only in ("pickup", "station"):
            window.close()
            window.deleteLater()
            continue
        schedule_screens(window, lang, dt.date(2026, 11, 23), moved, ready.customer_id, name)
        window.orders.search.setText(tail)
        window.orders.run_search()
        shoot(window, f"orders-search-{lang}")
        dialog = window.open_customer(ready.customer_id, ready.id)
        shoot(dialog, f"customer-file-{lang}", (980, 640))
        dialog.close()
        order = window.open_order(ready.id)
        shoot(order, f"order-detail-{lang}", (1000, 620))
        order.close()
        booking = BookingDialog(ctx, ready.customer_id, name)
        booking.package.setCurrentIndex(booking.package.count() - 1)  # the growth package
        shoot(booking, f"new-order-{lang}", (1220, 680))
        booking.close()
        scanner = ScannerDialog(ScannerSettings(sound=False))
        scanner.handle_scan("2611-0042-03-7")
        shoot(scanner, f"scanner-settings-{lang}", (620, 600))
        scanner.close()
        window.resize(1200, 760)
        window.show()
        window.handle_scan(label)  # a real scan: the customer file opens and the flash says so
        composite(window, f"scan-feedback-{lang}", window.current_dialog, window.feedback.flash)
        window.current_dialog.close()
        catalogue = window.open_catalogue()  # a window that takes no scans: the scan is refused
        window.handle_scan(label)
        composite(window, f"scan-refused-over-dialog-{lang}", catalogue, window.feedback.flash)
        catalogue.close()
        window.feedback.flash.hide()
        file = window.open_customer(unhappy)
        file.tabs.setCurrentIndex(file.tabs.count() - 4)  # the complaints, in the staff's language
        shoot(file, f"customer-complaints-{lang}", (980, 520))
        file.tabs.setCurrentIndex(file.tabs.count() - 3)
        shoot(file, f"customer-follow-ups-{lang}", (980, 520))
        file.close()
        if awaiting is not None:
            approval_screens(window, awaiting, lang)
        if cancelled is not None:
            order = window.open_order(cancelled)
            shoot(order, f"order-cancelled-{lang}", (1000, 520))
            order.close()
        if shot is not None:
            selection_day(window, ctx, lang, shot)
        login = LoginDialog(ctx)
        shoot(login, f"login-{lang}", (380, 240))
        login.close()
        counter, ctx.actor = ctx.actor, manager
        staff_list = window.open_staff()
        assert staff_list is not None
        staff_list.view.selectRow(next(i for i, r in enumerate(staff_list.model.rows) if r.name == "孙理件"))
        shoot(staff_list, f"staff-{lang}", (640, 380))
        staff_list.close()
        audit_log = window.open_audit_log()  # the manager's audit log: sign-ins, the lockout, discounts
        shoot(audit_log, f"audit-log-{lang}", (1000, 520))
        audit_log.close()
        limits = window.open_discount_limits()
        shoot(limits, f"discount-limits-{lang}", (520, 240))
        limits.close()
        reports = window.open_reports()  # month-end: last month's lab reconciliation just written
        assert reports is not None
        reports.export_lab(Path(tempfile.mkdtemp()) / "labs.xlsx")
        _wait(reports.task)
        shoot(reports, f"month-end-{lang}", (560, 340))
        reports.close()
        backup_screens(window, ctx, lang)
        shoot_rework_stats(ctx, lang)
        ctx.actor = production
        shoot_scanner_file(ctx, lang)
        shoot_reconcile(ctx, lang)
        ctx.actor = counter
        shoot_tracking(window, ctx, production, at_lab[:6] if lang == "zh_CN" else at_lab[6:], waiting, lang)
        send_out(ctx, production, lang)
        mine = brought_back[0 if lang == "zh_CN" else 1:][:1]
        shoot_complaints(window, ctx, lang, mine[0] if mine else None)
        shoot_customers(window, ctx, lang, manager, surveyed)
        shoot_follow_ups(window, lang)
        window.close()
        window.deleteLater()
        QApplication.processEvents()
        if args.only is None:
            first_start_screens(lang)
    engine.dispose()
    app.shutdown()  # PySide6: tear Qt down before the interpreter does, in a safe order
    return 0


if __name__ == "__main__":
    sys.exit(main())
