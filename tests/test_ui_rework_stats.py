"""The rework statistics page: this month at first, a table and a bar per row with its rate,
the presets, and what was typed for a reason."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QHorizontalBarSeries
from PySide6.QtCore import Qt

from app.ui.rework_stats_page import ReworkStatsPage

from .test_rework_stats import history  # noqa: F401 - the fixture


def _page(qtbot, ctx) -> ReworkStatsPage:
    page = ReworkStatsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    qtbot.waitUntil(lambda: page.stats is not None and not page.task.running, timeout=10000)
    return page


def _bars(page: ReworkStatsPage) -> list[tuple[str, float]]:
    """(category, bar value) from the top of the chart down (the table's order)."""
    series = page.chart.series()
    assert len(series) == 1 and isinstance(series[0], QHorizontalBarSeries)
    bars = series[0].barSets()
    assert len(bars) == 1
    axis = next(a for a in page.chart.axes(Qt.Orientation.Vertical) if isinstance(a, QBarCategoryAxis))
    return list(zip(axis.categories(), [bars[0].at(i) for i in range(bars[0].count())]))[::-1]


def _cells(page: ReworkStatsPage) -> list[list[str]]:
    m = page.model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_the_page_shows_this_month_by_lab_with_a_bar_of_each_rate(qtbot, ctx, history):  # noqa: F811
    page = _page(qtbot, ctx)
    assert (page.first.value(), page.last.value()) == (dt.date(2026, 11, 1), dt.date(2026, 11, 23))
    assert _cells(page) == [["金彩相册厂", "3", "4", "75.0 %"], ["慢工画框", "1", "2", "50.0 %"]]
    assert _bars(page) == [("金彩相册厂", 75.0), ("慢工画框", 50.0)]
    assert "reworks ÷ items returned" in page.footnote.text() and "returned" in page.chart_view.toolTip()
    assert "4 reworks, 6 items returned" in page.summary.text()


def test_by_product_type_and_by_reason_with_what_was_typed(qtbot, ctx, history):  # noqa: F811
    page = _page(qtbot, ctx)
    page.breakdown.setCurrentIndex(page.breakdown.findData("product"))
    assert _bars(page) == [("7寸 摆台", 50.0), ("30P 相册", 100.0)]
    page.breakdown.setCurrentIndex(page.breakdown.findData("reason"))
    assert _bars(page) == [("Colour", pytest.approx(16.7)), ("Damaged", pytest.approx(16.7)),
                           ("Other", pytest.approx(33.3))]
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # the "other" row
    typed = [[page.typed_model.index(r, c).data() for c in range(2)] for r in range(page.typed_model.rowCount())]
    assert typed == [["相册压痕", "1"], ["第二次返工", "1"]]


def test_last_month_preset_counts_october(qtbot, ctx, history):  # noqa: F811
    page = _page(qtbot, ctx)
    page.period.setCurrentIndex(page.period.findData("last_month"))
    qtbot.waitUntil(lambda: page.stats.first_day == dt.date(2026, 10, 1) and not page.task.running, timeout=10000)
    assert _cells(page) == [["金彩相册厂", "0", "1", "0.0 %"]]
    assert _bars(page) == [("金彩相册厂", 0.0)]


def test_typed_dates_become_other_dates_and_count_on_enter(qtbot, ctx, history):  # noqa: F811
    page = _page(qtbot, ctx)
    page.first.clear()
    qtbot.keyClicks(page.first, "2026-11-12")
    qtbot.keyClick(page.first, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.stats.first_day == dt.date(2026, 11, 12) and not page.task.running, timeout=10000)
    assert page.period.currentData() == "custom"
    assert page.stats.returned == 1 and page.stats.reworks == 4


def test_the_statistics_are_counted_when_first_shown_not_when_the_window_is_built(qtbot, ctx):
    """No count at start-up, and no counting thread left running by a window that never showed
    the page (Qt aborts the program when a running thread is destroyed)."""
    page = ReworkStatsPage(ctx)
    qtbot.addWidget(page)
    assert page.task is None and page.first.value() is not None
    page.show()
    qtbot.waitUntil(lambda: page.task is not None and not page.task.running)
    assert page.stats is not None
