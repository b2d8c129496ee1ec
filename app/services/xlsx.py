"""Writing real spreadsheets with openpyxl: number formats, styles made once and copied, valid
sheet names, our own formulas apart from text people typed (never run as a formula), and rows
appended fast in write-only mode. Used by the month-end exports (:mod:`month_end`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .clock import STUDIO_TZ
from .exports import FORMULA_STARTS, force_text

Translate = Callable[[str], str]
Progress = Callable[[int, int], None]  # (done, of): steps of an export, for a progress bar

DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = '"¥"#,##0.00;-"¥"#,##0.00'
PERCENT_FORMAT = "0.0%"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def english(text: str) -> str:
    return text


class Formula(str):
    """A formula this module wrote itself (never text a person typed)."""

    __slots__ = ()


@dataclass
class Styles:
    """Cell styles made once per sheet and copied onto cells (much cheaper than setting a
    number format on every cell)."""

    ws: Any
    _made: dict[str, Any] = field(default_factory=dict)

    def get(self, kind: str) -> Any:
        if kind not in self._made:
            cell = Cell(self.ws, row=1, column=1)
            if kind == "date":
                cell.number_format = DATE_FORMAT
            elif kind == "money":
                cell.number_format = MONEY_FORMAT
            elif kind == "percent":
                cell.number_format = PERCENT_FORMAT
            elif kind == "bold":
                cell.font = Font(bold=True)
            elif kind == "bold_money":
                cell.font = Font(bold=True)
                cell.number_format = MONEY_FORMAT
            elif kind == "bold_percent":
                cell.font = Font(bold=True)
                cell.number_format = PERCENT_FORMAT
            self._made[kind] = cell._style
        return self._made[kind]


def cells_of(ws: Any, styles: Styles, values: Sequence[object], kinds: Sequence[str | None] = ()) -> list[object]:
    """One row for ``ws.append``: plain values where nothing is special (fast in write-only
    mode), cells for styled values, formulas of ours, and typed text that a spreadsheet would
    run (stored as text with the quote prefix, so editing the cell does not run it either), or
    would take for an error value (#N/A…)."""
    out: list[object] = []
    for i, value in enumerate(values):
        kind = kinds[i] if i < len(kinds) else None
        if isinstance(value, str) and "\r" in value and not isinstance(value, Formula):
            value = line_breaks(value)
        if isinstance(value, Formula):
            cell = Cell(ws, row=1, column=1, value=str(value))
        elif isinstance(value, str) and (value.startswith(FORMULA_STARTS) or value in ERROR_CODES):
            cell = Cell(ws, row=1, column=1, value=value)
            force_text(cell)  # openpyxl would store "#N/A" typed as a name as an error value
        elif kind is None or value is None:
            out.append(value)
            continue
        else:
            cell = Cell(ws, row=1, column=1, value=value)
        if kind is not None:
            cell._style = copy(styles.get(kind))
        out.append(cell)
    return out


def line_breaks(text: str) -> str:
    """A line break inside a cell is LF in Excel; a bare CR cannot survive the file's XML
    (readers turn it into LF), so CRLF and CR are written as LF and read back that way."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class Rows:
    """Appends rows of one shape (``kinds``: a style per column) to a write-only sheet fast:
    one cell per styled column, reused row after row (write-only mode writes a row the moment
    it is appended), plain values elsewhere; formulas and dangerous text as :func:`xlsx.cells_of` does."""

    def __init__(self, ws: Any, styles: Styles, kinds: Sequence[str | None]) -> None:
        self.ws, self.styles, self.kinds = ws, styles, list(kinds)
        self.cells: list[Cell | None] = []
        for kind in self.kinds:
            if kind is None:
                self.cells.append(None)
            else:
                cell = Cell(ws, row=1, column=1)
                cell._style = copy(styles.get(kind))
                self.cells.append(cell)

    def append(self, values: Sequence[object]) -> None:
        out: list[object] = []
        for value, cell in zip(values, self.cells):
            if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or "\r" in value or value in ERROR_CODES):
                out.extend(cells_of(self.ws, self.styles, [value]))
            elif cell is None or value is None:
                out.append(value)
            else:
                cell.value = value
                out.append(cell)
        self.ws.append(out)


def setup(ws: Any, widths: Sequence[float], rows: int | None = None) -> None:
    """Column widths and a frozen header row. ``rows``: how many rows a write-only sheet will
    hold, written as its dimension (openpyxl only writes one for ordinary sheets); readers
    then know the sheet's size without reading it through, which makes the check after
    writing (:func:`exports.save_workbook`) cheap."""
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    if rows is not None:
        ref = f"A1:{get_column_letter(len(widths))}{max(rows, 1)}"
        ws.calculate_dimension = lambda: ref  # what openpyxl's sheet writer asks for


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name from a lab's name: Excel refuses []:*?/\\, more than 31
    characters, a leading or trailing apostrophe and two sheets whose names differ only in case."""
    base = _SHEET_FORBIDDEN.sub("_", name).strip().strip("'").strip() or "_"
    if base.lower() == "history":  # reserved by Excel
        base += "_"
    title, n = base[:31], 1
    while title.lower() in taken:
        n += 1
        suffix = f" ({n})"
        title = base[:31 - len(suffix)] + suffix
    taken.add(title.lower())
    return title


def yuan(fen: int | None) -> float | None:
    return None if fen is None else fen / 100


def local_date(moment: dt.datetime | None) -> dt.date | None:
    return None if moment is None else moment.astimezone(STUDIO_TZ).date()


_EXCEL_EPOCH = dt.date(1899, 12, 30)


def day_serial(moment: dt.datetime | None) -> int | None:
    """The studio's date of ``moment`` as Excel stores a date (days since 1899-12-30), for a
    cell with a date format: what openpyxl would write for a date, without converting each one."""
    return None if moment is None else (moment.astimezone(STUDIO_TZ).date() - _EXCEL_EPOCH).days


def stepper(progress: Progress | None, of: int) -> Callable[[], None]:
    done = [0]

    def step() -> None:
        done[0] += 1
        if progress is not None:
            progress(min(done[0], of), of)

    if progress is not None:
        progress(0, of)
    return step


