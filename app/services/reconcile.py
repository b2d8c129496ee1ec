"""Checking a lab's own monthly statement (对账单) against what the studio sent and received.

A lab writes its statement its own way: title rows, a header row somewhere, columns in
any order, prices as numbers or as text, a total row and a signature below. Each lab's
layout (which column holds what, the header's words) is saved with the lab
(``labs.statement_columns``, :class:`StatementLayout`); the first time it is guessed from
the headers labs typically write (条码, 订单号, 产品名称, 数量, 单价, …) and confirmed by a person.

The statement's lines are matched with the month's sendings (:func:`lab_month.lab_lines`,
the same lines the reconciliation export writes) and what does not agree is listed in
five groups, each with its money:

- billed but never sent or returned this month,
- sent or returned but not billed,
- billed at a price other than the lab's price when the item left,
- billed twice,
- a rework billed by a lab that redoes its own faults free (``labs.bills_rework``).

A file that cannot be read is refused with a message naming it (and the sheet, row and
column at fault); nothing is saved then.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import re
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from . import codes
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, StudioError
from .exports import save_workbook, write_row
from .lab_month import LabLine, Month, lab_lines, lab_of
from .messages import Message, Phrase, phrases
from .staff import Actor, Permission, record, require

MAX_ROWS = 20_000  # a busy month is ~4,000 sendings for all labs together
MAX_FILE_BYTES = 50_000_000
MAX_UNPACKED_BYTES = 200_000_000  # a statement of MAX_ROWS rows is a few MB unpacked
HEADER_SEARCH_ROWS = 30  # labs put a few title rows above the header
MAX_SHEETS_SEARCHED = 10
LAYOUT_VERSION = 1


class Field(enum.StrEnum):
    """What a statement column can hold."""

    ITEM_CODE = "item_code"
    ORDER_NUMBER = "order_number"
    PRODUCT = "product"
    QUANTITY = "quantity"
    PRICE = "price"


FIELD_TEXT = phrases({
    Field.ITEM_CODE: "item code", Field.ORDER_NUMBER: "order number", Field.PRODUCT: "product",
    Field.QUANTITY: "quantity", Field.PRICE: "unit price",
})

# The headers labs write, normalised (no blanks, lower case); the first exact match wins,
# then a header that starts with one of them.
HEADER_WORDS: dict[Field, tuple[str, ...]] = {
    Field.ITEM_CODE: ("条码", "条形码", "编号", "客件号", "件号", "产品条码", "条码号", "产品编号", "itemcode", "barcode",
                      "code"),
    Field.ORDER_NUMBER: ("订单号", "单号", "订单编号", "订单", "客户单号", "orderno", "ordernumber", "order"),
    Field.PRODUCT: ("产品名称", "产品", "品名", "名称", "商品名称", "产品名", "product", "productname", "item"),
    Field.QUANTITY: ("数量", "件数", "qty", "quantity"),
    Field.PRICE: ("单价", "价格", "单价(元)", "单价（元）", "unitprice", "price"),
}
TOTAL_WORDS = ("合计", "总计", "小计", "总额", "total")
REWORK_WORDS = ("返工", "重做", "返修", "rework", "redo")


class Discrepancy(enum.StrEnum):
    NOT_SENT = "not_sent"
    NOT_BILLED = "not_billed"
    PRICE_DIFFERS = "price_differs"
    BILLED_TWICE = "billed_twice"
    REWORK_BILLED = "rework_billed"
    CREDIT = "credit"  # a line with a negative price: money the lab takes off the bill (扣款)


DISCREPANCY_TEXT = phrases({
    Discrepancy.NOT_SENT: "Billed but never sent or returned this month",
    Discrepancy.NOT_BILLED: "Sent or returned but not billed",
    Discrepancy.PRICE_DIFFERS: "Price differs from the price list",
    Discrepancy.BILLED_TWICE: "Billed twice",
    Discrepancy.REWORK_BILLED: "Rework billed, but this lab redoes its faults free",
    Discrepancy.CREDIT: "Credits the lab takes off the bill: check them against what was agreed",
})

# The result workbook's words (translated by the caller).
SHEET_TEXT = phrases({"summary": "Summary", "findings": "Differences"})
COLUMN_TEXT = phrases({
    "kind": "Difference", "code": "Item code", "order": "Order number", "product": "Product", "row": "Statement row",
    "quantity": "Quantity", "billed": "Billed", "expected": "Price list", "amount": "Amount", "note": "Note",
    "count": "Lines", "lab": "Lab", "month": "Month", "statement": "Statement", "billed_total": "Total billed",
    "expected_total": "Sent or returned at the price list", "matched": "Lines that agree",
})


# -- the saved layout -----------------------------------------------------------------

@dataclass(frozen=True)
class StatementLayout:
    """Where a lab's statement keeps each field: the header row (1-based), each field's
    column (1-based) and the header word seen there, and the sheet (None: the first one
    with these headers; labs name their sheets after the month)."""

    header_row: int
    columns: dict[Field, int]
    headers: dict[Field, str] = field(default_factory=dict)
    sheet: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"version": LAYOUT_VERSION, "header_row": self.header_row, "sheet": self.sheet,
                "columns": {f.value: get_column_letter(c) for f, c in self.columns.items()},
                "headers": {f.value: h for f, h in self.headers.items()}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StatementLayout:
        from openpyxl.utils import column_index_from_string

        try:
            columns = {Field(k): column_index_from_string(v) for k, v in dict(data["columns"]).items()}
            headers = {Field(k): str(v) for k, v in dict(data.get("headers") or {}).items() if v}
            return cls(int(data["header_row"]), columns, headers, data.get("sheet") or None)
        except (KeyError, TypeError, ValueError) as exc:
            raise BadInput("The saved statement layout cannot be read ({error}); choose the columns again.",
                           error=str(exc)) from None

    def check(self) -> None:
        """Refuse a layout that cannot find a line: it needs an item code or an order number
        column and a price column, and no column twice."""
        if Field.ITEM_CODE not in self.columns and Field.ORDER_NUMBER not in self.columns:
            raise BadInput("Choose the column with the item code or the column with the order number.")
        if Field.PRICE not in self.columns:
            raise BadInput("Choose the column with the unit price.")
        taken = [c for c in self.columns.values()]
        if len(set(taken)) != len(taken):
            raise BadInput("Each column can hold one thing only: two fields are set to the same column.")
        if self.header_row < 1:
            raise BadInput("The header row is a row of the sheet: 1 or more.")


def parse_columns(text: str, header_row: int | None = None) -> StatementLayout:
    """A layout typed on the command line: ``item_code=C,order_number=D,price=H`` (+ header row)."""
    from openpyxl.utils import column_index_from_string

    columns: dict[Field, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, letter = part.partition("=")
        try:
            columns[Field(name.strip().lower())] = column_index_from_string(letter.strip().upper())
        except ValueError:
            raise BadInput("“{part}” is not FIELD=COLUMN (fields: {fields}; columns: A, B, …).", part=part,
                           fields=", ".join(f.value for f in Field)) from None
    layout = StatementLayout(header_row or 1, columns)
    layout.check()
    return layout


def save_layout(session: Session, lab: str | int, layout: StatementLayout, actor: Actor, *,
                clock: Clock = SYSTEM_CLOCK) -> StatementLayout:
    """Keep ``layout`` as the lab's statement layout (manager and production staff)."""
    require(actor, Permission.LAB_MONTH_END)
    layout.check()
    found = lab_of(session, lab)
    found.statement_columns = layout.to_json()
    record(session, actor, "lab.statement_columns", f"lab:{found.id}",
           f"{found.name}: " + ", ".join(f"{f.value}={get_column_letter(c)}" for f, c in layout.columns.items()),
           clock=clock)
    session.commit()
    return layout


def saved_layout(session: Session, lab: str | int) -> StatementLayout | None:
    data = lab_of(session, lab).statement_columns
    return None if not data else StatementLayout.from_json(dict(data))


# -- reading the file -----------------------------------------------------------------

@dataclass(frozen=True)
class StatementLine:
    """One billed line of a statement as the lab wrote it."""

    sheet: str
    row: int
    item_code: str | None  # a valid StudioDesk item code, cleaned
    order_number: str | None  # stored form YYMM-NNNN
    written_code: str  # what the lab wrote in its code columns
    product: str
    quantity: int
    price_fen: int
    rework: bool  # the lab marks the line as a rework (返工)
    problem: Message | None = None  # why its code names nothing of the studio's
    written_order: str = ""  # the order number as the lab wrote it


@dataclass(frozen=True)
class Statement:
    path: Path
    sheet: str
    layout: StatementLayout
    lines: list[StatementLine]


def _norm(value: object) -> str:
    return "".join(unicodedata.normalize("NFKC", str(value)).split()).lower() if value is not None else ""


_TOO_GENERIC = {"订单", "名称", "产品", "order", "item", "code", "price"}  # never matched as a prefix


def _header_field(text: str, exact: bool) -> Field | None:
    if not text:
        return None
    for f, words in HEADER_WORDS.items():
        if text in words if exact else any(text.startswith(w) for w in words if w not in _TOO_GENERIC):
            return f
    return None


def _open(path: Path) -> Workbook:
    """The workbook at ``path`` opened for reading, or a refusal naming the file and what it is."""
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise BadInput("There is no file at {path}.", path=name)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BadInput("{path} is far too big for a month's statement ({size} MB).", path=name,
                           size=size // 1_000_000)
        data = path.read_bytes()  # read once: the workbook is parsed from memory, whatever its name ends in
    except OSError as exc:
        raise BadInput("{path} cannot be read ({error}).", path=name, error=exc.strerror or str(exc)) from None
    head = data[:8]
    if not head:
        raise BadInput("{path} is empty: it holds no workbook.", path=name)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise BadInput("{path} is password-protected or an old .xls workbook, not an xlsx: remove the password "
                       "or save it as .xlsx in Excel or WPS, then try again.", path=name)
    if not head.startswith(b"PK"):
        raise BadInput("{path} is not an Excel workbook (.xlsx).", path=name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise BadInput("{path} is damaged or not an Excel workbook (.xlsx).", path=name) from None
    if "xl/workbook.xml" not in names:
        raise BadInput("{path} is a zip file but not an Excel workbook (.xlsx).", path=name)
    if unpacked > MAX_UNPACKED_BYTES:
        raise BadInput("{path} is far too big for a month's statement ({size} MB unpacked).", path=name,
                       size=unpacked // 1_000_000)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)  # .xls-named xlsx files too
    except Exception as exc:  # openpyxl raises many kinds on a damaged part
        raise BadInput("{path} is damaged and cannot be read as a workbook ({error}).", path=name,
                       error=type(exc).__name__) from None


def _top_rows(ws: Any) -> list[tuple[object, ...]]:
    return [tuple(r) for r in ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True)]


def _rank(text: str, exact: bool) -> int:
    """How typical the header word is for its field (0: the most)."""
    f = _header_field(text, exact)
    if f is None:
        return 99
    words = HEADER_WORDS[f]
    return next(i for i, w in enumerate(words) if (text == w if exact else text.startswith(w)))


def _guess_in(rows: list[tuple[object, ...]]) -> tuple[int, dict[Field, int], dict[Field, str]] | None:
    best: tuple[int, dict[Field, int], dict[Field, str]] | None = None
    for r, values in enumerate(rows, start=1):
        columns: dict[Field, int] = {}
        headers: dict[Field, str] = {}
        for exact in (True, False):  # 订单号 before 订单日期, wherever they stand
            # the likelier word first: 条码 before 编号 (a lab's own serial number, often)
            found = sorted((_rank(_norm(value), exact), c, value) for c, value in enumerate(values, start=1)
                           if isinstance(value, str) and _header_field(_norm(value), exact) is not None)
            for _rank_of, c, value in found:
                f = _header_field(_norm(value), exact)
                if f is not None and f not in columns and c not in columns.values():
                    columns[f], headers[f] = c, str(value).strip()
        usable = (Field.ITEM_CODE in columns or Field.ORDER_NUMBER in columns) and Field.PRICE in columns
        if usable and (best is None or len(columns) > len(best[1])):
            best = (r, columns, headers)
    return best


def guess_layout(path: Path) -> StatementLayout:
    """The layout read from the statement's own header row (the row with the most known
    headers among the first rows of the first sheets); refused when there is none."""
    wb = _open(path)
    try:
        return _guess(wb, Path(path))
    finally:
        wb.close()


def _guess(wb: Any, path: Path) -> StatementLayout:
    anything = False
    for ws in wb.worksheets[:MAX_SHEETS_SEARCHED]:
        rows = _top_rows(ws)
        anything = anything or any(v is not None and str(v).strip() for row in rows for v in row)
        found = _guess_in(rows)
        if found is not None:
            return StatementLayout(found[0], found[1], found[2], ws.title)
    if not anything:
        raise BadInput("{path} is empty: its sheets hold nothing.", path=str(path))
    raise BadInput("{path}: no header row with an item code or order number column and a unit price column "
                   "(such as 条码, 订单号, 单价) in the first {rows} rows. Choose the columns by hand.",
                   path=str(path), rows=HEADER_SEARCH_ROWS)


@dataclass(frozen=True)
class Proposal:
    """The columns to offer for a statement: the lab's saved layout as found in this file,
    else the one guessed from its headers; with the header row's words to show."""

    layout: StatementLayout
    header_cells: list[str]
    saved: bool  # the lab's saved layout fits this file


def propose_layout(session: Session, lab: str | int, path: Path) -> Proposal:
    """What the statement check offers for ``path`` before a person confirms the columns."""
    saved = saved_layout(session, lab)
    path = Path(path)
    wb = _open(path)
    try:
        layout, fits = None, False
        if saved is not None:
            try:
                _, layout = _locate(wb, saved, path)
                fits = True
            except BadInput:
                layout = None  # the lab changed its layout: guess again
        if layout is None:
            layout = _guess(wb, path)
        ws = wb[layout.sheet] if layout.sheet and layout.sheet in wb.sheetnames else wb.worksheets[0]
        row = next(ws.iter_rows(min_row=layout.header_row, max_row=layout.header_row, values_only=True), ())
        return Proposal(layout, [_cell_text(v) for v in row], fits)
    finally:
        wb.close()


def _locate(wb: Any, layout: StatementLayout, path: Path) -> tuple[Any, StatementLayout]:
    """The sheet and header row the layout fits. A layout saved from an earlier statement is
    found by its header words (title rows come and go); without them by its row number."""
    sheets = ([wb[layout.sheet]] if layout.sheet and layout.sheet in wb.sheetnames
              else wb.worksheets[:MAX_SHEETS_SEARCHED])
    if not sheets:
        raise BadInput("{path} has no sheets.", path=str(path))
    wanted = {f: _norm(h) for f, h in layout.headers.items() if _norm(h)}
    if not wanted:  # columns by letter: their header words are kept, to find them next time
        ws = sheets[0]
        row = next(ws.iter_rows(min_row=layout.header_row, max_row=layout.header_row, values_only=True), ())
        headers = {f: str(row[c - 1]).strip() for f, c in layout.columns.items()
                   if c - 1 < len(row) and isinstance(row[c - 1], str) and row[c - 1].strip()}
        return ws, replace(layout, headers=headers, sheet=ws.title)
    for ws in sheets:
        for r, values in enumerate(_top_rows(ws), start=1):
            where = {_norm(v): c for c, v in reversed(list(enumerate(values, start=1))) if isinstance(v, str)}
            if all(h in where for h in wanted.values()):
                columns = dict(layout.columns)
                columns.update({f: where[h] for f, h in wanted.items()})
                return ws, replace(layout, header_row=r, columns=columns, sheet=ws.title)
    raise BadInput("{path}: no sheet has the header row saved for this lab ({headers}) in its first {rows} rows; "
                   "the lab changed its layout. Choose the columns again.", path=str(path),
                   headers="、".join(layout.headers[f] for f in wanted), rows=HEADER_SEARCH_ROWS)


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>]")


def _rows_in(wb: Any, ws: Any) -> int:
    """How many rows the sheet holds: its used range, else its row tags counted in the raw
    XML (fast, unlike parsing them); 0 when neither can be known (then rows are counted as read)."""
    if ws.max_row:
        return int(ws.max_row)
    archive, part = getattr(wb, "_archive", None), getattr(ws, "_worksheet_path", None)
    if archive is None or part is None:
        return 0
    count, tail = 0, b""
    with archive.open(part) as xml:
        while chunk := xml.read(1 << 20):
            count += len(_ROW_TAG.findall(tail + chunk))
            tail = chunk[-16:]
            count -= len(_ROW_TAG.findall(tail))  # the tail is scanned again with the next chunk
    return count + len(_ROW_TAG.findall(tail))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


_CODE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{4}(-[0-9]{2})?(-[0-9])?")
_NUMBER_JUNK = re.compile(r"[¥￥$,，元\s]|rmb|cny", re.IGNORECASE)


def _number(value: object) -> Decimal | None:
    """A cell's number: a number cell, or text such as 220.00, ¥1,200, 380元. None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time, dt.timedelta)):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    text = _NUMBER_JUNK.sub("", unicodedata.normalize("NFKC", str(value)))
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(value) from None
    if not number.is_finite():
        raise ValueError(value)
    return number


# Why a cell's value is refused (completes "row 5, column G (unit price): “六十” …").
WHY_TEXT = phrases({"number": "is not a number", "pieces": "is not a whole number of pieces",
                    "price": "is not a price"})


class _Cells:
    """Reads one row's fields, refusing a bad value with its sheet, row and column."""

    def __init__(self, path: Path, sheet: str, layout: StatementLayout) -> None:
        self.path, self.sheet, self.layout = path, sheet, layout

    def refuse(self, row: int, f: Field, value: object, why: str) -> StudioError:
        return BadInput("{path}, sheet {sheet}, row {row}, column {column} ({what}): “{value}” {why}. "
                        "Nothing was checked.", path=str(self.path), sheet=self.sheet, row=row,
                        column=get_column_letter(self.layout.columns[f]), what=FIELD_TEXT[f],
                        value=_cell_text(value)[:40], why=WHY_TEXT[why])

    def quantity(self, row: int, value: object) -> int:
        try:
            number = _number(value)
        except ValueError:
            raise self.refuse(row, Field.QUANTITY, value, "number") from None
        if number is None:
            return 1
        if number != number.to_integral_value() or number < 1 or number > 9999:
            raise self.refuse(row, Field.QUANTITY, value, "pieces")
        return int(number)

    def price(self, row: int, value: object) -> int | None:
        try:
            number = _number(value)
        except ValueError:
            raise self.refuse(row, Field.PRICE, value, "number") from None
        if number is None:
            return None
        if abs(number) > 1_000_000:  # below zero: a credit the lab gives back (扣款)
            raise self.refuse(row, Field.PRICE, value, "price")
        return int((number * 100).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def _code_of(written_item: str, written_order: str) -> tuple[str | None, str | None, Message | None]:
    """(item code, stored order number, problem) from what the lab wrote in its code columns."""
    problem: Message | None = None
    for text in (written_item, written_order):
        if not text:
            continue
        try:
            parsed = codes.parse_code(text)
        except codes.WrongCheck:
            problem = Message("{code} has a wrong check character: the lab mistyped it.", {"code": codes.clean(text)})
            continue
        except BadInput:
            problem = Message("{code} is not a StudioDesk item code or order number.", {"code": codes.clean(text)})
            continue
        if parsed.is_item:
            return codes.clean(text), parsed.order_number, problem
        return None, parsed.order_number, problem  # a bad item code beside a good order number: noted
    return None, None, problem


def read_statement(path: Path, layout: StatementLayout | None = None) -> Statement:
    """The billed lines of the statement at ``path`` (``layout``: the lab's saved one; None:
    guessed from the headers). Title rows above the header, blank rows, total rows
    (合计, 小计 …) and signature rows below are not lines."""
    path = Path(path)
    if layout is not None:
        layout.check()
    wb = _open(path)
    try:
        if layout is None:
            layout = _guess(wb, path)
        ws, layout = _locate(wb, layout, path)
        used = _rows_in(wb, ws) - layout.header_row
        if used > 2 * MAX_ROWS:  # far too many: said at once, not after reading 20,000 of them
            raise BadInput("{path}, sheet {sheet}: {count} rows below the header. A month's statement has a few "
                           "thousand lines: is this the right file? Nothing was checked.", path=str(path),
                           sheet=ws.title, count=f"{used:,}")
        cells = _Cells(path, ws.title, layout)
        col = {f: c - 1 for f, c in layout.columns.items()}
        lines: list[StatementLine] = []
        codes_seen = filled = 0
        for r, values in enumerate(ws.iter_rows(min_row=layout.header_row + 1, values_only=True),
                                   start=layout.header_row + 1):
            if not any(v is not None and str(v).strip() for v in values):
                continue
            filled += 1
            if filled > MAX_ROWS:
                raise BadInput("{path}, sheet {sheet}: more than {limit} rows below the header. A month's statement "
                               "has a few thousand lines: is this the right file? Nothing was checked.",
                               path=str(path), sheet=ws.title, limit=f"{MAX_ROWS:,}")

            def get(f: Field, values: tuple[object, ...] = values) -> object:
                i = col.get(f)
                return values[i] if i is not None and i < len(values) else None

            written_item = _cell_text(get(Field.ITEM_CODE))
            written_order = _cell_text(get(Field.ORDER_NUMBER))
            texts = [_norm(v) for v in values if isinstance(v, str)]
            item, order, problem = _code_of(written_item, written_order)
            if not (item or order):
                no_price = get(Field.PRICE) is None or not str(get(Field.PRICE)).strip()
                if no_price or any(w in t for t in texts for w in TOTAL_WORDS):
                    continue  # a total, a signature or a note
                if problem is None:
                    problem = Message("The line has no item code or order number.")
            if any(_CODE_SHAPE.fullmatch(codes.clean(t)) for t in (written_item, written_order) if t):
                codes_seen += 1
            quantity = cells.quantity(r, get(Field.QUANTITY))
            price = cells.price(r, get(Field.PRICE))
            if price is None:
                raise BadInput("{path}, sheet {sheet}, row {row}, column {column} ({what}) is empty: every billed line "
                               "needs its price. Nothing was checked.", path=str(path), sheet=ws.title, row=r,
                               column=get_column_letter(layout.columns[Field.PRICE]), what=FIELD_TEXT[Field.PRICE])
            product = _cell_text(get(Field.PRODUCT))
            rework = any(w in t for t in texts for w in REWORK_WORDS)
            lines.append(StatementLine(ws.title, r, item, order, written_item or written_order, product, quantity,
                                       price, rework, problem, written_order))
        if not lines:
            raise BadInput("{path}, sheet {sheet}: no billed lines below the header in row {row}. Nothing was "
                           "checked.", path=str(path), sheet=ws.title, row=layout.header_row)
        if not codes_seen:
            which = [f for f in (Field.ITEM_CODE, Field.ORDER_NUMBER) if f in layout.columns]
            raise BadInput("{path}, sheet {sheet}: column {column} holds no item codes or order numbers; the columns "
                           "are not where this layout says. Choose the columns again.", path=str(path),
                           sheet=ws.title, column=" / ".join(get_column_letter(layout.columns[f]) for f in which))
        return Statement(path, ws.title, layout, lines)
    finally:
        wb.close()


# -- the check ------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    """One difference between the statement and the studio's sendings."""

    kind: Discrepancy
    item_code: str  # the studio's code, else what the lab wrote
    order_number: str  # as printed (with check character) when known
    product: str  # the lab's words when billed, the studio's product otherwise
    row: int | None  # the statement's row; None: not on the statement
    quantity: int
    billed_fen: int | None  # unit price billed
    expected_fen: int | None  # unit price on the price list when the item left
    amount_fen: int  # the money of this finding (see Reconciliation.totals)
    note: Message | None = None


@dataclass
class Reconciliation:
    lab_name: str
    month: Month
    statement: Path
    sheet: str
    bills_rework: bool
    findings: list[Finding]
    billed_fen: int  # the statement's lines, quantity × unit price
    expected_fen: int  # the month's billable sendings at the price list
    lines: int  # statement lines read
    agreed: int  # statement pieces that match a sending at its price
    layout: StatementLayout  # as found in this statement (to save as the lab's)

    def of(self, kind: Discrepancy) -> list[Finding]:
        return [f for f in self.findings if f.kind is kind]

    def totals(self) -> dict[Discrepancy, tuple[int, int]]:
        """(findings, money) per kind: billed money for lines that should not be billed, the
        price list's money for sendings missing from the bill, billed minus list for prices.
        The five kinds of difference always (a zero says "none found"); credits only when the
        lab gave some."""
        out: dict[Discrepancy, tuple[int, int]] = {kind: (0, 0) for kind in Discrepancy if kind is not Discrepancy.CREDIT}
        for f in self.findings:
            n, money = out.get(f.kind, (0, 0))
            out[f.kind] = (n + 1, money + f.amount_fen)
        return out


def compare(statement: Statement, sendings: list[LabLine], *, bills_rework: bool, lab_name: str,
            month: Month) -> Reconciliation:
    """Match each billed piece with one sending of the month and list what does not agree."""
    by_item: dict[str, list[int]] = defaultdict(list)
    by_order: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sendings):
        by_item[s.item_code].append(i)
        by_order[s.order_number[:9]].append(i)
    used: set[int] = set()
    findings: list[Finding] = []
    agreed = 0

    def pick(candidates: list[int], line: StatementLine) -> int | None:
        free = [i for i in candidates if i not in used]
        if not free:
            return None
        # The lab's rework line goes with the rework sending, its first line with the first one;
        # an order-only line prefers a product at the same price.
        return min(free, key=lambda i: (sendings[i].rework != line.rework, sendings[i].price_fen != line.price_fen,
                                        sendings[i].sent_at))

    # Lines naming an item first: an order-only line must not take the sending a later line names.
    for line in sorted(statement.lines, key=lambda x: x.item_code is None):
        candidates = (by_item.get(line.item_code, []) if line.item_code
                      else by_order.get(line.order_number, []) if line.order_number else [])
        if line.price_fen < 0:
            # A credit bills nothing: it takes no sending (which would make the real bill of
            # that item look billed twice) and is listed on its own with its money.
            findings += [Finding(Discrepancy.CREDIT, line.item_code or line.written_code, line.written_order,
                                 line.product, line.row, 1, line.price_fen, None, line.price_fen, line.problem)
                         for _ in range(line.quantity)]
            continue
        for _ in range(line.quantity):
            def finding(kind: Discrepancy, amount: int, note: Message | None = None, s: LabLine | None = None,
                        line: StatementLine = line) -> Finding:
                return Finding(kind, s.item_code if s else (line.item_code or line.written_code),
                               s.order_number if s else line.written_order, line.product or
                               (s.product_name if s else ""), line.row, 1, line.price_fen,
                               s.price_fen if s else None, amount, note)

            chosen = pick(candidates, line)
            if chosen is None:
                if candidates:  # every sending of it is billed already
                    last = sendings[candidates[-1]]
                    if line.rework and not bills_rework:
                        findings.append(finding(Discrepancy.REWORK_BILLED, line.price_fen,
                                                Message("The lab marks the line as a rework."), last))
                    else:
                        findings.append(finding(Discrepancy.BILLED_TWICE, line.price_fen, None, last))
                else:
                    findings.append(finding(Discrepancy.NOT_SENT, line.price_fen, line.problem))
                continue
            used.add(chosen)
            s = sendings[chosen]
            if (s.rework or line.rework) and not bills_rework:
                findings.append(finding(Discrepancy.REWORK_BILLED, line.price_fen, None if s.rework else
                                        Message("The lab marks the line as a rework."), s))
            elif s.price_fen is not None and s.price_fen != line.price_fen:
                findings.append(finding(Discrepancy.PRICE_DIFFERS, line.price_fen - s.price_fen, None, s))
            elif s.price_fen is None:
                findings.append(finding(Discrepancy.PRICE_DIFFERS, line.price_fen,
                                        Message("The lab had no price for this product when it left."), s))
            else:
                agreed += 1

    expected = 0
    start, _ = month.bounds()
    for i, s in enumerate(sendings):
        billable = bills_rework or not s.rework
        if billable:
            expected += s.price_fen or 0
        if i in used or not billable:
            continue
        note = None
        if s.sent_at < start:
            note = Message("Left in the month before: it may be on that month's statement.")
        elif s.returned_at is None:
            note = Message("Still at the lab: it may be on next month's statement.")
        findings.append(Finding(Discrepancy.NOT_BILLED, s.item_code, s.order_number, s.product_name, None, 1, None,
                                s.price_fen, s.price_fen or 0, note))
    billed = sum(x.price_fen * x.quantity for x in statement.lines)
    order = list(Discrepancy)
    findings.sort(key=lambda f: (order.index(f.kind), f.row or 10**9, f.item_code))
    return Reconciliation(lab_name, month, statement.path, statement.sheet, bills_rework, findings, billed,
                          expected, len(statement.lines), agreed, statement.layout)


def reconcile(session: Session, lab: str | int, month: str | Month, statement_path: Path, *,
              layout: StatementLayout | None = None, actor: Actor | None = None) -> Reconciliation:
    """Check the lab's statement for ``month`` against its sendings. ``layout``: as given,
    else the lab's saved one, else guessed from the statement's headers. Reads only.
    ``actor``: who asks at a station (manager and production); the command line has none."""
    if actor is not None:
        require(actor, Permission.LAB_MONTH_END)
    month = month if isinstance(month, Month) else Month.parse(month)
    found = lab_of(session, lab)
    if layout is None and found.statement_columns:
        layout = StatementLayout.from_json(dict(found.statement_columns))
    statement = read_statement(Path(statement_path), layout)
    sendings = lab_lines(session, month, lab_id=found.id)
    return compare(statement, sendings, bills_rework=found.bills_rework, lab_name=found.name, month=month)


# -- the result workbook --------------------------------------------------------------

Translate = Callable[[str], str]


def _fill(message: Message | None, translate: Translate) -> str:
    if message is None:
        return ""
    params = {k: translate(v) if isinstance(v, Phrase) else v for k, v in message.params.items()}
    return translate(message.template).format(**params)


def _yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else Decimal(fen) / 100


MONEY_FORMAT = '#,##0.00;-#,##0.00'


def result_rows(result: Reconciliation, translate: Translate = str) -> Iterator[list[object]]:
    """The findings as rows of the result sheet (header first)."""
    t = translate
    yield [t(COLUMN_TEXT[k]) for k in ("kind", "code", "order", "product", "row", "quantity", "billed", "expected",
                                       "amount", "note")]
    for f in result.findings:
        yield [t(DISCREPANCY_TEXT[f.kind]), f.item_code, f.order_number, f.product, f.row, f.quantity,
               _yuan(f.billed_fen), _yuan(f.expected_fen), _yuan(f.amount_fen), _fill(f.note, t)]


def write_result(result: Reconciliation, path: Path, *, translate: Translate = str) -> Path:
    """The result as a workbook: a summary (per kind: lines and money) and the differences,
    grouped by kind; text from the statement is never written as a formula."""
    t = translate
    wb = Workbook()
    summary = wb.active
    summary.title = t(SHEET_TEXT["summary"])
    bold = Font(bold=True)
    for label, value in ((COLUMN_TEXT["lab"], result.lab_name), (COLUMN_TEXT["month"], str(result.month)),
                         (COLUMN_TEXT["statement"], f"{result.statement.name} / {result.sheet}"),
                         (COLUMN_TEXT["billed_total"], _yuan(result.billed_fen)),
                         (COLUMN_TEXT["expected_total"], _yuan(result.expected_fen)),
                         (COLUMN_TEXT["matched"], result.agreed)):
        write_row(summary, [t(label), value], every_text=True)
    write_row(summary, [])
    write_row(summary, [t(COLUMN_TEXT["kind"]), t(COLUMN_TEXT["count"]), t(COLUMN_TEXT["amount"])])
    header = summary.max_row
    for kind, (count, money) in result.totals().items():
        write_row(summary, [t(DISCREPANCY_TEXT[kind]), count, _yuan(money)])
    for row in summary.iter_rows(min_row=1, max_row=summary.max_row):
        row[0].font = bold
        for cell in row[1:]:
            if isinstance(cell.value, Decimal):
                cell.number_format = MONEY_FORMAT
    for cell in summary[header]:
        cell.font = bold
    summary.column_dimensions["A"].width = 46
    summary.column_dimensions["B"].width = 28
    summary.column_dimensions["C"].width = 14

    ws = wb.create_sheet(t(SHEET_TEXT["findings"]))
    rows = result_rows(result, t)
    write_row(ws, next(rows))
    for values in rows:
        write_row(ws, values, every_text=True)
    for cell in ws[1]:
        cell.font = bold
    for letter in "GHI":
        for cell in ws[letter][1:]:
            cell.number_format = MONEY_FORMAT
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:J{max(ws.max_row, 2)}"
    for letter, width in zip("ABCDEFGHIJ", (40, 18, 14, 22, 10, 8, 12, 12, 12, 50), strict=True):
        ws.column_dimensions[letter].width = width
    return save_workbook(wb, Path(path))


def summary_lines(result: Reconciliation, translate: Translate = str) -> Iterable[str]:
    """The result in a few lines of text (the command line prints them)."""
    from .money import yuan

    for kind, (count, money) in result.totals().items():
        yield f"{translate(DISCREPANCY_TEXT[kind])}: {count}, {yuan(money)}"
