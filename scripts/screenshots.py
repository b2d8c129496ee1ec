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
    Complaint, Customer, CustomerPhone, FollowUp, Item, ItemStatus, Order, Payment, Progress,
)
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--lang", choices=["zh_CN", "en"])
    args = parser.parse_args()
    if args.lang is None:  # one process per language: Qt is not meant to switch translators live
        import subprocess

        db = args.db or Path(tempfile.mkdtemp()) / "demo.db"
        if not args.db:
            engine, _ = database.open_database(sqlite_url(db))
            build_demo(engine, years=1, seed=2611, today=dt.date(2026, 11, 23))
            engine.dispose()
        for lang in ("zh_CN", "en"):
            subprocess.run([sys.executable, __file__, "--db", str(db), "--lang", lang], check=True)
        return 0
    QCoreApplication.setOrganizationName("StudioDeskScreenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication(sys.argv[:1])
    path = args.db
    engine, _ = database.open_database(sqlite_url(path))
    OUT.mkdir(parents=True, exist_ok=True)
    ctx = AppContext(engine, sqlite_url(path), station="前台1", studio_name="示范影楼 (Demo Studio)")
    with make_session_factory(engine)() as s:
        ctx.actor = staff.login(s, "李前台", "2222", station="前台1")
        manager = staff.login(s, "王店长", "1111", station="前台1")
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
        cancelled = s.scalar(select(Order.id).join(Payment, Payment.order_id == Order.id)
                             .where(Order.cancelled_at.is_not(None)).order_by(Order.id.desc()).limit(1))
        tail = s.scalar(select(CustomerPhone.digits).where(CustomerPhone.customer_id == ready.customer_id))[-4:]
        name = s.get(Customer, ready.customer_id).name
        production = staff.login(s, "张后期", "3333", station="后期")
        at_lab = list(s.scalars(select(Item.code).where(Item.status == ItemStatus.SENT)
                                .order_by(Item.expected_return.desc(), Item.id).limit(12)))
        waiting = s.scalar(select(Item.code).where(Item.status == ItemStatus.WAITING).order_by(Item.id.desc()).limit(1))
    for lang in (args.lang,):
        i18n.install(app, lang)
        window = MainWindow(ctx, scanner_settings=ScannerSettings(sound=False))
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
        shoot(booking, f"new-order-{lang}", (860, 680))
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
        file.tabs.setCurrentIndex(file.tabs.count() - 2)  # the complaints, in the staff's language
        shoot(file, f"customer-complaints-{lang}", (980, 520))
        file.tabs.setCurrentIndex(file.tabs.count() - 1)
        shoot(file, f"customer-follow-ups-{lang}", (980, 520))
        file.close()
        if cancelled is not None:
            order = window.open_order(cancelled)
            shoot(order, f"order-cancelled-{lang}", (1000, 520))
            order.close()
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
        ctx.actor = counter
        shoot_tracking(window, ctx, production, at_lab[:6] if lang == "zh_CN" else at_lab[6:], waiting, lang)
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    engine.dispose()
    app.shutdown()  # PySide6: tear Qt down before the interpreter does, in a safe order
    return 0


if __name__ == "__main__":
    sys.exit(main())
