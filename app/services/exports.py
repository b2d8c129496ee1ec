"""Excel exports. Text that a spreadsheet would run as a formula is written as text, and a
workbook reaches its final name only whole (:func:`save_workbook`)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Customer, Order
from .clock import SYSTEM_CLOCK, Clock
from .customers import phones_of_customer
from .errors import BadInput
from .messages import Message
from .staff import Actor, Permission, record, require

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def write_row(ws, values: list[object], *, every_text: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Append a row; customer names and notes are untrusted, so text starting with =, +, -,
    @, tab or a line break is stored as text, never as a formula (``every_text``: all text).

    The cells are made before they are appended: looking the row up afterwards
    (``ws[ws.max_row]``) scans every cell of the sheet, which made big exports quadratic."""
    cells = []
    for value in values:
        cell = Cell(ws, value=value)
        if isinstance(value, str) and (every_text or value.startswith(FORMULA_STARTS)):
            force_text(cell)
        cells.append(cell)
    ws.append(cells)


def force_text(cell: Cell) -> None:
    """Store as a string cell with Excel's quote prefix, so it shows exactly as typed."""
    cell.data_type = "s"
    cell.quotePrefix = True


def save_workbook(wb: Workbook, path: Path) -> Path:
    """Write ``wb`` beside ``path`` (``.partial``), check that it opens as a workbook, then
    rename it into place: a crash or a full disk leaves the old file or the new one, never
    half a workbook. An OSError becomes a one-line refusal naming the file."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(partial)
        with open(partial, "rb") as written:
            load_workbook(written, read_only=True).close()  # what was written opens as a workbook
        os.replace(partial, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):  # a folder that is a file: no partial file was made either
            partial.unlink(missing_ok=True)
        if not isinstance(exc, OSError):
            raise
        raise BadInput("{path} could not be written ({error}); nothing was exported.", path=str(path),
                       error=exc.strerror or exc.__class__.__name__) from None
    return path


def export_customers(session: Session, path: Path, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> int:
    """Every customer with phones, channel and order count (manager only, audited)."""
    require(actor, Permission.EXPORT_CUSTOMERS)
    wb = Workbook()
    ws = wb.active
    ws.title = "customers"
    write_row(ws, ["id", "name", "partner", "phones", "birthday", "wedding date", "channel", "tier", "orders",
                   "address", "notes"])
    counts = {cid: n for cid, n in session.execute(
        select(Order.customer_id, func.count(Order.id)).group_by(Order.customer_id))}
    n = 0
    for c, phones in session.execute(select(Customer, phones_of_customer()).order_by(Customer.id)):
        write_row(ws, [c.id, c.name, c.partner_name, phones or "", c.birthday, c.wedding_date,
                       c.channel.value, c.tier.value if c.tier else None, counts.get(c.id, 0), c.address, c.notes])
        n += 1
    save_workbook(wb, path)
    record(session, actor, "export.customers", Path(path).name, Message("{n} customers", {"n": n}), clock=clock)
    session.commit()
    return n
