"""Month-end Excel: each lab's month for 对账, and the manager's monthly workbook.

Both are real spreadsheets: a frozen header row, an autofilter over the rows, column widths,
date and ¥ number formats, and totals written as ``SUBTOTAL(109, …)`` (sums) and
``SUBTOTAL(103, …)`` (counts) so they stay right when a row is filtered out or deleted.
Sheet names and headers are in the staff's language: the words are English phrases here
(``*_TEXT``), and the caller hands a ``translate`` function (the window's translator, or the
command line's); the rework reason comes in ``language`` from the studio's own list.

Text that people typed (customer names, reasons, notes) is never written as a formula:
:func:`_row` stores text starting with = + - @, a tab or a line break as a string with the
quote prefix. Every workbook reaches its name through :func:`exports.save_workbook`.

The lab export is written in openpyxl's write-only mode (a busy month is ~3,900 lines);
the monthly workbook is small and has charts, so it is built in the ordinary mode.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Lab
from .clock import SYSTEM_CLOCK, STUDIO_TZ, Clock
from .exports import force_text, save_workbook
from .lab_month import LabLine, Month, lab_lines, lab_of
from .messages import Phrase, phrases
from .staff import Actor, Permission, record, require
from .studio import get_setting, set_setting

Translate = Callable[[str], str]
Progress = Callable[[int, int], None]  # (done, of): steps of the export, for a progress bar

# A studio setting: customer names go to labs only when the studio turns this on ("1").
CUSTOMER_NAMES_TO_LABS = "lab_export_customer_names"

DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = '"¥"#,##0.00;-"¥"#,##0.00'
PERCENT_FORMAT = "0.0%"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

# The lab export's words (English; translated by the caller's ``translate``).
LAB_EXPORT_TEXT = phrases({
    "summary": "Summary",
    "lab": "Lab",
    "item_code": "Item code",
    "order_number": "Order number",
    "product": "Product",
    "shipment": "Shipment",
    "sent": "Sent",
    "returned": "Returned",
    "rework": "Rework",
    "rework_reason": "Rework reason",
    "unit_price": "Unit price",
    "billed": "Amount billed",
    "customer": "Customer",
    "items": "Items",
    "reworks": "Reworks",
    "still_out": "Still at the lab",
    "bills_rework": "Bills rework",
    "yes": "yes",
    "no": "no",
    "total": "Total",
    "total_of": "Total: {what}",
    "no_price": "no price on the list",
    "month": "Month",
})


def _english(text: str) -> str:
    return text


class Formula(str):
    """A formula this module wrote itself (never text a person typed)."""

    __slots__ = ()


@dataclass
class _Styles:
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


def _row(ws: Any, styles: _Styles, values: Sequence[object], kinds: Sequence[str | None] = ()) -> list[object]:
    """One row for ``ws.append``: plain values where nothing is special (fast in write-only
    mode), cells for styled values, formulas of ours, and typed text that a spreadsheet would
    run (stored as text with the quote prefix, so editing the cell does not run it either)."""
    out: list[object] = []
    for i, value in enumerate(values):
        kind = kinds[i] if i < len(kinds) else None
        if isinstance(value, Formula):
            cell = Cell(ws, row=1, column=1, value=str(value))
        elif isinstance(value, str) and value.startswith(_FORMULA_STARTS):
            cell = Cell(ws, row=1, column=1, value=value)
            force_text(cell)
        elif kind is None or value is None:
            out.append(value)
            continue
        else:
            cell = Cell(ws, row=1, column=1, value=value)
        if kind is not None:
            cell._style = copy(styles.get(kind))
        out.append(cell)
    return out


class _Rows:
    """Appends rows of one shape (``kinds``: a style per column) to a write-only sheet fast:
    one cell per styled column, reused row after row (write-only mode writes a row the moment
    it is appended), plain values elsewhere; formulas and dangerous text as :func:`_row` does."""

    def __init__(self, ws: Any, styles: _Styles, kinds: Sequence[str | None]) -> None:
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
            if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
                out.extend(_row(self.ws, self.styles, [value]))
            elif cell is None or value is None:
                out.append(value)
            else:
                cell.value = value
                out.append(cell)
        self.ws.append(out)


def _setup(ws: Any, widths: Sequence[float]) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


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


def _yuan(fen: int | None) -> float | None:
    return None if fen is None else fen / 100


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    return None if moment is None else moment.astimezone(STUDIO_TZ).date()


def _billed_fen(line: LabLine, bills_rework: bool) -> int | None:
    """What the lab may bill for this sending: its price, but nothing for a rework unless it
    bills reworks; None when there is no price on the list."""
    if line.rework and not bills_rework:
        return 0
    return line.price_fen


# -- the lab export -------------------------------------------------------------------------

@dataclass(frozen=True)
class LabMonthTotals:
    """One lab's month as the export adds it up (fen)."""

    lab_id: int
    lab_name: str
    items: int
    returned: int
    reworks: int
    billed_fen: int


@dataclass(frozen=True)
class LabExport:
    path: Path
    month: Month
    lines: int
    labs: list[LabMonthTotals]

    @property
    def billed_fen(self) -> int:
        return sum(lab.billed_fen for lab in self.labs)


def customer_names_to_labs(session: Session) -> bool:
    """Does the studio let customer names go to labs in the month-end export? (Off until a
    manager turns it on.)"""
    return get_setting(session, CUSTOMER_NAMES_TO_LABS, "0") == "1"


def set_customer_names_to_labs(session: Session, on: bool, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> bool:
    set_setting(session, CUSTOMER_NAMES_TO_LABS, "1" if on else "0", actor, clock=clock)
    return on


def lab_month_totals(lines: Iterable[LabLine], bills_rework: dict[int, bool]) -> dict[int, LabMonthTotals]:
    """Per lab: sendings, returns, reworks and the amount it may bill (the export's figures)."""
    acc: dict[int, list[Any]] = {}
    for line in lines:
        row = acc.setdefault(line.lab_id, [line.lab_name, 0, 0, 0, 0])
        row[1] += 1
        row[2] += line.returned_at is not None
        row[3] += line.rework
        row[4] += _billed_fen(line, bills_rework.get(line.lab_id, False)) or 0
    return {k: LabMonthTotals(k, *v) for k, v in acc.items()}


def export_lab_month(
    session: Session, month: Month | str, path: Path, actor: Actor | None, *, lab: str | int | None = None,
    language: str = "zh_CN", translate: Translate | None = None, progress: Progress | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> LabExport:
    """Each lab's sendings of ``month`` (left or came back in it; see :mod:`lab_month`) to an
    Excel file: a summary sheet and one sheet per lab, rows sorted by product type then when
    they left, with each product type's and the lab's totals as SUBTOTAL formulas.

    ``actor`` None: the command line (whoever runs it holds the database file; nothing is
    recorded, the database is opened read-only). In the window: manager and production only,
    and the export is recorded in the audit log."""
    if actor is not None:
        require(actor, Permission.LAB_MONTH_END)
    month = Month.parse(month) if isinstance(month, str) else month
    tr = translate or _english
    words = {k: tr(v) for k, v in LAB_EXPORT_TEXT.items()}
    chosen = lab_of(session, lab) if lab is not None else None
    labs = [chosen] if chosen is not None else list(session.scalars(select(Lab).order_by(Lab.name)))
    bills = {x.id: bool(x.bills_rework) for x in labs}
    with_customers = customer_names_to_labs(session)
    step = _stepper(progress, len(labs) + 3)
    lines = lab_lines(session, month, lab_id=chosen.id if chosen is not None else None)
    step()
    by_lab: dict[int, list[LabLine]] = {x.id: [] for x in labs}
    for line in lines:
        by_lab.setdefault(line.lab_id, []).append(line)
    totals = lab_month_totals(lines, bills)
    shown = [x for x in labs if by_lab.get(x.id) or chosen is not None]

    wb = Workbook(write_only=True)
    taken: set[str] = set()
    summary_title = sheet_title(words["summary"], taken)
    titles = {x.id: sheet_title(x.name, taken) for x in shown}
    summary = wb.create_sheet(summary_title)
    lab_total_rows: dict[int, int] = {}
    sheets = []
    for x in shown:
        ws = wb.create_sheet(titles[x.id])
        lab_total_rows[x.id] = _lab_sheet_layout(by_lab.get(x.id, []))
        sheets.append((x, ws))
    _write_summary(summary, month, shown, titles, totals, lab_total_rows, bills, words)
    step()
    for x, ws in sheets:
        _write_lab_sheet(ws, by_lab.get(x.id, []), bills[x.id], with_customers, language, words)
        step()
    save_workbook(wb, path)
    if actor is not None:
        record(session, actor, "export.lab_month", Path(path).name,
               f"{month} {chosen.name if chosen else 'all labs'}: {len(lines)} lines"
               + (", with customer names" if with_customers else ""), clock=clock)
        session.commit()
    step()
    return LabExport(Path(path), month, len(lines), [totals[x.id] for x in shown if x.id in totals])


def _stepper(progress: Progress | None, of: int) -> Callable[[], None]:
    done = [0]

    def step() -> None:
        done[0] += 1
        if progress is not None:
            progress(min(done[0], of), of)

    if progress is not None:
        progress(0, of)
    return step


def _by_product(lines: list[LabLine]) -> list[tuple[str, list[LabLine]]]:
    """Lines grouped by product type (by name), each group in the order they left."""
    groups: dict[str, list[LabLine]] = {}
    for line in lines:
        groups.setdefault(line.product_name, []).append(line)
    return sorted(groups.items())


def _lab_sheet_layout(lines: list[LabLine]) -> int:
    """The row of the lab's grand total on its sheet: header, the lines, a blank row, one
    total row per product type, then the lab's."""
    return 1 + len(lines) + 1 + len(_by_product(lines)) + 1


LAB_COLUMNS = ("item_code", "order_number", "product", "shipment", "sent", "returned", "rework",
               "rework_reason", "unit_price", "billed")
_LAB_KINDS = (None, None, None, None, "date", "date", None, None, "money", "money", None)
_LAB_WIDTHS = (18, 14, 18, 10, 12, 12, 8, 28, 12, 14, 16)
_BILLED = get_column_letter(LAB_COLUMNS.index("billed") + 1)  # J
_COUNTED = "A"  # item codes: counted with SUBTOTAL(103, …)


def _write_lab_sheet(ws: Any, lines: list[LabLine], bills_rework: bool, with_customers: bool, language: str,
                     words: dict[str, str]) -> None:
    styles = _Styles(ws)
    columns = list(LAB_COLUMNS) + (["customer"] if with_customers else [])
    _setup(ws, _LAB_WIDTHS[:len(columns)])
    groups = _by_product(lines)
    last = 1 + len(lines)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(last, 2)}"
    ws.append(_row(ws, styles, [words[c] for c in columns], ["bold"] * len(columns)))
    yes, no = words["yes"], ""
    rows = _Rows(ws, styles, _LAB_KINDS[:len(columns)])
    for _, group in groups:
        for line in group:
            reason = line.rework_reason(language) if line.rework else None
            if reason and line.rework_note and line.rework_note != reason:
                reason = f"{reason}: {line.rework_note}"
            values: list[object] = [
                line.item_code, line.order_number, line.product_name, line.shipment_id,
                _local_date(line.sent_at), _local_date(line.returned_at), yes if line.rework else no, reason,
                _yuan(line.price_fen), _yuan(_billed_fen(line, bills_rework)),
            ]
            if with_customers:
                values.append(line.customer_name)
            rows.append(values)
    ws.append([])
    first = 2
    for name, group in groups:
        end = first + len(group) - 1
        ws.append(_total_row(ws, styles, words["total_of"].format(what=name), first, end, len(columns)))
        first = end + 1
    ws.append(_total_row(ws, styles, words["total"], 2, max(last, 2), len(columns)))


def _total_row(ws: Any, styles: _Styles, label: str, first: int, last: int, width: int) -> list[object]:
    values: list[object] = [None] * width
    kinds: list[str | None] = [None] * width
    values[0], kinds[0] = label, "bold"
    values[1] = Formula(f"=SUBTOTAL(103,{_COUNTED}{first}:{_COUNTED}{last})")
    kinds[1] = "bold"
    billed = LAB_COLUMNS.index("billed")
    values[billed] = Formula(f"=SUBTOTAL(109,{_BILLED}{first}:{_BILLED}{last})")
    kinds[billed] = "bold_money"
    return _row(ws, styles, values, kinds)


SUMMARY_COLUMNS = ("lab", "items", "returned", "reworks", "bills_rework", "billed")


def _write_summary(ws: Any, month: Month, labs: list[Lab], titles: dict[int, str],
                   totals: dict[int, LabMonthTotals], total_rows: dict[int, int], bills: dict[int, bool],
                   words: dict[str, str]) -> None:
    """One row per lab: the counts, and the amount as a reference to the lab sheet's total (so
    a row deleted there is deleted here too); the month's total as SUBTOTAL."""
    styles = _Styles(ws)
    _setup(ws, (24, 10, 10, 10, 12, 16))
    last = 1 + len(labs)
    ws.auto_filter.ref = f"A1:F{max(last, 2)}"
    ws.append(_row(ws, styles, [words[c] for c in SUMMARY_COLUMNS], ["bold"] * len(SUMMARY_COLUMNS)))
    for lab in labs:
        t = totals.get(lab.id) or LabMonthTotals(lab.id, lab.name, 0, 0, 0, 0)
        ref = f"{quote_sheetname(titles[lab.id])}!"
        total_row = total_rows[lab.id]
        ws.append(_row(ws, styles, [
            lab.name, Formula(f"={ref}B{total_row}"), t.returned, t.reworks,
            words["yes"] if bills[lab.id] else words["no"], Formula(f"={ref}{_BILLED}{total_row}"),
        ], [None, None, None, None, None, "money"]))
    ws.append([])
    ws.append(_row(ws, styles, [
        words["total"], Formula(f"=SUBTOTAL(109,B2:B{max(last, 2)})"), Formula(f"=SUBTOTAL(109,C2:C{max(last, 2)})"),
        Formula(f"=SUBTOTAL(109,D2:D{max(last, 2)})"), None, Formula(f"=SUBTOTAL(109,F2:F{max(last, 2)})"),
    ], ["bold", "bold", "bold", "bold", None, "bold_money"]))
    ws.append([])
    ws.append(_row(ws, styles, [words["month"], str(month)], ["bold", None]))


def phrase_words(table: dict[str, Phrase], translate: Translate | None) -> dict[str, str]:
    tr = translate or _english
    return {k: tr(v) for k, v in table.items()}


# -- the manager's monthly workbook -------------------------------------------------------------

MONTH_TEXT = phrases({
    "orders": "Orders",
    "revenue": "Revenue and payments",
    "payments": "Payments",
    "extras": "Extras sold",
    "balances": "Balances outstanding",
    "rework": "Rework rate",
    "channels": "Channels",
    "order_number": "Order number",
    "booked": "Booked",
    "customer": "Customer",
    "channel": "Channel",
    "package": "Package",
    "package_price": "Package price",
    "extras_amount": "Extras",
    "discount": "Discount",
    "order_total": "Order total",
    "paid": "Paid",
    "due": "Balance due",
    "cancelled": "Cancelled",
    "yes": "yes",
    "total": "Total",
    "day": "Day",
    "deposits": "Deposits",
    "balance_payments": "Balance payments",
    "refunds": "Refunds",
    "net": "Net received",
    "method": "Payment method",
    "kind": "Kind",
    "amount": "Amount",
    "note": "Note",
    "paid_at": "Paid on",
    "product": "Product",
    "item_code": "Item code",
    "price": "Price",
    "reason": "Price reason",
    "count": "Count",
    "lab": "Lab",
    "returned": "Returned from the lab",
    "reworks": "Reworks",
    "rate": "Rework rate",
    "no_lab": "no lab",
    "orders_value": "Value of the orders",
    "share": "Share",
    "as_of": "Balances as of {day}",
    "month": "Month",
})
CHANNEL_TEXT = phrases({
    "natural": "Natural (came by themselves)", "marketing": "Marketing campaign", "referral": "Referral",
    "walk_in": "Walk-in", "third_party": "Third-party platform",
})
PAYMENT_TEXT = phrases({
    "deposit": "Deposit", "balance": "Balance", "refund": "Refund", "cash": "Cash", "wechat": "WeChat Pay",
    "alipay": "Alipay", "card": "Bank card", "transfer": "Bank transfer",
})


@dataclass
class MonthBook:
    """What a sheet builder of the monthly workbook gets: the workbook, the month and the
    words. Other issues add their sheets by appending a builder to :data:`MONTH_SHEETS`."""

    wb: Workbook
    month: Month
    language: str
    translate: Translate
    clock: Clock
    taken: set[str] = field(default_factory=set)

    def sheet(self, english_title: str, widths: Sequence[float]) -> Any:
        ws = self.wb.create_sheet(sheet_title(self.translate(english_title), self.taken))
        _setup(ws, widths)
        return ws


MonthSheet = Callable[[Session, MonthBook], object]  # may return figures (name -> int) for the result
# Builders of further sheets (the complaints issue adds complaint rate and satisfaction here).
MONTH_SHEETS: list[MonthSheet] = []


@dataclass(frozen=True)
class MonthExport:
    path: Path
    month: Month
    sheets: list[str]
    orders: int
    booked_fen: int  # value of the orders booked in the month (cancelled ones left out)
    received_fen: int  # payments of the month minus its refunds


def export_month(
    session: Session, month: Month | str, path: Path, actor: Actor | None, *, language: str = "zh_CN",
    translate: Translate | None = None, progress: Progress | None = None, clock: Clock = SYSTEM_CLOCK,
) -> MonthExport:
    """The manager's monthly workbook: orders, revenue and payments, extras sold, balances
    outstanding, rework rate by lab and product type, channel split — a sheet each, with
    native Excel charts — then the sheets of :data:`MONTH_SHEETS`. ``actor`` None: the
    command line (read-only, not recorded); in the window the manager's only, audited."""
    from . import month_sheets

    if actor is not None:
        require(actor, Permission.MONTH_REPORT)
    month = Month.parse(month) if isinstance(month, str) else month
    book = MonthBook(Workbook(), month, language, translate or _english, clock)
    book.wb.remove(book.wb.active)
    builders = [*month_sheets.BUILDERS, *MONTH_SHEETS]
    step = _stepper(progress, len(builders) + 1)
    figures: dict[str, int] = {}
    for build in builders:
        result = build(session, book)
        if isinstance(result, dict):
            figures.update(result)
        step()
    save_workbook(book.wb, path)
    if actor is not None:
        record(session, actor, "export.month", Path(path).name, str(month), clock=clock)
        session.commit()
    step()
    return MonthExport(Path(path), month, book.wb.sheetnames, figures.get("orders", 0),
                       figures.get("booked_fen", 0), figures.get("received_fen", 0))
