"""Boards (看板): the production desk's lists, each a rule over the items' states.

Choose a board, narrow it (lab, product type, dates, who made the last step), tick rows
and press one key: F6 sends them (to the chosen lab, else each item's own), F7 receives,
F8 passes them; every refusal is listed with its reason. F5 reads the board again,
Ctrl+H or a double-click shows an item's history.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton, QSpinBox, QTableView, QVBoxLayout,
    QWidget,
)

from ..models import ItemStatus
from ..services import boards, lifecycle, studio as studio_service
from ..services.boards import Board, BoardFilter, BoardRow
from ..services.errors import StudioError
from ..services.staff import Permission
from . import bugs
from .common import STATUS_COLOURS, OptionalDateEdit, may, no_default
from .context import AppContext, show_refusal
from .i18n import QT_TRANSLATE_NOOP, date_text, local_time, render, status_name
from .item_history_dialog import ItemHistoryDialog, open_history
from .table_models import Column, PagedRowsModel

BOARD_NAMES = {
    Board.WAITING: QT_TRANSLATE_NOOP("BoardsPage", "Waiting to be sent (by lab)"),
    Board.AT_LAB: QT_TRANSLATE_NOOP("BoardsPage", "At the lab (by expected date)"),
    Board.OVERDUE: QT_TRANSLATE_NOOP("BoardsPage", "Overdue (by lab, oldest first)"),
    Board.RETURNED: QT_TRANSLATE_NOOP("BoardsPage", "Returned, not checked"),
    Board.UNCOLLECTED: QT_TRANSLATE_NOOP("BoardsPage", "Ready, not collected for over {days} days"),
}
OVERDUE = QColor("#ef9a9a")
COUNT_DELAY_MS = 150  # counting every board reads thousands of rows: after the first page is shown


class BoardsPage(QWidget):
    changed = Signal()  # a batch changed items: the overdue count may have moved

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.history: ItemHistoryDialog | None = None
        self.days = boards.DEFAULT_UNCOLLECTED_DAYS
        self.chooser = QComboBox()
        self.chooser.setObjectName("boardChooser")
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.chooser.setMinimumContentsLength(16)
        for board in Board:
            self.chooser.addItem(self.tr(BOARD_NAMES[board]).format(days=self.days) + " (0000)", board)
        self.lab = self._combo("boardLab", self.tr("every lab"))
        self.product = self._combo("boardProduct", self.tr("every product"))
        self.staff = self._combo("boardStaff", self.tr("anyone"))
        self.date_from = OptionalDateEdit()
        self.date_from.setObjectName("boardFrom")
        self.date_to = OptionalDateEdit()
        self.date_to.setObjectName("boardTo")
        self.days_box = QSpinBox()
        self.days_box.setObjectName("uncollectedDays")
        self.days_box.setRange(1, 999)
        self.days_box.setSuffix(self.tr(" days"))
        self.days_box.setToolTip(self.tr("Studio setting: ready items not collected after this many days"))
        self.days_box.editingFinished.connect(self._save_days)
        refresh = QPushButton(self.tr("Refresh (F5)"))
        refresh.clicked.connect(self.refresh)
        self.send_button = QPushButton(self.tr("Send selected (F6)"))
        self.send_button.setObjectName("boardSend")
        self.receive_button = QPushButton(self.tr("Receive selected (F7)"))
        self.receive_button.setObjectName("boardReceive")
        self.pass_button = QPushButton(self.tr("Pass selected (F8)"))
        self.pass_button.setObjectName("boardPass")
        no_default(refresh, self.send_button, self.receive_button, self.pass_button)
        self.send_button.clicked.connect(lambda: self.batch(ItemStatus.SENT))
        self.receive_button.clicked.connect(lambda: self.batch(ItemStatus.RETURNED))
        self.pass_button.clicked.connect(lambda: self.batch(ItemStatus.READY))
        self.count = QLabel()
        self.count.setObjectName("boardCount")
        self.count.setWordWrap(True)

        self.model = PagedRowsModel([
            Column(self.tr("Item"), lambda r: r.code, self._alarm),
            Column(self.tr("Customer"), lambda r: r.customer_name, self._alarm),
            Column(self.tr("Product"), lambda r: r.product, self._alarm),
            Column(self.tr("Order"), lambda r: r.order_number, self._alarm),
            Column(self.tr("Lab"), lambda r: r.lab_name or "", self._alarm),
            Column(self.tr("Status"), lambda r: status_name(r.status), lambda r: self._alarm(r) or STATUS_COLOURS[r.status]),
            Column(self.tr("Since"), lambda r: local_time(r.status_at), self._alarm),
            Column(self.tr("Expected back"), lambda r: date_text(r.expected_return), self._alarm),
            Column(self.tr("Days late"), self._late, self._alarm, align_right=True),
            Column(self.tr("Shelf"), lambda r: r.shelf or "", self._alarm),
            Column(self.tr("Last step by"), lambda r: r.staff_name or "", self._alarm),
        ], page_size=boards.PAGE_SIZE, parent=self)
        self.table = QTableView()
        self.table.setObjectName("boardTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # fixed widths (not sized to contents): a board of a hundred rows appears without measuring each
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((120, 150, 130, 100, 100, 80, 130, 100, 70, 60, 90)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.show_history(self.model.row(index).code))

        chooser_row = QHBoxLayout()
        chooser_row.addWidget(QLabel(self.tr("Board")))
        chooser_row.addWidget(self.chooser)
        chooser_row.addWidget(QLabel(self.tr("Not collected after")))
        chooser_row.addWidget(self.days_box)
        chooser_row.addStretch(1)
        chooser_row.addWidget(refresh)
        filters = QGridLayout()  # two rows: the page fits a small screen
        for i, (label, widget) in enumerate(((self.tr("Lab"), self.lab), (self.tr("Product"), self.product),
                                             (self.tr("Last step by"), self.staff), (self.tr("From"), self.date_from),
                                             (self.tr("To"), self.date_to))):
            filters.addWidget(QLabel(label), i // 3, 2 * (i % 3))
            filters.addWidget(widget, i // 3, 2 * (i % 3) + 1)
        filters.setColumnStretch(6, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.count, 1)
        actions.addWidget(self.send_button)
        actions.addWidget(self.receive_button)
        actions.addWidget(self.pass_button)
        layout = QVBoxLayout(self)
        layout.addLayout(chooser_row)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

        for combo in (self.chooser, self.lab, self.product, self.staff):
            combo.currentIndexChanged.connect(self.refresh)
        self.date_from.editingFinished.connect(self.refresh)
        self.date_to.editingFinished.connect(self.refresh)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        QShortcut(QKeySequence("F6"), self, lambda: self.batch(ItemStatus.SENT))
        QShortcut(QKeySequence("F7"), self, lambda: self.batch(ItemStatus.RETURNED))
        QShortcut(QKeySequence("F8"), self, lambda: self.batch(ItemStatus.READY))
        QShortcut(QKeySequence("Ctrl+H"), self, self.show_history)
        self.loaded = False
        self.today = ctx.clock.today()
        self._counted: BoardFilter | None = None
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._counts)

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(everything, None)
        return combo

    def load_options(self) -> None:
        """Fill the filters (labs, products, staff) and the chooser's counts."""
        options = self.ctx.run(boards.filter_options, parent=self)
        if options is not None:
            for combo, entries in ((self.lab, options.labs), (self.product, options.product_types),
                                   (self.staff, options.staff)):
                combo.blockSignals(True)
                chosen = combo.currentData()
                while combo.count() > 1:
                    combo.removeItem(1)
                for entry in entries:
                    combo.addItem(entry.name, entry.id)
                combo.setCurrentIndex(max(0, combo.findData(chosen)))
                combo.blockSignals(False)
        self.days = self.ctx.run(boards.uncollected_days, parent=self) or boards.DEFAULT_UNCOLLECTED_DAYS
        self.days_box.blockSignals(True)
        self.days_box.setValue(self.days)
        self.days_box.blockSignals(False)
        self.apply_permissions()
        self.loaded = True

    def apply_permissions(self) -> None:
        self.days_box.setEnabled(may(self.ctx, Permission.MANAGE_SETTINGS))
        tracks = may(self.ctx, Permission.TRACK_ITEMS)
        for button in (self.send_button, self.receive_button, self.pass_button):
            button.setVisible(tracks)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self.loaded:
            self.load_options()
            self.refresh()

    # -- reading -----------------------------------------------------------------------
    def board(self) -> Board:
        return Board(self.chooser.currentData())

    def choose(self, board: Board) -> None:
        if not self.loaded:
            self.load_options()
        if self.chooser.currentData() == board:
            self.refresh()
        else:
            self.chooser.setCurrentIndex(self.chooser.findData(board))  # refreshes

    def filters(self) -> BoardFilter | None:
        """The filters as chosen; None (and the field marked) when a date is not a date."""
        for field in (self.date_from, self.date_to):
            if field.problem() is not None:
                field.setFocus()
                self.count.setText(field.problem() or "")
                return None
        return BoardFilter(lab_id=self.lab.currentData(), product_type_id=self.product.currentData(),
                           date_from=self.date_from.value(), date_to=self.date_to.value(),
                           staff_id=self.staff.currentData())

    def refresh(self) -> None:
        flt = self.filters()
        if flt is None:
            return
        board = self.board()

        def page(offset: int) -> tuple[list[BoardRow], bool]:
            try:
                return self.ctx.call(boards.board_page, board, flt, offset=offset)
            except StudioError as exc:
                show_refusal(self, exc)
            except Exception as exc:  # noqa: BLE001 - a bug: reported once, the page lives on
                bugs.report(self, exc)
            return [], False

        self.today = self.ctx.clock.today()
        self.model.start(page)
        self.count.setText(self.tr("{n} items shown; select rows (Shift/Ctrl+click, Ctrl+A) and press a key").format(
            n=f"{len(self.model.rows)}{'+' if self.model.canFetchMore() else ''}"))
        self._counted = flt
        self._count_timer.start()  # the chooser's counts (every board) follow once the rows are on screen

    def _counts(self) -> None:
        flt = self._counted
        if flt is None:
            return
        counts = self.ctx.run(boards.board_counts, flt, parent=self) or {}
        for i in range(self.chooser.count()):
            board = Board(self.chooser.itemData(i))
            name = self.tr(BOARD_NAMES[board]).format(days=self.days)
            self.chooser.setItemText(i, f"{name} ({counts[board]})" if board in counts else name)
        n = counts.get(self.board(), len(self.model.rows))
        self.count.setText(self.tr("{n} items; select rows (Shift/Ctrl+click, Ctrl+A) and press a key").format(n=n))

    def _late(self, row: BoardRow) -> str:
        if row.status is ItemStatus.SENT and row.expected_return is not None and row.expected_return < self.today:
            return str((self.today - row.expected_return).days)
        return ""

    def _alarm(self, row: BoardRow) -> QColor | None:
        late = (row.status is ItemStatus.SENT and row.expected_return is not None
                and row.expected_return < self.today)
        return OVERDUE if late else None

    # -- acting -------------------------------------------------------------------------
    def selected_codes(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row(r).code for r in rows]

    def batch(self, target: ItemStatus) -> lifecycle.BatchResult | None:
        """The selected rows, moved to ``target`` in one batch through the lifecycle service."""
        codes = self.selected_codes()
        if not codes:
            QMessageBox.information(self, "StudioDesk", self.tr("Select the rows first (click, Shift/Ctrl+click, "
                                                                "or Ctrl+A for all shown), then press the key."))
            return None
        lab = self.lab.currentData() if target is ItemStatus.SENT else None
        result = self.ctx.run(lifecycle.transition_many, codes, target, lab_id=lab, parent=self)
        if result is None:
            return None
        lines = [self.tr("{done} done, {same} unchanged, {refused} refused.").format(
            done=len(result.done), same=len(result.unchanged), refused=len(result.refused))]
        lines += [f"{code}: {render(why)}" for code, why in result.refused[:20]]
        if len(result.refused) > 20:
            lines.append(self.tr("… and {n} more").format(n=len(result.refused) - 20))
        if result.done:
            self.changed.emit()
        self.refresh()
        QMessageBox.information(self, "StudioDesk", "\n".join(lines))
        return result

    def _save_days(self) -> None:
        days = self.days_box.value()
        if days == self.days:
            return
        if self.ctx.run(studio_service.set_setting, boards.UNCOLLECTED_DAYS, str(days), parent=self) is None:
            self.days_box.setValue(self.days)
            return
        self.days = days
        self.refresh()

    def show_history(self, code: str | None = None) -> ItemHistoryDialog | None:
        if not code:
            index = self.table.currentIndex()
            code = self.model.row(index).code if index.isValid() else None
        self.history = open_history(self.ctx, code, self)
        return self.history
