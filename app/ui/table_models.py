"""Qt item models fed plain rows from services (no database access here).

:class:`RowsModel` shows any list of dataclass rows through column definitions;
:class:`PagedRowsModel` asks a page function for more rows as the view scrolls
(``canFetchMore``/``fetchMore``), so ten years of orders never load at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    background: Callable[[Any], QColor | None] | None = None
    align_right: bool = False


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._texts: list[list[str] | None] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._texts = [None] * len(self.rows)
        self.endResetModel()

    def _text(self, row: int, column: int) -> str:
        """Display text, formatted once per row: views ask for it many times (painting,
        measuring column widths), and money and dates are not free to format."""
        texts = self._texts[row]
        if texts is None:
            texts = self._texts[row] = [c.text(self.rows[row]) for c in self.columns]
        return texts[column]

    def row(self, index: Index | int) -> Any:
        return self.rows[index if isinstance(index, int) else index.row()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            column = self.columns[index.column()]
            if column.background is None:
                return None
            colour = column.background(self.rows[index.row()])
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[index.column()].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
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

    def start(self, fetch: Callable[[int], tuple[Sequence[Any], bool]] | None) -> None:
        """Begin a new result: the first page now, the rest as the view asks."""
        self._fetch = fetch
        first, self._more = fetch(0) if fetch else ([], False)
        self._offset = self.page_size
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
        self._texts.extend([None] * len(page))
        self.endInsertRows()
