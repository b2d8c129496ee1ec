"""Qt item models fed plain rows from services (no database access here).

:class:`RowsModel` shows any list of dataclass rows through column definitions;
:class:`PagedRowsModel` asks a page function for more rows as the view scrolls
(``canFetchMore``/``fetchMore``), so ten years of orders never load at once.
:class:`HeldRowsModel` keeps a scan log's rows as Qt's own items (painted without Python).
:class:`ColumnFitter` sizes a view's columns to their texts once per result.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel, QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal,
)
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

Index = QModelIndex | QPersistentModelIndex

# Roles as plain ints: a view asks data() for 7 or 8 roles of every cell it paints or
# measures, and comparing ints is the cheapest answer to "not this one".
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_CHECKABLE = Qt.ItemFlag.ItemIsUserCheckable


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    background: Callable[[Any], QColor | None] | None = None
    align_right: bool = False


class RowsModel(QAbstractTableModel):
    rows_replaced = Signal()  # a new list of rows is shown (set_rows or update_rows)

    def __init__(self, columns: Sequence[Column], parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.replacing = False  # inside update_rows: rows come and go as one change
        # per row, once it is first shown: its texts and its cells' brushes (None: no colour)
        self._cells: list[tuple[list[str], list[QBrush | None]] | None] = []
        self._alignments = [_RIGHT if c.align_right else None for c in self.columns]
        self._coloured = any(c.background is not None for c in self.columns)

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show these rows instead: the model is reset (views forget selection and scrolling)."""
        self.beginResetModel()
        self.rows = list(rows)
        self._cells = [None] * len(self.rows)
        self.endResetModel()
        self.rows_replaced.emit()

    def update_rows(self, rows: Sequence[Any]) -> None:
        """Show these rows instead, with the smallest change: a row equal to the one already
        at its place stays as it is (not formatted or painted again), the others are
        replaced, and rows are removed or added at the end. No reset: the views keep their
        header and do not repaint what did not change (search as you type)."""
        new = list(rows)
        old_count, new_count = len(self.rows), len(new)
        self.replacing = True
        try:
            if new_count < old_count:
                self.beginRemoveRows(QModelIndex(), new_count, old_count - 1)
                del self.rows[new_count:]
                del self._cells[new_count:]
                self.endRemoveRows()
            changed: list[int] = []
            for i in range(min(old_count, new_count)):
                if self.rows[i] != new[i]:
                    self.rows[i] = new[i]
                    self._cells[i] = None
                    changed.append(i)
            last_column = len(self.columns) - 1
            start = 0
            while start < len(changed):  # one signal per run of changed rows: only they repaint
                end = start
                while end + 1 < len(changed) and changed[end + 1] == changed[end] + 1:
                    end += 1
                self.dataChanged.emit(self.index(changed[start], 0), self.index(changed[end], last_column))
                start = end + 1
            if new_count > old_count:
                self.beginInsertRows(QModelIndex(), old_count, new_count - 1)
                self.rows.extend(new[old_count:])
                self._cells.extend([None] * (new_count - old_count))
                self.endInsertRows()
        finally:
            self.replacing = False
        self.rows_replaced.emit()

    def insert_row(self, at: int, row: Any) -> None:
        """One row added at ``at`` (a scan's line, a log entry), the others left as they are."""
        self.beginInsertRows(QModelIndex(), at, at)
        self.rows.insert(at, row)
        self._cells.insert(at, None)
        self.endInsertRows()

    def remove_row(self, at: int) -> None:
        self.beginRemoveRows(QModelIndex(), at, at)
        del self.rows[at]
        del self._cells[at]
        self.endRemoveRows()

    def _format(self, row: int) -> tuple[list[str], list[QBrush | None]]:
        """Display texts and colours, worked out once per row: views ask for them many
        times (painting, measuring column widths), and money, dates and names are not free."""
        item = self.rows[row]
        texts = [c.text(item) for c in self.columns]
        brushes: list[QBrush | None] = []
        if self._coloured:
            for c in self.columns:
                colour = c.background(item) if c.background is not None else None
                brushes.append(QBrush(colour) if colour is not None else None)
        cells = self._cells[row] = (texts, brushes)
        return cells

    def text(self, row: int, column: int) -> str:
        """What the cell shows (the display text), formatted once per row."""
        return (self._cells[row] or self._format(row))[0][column]

    def texts(self, row: int) -> list[str]:
        """What the cells of a row show, formatted once per row."""
        return (self._cells[row] or self._format(row))[0]

    def row(self, index: Index | int) -> Any:
        return self.rows[index if isinstance(index, int) else index.row()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY:
            row = index.row()
            return (self._cells[row] or self._format(row))[0][index.column()]
        if role == _BACKGROUND:
            if not self._coloured:
                return None
            row = index.row()
            return (self._cells[row] or self._format(row))[1][index.column()]
        if role == _ALIGNMENT:
            return self._alignments[index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None


class PagedRowsModel(RowsModel):
    """Rows arrive page by page from ``fetch(offset) -> (rows, more)``: ``offset`` counts
    pages times ``page_size`` and ``more`` says whether another page may follow."""

    def __init__(self, columns: Sequence[Column], page_size: int, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(columns, parent)
        self.page_size = page_size
        self._fetch: Callable[[int], tuple[Sequence[Any], bool]] | None = None
        self._offset = 0
        self._more = False

    def start(self, fetch: Callable[[int], tuple[Sequence[Any], bool]] | None, in_place: bool = False) -> None:
        """Begin a new result: the first page now, the rest as the view asks. ``in_place``
        shows it with :meth:`update_rows` (search as you type) instead of a reset."""
        self._fetch = fetch
        first, self._more = fetch(0) if fetch else ([], False)
        self._offset = self.page_size
        if in_place:
            self.update_rows(first)
        else:
            self.set_rows(list(first))

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or not self._more or self._fetch is None:
            return
        page, self._more = self._fetch(self._offset)
        page = list(page)
        self._offset += self.page_size
        if not page:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
        self.rows.extend(page)
        self._cells.extend([None] * len(page))
        self.endInsertRows()


class HeldRowsModel(QStandardItemModel):
    """Rows that come and go whole, a scan at a time (a scan log, a shipment's lines), held
    as Qt's own items: a view paints them without calling Python for each cell. A scan that
    adds a row at the top moves every row below it, and painting a screenful through
    :class:`RowsModel` (seven roles asked per cell) took longer than the scan itself.
    Offers what those lists use of :class:`RowsModel`."""

    rows_replaced = Signal()

    def __init__(self, columns: Sequence[Column], parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(0, len(columns), parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.replacing = False
        self.setHorizontalHeaderLabels([c.header for c in self.columns])

    def _items(self, row: Any) -> list[QStandardItem]:
        items = []
        for column in self.columns:
            item = QStandardItem(column.text(row))
            item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
            colour = column.background(row) if column.background is not None else None
            if colour is not None:
                item.setBackground(QBrush(colour))
            if column.align_right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        return items

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.replacing = True
        try:
            self.removeRows(0, self.rowCount())
            self.rows = list(rows)
            for row in self.rows:
                self.appendRow(self._items(row))
        finally:
            self.replacing = False
        self.rows_replaced.emit()

    def insert_row(self, at: int, row: Any) -> None:
        self.rows.insert(at, row)
        self.insertRow(at, self._items(row))

    def remove_row(self, at: int) -> None:
        del self.rows[at]
        self.removeRow(at)

    def row(self, index: Index | int) -> Any:
        return self.rows[index if isinstance(index, int) else index.row()]

    def text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""

    def texts(self, row: int) -> list[str]:
        return [self.text(row, c) for c in range(len(self.columns))]


class ColumnFitter(QObject):
    """A table's columns as wide as their texts, one column taking the spare width.

    The widths are what Qt's ``ResizeToContents`` gives (the widest of the first
    :attr:`PRECISION` rows' texts, or the header's title), but measured once when a
    result arrives (``rows_replaced``, or a reset of a model of another kind) and for
    rows loaded later (they widen a column, never narrow it while someone scrolls).
    ``ResizeToContents`` measured every cell through the delegate on every layout
    pass, up to three times per keystroke of a search.
    """

    PRECISION = 40  # rows measured from the top of a result: a long result stays quick
    _CACHE_LIMIT = 20_000  # text widths remembered; forgotten all at once beyond this

    def __init__(self, view: QTableView, stretch: int) -> None:
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        self.fits = 0  # how many times the widths were measured (tests count them)
        self._widths: dict[str, int] = {}  # text -> cell width
        self._titles: dict[int, int] = {}  # column -> the header's width for its title
        self._font_key = ""
        self._metrics = QFontMetricsF(view.font())
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(self.PRECISION)  # resizeColumnToContents measures alike
        model = view.model()
        if isinstance(model, RowsModel | HeldRowsModel):
            model.rows_replaced.connect(self.fit)
        else:
            model.modelReset.connect(self.fit)
        model.rowsInserted.connect(self._rows_inserted)
        model.columnsInserted.connect(self.fit)
        self.fit()

    def fit(self) -> None:
        """Measure the first rows again and set every column's width."""
        self._measure(0, self.PRECISION - 1, widen_only=False)

    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if getattr(self.view.model(), "replacing", False):
            return  # part of a new result: measured as a whole when it is in
        if not parent.isValid():
            self._measure(first, min(last, first + self.PRECISION - 1), widen_only=True)

    def _measure(self, first: int, last: int, widen_only: bool) -> None:
        self.fits += 1
        view, model = self.view, self.view.model()
        header = view.horizontalHeader()
        width, titles = self._measures()
        texts = model.texts if isinstance(model, RowsModel | HeldRowsModel) else (
            lambda r: [_plain(model, r, c) for c in range(model.columnCount())])
        rows = [texts(r) for r in range(first, min(last, model.rowCount() - 1) + 1)]
        low, high = header.minimumSectionSize(), header.maximumSectionSize()
        for column in range(model.columnCount()):
            if column == self.stretch or header.isSectionHidden(column):
                continue
            wanted = titles.get(column)
            if wanted is None:  # the title: asked once, it does not change
                wanted = titles[column] = header.sectionSizeHint(column)
            # a tick box beside the text (the waiting list's first column) takes its own width
            tick = self._tick_width() if rows and model.flags(model.index(first, column)) & _CHECKABLE else 0
            for row in rows:
                wanted = max(wanted, width(row[column]) + tick)
            wanted = max(low, min(wanted, high))
            now = header.sectionSize(column)
            if widen_only:
                wanted = max(wanted, now)
            if wanted != now:
                header.resizeSection(column, wanted)

    def _tick_width(self) -> int:
        """The width a cell's tick box takes beside its text, as the view's delegate lays it out."""
        style, view = self.view.style(), self.view
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        return style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, view) + 2 * margin

    def _measures(self) -> tuple[Callable[[str], int], dict[int, int]]:
        """The width of a cell showing a text, as the view's delegate sizes it (the text's
        advance rounded up, the style's margin on each side, the grid line), and the
        titles' widths; both remembered until the font or the style changes."""
        view = self.view
        font = view.font()
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + (
            1 if view.showGrid() else 0)
        key = f"{font.key()}|{view.horizontalHeader().font().key()}|{view.style().name()}|{margin}|{view.logicalDpiX()}"
        if key != self._font_key or len(self._widths) > self._CACHE_LIMIT:
            self._widths.clear()
            self._titles.clear()
            self._font_key = key
            self._metrics = QFontMetricsF(font, view)  # the view's screen, as its delegate measures
        widths, metrics = self._widths, self._metrics

        def width(text: str) -> int:
            known = widths.get(text)
            if known is None:
                lines = text.split("\n") if "\n" in text else (text,)
                known = widths[text] = max(math.ceil(metrics.horizontalAdvance(line)) for line in lines) + margin
            return known

        return width, self._titles


def _plain(model: QAbstractItemModel, row: int, column: int) -> str:
    value = model.data(model.index(row, column))
    return "" if value is None else str(value)
