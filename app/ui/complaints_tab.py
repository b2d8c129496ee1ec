"""The Complaints tab (客诉): the customer-service desk's complaints, handled through the 4A steps.

Pages: the list to work on (overdue steps in red and counted), the monthly complaint board
(投诉曝光台: by category, position and staff, the complaint rate and a 12-month trend) and
the lab scorecard. Ctrl+N records a new complaint from a phone search; Enter opens the one
selected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QTabWidget,
    QVBoxLayout, QWidget,
)

from ..services import complaints, follow_ups
from ..services.complaints import BoardGroup, ComplaintRow, LabScore, MonthlyBoard
from ..services.errors import StudioError
from ..services.staff import Permission
from . import names
from .common import OVERDUE_COLOUR, may, month_chooser, no_default, percent, rows_view
from .context import AppContext, BackgroundTask
from .customer_pages import ChannelsPage, TiersPage
from .follow_ups_page import FollowUpsPage, StaffScoresPage
from .i18n import local_time
from .table_models import Column, RowsModel

if TYPE_CHECKING:
    from .complaints_dialogs import ComplaintDialog, DeadlinesDialog, NewComplaintDialog

OVERDUE_REFRESH_MS = 60_000








class ComplaintListPage(QWidget):
    """The complaints to work on, the most pressing first; closed ones on request."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: ComplaintDialog | NewComplaintDialog | DeadlinesDialog | None = None
        self.new_button = QPushButton(self.tr("&New complaint… (Ctrl+N)"))
        self.new_button.setObjectName("newComplaint")
        self.new_button.clicked.connect(self.new_complaint)
        no_default(self.new_button)
        self.deadlines_button = QPushButton(self.tr("Step &deadlines…"))
        self.deadlines_button.setObjectName("complaintDeadlines")
        self.deadlines_button.clicked.connect(self.edit_deadlines)
        no_default(self.deadlines_button)
        self.show_closed = QCheckBox(self.tr("Show &closed"))
        self.show_closed.setObjectName("showClosed")
        self.show_closed.toggled.connect(lambda _on: self.refresh())
        self.overdue_label = QLabel()
        self.overdue_label.setObjectName("complaintsOverdue")
        self.overdue_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.model = RowsModel([
            Column(self.tr("No."), lambda r: str(r.id), self._colour, align_right=True),
            Column(self.tr("Received"), lambda r: local_time(r.received_at)),
            Column(self.tr("Customer"), lambda r: r.customer_name),
            Column(self.tr("Category"), lambda r: names.choice_name(r.category)),
            Column(self.tr("Severity"), lambda r: names.name(r.severity)),
            Column(self.tr("Status"), lambda r: names.name(r.status)),
            Column(self.tr("Next step"), lambda r: names.name(r.next_step), self._colour),
            Column(self.tr("Due"), lambda r: local_time(r.due_at), self._colour),
            Column(self.tr("Overdue steps"), lambda r: str(r.overdue_steps) if r.overdue_steps else "", self._colour,
                   align_right=True),
            Column(self.tr("Owner"), lambda r: r.owner or ""),
            Column(self.tr("Complaint"), lambda r: r.description.replace("\n", " ")),
        ], self)
        self.table = rows_view(self.model, 10, "complaintRows")
        self.table.activated.connect(lambda index: self.open_complaint(self.model.row(index).id))
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.show_closed)
        top.addStretch(1)
        top.addWidget(self.overdue_label)
        top.addWidget(self.deadlines_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_complaint)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        self.loaded = False

    @staticmethod
    def _colour(row: ComplaintRow) -> QColor | None:
        return OVERDUE_COLOUR if row.overdue else None

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        """Read again whenever the page comes to the front (another station may have recorded
        or handled complaints; one index range, a few ms)."""
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        rows = self.ctx.run(complaints.complaint_list, include_closed=self.show_closed.isChecked(), parent=self)
        if rows is None:
            return
        self.loaded = True
        current = self.table.currentIndex()
        keep = self.model.row(current).id if current.isValid() else None
        self.model.set_rows(rows)
        at = next((i for i, r in enumerate(rows) if r.id == keep), 0)
        if rows:
            self.table.selectRow(at)

    def new_complaint(self) -> NewComplaintDialog | None:
        from .complaints_dialogs import NewComplaintDialog  # loaded when first needed: a quicker start

        if not may(self.ctx, Permission.HANDLE_COMPLAINTS):
            return None
        dialog = NewComplaintDialog(self.ctx, self)
        dialog.recorded.connect(self._recorded)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _recorded(self, complaint_id: int) -> None:
        self.refresh()
        self.changed.emit()
        self.open_complaint(complaint_id)

    def open_complaint(self, complaint_id: int) -> ComplaintDialog:
        from .complaints_dialogs import ComplaintDialog

        dialog = ComplaintDialog(self.ctx, complaint_id, self)
        dialog.changed.connect(self.refresh)
        dialog.changed.connect(self.changed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def edit_deadlines(self) -> DeadlinesDialog:
        from .complaints_dialogs import DeadlinesDialog

        dialog = DeadlinesDialog(self.ctx, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def apply_permissions(self) -> None:
        self.new_button.setVisible(may(self.ctx, Permission.HANDLE_COMPLAINTS))
        self.deadlines_button.setVisible(may(self.ctx, Permission.MANAGE_SETTINGS))


class BoardPage(QWidget):
    """The monthly complaint board (投诉曝光台): counts by category, position and staff, the
    complaint rate and its 12-month trend (bars: complaints; line: rate)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.board: MonthlyBoard | None = None
        self.task: BackgroundTask | None = None
        self.month = month_chooser(ctx.clock.today(), "boardMonth")
        self.month.currentIndexChanged.connect(lambda _i: self.refresh())
        self.summary = QLabel()
        self.summary.setObjectName("boardSummary")
        self.summary.setStyleSheet("font-weight: bold;")
        footnote = QLabel(self.tr(
            "Complaint rate = complaints received in the month ÷ orders delivered in the month (orders with at "
            "least one item picked up in it). Satisfaction: the mean score of the month's complaints closed."))
        footnote.setWordWrap(True)
        footnote.setStyleSheet("color: #616161;")
        self.category_model = RowsModel([
            Column(self.tr("Category"), lambda g: names.choice_name(g.entry) if g.entry else ""),
            Column(self.tr("Complaints"), lambda g: str(g.count), align_right=True),
        ], self)
        self.position_model = RowsModel([
            Column(self.tr("Position"), lambda g: names.name(g.key) if g.key else self.tr("(not named)")),
            Column(self.tr("Complaints"), lambda g: str(g.count), align_right=True),
        ], self)
        self.staff_model = RowsModel([
            Column(self.tr("Staff"), self._staff_name),
            Column(self.tr("Complaints"), lambda g: str(g.count), align_right=True),
        ], self)
        tables = QHBoxLayout()
        for model, name in ((self.category_model, "boardCategories"), (self.position_model, "boardPositions"),
                            (self.staff_model, "boardStaff")):
            tables.addWidget(rows_view(model, 0, name))
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setTitle(self.tr("Complaints and complaint rate, 12 months"))
        self.bars = QBarSet(self.tr("Complaints"))
        self.bars.setColor("#ef6c00")
        self.bar_series = QBarSeries()
        self.bar_series.append(self.bars)
        self.rate_line = QLineSeries()
        self.rate_line.setName(self.tr("Complaint rate (%)"))
        self.rate_line.setColor("#1565c0")
        self.chart.addSeries(self.bar_series)
        self.chart.addSeries(self.rate_line)
        self.months_axis = QBarCategoryAxis()
        self.chart.addAxis(self.months_axis, Qt.AlignmentFlag.AlignBottom)
        self.bar_series.attachAxis(self.months_axis)
        self.rate_line.attachAxis(self.months_axis)
        self.count_axis = QValueAxis()
        self.count_axis.setLabelFormat("%d")
        self.chart.addAxis(self.count_axis, Qt.AlignmentFlag.AlignLeft)
        self.bar_series.attachAxis(self.count_axis)
        self.rate_axis = QValueAxis()
        self.rate_axis.setLabelFormat("%.1f %%")
        self.chart.addAxis(self.rate_axis, Qt.AlignmentFlag.AlignRight)
        self.rate_line.attachAxis(self.rate_axis)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("boardTrend")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(160)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month")))
        top.addWidget(self.month)
        top.addWidget(self.summary, 1)
        lists = QWidget()
        lists.setLayout(tables)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(lists)
        split.addWidget(self.chart_view)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(footnote)
        self.loaded = False

    def _staff_name(self, group: BoardGroup) -> str:
        return group.name if group.key is not None else self.tr("(not named)")

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            self.refresh()

    def refresh(self) -> None:
        if self.task is not None and self.task.running:
            return
        year, month = self.month.currentData()
        self.task = self.ctx.run_in_background(complaints.monthly_board, year, month,
                                               label=self.tr("Counting complaints…"), parent=self,
                                               on_done=self.show_board)

    def show_board(self, board: MonthlyBoard) -> None:
        self.board = board
        if (board.year, board.month) != self.month.currentData():
            QTimer.singleShot(0, self.refresh)  # the month changed while counting
        self.summary.setText(self.tr(
            "{month}: {complaints} complaints, {delivered} orders delivered, complaint rate {rate}; "
            "satisfaction {score}").format(
            month=f"{board.year}-{board.month:02d}", complaints=board.complaints, delivered=board.delivered,
            rate=percent(board.rate) or "–",
            score=QLocale().toString(board.satisfaction, "f", 1) if board.satisfaction is not None else "–"))
        self.category_model.set_rows(board.by_category)
        self.position_model.set_rows(board.by_position)
        self.staff_model.set_rows(board.by_staff)
        self.bars.remove(0, self.bars.count())
        self.rate_line.clear()
        labels = []
        for i, point in enumerate(board.trend):
            self.bars.append(point.complaints)
            self.rate_line.append(i, round(100 * (point.rate or 0.0), 2))
            labels.append(f"{point.year % 100:02d}-{point.month:02d}")
        self.months_axis.setCategories(labels)
        self.count_axis.setRange(0, max([p.complaints for p in board.trend] + [1]) * 1.2)
        self.count_axis.applyNiceNumbers()
        self.rate_axis.setRange(0, max([100 * (p.rate or 0.0) for p in board.trend] + [1.0]) * 1.2)
        self.rate_axis.applyNiceNumbers()


class LabScorePage(QWidget):
    """The lab scorecard per lab and month: turnaround, share late, rework rate, complaints."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.month = month_chooser(ctx.clock.today(), "scoreMonth")
        self.month.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model = RowsModel([
            Column(self.tr("Lab"), lambda s: s.name or self.tr("(no lab)")),
            Column(self.tr("Returned"), lambda s: str(s.returned), align_right=True),
            Column(self.tr("Median turnaround (days)"), self._median, align_right=True),
            Column(self.tr("Late"), lambda s: percent(s.late_share), align_right=True),
            Column(self.tr("Reworks"), lambda s: str(s.reworks), align_right=True),
            Column(self.tr("Rework rate"), lambda s: percent(s.rework_rate), align_right=True),
            Column(self.tr("Complaints traced"), lambda s: str(s.complaints), align_right=True),
        ], self)
        self.table = rows_view(self.model, 0, "labScores")
        footnote = QLabel(self.tr(
            "Items returned from each lab in the month: days from being sent to being returned (median); late: "
            "returned after the lab's turnaround for the product; rework rate: reworks ÷ returns; complaints whose "
            "fault was traced to the lab."))
        footnote.setWordWrap(True)
        footnote.setStyleSheet("color: #616161;")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month")))
        top.addWidget(self.month)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(footnote)
        self.loaded = False

    @staticmethod
    def _median(score: LabScore) -> str:
        return "" if score.median_days is None else QLocale().toString(float(score.median_days), "f", 1)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            self.refresh()

    def refresh(self) -> None:
        year, month = self.month.currentData()
        rows = self.ctx.run(complaints.lab_scorecard, year, month, parent=self)
        if rows is not None:
            self.model.set_rows(rows)


class ComplaintsTab(QWidget):
    """The fourth tab: complaints, the monthly board, the lab scorecard. Its title counts the
    overdue steps of open complaints."""

    overdue_changed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.overdue = 0
        self.pages = QTabWidget()
        self.pages.setObjectName("complaintPages")
        self.list = ComplaintListPage(ctx)
        self.board = BoardPage(ctx)
        self.scores = LabScorePage(ctx)
        self.follow_ups = FollowUpsPage(ctx)
        self.staff_scores = StaffScoresPage(ctx)
        self.pages.addTab(self.list, self.tr("Complaints"))
        self.pages.addTab(self.board, self.tr("Monthly board"))
        self.pages.addTab(self.scores, self.tr("Lab scorecard"))
        self.pages.addTab(self.follow_ups, self.tr("Follow-ups"))
        self.pages.addTab(self.staff_scores, self.tr("Staff scores"))
        self.channels = ChannelsPage(ctx)
        self.tiers = TiersPage(ctx)
        self.pages.addTab(self.channels, self.tr("Channels"))
        self.pages.addTab(self.tiers, self.tr("Customer tiers"))
        self.follow_ups.changed.connect(self.refresh_overdue)  # a complaint's call may close its Anticipate step
        try:  # at start: what happened since the last run becomes calls to make (once each)
            ctx.call(follow_ups.generate_due_calls)
        except StudioError:
            pass
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.list.changed.connect(self.refresh_overdue)
        self.list.changed.connect(self._stale)
        self.timer = QTimer(self, interval=OVERDUE_REFRESH_MS)
        self.timer.timeout.connect(self.refresh_overdue)
        self.timer.start()
        self.refresh_overdue()

    def _stale(self) -> None:
        """A complaint changed: the board and the scorecard count again when next shown."""
        self.board.loaded = self.scores.loaded = self.tiers.loaded = self.staff_scores.loaded = False

    def refresh_overdue(self) -> int:
        try:
            self.overdue = self.ctx.call(complaints.overdue_steps)
        except StudioError:
            return self.overdue
        self.list.overdue_label.setText(
            self.tr("Overdue steps: {n}").format(n=self.overdue) if self.overdue else "")
        self.overdue_changed.emit(self.overdue)
        return self.overdue

    def title(self) -> str:
        if self.overdue:
            return self.tr("Com&plaints ({n} overdue)").format(n=self.overdue)
        return self.tr("Com&plaints")

    def apply_permissions(self) -> None:
        self.list.apply_permissions()
        self.tiers.apply_permissions()
        self.follow_ups.apply_permissions()
