"""The main window: tabs, menus, shortcuts and the status bar every screen lives in."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from .. import __version__
from ..models.db import sqlite_path
from ..devices.scanner import Scanner, ScannerSettings, make_scanner
from ..devices.serial_scanner import SerialScanner
from ..devices.wedge import WedgeScanner
from ..services import boards, customers as customer_service, database, staff as staff_service, studio as studio_service
from ..services import text as text_service
from ..services.errors import StudioError
from ..services.staff import Permission
from .phone_dialog import PhoneServerControl, PhoneServerDialog
from .backup_dialog import BackupScheduler, BackupSettingsDialog, RestoreDialog
from .catalogue_dialog import CatalogueDialog
from .complaints_tab import ComplaintsTab
from .context import AppContext
from .common import may
from .discount_dialog import DiscountLimitsDialog
from .feedback import Feedback
from . import names
from .login import LoginDialog
from .orders_tab import OrdersTab
from .pickup_tab import PickupTab, StationExitDialog
from .scanner_dialog import ScannerDialog
from .schedule_tab import ScheduleTab
from .staff_dialog import StaffDialog
from .time_slots_dialog import TimeSlotsDialog
from .today_tab import TodayTab
from .tracking_tab import TrackingTab
from .scanning import CLOSE_FIRST, NO_SCANS_HERE, NOBODY, NOW_WORKING, ScanResult

if TYPE_CHECKING:
    from .audit_dialog import AuditDialog
    from .booking_dialog import BookingDialog
    from .customer_dialog import CustomerDialog
    from .follow_ups_page import FollowUpQuestionsDialog
    from .survey_pages import QuestionsDialog
    from .order_dialog import OrderDialog
    from .reconcile_dialog import ReconcileDialog
    from .reports_dialog import ReportsDialog
    from ..services.station_settings import Exported, Imported
    from .settings_transfer import ImportSettingsDialog
    from .welcome_dialog import DatabaseChoice, WelcomeDialog

log = logging.getLogger(__name__)
RECHECK_MS = 3000  # while offline: how often the window looks whether the database is back


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 scanner_settings: ScannerSettings | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scanner_settings = scanner_settings or ScannerSettings.load()
        self.scanner: Scanner | None = None
        self.feedback = Feedback(self, sound=self.scanner_settings.sound,
                                 status=lambda text: self.statusBar().showMessage(text, 30000))
        self.setWindowTitle(f"StudioDesk — {ctx.studio_name}" if ctx.studio_name else "StudioDesk")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.today = TodayTab(ctx)  # 今日: the first tab, shown at start
        self.tabs.addTab(self.today, self.today.title())
        self.orders = OrdersTab(ctx)
        self.tabs.addTab(self.orders, self.tr("&Orders"))
        # The order: today, orders, item tracking, pickup (then complaints); the schedule after them.
        self.tracking = TrackingTab(ctx)
        self.tabs.addTab(self.tracking, self.tracking.title())
        self.pickup = PickupTab(ctx)
        self.tabs.addTab(self.pickup, self.pickup.title())
        self.pickup.changed.connect(self.tracking.refresh_overdue)
        self.pickup.cleared.connect(self._forget_last_customer)
        self.station_mode = False
        self.station_exit: StationExitDialog | None = None
        self.complaints = ComplaintsTab(ctx)  # 客诉: after item tracking (and pickup), before the schedule
        self.complaints.channels.open_customer.connect(self.open_customer)
        self.complaints.tiers.open_customer.connect(self.open_customer)
        self.tabs.addTab(self.complaints, self.complaints.title())
        self.schedule = ScheduleTab(ctx)
        self.tabs.addTab(self.schedule, self.tr("Schedu&le"))
        self.setCentralWidget(self.tabs)
        self.today.typed.connect(self._search_from_today)
        self.tabs.currentChanged.connect(self._today_shown)
        self.orders.open_customer.connect(self.open_customer)
        self.orders.new_customer.connect(self.new_customer)
        self.orders.new_order.connect(self.new_order)
        self._menus()
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status, 1)
        self.overdue = QLabel()
        self.overdue.setObjectName("overdueStatus")
        self.overdue.setStyleSheet("color: #c62828; font-weight: bold;")
        self.statusBar().addPermanentWidget(self.overdue)
        self.backup_status = QLabel()
        self.backup_status.setObjectName("backupStatus")
        self.backup_status.setStyleSheet("color: #c62828;")
        self.statusBar().addPermanentWidget(self.backup_status)
        # Offline: a call found the database unreachable. Shown until a call gets through again;
        # meanwhile a light re-check every few seconds notices the server being back by itself.
        self.offline = QLabel()
        self.offline.setObjectName("offlineStatus")
        self.offline.setStyleSheet("color: white; background: #c62828; font-weight: bold; padding: 0 6px;")
        self.offline.hide()
        self.statusBar().addPermanentWidget(self.offline)
        self.recheck = QTimer(self, interval=RECHECK_MS)
        self.recheck.timeout.connect(self._recheck)
        self._rechecking = False
        ctx.reachability.changed.connect(self._show_reachable)
        self.backups = BackupScheduler(ctx, self)
        self.phones = PhoneServerControl(ctx, self)  # the phone pages (off unless this station turned them on)
        self.phones.start_as_saved()
        self.backups.failed.connect(self._backup_failed)
        self.backups.done.connect(lambda _done: self.backup_status.clear())
        self.tracking.overdue_changed.connect(self._show_overdue)
        self.complaints.overdue_changed.connect(
            lambda _n: self.tabs.setTabText(self.tabs.indexOf(self.complaints), self.complaints.title()))
        self._show_overdue()
        self._update_status()
        self.window_shortcuts: list[QShortcut] = []  # off in station mode
        for i in range(self.tabs.count()):
            self.window_shortcuts.append(
                QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, lambda i=i: self.tabs.setCurrentIndex(i)))
        self.window_shortcuts.append(QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search))
        self.window_shortcuts.append(QShortcut(QKeySequence(Qt.Key.Key_F3), self, self.focus_search))
        # Station mode: F11 enters it (File menu too) and asks a manager to leave; Esc does nothing there.
        QShortcut(QKeySequence(Qt.Key.Key_F11), self, self.toggle_station_mode)
        self.swallow_escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, lambda: None)
        self.swallow_escape.setEnabled(False)
        self.tabs.currentChanged.connect(self._stay_at_the_station)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._keep_scan_focus)
        self.current_dialog: QWidget | None = None  # the last dialog opened (tests drive it)
        self._restore()
        self.today.setFocus()  # typing a phone tail or a name here goes to the search box (Orders)
        QTimer.singleShot(0, self._signed_in)

    def _menus(self) -> None:
        file = self.menuBar().addMenu(self.tr("&File"))
        self._action(file, self.tr("&Backup now"), "Ctrl+B", self.backup_now)
        self._action(file, self.tr("&Switch staff…"), "Ctrl+L", self.switch_staff)
        self.station_action = self._action(file, self.tr("Pickup s&tation mode (F11)"), None, self.toggle_station_mode)
        file.addSeparator()
        self._action(file, self.tr("&Quit"), "Ctrl+Q", self.close)
        settings = self.menuBar().addMenu(self.tr("&Settings"))
        self._action(settings, self.tr("&Catalogue (packages, products, labs)…"), None, self.open_catalogue)
        self.studio_name_action = self._action(settings, self.tr("Studio &name…"), None, self.rename_studio)
        self.follow_up_questions_action = self._action(settings, self.tr("&Follow-up questionnaires…"), None,
                                                       self.open_follow_up_questions)
        self._action(settings, self.tr("S&taff…"), None, self.open_staff)
        self.time_slots_action = self._action(settings, self.tr("Time s&lots…"), None, self.open_time_slots)
        self.discount_limits_action = self._action(settings, self.tr("&Discount limits…"), None,
                                                   self.open_discount_limits)
        self.survey_questions_action = self._action(settings, self.tr("Customer survey &questions…"), None,
                                                    self.open_survey_questions)
        self.messages_action = self._action(settings, self.tr("&Reminders and message templates…"), None,
                                            self.open_messages)
        self.audit_action = self._action(settings, self.tr("A&udit log…"), None, self.open_audit_log)
        self.backup_settings_action = self._action(settings, self.tr("&Backups…"), None, self.open_backup_settings)
        self.restore_action = self._action(settings, self.tr("&Restore a backup…"), None, self.open_restore)
        self._action(settings, self.tr("This &station's name…"), None, self.rename_station)
        self.change_database_action = self._action(settings, self.tr("C&hange database…"), None,
                                                   self.change_database)
        self._action(settings, self.tr("E&xport settings…"), None, lambda: self.export_settings())
        self._action(settings, self.tr("I&mport settings…"), None, lambda: self.import_settings())
        self._action(settings, self.tr("Sc&anner…"), None, self.open_scanner_settings)
        self._action(settings, self.tr("Label &printer size…"), None, self.set_label_size)
        self.phone_action = self._action(settings, self.tr("&Phone scanning…"), None, self.open_phone_server)
        language = settings.addMenu(self.tr("&Language"))
        for code, label in (("zh_CN", "中文"), ("en", "English")):
            self._action(language, label, None, lambda code=code: self.set_language(code))
        self.reports_menu = self.menuBar().addMenu(self.tr("&Reports"))
        self.month_end_action = self._action(
            self.reports_menu, self.tr("&Month-end (lab reconciliation, monthly workbook)…"), None, self.open_reports)
        self.reconcile_action = self._action(self.reports_menu, self.tr("Check a lab &statement…"), None,
                                             self.open_reconcile)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About StudioDesk"), None, self.about)

    def _action(self, menu, text: str, shortcut: str | None, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _show_reachable(self, reachable: bool) -> None:
        if reachable:
            self.recheck.stop()
            self.offline.hide()
            self.statusBar().showMessage(self.tr("The database can be reached again: scans are saved as before."),
                                         30000)
            return
        self.offline.setText(self.tr("Offline: the database cannot be reached. Nothing is saved until it is back."))
        self.offline.show()
        self.recheck.start()

    def _recheck(self) -> None:
        """While offline: one small read in a thread of its own (a server that does not answer
        takes the connect timeout, which the window does not wait for); when it gets through,
        the call path says so and the mark goes."""
        if self._rechecking:
            return
        self._rechecking = True

        def look() -> None:
            try:
                self.ctx.call(boards.data_version)
            except StudioError:
                pass  # still away: the mark stays, the next look is in a few seconds
            except Exception:  # noqa: BLE001 - a look only; what it was is logged
                log.exception("re-checking the database")
            finally:
                self._rechecking = False

        threading.Thread(target=look, name="StudioDesk: is the database back?", daemon=True).start()

    def _update_status(self) -> None:
        actor = self.ctx.actor
        who = f"{actor.name} ({names.name(actor.role)})" if actor else self.tr("nobody")
        self.status.setText(self.tr("Studio: {studio}   Staff: {staff}   Station: {station}   Database: {db}").format(
            studio=self.ctx.studio_name, staff=who, station=self.ctx.station, db=self.ctx.database))
        self.apply_permissions()  # the staff member may have switched

    def apply_permissions(self) -> None:
        """Show only the menus and buttons the signed-in staff member may use; the services
        refuse the rest too. Run again whenever someone else signs in."""
        self.studio_name_action.setVisible(may(self.ctx, Permission.MANAGE_SETTINGS))
        self.follow_up_questions_action.setVisible(may(self.ctx, Permission.MANAGE_SETTINGS))
        self.discount_limits_action.setVisible(may(self.ctx, Permission.MANAGE_SETTINGS))
        self.time_slots_action.setVisible(may(self.ctx, Permission.MANAGE_SETTINGS))
        self.survey_questions_action.setVisible(may(self.ctx, Permission.MANAGE_SETTINGS))
        self.messages_action.setVisible(may(self.ctx, Permission.MANAGE_SETTINGS))
        self.audit_action.setVisible(may(self.ctx, Permission.VIEW_AUDIT))
        month_end = may(self.ctx, Permission.LAB_MONTH_END) or may(self.ctx, Permission.MONTH_REPORT)
        self.month_end_action.setVisible(month_end)
        self.reconcile_action.setVisible(may(self.ctx, Permission.LAB_MONTH_END))  # production and managers
        self.reports_menu.menuAction().setVisible(month_end)  # no empty menu: manager and production only
        self.backup_settings_action.setVisible(may(self.ctx, Permission.MANAGE_SETTINGS))
        self.phone_action.setVisible(may(self.ctx, Permission.MANAGE_SETTINGS))
        self.restore_action.setVisible(may(self.ctx, Permission.RESTORE))
        self.change_database_action.setVisible(may(self.ctx, Permission.MANAGE_SETTINGS))
        self.orders.apply_permissions()
        self.schedule.apply_permissions()
        self.tracking.apply_permissions()
        self.pickup.apply_permissions()
        self.complaints.apply_permissions()
        self.today.apply_permissions()

    def open_messages(self) -> QWidget:
        from .messages_dialog import MessagesDialog

        dialog = MessagesDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.today.refresh())
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def _search_from_today(self, text: str) -> None:
        """Typing on the Today tab searches: the Orders tab, its search box holding what was typed."""
        self.focus_search()
        self.orders.search.setText(text)

    def _today_shown(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.today:
            self.today.refresh()

    def _show_overdue(self, _count: int = 0) -> None:
        """The overdue alarm: on the tracking tab's title and in the status bar."""
        self.tabs.setTabText(self.tabs.indexOf(self.tracking), self.tracking.title())
        self.overdue.setText(self.tracking.status_text())

    def _signed_in(self) -> None:
        """Someone just signed in here: production staff are told what is overdue."""
        self.tracking.sign_in_notice(self, open_tab=lambda: self.tabs.setCurrentWidget(self.tracking))

    # -- scanning ----------------------------------------------------------------
    def attach_scanner(self, scanner: Scanner | None, settings: ScannerSettings | None = None) -> None:
        """Listen to ``scanner`` (replacing the one before); None: no scanner at this station."""
        if self.scanner is not None:
            self.scanner.stop()
            self.scanner.deleteLater()
        if settings is not None:
            self.scanner_settings = settings
            self.feedback.sound = settings.sound
        self.scanner = scanner
        if scanner is None:
            return
        scanner.setParent(self)
        scanner.scanned.connect(self.handle_scan)
        scanner.status.connect(lambda message: self.statusBar().showMessage(message, 15000))
        scanner.start()

    def handle_scan(self, code: str) -> ScanResult:
        """A scan arrived: the open dialog, a staff badge, or the current tab decides what it
        means; whatever it was, the result is shown here, the same way every time."""
        result = self.scan_result(code)
        log.info("scan %s at %s: %s", code, self.ctx.station, result.outcome.value)
        self.feedback.show(result)
        return result

    def scan_result(self, code: str) -> ScanResult:
        modal = QApplication.activeModalWidget()
        if modal is not None and hasattr(modal, "handle_scan"):
            return modal.handle_scan(code)
        try:
            owner = self.ctx.call(staff_service.badge_owner, code)
        except StudioError as exc:
            return ScanResult.refusal(exc)
        if owner is not None:
            # A manager's badge always asks for the PIN; others when this station says so.
            if staff_service.has_manager_rights(owner.role) or self.scanner_settings.badge_needs_pin:
                return self.switch_staff().handle_scan(code)
            try:
                actor = self.ctx.call(staff_service.badge_sign_in, code, previous=self.ctx.actor)
            except StudioError as exc:
                return ScanResult.refusal(exc)
            self.ctx.actor = actor
            self._update_status()
            self._signed_in()
            return ScanResult.switched(NOW_WORKING, actor.name, name=actor.name)
        if modal is not None:
            return ScanResult.refused(CLOSE_FIRST)
        if self.ctx.actor is None:
            return ScanResult.refused(NOBODY)
        if self.tabs.currentWidget() is self.today:  # a label scanned on Today opens its order
            self.tabs.setCurrentWidget(self.orders)
        handler = getattr(self.tabs.currentWidget(), "handle_scan", None)
        if handler is None:
            return ScanResult.refused(NO_SCANS_HERE)
        return handler(code)

    def open_scanner_settings(self) -> ScannerDialog:
        dialog = ScannerDialog(self.scanner_settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if isinstance(self.scanner, WedgeScanner):
            self.scanner.classified.connect(dialog.show_classified)
        if isinstance(self.scanner, SerialScanner):
            self.scanner.garbled.connect(dialog.show_garbled)
        dialog.accepted.connect(lambda: self.attach_scanner(make_scanner(dialog.settings), dialog.settings))
        dialog.open()
        self.current_dialog = dialog
        return dialog

    # -- pickup station mode -----------------------------------------------------
    def toggle_station_mode(self) -> StationExitDialog | None:
        if not self.station_mode:
            self.enter_station_mode()
            return None
        return self.ask_to_leave_station_mode()

    def enter_station_mode(self) -> None:
        """Full screen, the pickup tab only, focus always ready for the next scan; Esc does
        nothing, and only a manager's name and PIN leave it."""
        self.tabs.setCurrentWidget(self.pickup)
        self.station_mode = True
        self.tabs.tabBar().hide()
        self.menuBar().hide()
        for action in self.menuBar().actions():
            action.setEnabled(False)
        for shortcut in self.window_shortcuts:
            shortcut.setEnabled(False)
        self.swallow_escape.setEnabled(True)
        self.pickup.clear()
        self.showFullScreen()
        self.pickup.setFocus()

    def ask_to_leave_station_mode(self) -> StationExitDialog:
        dialog = StationExitDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.leave_station_mode)
        dialog.open()
        self.station_exit = dialog
        self.current_dialog = dialog
        return dialog

    def leave_station_mode(self) -> None:
        self.station_mode = False
        self.swallow_escape.setEnabled(False)
        for shortcut in self.window_shortcuts:
            shortcut.setEnabled(True)
        for action in self.menuBar().actions():
            action.setEnabled(True)
        self.menuBar().show()
        self.tabs.tabBar().show()
        self.pickup.clear()
        self.showNormal()

    def _forget_last_customer(self) -> None:
        """The pickup tab cleared its order: the flash and the status line that named it go too."""
        self.feedback.flash.hide()
        self.statusBar().clearMessage()

    def _stay_at_the_station(self, _index: int) -> None:
        if self.station_mode and self.tabs.currentWidget() is not self.pickup:
            self.tabs.setCurrentWidget(self.pickup)

    def _keep_scan_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """In station mode, focus that wanders off (a click on the list, a closed dialog) comes
        back to the pickup tab, ready for the next scan."""
        if not self.station_mode or QApplication.activeModalWidget() is not None:
            return
        if new is None or not self.pickup.isAncestorOf(new) and new is not self.pickup:
            QTimer.singleShot(0, self._refocus)

    def _refocus(self) -> None:
        if self.station_mode and QApplication.activeModalWidget() is None and self.isVisible():
            self.pickup.setFocus()

    # -- window state ----------------------------------------------------------
    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 780)
        self.tabs.setCurrentWidget(self.today)  # the day's work first, whatever tab was open last

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        if self.station_mode:  # a customer at the station does not close the program
            event.ignore()
            return
        QSettings().setValue("main/geometry", self.saveGeometry())
        if self.scanner is not None:
            self.scanner.stop()
        self.backups.stop()  # a scheduled backup being made is finished first
        self.phones.stop()
        self.sign_out()
        super().closeEvent(event)

    def sign_out(self) -> None:
        """Audit that whoever worked here stopped (the window closes); the window still closes
        when the database cannot take it."""
        if self.ctx.actor is None:
            return
        try:
            self.ctx.call(staff_service.sign_out, "window closed")
        except Exception:  # noqa: BLE001 - closing must not fail on a lost database
            log.exception("could not record the sign-out of %s", self.ctx.actor.name)
        self.ctx.actor = None

    # -- actions ---------------------------------------------------------------
    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.orders)
        self.orders.focus_search()

    # Dialogs open window-modal with open(), not exec(): no nested event loops, and the
    # follow-up (refresh, open the new order) is connected to their signals.
    def open_customer(self, customer_id: int, order_id: int | None = None) -> CustomerDialog:
        from .customer_dialog import CustomerDialog  # dialogs load when first opened: a quicker start

        dialog = CustomerDialog(self.ctx, customer_id, self, focus_order=order_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_order.connect(lambda oid: self.open_order(oid, dialog))
        dialog.new_order.connect(lambda cid: self.new_order(cid, dialog))
        dialog.finished.connect(lambda _r: self.orders.refresh())
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def _refused(self, permission: Permission) -> bool:
        """A shortcut to something this staff member may not use: say so, as the service would."""
        if may(self.ctx, permission):
            return False
        if self.ctx.actor is not None:
            self.ctx.run(staff_service.require, permission=permission, parent=self)
        return True

    def new_customer(self, typed: str = "") -> CustomerDialog | None:
        from .customer_dialog import CustomerDialog

        if self._refused(Permission.EDIT_CUSTOMERS):
            return None
        dialog = CustomerDialog(self.ctx, None, self)
        dialog.start_from(typed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: dialog.customer_id is not None and self.open_customer(dialog.customer_id))
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def new_order(self, customer_id: int | None, parent: QWidget | None = None) -> BookingDialog | None:
        from .booking_dialog import BookingDialog
        from .customer_dialog import CustomerDialog

        if self._refused(Permission.BOOK_ORDER):
            return None
        if customer_id is None:
            QMessageBox.information(self, "StudioDesk", self.tr(
                "Find the customer first (or create one with F2), then press Ctrl+N."))
            return None
        customer = self.ctx.run(customer_service.customer_name, customer_id, parent=parent or self)
        if customer is None:
            return None
        dialog = BookingDialog(self.ctx, customer_id, customer, parent or self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def booked() -> None:
            if isinstance(parent, CustomerDialog):
                parent.reload(dialog.order_id)
            if dialog.order_id is not None:
                self.open_order(dialog.order_id, parent)

        dialog.accepted.connect(booked)
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def open_order(self, order_id: int, parent: QWidget | None = None) -> OrderDialog:
        from .customer_dialog import CustomerDialog
        from .order_dialog import OrderDialog

        dialog = OrderDialog(self.ctx, order_id, parent or self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if isinstance(parent, CustomerDialog):
            dialog.finished.connect(lambda _r: parent.reload(order_id))
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def backup_now(self) -> None:
        path = sqlite_path(self.ctx.url)
        if path is None:
            QMessageBox.information(self, "StudioDesk", self.tr(
                "This studio uses a shared PostgreSQL database; back it up on the server with pg_dump."))
            return
        self.backup_task = self.ctx.run_in_background(
            database.backup_sqlite, self.ctx.url, database.backup_name(path), label=self.tr("Backing up the database…"),
            parent=self, on_done=self._backed_up)

    def _backed_up(self, path: Path) -> None:
        QMessageBox.information(self, "StudioDesk", self.tr("Backup written and verified:\n{path}").format(path=path))

    # -- scheduled backups and restore ------------------------------------------------
    def start_backups(self) -> None:
        """The scheduled backups: one now, then every N hours (main.py starts them)."""
        self.backups.start()

    def _backup_failed(self, text: str) -> None:
        self.backup_status.setText(self.tr("Backup failed"))
        self.backup_status.setToolTip(text)
        self.statusBar().showMessage(text, 60000)

    def open_backup_settings(self) -> BackupSettingsDialog | None:
        if self._refused(Permission.MANAGE_SETTINGS):
            return None
        dialog = BackupSettingsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.backups.run_now)  # the new folder or interval from now on
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def open_phone_server(self) -> PhoneServerDialog | None:
        if self._refused(Permission.MANAGE_SETTINGS):
            return None
        dialog = PhoneServerDialog(self.ctx, self.phones, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def open_restore(self) -> RestoreDialog | None:
        if self._refused(Permission.RESTORE):
            return None
        if sqlite_path(self.ctx.url) is None:
            QMessageBox.information(self, "StudioDesk", self.tr(
                "This studio uses a shared PostgreSQL database; restore it on the server with pg_restore."))
            return None
        dialog = RestoreDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self._restored)
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def _restored(self, backup: str, kept: str) -> None:
        """The database was replaced under this window: nothing on screen is true any more, so
        it says so and closes; StudioDesk is started again on the restored database."""
        self.ctx.actor = None  # the sign-in belonged to the replaced database: no sign-out is written
        text = self.tr("The database was restored from {backup}.").format(backup=backup)
        if kept:
            text += " " + self.tr("The database as it was is kept at {kept}.").format(kept=kept)
        QMessageBox.information(self, "StudioDesk", text + "\n\n" + self.tr(
            "StudioDesk closes now; start it again to work on the restored database."))
        self.close()

    def switch_staff(self) -> LoginDialog:
        dialog = LoginDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def logged_in() -> None:
            if dialog.actor is not None:
                self.ctx.actor = dialog.actor
                self._update_status()
                self._signed_in()

        dialog.accepted.connect(logged_in)
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def open_staff(self) -> StaffDialog | None:
        """The manager's staff list (unlock, issue badges); the service refuses anyone else."""
        dialog = StaffDialog(self.ctx, self)
        if not dialog.load():
            dialog.deleteLater()
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def open_catalogue(self) -> CatalogueDialog:
        dialog = CatalogueDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def open_discount_limits(self) -> DiscountLimitsDialog | None:
        if self._refused(Permission.MANAGE_SETTINGS):
            return None
        dialog = DiscountLimitsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def open_follow_up_questions(self) -> FollowUpQuestionsDialog | None:
        """Settings → the follow-up calls' questionnaires and when calls are due (manager)."""
        from .follow_ups_page import FollowUpQuestionsDialog

        if self._refused(Permission.MANAGE_SETTINGS):
            return None
        dialog = FollowUpQuestionsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def open_time_slots(self) -> TimeSlotsDialog | None:
        if self._refused(Permission.MANAGE_SETTINGS):
            return None
        dialog = TimeSlotsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.schedule.refresh)
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def open_survey_questions(self) -> QuestionsDialog | None:
        """Settings → the customer information survey's questions (manager)."""
        from .survey_pages import QuestionsDialog

        if self._refused(Permission.MANAGE_SETTINGS):
            return None
        dialog = QuestionsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def open_reports(self) -> ReportsDialog | None:
        """Reports → Month-end: a lab's month for 对账 and the manager's monthly workbook."""
        if self._refused(Permission.LAB_MONTH_END):
            return None
        from .reports_dialog import ReportsDialog  # here, not at start-up: it loads openpyxl

        dialog = ReportsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def open_audit_log(self) -> AuditDialog | None:
        if self._refused(Permission.VIEW_AUDIT):
            return None
        from .audit_dialog import AuditDialog  # here, not at start-up: its Excel export loads openpyxl

        dialog = AuditDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def open_reconcile(self) -> ReconcileDialog | None:
        if self._refused(Permission.TRACK_ITEMS):
            return None
        from .reconcile_dialog import ReconcileDialog  # here, not at start-up: it loads openpyxl

        dialog = ReconcileDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def rename_studio(self) -> None:
        if not self.ctx.me().may(Permission.MANAGE_SETTINGS):
            QMessageBox.information(self, "StudioDesk", self.tr("Only a manager can rename the studio."))
            return
        name, ok = QInputDialog.getText(self, self.tr("Studio name"), self.tr("Studio name"), text=self.ctx.studio_name)
        if not ok or not name.strip():
            return
        if self.ctx.run(studio_service.set_setting, studio_service.STUDIO_NAME, name.strip(), parent=self) is None:
            return
        self.ctx.studio_name = name.strip()
        self.setWindowTitle(f"StudioDesk — {self.ctx.studio_name}")
        self._update_status()

    def rename_station(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Station name"),
                                        self.tr("Name of this PC, recorded with every scan and payment"),
                                        text=self.ctx.station)
        if not ok or not name.strip():
            return
        checked = self.ctx.run(text_service.station_name, name, parent=self)  # too long: says so, keeps the old
        if checked is not None:
            self.ctx.station = checked
            QSettings().setValue("station", self.ctx.station)
            if self.ctx.actor is not None:
                from dataclasses import replace
                self.ctx.actor = replace(self.ctx.actor, station=self.ctx.station)
            self._update_status()

    def change_database(self) -> WelcomeDialog | None:
        """Settings → Change database…: the welcome dialog again; the choice is used from the
        next start on (this window stays on the database it has open)."""
        from .welcome_dialog import DatabaseChoice, WelcomeDialog

        if self._refused(Permission.MANAGE_SETTINGS):
            return None
        dialog = WelcomeDialog(self, changing=True, current=DatabaseChoice.of_url(self.ctx.url))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._database_changed(dialog.choice))
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def _database_changed(self, choice: DatabaseChoice | None) -> None:
        from .welcome_dialog import database_text, remember

        if choice is None:
            return
        remember(choice)
        if self.ctx.database_given:  # the shortcut's --db / --demo (or STUDIODESK_DB) would open its own again
            QMessageBox.warning(self, "StudioDesk", self.tr(
                "StudioDesk will open {db} when it is started without a database named on its command line. This "
                "station was started with one (--db, --demo or STUDIODESK_DB), which comes first: remove it from the "
                "shortcut for the choice to be used. Until then this window keeps working on {current}.").format(
                db=database_text(choice), current=self.ctx.database))
            return
        QMessageBox.information(self, "StudioDesk", self.tr(
            "StudioDesk opens {db} the next time it starts. Until then this window keeps working on {current}.").format(
            db=database_text(choice), current=self.ctx.database))

    def export_settings(self, path: Path | None = None) -> None:
        """Settings → Export settings…: this station's and the studio's settings to a JSON file."""
        from ..services import station_settings
        from .settings_transfer import export_file_name, station_values

        path = path or export_file_name(self, sqlite_path(self.ctx.url))
        if path is None:
            return
        self.settings_task = self.ctx.run_in_background(
            station_settings.export_settings, path, station_values(), label=self.tr("Exporting settings…"),
            parent=self, on_done=self._settings_exported)

    def _settings_exported(self, done: Exported) -> None:
        QMessageBox.information(self, "StudioDesk", self.tr(
            "Settings exported to {file}: this station's scanner, label size and language, {templates} message "
            "templates and {rules} reminder rules. Import the file at the other station (Settings → Import "
            "settings…).").format(file=done.path, templates=done.templates, rules=done.rules))

    def import_settings(self, path: Path | None = None) -> ImportSettingsDialog | None:
        """Settings → Import settings…: the file is checked and what it changes shown first."""
        from ..services import station_settings
        from .settings_transfer import ImportSettingsDialog, choose_settings_file, station_values

        path = path or choose_settings_file(self, sqlite_path(self.ctx.url))
        if path is None:
            return None
        preview = self.ctx.run(station_settings.preview_import, path, station_values(), parent=self)
        if preview is None:  # the refusal (naming the file and the field) was shown
            return None
        dialog = ImportSettingsDialog(self.ctx, path, preview, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda result: self._settings_imported(dialog, result))
        dialog.open()
        self.current_dialog = dialog
        return dialog

    def _settings_imported(self, dialog: ImportSettingsDialog, result: Imported) -> None:
        if dialog.scanner is not None:  # the imported scanner listens from now on
            self.attach_scanner(make_scanner(dialog.scanner), dialog.scanner)
        text = self.tr("Settings imported.")
        if result.database:
            text += " " + self.tr("Message templates: {t_added} new, {t_changed} changed. Reminder rules: {r_added} "
                                  "new, {r_changed} changed, {r_off} switched off.").format(
                t_added=result.templates_added, t_changed=result.templates_changed, r_added=result.rules_added,
                r_changed=result.rules_changed, r_off=result.rules_switched_off)
        if "language" in result.station:
            text += " " + self.tr("The language changes when StudioDesk starts next time.")
        QMessageBox.information(self, "StudioDesk", text)
        self.today.refresh()

    def set_label_size(self) -> None:
        from ..devices.labels import label_size, parse_size

        current = "x".join(f"{v:g}" for v in label_size())
        text, ok = QInputDialog.getText(self, self.tr("Label printer size"),
                                        self.tr("Label size in mm, width x height (e.g. 50x30)"), text=current)
        if not ok:
            return
        try:
            width, height = parse_size(text)
        except ValueError:
            QMessageBox.warning(self, "StudioDesk", self.tr(
                "{text} is not a label size: write width x height in mm, 20-150 x 15-150, e.g. 50x30.").format(
                text=text))
            return
        QSettings().setValue("labels/size", f"{width:g}x{height:g}")

    def set_language(self, code: str) -> None:
        QSettings().setValue("language", code)
        QMessageBox.information(self, "StudioDesk", self.tr("The language changes when StudioDesk starts next time."))

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About StudioDesk"), self.tr(
            "<b>StudioDesk {version}</b><br>Orders, product tracking, pickup and customer care for photo "
            "studios.<br>Database: {db}").format(version=__version__, db=self.ctx.database))
