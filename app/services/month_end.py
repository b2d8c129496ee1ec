"""Month-end Excel: each lab's month for 对账, and the manager's monthly workbook.

Both are real spreadsheets: a frozen header row, an autofilter over the rows, column widths,
date and ¥ number formats, and totals written as ``SUBTOTAL(109, …)`` (sums) and
``SUBTOTAL(103, …)`` (counts) so they stay right when a row is filtered out or deleted.
Sheet names and headers are in the staff's language: the words are English phrases here
(``*_TEXT``), and the caller hands a ``translate`` function (the window's translator, or the
command line's); the rework reason comes in ``language`` from the studio's own list.

Text that people typed (customer names, reasons, notes) is never written as a formula:
:func:`xlsx.cells_of` stores text starting with = + - @, a tab or a line break as a string with the
quote prefix. Every workbook reaches its name through :func:`exports.save_workbook`.

The lab export is written in openpyxl's write-only mode (a busy month is ~3,900 lines);
the monthly workbook is small and has charts, so it is built in the ordinary mode.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Lab
from . import month_sheets
from .clock import SYSTEM_CLOCK, Clock
from .exports import save_workbook
from .follow_up_sheets import follow_up_sheet
from .lab_month import LabLine, Month, lab_lines, lab_of
from .messages import phrases
from .month_sheets import CHANNEL_TEXT, MONTH_TEXT, PAYMENT_TEXT, MonthBook
from .staff import Actor, Permission, record, require
from .studio import get_setting, set_setting
from .xlsx import (
    Formula, Progress, Rows, Styles, Translate, cells_of, day_serial, english, setup, sheet_title, stepper, yuan,
)

__all__ = ["CHANNEL_TEXT", "MONTH_TEXT", "PAYMENT_TEXT", "MonthBook", "export_lab_month", "export_month"]

# A studio setting: customer names go to labs only when the studio turns this on ("1").
CUSTOMER_NAMES_TO_LABS = "lab_export_customer_names"

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
    "bills_rework": "Bills rework",
    "yes": "yes",
    "no": "no",
    "total": "Total",
    "total_of": "Total: {what}",
    "month": "Month",
})


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
        lab = acc.setdefault(line.lab_id, [line.lab_name, 0, 0, 0, 0])
        lab[1] += 1
        lab[2] += line.returned_at is not None
        lab[3] += line.rework
        lab[4] += _billed_fen(line, bills_rework.get(line.lab_id, False)) or 0
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
    tr = translate or english
    words = {k: tr(v) for k, v in LAB_EXPORT_TEXT.items()}
    chosen = lab_of(session, lab) if lab is not None else None
    labs = [chosen] if chosen is not None else list(session.scalars(select(Lab).order_by(Lab.name)))
    bills = {x.id: bool(x.bills_rework) for x in labs}
    with_customers = customer_names_to_labs(session)
    step = stepper(progress, len(labs) + 3)
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
    styles = Styles(ws)
    columns = list(LAB_COLUMNS) + (["customer"] if with_customers else [])
    setup(ws, _LAB_WIDTHS[:len(columns)], rows=_lab_sheet_layout(lines))
    groups = _by_product(lines)
    last = 1 + len(lines)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(last, 2)}"
    ws.append(cells_of(ws, styles, [words[c] for c in columns], ["bold"] * len(columns)))
    yes, no = words["yes"], None  # a blank cell: the filter offers "yes" and "(blank)"
    rows = Rows(ws, styles, _LAB_KINDS[:len(columns)])
    for _, group in groups:
        for line in group:
            reason = line.rework_reason(language) if line.rework else None
            if reason and line.rework_note and line.rework_note != reason:
                reason = f"{reason}: {line.rework_note}"
            values: list[object] = [
                line.item_code, line.order_number, line.product_name, line.shipment_id,
                day_serial(line.sent_at), day_serial(line.returned_at), yes if line.rework else no, reason,
                yuan(line.price_fen), yuan(_billed_fen(line, bills_rework)),
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


def _total_row(ws: Any, styles: Styles, label: str, first: int, last: int, width: int) -> list[object]:
    values: list[object] = [None] * width
    kinds: list[str | None] = [None] * width
    values[0], kinds[0] = label, "bold"
    values[1] = Formula(f"=SUBTOTAL(103,{_COUNTED}{first}:{_COUNTED}{last})")
    kinds[1] = "bold"
    billed = LAB_COLUMNS.index("billed")
    values[billed] = Formula(f"=SUBTOTAL(109,{_BILLED}{first}:{_BILLED}{last})")
    kinds[billed] = "bold_money"
    return cells_of(ws, styles, values, kinds)


SUMMARY_COLUMNS = ("lab", "items", "returned", "reworks", "bills_rework", "billed")


def _write_summary(ws: Any, month: Month, labs: list[Lab], titles: dict[int, str],
                   totals: dict[int, LabMonthTotals], total_rows: dict[int, int], bills: dict[int, bool],
                   words: dict[str, str]) -> None:
    """One row per lab: the counts, and the amount as a reference to the lab sheet's total (so
    a row deleted there is deleted here too); the month's total as SUBTOTAL."""
    styles = Styles(ws)
    setup(ws, (24, 10, 10, 10, 12, 16), rows=len(labs) + 5)
    last = 1 + len(labs)
    ws.auto_filter.ref = f"A1:F{max(last, 2)}"
    ws.append(cells_of(ws, styles, [words[c] for c in SUMMARY_COLUMNS], ["bold"] * len(SUMMARY_COLUMNS)))
    for lab in labs:
        t = totals.get(lab.id) or LabMonthTotals(lab.id, lab.name, 0, 0, 0, 0)
        ref = f"{quote_sheetname(titles[lab.id])}!"
        total_row = total_rows[lab.id]
        ws.append(cells_of(ws, styles, [
            lab.name, Formula(f"={ref}B{total_row}"), t.returned, t.reworks,
            words["yes"] if bills[lab.id] else words["no"], Formula(f"={ref}{_BILLED}{total_row}"),
        ], [None, None, None, None, None, "money"]))
    ws.append([])
    ws.append(cells_of(ws, styles, [
        words["total"], Formula(f"=SUBTOTAL(109,B2:B{max(last, 2)})"), Formula(f"=SUBTOTAL(109,C2:C{max(last, 2)})"),
        Formula(f"=SUBTOTAL(109,D2:D{max(last, 2)})"), None, Formula(f"=SUBTOTAL(109,F2:F{max(last, 2)})"),
    ], ["bold", "bold", "bold", "bold", None, "bold_money"]))
    ws.append([])
    ws.append(cells_of(ws, styles, [words["month"], str(month)], ["bold", None]))


# -- the manager's monthly workbook -------------------------------------------------------------

MonthSheet = Callable[[Session, MonthBook], object]  # may return figures (name -> int) for the result
# Builders of further sheets (the complaints issue adds complaint rate and satisfaction here).
MONTH_SHEETS: list[MonthSheet] = [follow_up_sheet]


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
    if actor is not None:
        require(actor, Permission.MONTH_REPORT)
    month = Month.parse(month) if isinstance(month, str) else month
    book = MonthBook(Workbook(), month, language, translate or english, clock)
    book.wb.remove(book.wb.active)
    builders = [*month_sheets.BUILDERS, *MONTH_SHEETS]
    step = stepper(progress, len(builders) + 1)
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
