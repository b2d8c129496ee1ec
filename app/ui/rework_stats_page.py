"""Rework statistics (返工统计): rework count and rate by lab, product type or reason for a
period, as a table and a bar chart of the rates; what was typed for a reason below it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from ..services import rework_stats
from ..services.rework_stats import Group, Period, ReworkStats
from .common import OptionalDateEdit, fit_columns, mark, no_default, percent
from .context import AppContext, BackgroundTask
from .names import choice_name
from .table_models import Column, RowsModel

CUSTOM = "custom"
BY_LAB, BY_PRODUCT, BY_REASON = "lab", "product", "reason"




class ReworkStatsPage(QWidget):
    """Period at the top (this month by default; last month, this year, or any two days),
    the breakdown (by lab, product type, reason), then the table beside its chart."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stats: ReworkStats | None = None
        self.task: BackgroundTask | None = None
        self._again = False
        self.period = QComboBox()
        self.period.setObjectName("reworkPeriod")
        for label, value in ((self.tr("This month"), Period.THIS_MONTH), (self.tr("Last month"), Period.LAST_MONTH),
                             (self.tr("This year"), Period.THIS_YEAR), (self.tr("Other dates"), CUSTOM)):
            self.period.addItem(label, value)
        self.first = OptionalDateEdit(today=ctx.clock.today)
        self.first.setObjectName("reworkFrom")
        self.last = OptionalDateEdit(today=ctx.clock.today)
        self.last.setObjectName("reworkTo")
        self.breakdown = QComboBox()
        self.breakdown.setObjectName("reworkBreakdown")
        for label, value in ((self.tr("By lab"), BY_LAB), (self.tr("By product type"), BY_PRODUCT),
                             (self.tr("By reason"), BY_REASON)):
            self.breakdown.addItem(label, value)
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.setObjectName("reworkShow")
        self.show_button.clicked.connect(self.refresh)
        no_default(self.show_button)
        self.summary = QLabel()
        self.summary.setObjectName("reworkSummary")
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        definition = self.tr(
            "Rework rate = reworks ÷ items returned from the lab in the same period (rework scans with their time "
            "in the period ÷ receive scans with their time in the period, for the same lab or product type). "
            "By reason: that reason's reworks ÷ all items returned. Each scan counts for the item's lab and "
            "product type; reasons typed instead of picked from the list count as “Other”.")
        self.footnote = QLabel(definition)
        self.footnote.setObjectName("reworkFootnote")
        self.footnote.setWordWrap(True)
        self.footnote.setStyleSheet("color: #616161;")

        self.model = RowsModel([
            Column(self.tr("Name"), self.group_name),
            Column(self.tr("Reworks"), lambda g: str(g.reworks), align_right=True),
            Column(self.tr("Returned"), lambda g: str(g.returned), align_right=True),
            Column(self.tr("Rework rate"), lambda g: percent(g.rate), align_right=True),
        ], parent=self)
        self.table = QTableView()
        self.table.setObjectName("reworkRows")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setToolTip(definition)
        fit_columns(self.table, 0)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self.show_typed())
        self.typed_title = QLabel()
        self.typed_model = RowsModel([
            Column(self.tr("What was typed"), lambda r: r[0] or self.tr("(nothing typed)")),
            Column(self.tr("Times"), lambda r: str(r[1]), align_right=True),
        ], parent=self)
        self.typed = QTableView()
        self.typed.setObjectName("reworkTyped")
        self.typed.setModel(self.typed_model)
        self.typed.verticalHeader().setVisible(False)
        self.typed.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(self.typed, 0)

        self.chart = QChart()
        self.chart.legend().setVisible(False)
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("reworkChart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setToolTip(definition)
        self.chart_view.setMinimumWidth(360)
        self.bars = QBarSet(self.tr("Rework rate (%)"))
        self.bars.setColor("#ef6c00")
        self.bars.setLabelColor("#212121")
        self.series = QHorizontalBarSeries()
        self.series.append(self.bars)
        self.series.setLabelsVisible(True)
        self.series.setLabelsFormat("@value %")
        self.series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.chart.addSeries(self.series)
        self.categories = QBarCategoryAxis()
        self.chart.addAxis(self.categories, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.categories)
        self.values = QValueAxis()
        self.values.setLabelFormat("%g")
        self.chart.addAxis(self.values, Qt.AlignmentFlag.AlignBottom)
        self.series.attachAxis(self.values)

        top = QHBoxLayout()
        for label, widget in ((self.tr("Period"), self.period), (self.tr("From"), self.first),
                              (self.tr("To"), self.last)):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addWidget(self.show_button)
        top.addSpacing(16)
        top.addWidget(self.breakdown)
        top.addStretch(1)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.table, 3)
        lv.addWidget(self.typed_title)
        lv.addWidget(self.typed, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.chart_view)
        split.setSizes([520, 680])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(self.footnote)

        self.period.currentIndexChanged.connect(lambda _i: self.preset())
        self.first.editingFinished.connect(self._typed_dates)
        self.last.editingFinished.connect(self._typed_dates)
        self.first.returnPressed.connect(self.refresh)
        self.last.returnPressed.connect(self.refresh)
        self.breakdown.currentIndexChanged.connect(lambda _i: self.show_stats())
        # Counted when first shown, not when the window is built: no query at start-up, and no
        # count still running in a thread when a window that never showed it closes.
        self.loaded = False
        self._preset_dates()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            self.refresh()

    # -- the period ----------------------------------------------------------------
    def preset(self) -> None:
        """Put the chosen preset's days in the date fields and count them."""
        if self._preset_dates():
            self.refresh()

    def _preset_dates(self) -> bool:
        which = self.period.currentData()
        if which == CUSTOM:
            return False
        first, last = rework_stats.period(which, self.ctx.clock.today())
        self.first.set_date(first)
        self.last.set_date(last)
        return True

    def _typed_dates(self) -> None:
        """Dates typed by hand: the preset becomes "Other dates" (counted with Show or Enter)."""
        try:
            days = (self.first.value(), self.last.value())
        except ValueError:
            return
        if self.period.currentData() != CUSTOM and days != rework_stats.period(self.period.currentData(),
                                                                              self.ctx.clock.today()):
            self.period.blockSignals(True)
            self.period.setCurrentIndex(self.period.findData(CUSTOM))
            self.period.blockSignals(False)

    def days(self) -> tuple[dt.date, dt.date] | None:
        """The period typed, or None (with the reason shown) when it is not two dates."""
        try:
            first, last = self.first.value(), self.last.value()
        except ValueError as exc:
            self.message.setText(str(exc))
            return None
        if first is None or last is None:
            widget = self.first if first is None else self.last
            mark(widget, self.tr("Type a date."), self.message)
            return None
        self.message.setText("")
        return first, last

    # -- counting --------------------------------------------------------------------
    def refresh(self) -> None:
        """Count the period's reworks in the background (a year on a 10-year studio takes a moment)."""
        days = self.days()
        if days is None:
            return
        if self.task is not None and self.task.running:
            self._again = True  # counted again with the newest dates when this one is done
            return
        self.task = self.ctx.run_in_background(
            rework_stats.rework_stats, *days, label=self.tr("Counting reworks…"), parent=self, on_done=self._counted)
        self.task.finished.connect(self._after)

    def _after(self, _result: object, _exc: object) -> None:
        if self._again:
            self._again = False
            self.refresh()

    def _counted(self, stats: ReworkStats) -> None:
        self.stats = stats
        self.show_stats()

    # -- showing -----------------------------------------------------------------------
    def group_name(self, group: Group) -> str:
        if self.breakdown.currentData() == BY_REASON:
            return choice_name(group.entry) if group.entry is not None else self.tr("Other")
        if self.breakdown.currentData() == BY_LAB and group.key is None:
            return self.tr("No lab (made in the studio)")
        return group.name

    def groups(self) -> list[Group]:
        if self.stats is None:
            return []
        which = self.breakdown.currentData()
        return {BY_LAB: self.stats.by_lab, BY_PRODUCT: self.stats.by_product,
                BY_REASON: self.stats.by_reason}[which]

    def show_stats(self) -> None:
        stats = self.stats
        groups = self.groups()
        self.model.set_rows(groups)
        if stats is not None:
            self.summary.setText(self.tr("{first} to {last}: {reworks} reworks, {returned} items returned, rework "
                                         "rate {rate}").format(
                first=stats.first_day.isoformat(), last=stats.last_day.isoformat(), reworks=stats.reworks,
                returned=stats.returned, rate=percent(stats.rate) or "–"))
        self.draw(groups)
        by_reason = self.breakdown.currentData() == BY_REASON
        self.typed_title.setVisible(by_reason)
        self.typed.setVisible(by_reason)
        if groups:
            self.table.selectRow(0)
        self.show_typed()

    def draw(self, groups: list[Group]) -> None:
        """One bar per row, its rework rate in percent: horizontal, so long names stay readable,
        the table's first row at the top. The series and axes are made once and refilled."""
        self.chart.setTitle(self.tr("Rework rate (%)") + " · " + self.breakdown.currentText())
        self.bars.remove(0, self.bars.count())
        names = []
        for group in reversed(groups):
            self.bars.append(round(100 * (group.rate or 0.0), 1))
            names.append(self.group_name(group))
        self.categories.setCategories(names)
        self.values.setRange(0, max([100 * (g.rate or 0.0) for g in groups] + [1.0]) * 1.2)
        self.values.applyNiceNumbers()

    def show_typed(self) -> None:
        """Below the table: what staff typed for the reworks of the reason selected."""
        rows: list[tuple[str, int]] = []
        index = self.table.currentIndex()
        if self.stats is not None and self.breakdown.currentData() == BY_REASON and index.isValid():
            group: Group = self.model.row(index)
            rows = self.stats.typed.get(group.key, [])
            self.typed_title.setText(self.tr("Typed with “{reason}”:").format(reason=self.group_name(group)))
        self.typed_model.set_rows(rows)
