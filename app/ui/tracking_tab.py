"""The Item tracking tab (制作跟踪): the production desk's pages side by side.

Pages: Receive & check (回件/理件) and Boards here; Send out and Rework statistics are
built as their own widgets and added with :meth:`TrackingTab.add_page`. A scan goes to
the page in front. The tab's title and the window's status bar show how many items are
overdue at their lab (超期报警), read again after every change and once a minute; a
production staff member signing in is told the count, with a button to the overdue board.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ..models import Role
from ..services import boards
from ..services.errors import StudioError
from .boards_page import BoardsPage
from .changes import ChangeWatcher
from .context import AppContext
from .i18n import QT_TRANSLATE_NOOP
from .receive_page import ReceivePage
from .rework_stats_page import ReworkStatsPage
from .scanner_file_dialog import ScannerFileDialog
from .send_out_page import SendOutPage
from .scanning import ScanResult

OVERDUE_REFRESH_MS = 60_000  # the count is one index range: cheap to read once a minute
RECOUNT_AFTER_SCANS_MS = 300
PAGE_TAKES_NO_SCANS = QT_TRANSLATE_NOOP("scan", "This page does not take scans: go to Receive & check (or Send "
                                                "out) and scan again. Nothing changed.")


class TrackingTab(QWidget):
    overdue_changed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # after scans the count is read once they pause, not before each answer is shown
        self.recount = QTimer(self, singleShot=True, interval=RECOUNT_AFTER_SCANS_MS)
        self.recount.timeout.connect(self.refresh_overdue)
        self.ctx = ctx
        self.overdue = 0
        self.notice: QMessageBox | None = None
        self.pages = QTabWidget()
        self.pages.setObjectName("trackingPages")
        # Receiving and checking first (every item comes back and is checked: the most scans
        # of the day), then send-out, the boards, the statistics.
        self.send_out = SendOutPage(ctx)
        self.receive = ReceivePage(ctx)
        self.boards = BoardsPage(ctx)
        self.rework_stats = ReworkStatsPage(ctx)
        self.add_page(self.receive, self.tr("Receive && check"))
        self.add_page(self.send_out, self.tr("Send out"))
        self.add_page(self.boards, self.tr("Boards"))
        self.add_page(self.rework_stats, self.tr("Rework statistics"))
        self.import_button = QPushButton(self.tr("Import scanner file…"))
        self.import_button.setObjectName("importScannerFile")
        self.import_button.setToolTip(self.tr("Codes a memory scanner collected away from the PC, one per line"))
        self.import_button.clicked.connect(self.import_scanner_file)
        self.pages.setCornerWidget(self.import_button)
        self.scanner_file: ScannerFileDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.pages.currentChanged.connect(self._page_shown)
        self.timer = QTimer(self, interval=OVERDUE_REFRESH_MS)
        self.timer.timeout.connect(self.refresh_overdue)
        self.timer.start()
        self.refresh_overdue()
        # a phone or another station moved items: the boards in front read again within two seconds
        self.watcher = ChangeWatcher(ctx, lambda: self.isVisible() and self.boards.isVisible() and self.boards.loaded,
                                     self)
        self.watcher.changed.connect(self._changed_elsewhere)

    def add_page(self, widget: QWidget, title: str, index: int | None = None) -> int:
        """Add a page (at ``index``, else last). A page with a ``changed`` signal makes the
        overdue count be read again when it fires."""
        at = self.pages.insertTab(index if index is not None else self.pages.count(), widget, title)
        changed = getattr(widget, "changed", None)
        if changed is not None:
            changed.connect(self.recount.start)
        return at

    def _changed_elsewhere(self) -> None:
        self.boards.refresh()
        self.refresh_overdue()

    def _page_shown(self, _index: int) -> None:
        """The boards read again when they come to the front (scans may have moved items)."""
        if self.pages.currentWidget() is self.boards and self.boards.loaded:
            self.boards.refresh()

    def handle_scan(self, code: str) -> ScanResult:
        handler = getattr(self.pages.currentWidget(), "handle_scan", None)
        if handler is None:
            return ScanResult.refused(PAGE_TAKES_NO_SCANS)
        return handler(code)

    def apply_permissions(self) -> None:
        self.receive.apply_permissions()
        self.boards.apply_permissions()

    def _after_import(self, _result: int) -> None:
        self.refresh_overdue()
        if self.boards.loaded:
            self.boards.refresh()

    def import_scanner_file(self) -> ScannerFileDialog:
        """A memory scanner's file applied line by line; each line's result shown."""
        dialog = ScannerFileDialog(self.ctx, self)
        dialog.finished.connect(self._after_import)
        dialog.open()
        self.scanner_file = dialog
        return dialog

    # -- the overdue alarm ------------------------------------------------------------
    def refresh_overdue(self) -> int:
        try:
            self.overdue = self.ctx.call(boards.overdue_count)
        except StudioError:
            return self.overdue  # the database is busy or away: the last count stays shown
        self.overdue_changed.emit(self.overdue)
        return self.overdue

    def title(self) -> str:
        if self.overdue:
            return self.tr("Item tracking ({n} overdue)").format(n=self.overdue)
        return self.tr("Item tracking")

    def status_text(self) -> str:
        return self.tr("Overdue at labs: {n}").format(n=self.overdue) if self.overdue else ""

    def show_overdue(self) -> None:
        """Bring the overdue board to the front (the window shows this tab first)."""
        self.pages.setCurrentWidget(self.boards)
        self.boards.choose(boards.Board.OVERDUE)

    def sign_in_notice(self, parent: QWidget, open_tab=None) -> QMessageBox | None:  # type: ignore[no-untyped-def]
        """Tell a production staff member who just signed in how many items are overdue."""
        actor = self.ctx.actor
        if actor is None or actor.role is not Role.PRODUCTION or not self.refresh_overdue():
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Overdue items"), self.tr(
            "{n} items are past their expected return date at the labs. Call the labs about them.").format(
            n=self.overdue), QMessageBox.StandardButton.Close, parent)
        box.setObjectName("overdueNotice")
        show = QPushButton(self.tr("Open the overdue board"))
        show.setObjectName("openOverdueBoard")
        box.addButton(show, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(show)

        def clicked(button) -> None:  # type: ignore[no-untyped-def]
            if button is show:
                if open_tab is not None:
                    open_tab()
                self.show_overdue()

        box.buttonClicked.connect(clicked)
        box.open()
        self.notice = box
        return box
