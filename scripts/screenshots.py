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

from app.models import Customer, CustomerPhone, Order, Progress  # noqa: E402
from app.models.db import sqlite_url  # noqa: E402
from app.services import database, staff  # noqa: E402
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
        ready = s.scalars(select(Order).where(Order.progress == Progress.IN_PRODUCTION)
                          .order_by(Order.id.desc())).first()
        tail = s.scalar(select(CustomerPhone.digits).where(CustomerPhone.customer_id == ready.customer_id))[-4:]
        name = s.get(Customer, ready.customer_id).name
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
        window.feedback.good(f"{ready.number} · {name}: 3 / 7")
        shoot(window, f"scan-feedback-{lang}")
        login = LoginDialog(ctx)
        shoot(login, f"login-{lang}", (380, 240))
        login.close()
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    engine.dispose()
    app.shutdown()  # PySide6: tear Qt down before the interpreter does, in a safe order
    return 0


if __name__ == "__main__":
    sys.exit(main())
