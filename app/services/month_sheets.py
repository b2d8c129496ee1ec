"""The sheets of the manager's monthly workbook (:func:`month_end.export_month`), one builder
each: orders, revenue and payments, extras sold, balances outstanding, rework rate, channels.

Each builder reads what its sheet shows with one or two queries, writes a header row, the
rows and a ``SUBTOTAL`` total row (see :mod:`month_end`), and adds a native chart where a
picture says more than the figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.utils import get_column_letter
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Customer, Item, ItemEvent, ItemStatus, Order, Payment, PaymentKind, ProductType
from .balance import BALANCE_COLUMNS, CANCELLED, PAID_FEN, TOTAL_FEN, balance_of
from .codes import display_order_number
from .clock import Clock
from .lab_month import Month
from .messages import phrases
from .xlsx import Formula, Styles, Translate, local_date, cells_of, setup, sheet_title, yuan
from .rework_stats import rework_stats


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
        setup(ws, widths)
        return ws


def _put(ws: Any, styles: Styles, row: int, column: int, value: object, kind: str | None = None) -> Any:
    """One cell of an ordinary sheet, written as :func:`xlsx.cells_of` writes it (typed text
    that a spreadsheet would run stays text)."""
    cell = ws.cell(row, column)
    [made] = cells_of(ws, styles, [value], [kind])
    if isinstance(made, Cell):
        cell.value = made.value
        cell.data_type = made.data_type
        cell._style = copy(made._style)
    else:
        cell.value = made
    return cell


def _words(book: MonthBook) -> dict[str, str]:
    return {k: book.translate(v) for k, v in MONTH_TEXT.items()}


def _table(ws: Any, header: Sequence[str], rows: Sequence[Sequence[object]], kinds: Sequence[str | None],
           sums: Sequence[int], total: str, *, counts: int | None = None, filter_rows: bool = True) -> int:
    """A header row, the rows (a blank one when there are none: a total never sums itself),
    then a total row, its label in the first column, summing the ``sums`` columns (0-based)
    with SUBTOTAL(109) and counting the filled cells of column ``counts`` (not the first) with
    SUBTOTAL(103). Returns the total row's number."""
    styles = Styles(ws)
    width = len(header)
    ws.append(cells_of(ws, styles, list(header), ["bold"] * width))
    for row_values in rows:
        ws.append(cells_of(ws, styles, list(row_values), kinds))
    if not rows:
        ws.append([])
    top, last = 2, 1 + max(len(rows), 1)
    if filter_rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(width)}{last}"
    values: list[object] = [None] * width
    total_kinds: list[str | None] = ["bold"] * width
    values[0] = total
    for c in sums:
        letter = get_column_letter(c + 1)
        values[c] = Formula(f"=SUBTOTAL(109,{letter}{top}:{letter}{last})")
        total_kinds[c] = "bold_money" if kinds[c] == "money" else "bold"
    if counts is not None:
        letter = get_column_letter(counts + 1)
        values[counts] = Formula(f"=SUBTOTAL(103,{letter}{top}:{letter}{last})")
    ws.append(cells_of(ws, styles, values, total_kinds))
    return last + 1


def orders_sheet(session: Session, book: MonthBook) -> dict[str, int]:
    """Every order booked in the month, with what it costs, what was paid and what is due today."""
    w = _words(book)
    start, end = book.month.bounds()
    query = (select(Order.number, Order.booked_at, Customer.name, Customer.channel, Order.package_name,
                    Order.package_price_fen, Order.discount_fen, *BALANCE_COLUMNS)
             .join(Customer, Customer.id == Order.customer_id)
             .where(Order.booked_at >= start, Order.booked_at < end).order_by(Order.booked_at, Order.id))
    rows, booked = [], 0
    for number, at, name, channel, package, price, discount, total, paid, cancelled in session.execute(query):
        b = balance_of(total, paid, cancelled)
        booked += 0 if b.cancelled else b.total_fen
        rows.append([display_order_number(number), local_date(at), name, book.translate(CHANNEL_TEXT[channel.value]),
                     package, yuan(price), yuan(b.total_fen - price + discount), yuan(discount),
                     yuan(b.total_fen), yuan(b.paid_fen), yuan(b.due_fen), w["yes"] if b.cancelled else None])
    ws = book.sheet(MONTH_TEXT["orders"], (14, 12, 16, 18, 22, 12, 12, 12, 12, 12, 12, 10))
    _table(ws, [w[k] for k in ("order_number", "booked", "customer", "channel", "package", "package_price",
                                "extras_amount", "discount", "order_total", "paid", "due", "cancelled")],
           rows, [None, "date", None, None, None, "money", "money", "money", "money", "money", "money", None],
           sums=(5, 6, 7, 8, 9, 10), counts=1, total=w["total"])
    return {"orders": len(rows), "booked_fen": booked}


def revenue_sheet(session: Session, book: MonthBook) -> dict[str, int]:
    """Payments of the month by day (deposits, balances, refunds, net), by method, with a chart;
    then every payment with its note."""
    w = _words(book)
    start, end = book.month.bounds()
    query = (select(Payment.paid_at, Payment.kind, Payment.method, Payment.amount_fen, Payment.note,
                    Order.number, Customer.name)
             .join(Order, Order.id == Payment.order_id).join(Customer, Customer.id == Order.customer_id)
             .where(Payment.paid_at >= start, Payment.paid_at < end).order_by(Payment.paid_at, Payment.id))
    payments = session.execute(query).all()
    days: dict[dt.date, list[int]] = {}
    first = book.month.first_day
    day = first
    while day < book.month.next_first_day:
        days[day] = [0, 0, 0]
        day += dt.timedelta(days=1)
    methods: dict[str, int] = {}
    for at, kind, method, amount, *_ in payments:
        signed = -amount if kind is PaymentKind.REFUND else amount
        column = {PaymentKind.DEPOSIT: 0, PaymentKind.BALANCE: 1, PaymentKind.REFUND: 2}[kind]
        days[local_date(at)][column] += amount  # type: ignore[index]
        methods[method.value] = methods.get(method.value, 0) + signed
    ws = book.sheet(MONTH_TEXT["revenue"], (14, 14, 16, 14, 16, 4, 18, 16))
    rows = [[d, yuan(a), yuan(b), yuan(c), Formula(f"=B{i}+C{i}-D{i}")]
            for i, (d, (a, b, c)) in enumerate(days.items(), start=2)]
    last = _table(ws, [w["day"], w["deposits"], w["balance_payments"], w["refunds"], w["net"]], rows,
                  ["date", "money", "money", "money", "money"], sums=(1, 2, 3, 4), total=w["total"])
    styles = Styles(ws)
    _put(ws, styles, 1, 7, w["method"], "bold")
    _put(ws, styles, 1, 8, w["amount"], "bold")
    for i, (method_key, fen) in enumerate(sorted(methods.items(), key=lambda m: -m[1]), start=2):
        _put(ws, styles, i, 7, book.translate(PAYMENT_TEXT[method_key]))
        _put(ws, styles, i, 8, yuan(fen), "money")
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title, chart.y_axis.title = w["revenue"], "¥"
    chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=1, max_row=last - 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last - 1))
    chart.height, chart.width = 9, 22
    ws.add_chart(chart, "G10")
    if methods:
        pie = PieChart()
        pie.title = w["method"]
        pie.add_data(Reference(ws, min_col=8, min_row=1, max_row=1 + len(methods)), titles_from_data=True)
        pie.set_categories(Reference(ws, min_col=7, min_row=2, max_row=1 + len(methods)))
        ws.add_chart(pie, "G30")
    # Every payment, with what was typed as its note.
    listing = book.sheet(MONTH_TEXT["payments"], (12, 14, 16, 12, 14, 12, 30))
    _table(listing, [w[k] for k in ("paid_at", "order_number", "customer", "kind", "method", "amount", "note")],
           [[local_date(at), display_order_number(number), name, book.translate(PAYMENT_TEXT[kind.value]),
             book.translate(PAYMENT_TEXT[method.value]), yuan(-amount if kind is PaymentKind.REFUND else amount), note]
            for at, kind, method, amount, note, number, name in payments],
           ["date", None, None, None, None, "money", None], sums=(5,), counts=1, total=w["total"])
    received = sum(methods.values())
    return {"received_fen": received}


def extras_sheet(session: Session, book: MonthBook) -> None:
    """Extras (加选) sold in the month: items bought on top of a package, made in the month,
    not cancelled; each one, then by product type with a chart."""
    w = _words(book)
    start, end = book.month.bounds()
    query = (select(ItemEvent.at, Item.code, Order.number, Customer.name, ProductType.name, Item.extra_price_fen,
                    Item.price_reason)
             .join(Item, Item.id == ItemEvent.item_id).join(Order, Order.id == Item.order_id)
             .join(Customer, Customer.id == Order.customer_id).join(ProductType, ProductType.id == Item.product_type_id)
             .where(ItemEvent.to_status == ItemStatus.WAITING, ItemEvent.from_status.is_(None),
                    ItemEvent.at >= start, ItemEvent.at < end, Item.extra_price_fen > 0,
                    Item.status != ItemStatus.CANCELLED)
             .order_by(ItemEvent.at, Item.code))
    extras = session.execute(query).all()
    ws = book.sheet(MONTH_TEXT["extras"], (12, 18, 14, 14, 20, 12, 24, 4, 22, 10, 14))
    _table(ws, [w[k] for k in ("booked", "item_code", "order_number", "customer", "product", "price", "reason")],
           [[local_date(at), code, display_order_number(number), name, product, yuan(price), reason]
            for at, code, number, name, product, price, reason in extras],
           ["date", None, None, None, None, "money", None], sums=(5,), counts=1, total=w["total"])
    by_product: dict[str, list[int]] = {}
    for *_, product, price, _reason in extras:
        counted = by_product.setdefault(product, [0, 0])
        counted[0] += 1
        counted[1] += price
    ranked = sorted(by_product.items(), key=lambda p: -p[1][1])
    styles = Styles(ws)
    for c, text in enumerate((w["product"], w["count"], w["amount"]), start=9):
        _put(ws, styles, 1, c, text, "bold")
    for r, (product, (n, fen)) in enumerate(ranked, start=2):
        _put(ws, styles, r, 9, product)
        _put(ws, styles, r, 10, n)
        _put(ws, styles, r, 11, yuan(fen), "money")
    if ranked:
        chart = BarChart()
        chart.type, chart.title, chart.legend = "bar", w["extras"], None
        chart.add_data(Reference(ws, min_col=11, min_row=1, max_row=1 + len(ranked)), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=9, min_row=2, max_row=1 + len(ranked)))
        chart.height, chart.width = 8, 16
        ws.add_chart(chart, f"I{len(ranked) + 4}")


def balances_sheet(session: Session, book: MonthBook) -> None:
    """Orders booked up to the month's end that still owe money today (not cancelled)."""
    w = _words(book)
    _, end = book.month.bounds()
    due = TOTAL_FEN - PAID_FEN
    query = (select(Order.number, Order.booked_at, Customer.name, *BALANCE_COLUMNS)
             .join(Customer, Customer.id == Order.customer_id)
             .where(Order.booked_at < end, ~CANCELLED, due > 0).order_by(Order.booked_at, Order.id))
    rows = []
    for number, at, name, total, paid, cancelled in session.execute(query):
        b = balance_of(total, paid, cancelled)
        rows.append([display_order_number(number), local_date(at), name, yuan(b.total_fen), yuan(b.paid_fen),
                     yuan(b.due_fen)])
    ws = book.sheet(MONTH_TEXT["balances"], (14, 12, 16, 12, 12, 12, 4, 24))
    _table(ws, [w[k] for k in ("order_number", "booked", "customer", "order_total", "paid", "due")], rows,
           [None, "date", None, "money", "money", "money"], sums=(3, 4, 5), counts=1, total=w["total"])
    _put(ws, Styles(ws), 1, 8, w["as_of"].format(day=book.clock.today().isoformat()))


def rework_sheet(session: Session, book: MonthBook) -> None:
    """Reworks ÷ items returned in the month (the rework statistics' definition), by lab and by
    product type, with a chart of the rates."""
    w = _words(book)
    last_day = book.month.next_first_day - dt.timedelta(days=1)
    stats = rework_stats(session, book.month.first_day, last_day, clock=book.clock)
    ws = book.sheet(MONTH_TEXT["rework"], (22, 14, 12, 12, 4, 22, 14, 12, 12))
    styles = Styles(ws)
    for col, title, groups in ((1, w["lab"], stats.by_lab), (6, w["product"], stats.by_product)):
        for c, text in enumerate((title, w["returned"], w["reworks"], w["rate"]), start=col):
            _put(ws, styles, 1, c, text, "bold")
        for r, g in enumerate(groups, start=2):
            _put(ws, styles, r, col, g.name or w["no_lab"])
            _put(ws, styles, r, col + 1, g.returned)
            _put(ws, styles, r, col + 2, g.reworks)
            letter_r, letter_n = get_column_letter(col + 1), get_column_letter(col + 2)
            rate = ws.cell(r, col + 3, f"=IF({letter_r}{r}=0,\"\",{letter_n}{r}/{letter_r}{r})")
            rate._style = styles.get("percent")
        end = 1 + max(len(groups), 1)
        total_row = end + 1
        _put(ws, styles, total_row, col, w["total"], "bold")
        for c in (col + 1, col + 2):
            letter = get_column_letter(c)
            ws.cell(total_row, c, f"=SUBTOTAL(109,{letter}2:{letter}{end})")._style = styles.get("bold")
        letter_r, letter_n = get_column_letter(col + 1), get_column_letter(col + 2)
        ws.cell(total_row, col + 3, f"=IF({letter_r}{total_row}=0,\"\",{letter_n}{total_row}/{letter_r}{total_row})"
                )._style = styles.get("bold_percent")
        if groups:
            chart = BarChart()
            chart.type, chart.title, chart.legend = "bar", f"{w['rate']}: {title}", None
            chart.add_data(Reference(ws, min_col=col + 3, min_row=1, max_row=end), titles_from_data=True)
            chart.set_categories(Reference(ws, min_col=col, min_row=2, max_row=end))
            chart.y_axis.number_format = "0%"
            chart.height, chart.width = 8, 12
            ws.add_chart(chart, f"{get_column_letter(col)}{max(len(stats.by_lab), len(stats.by_product)) + 5}")


def channels_sheet(session: Session, book: MonthBook) -> None:
    """Orders booked in the month by the customer's channel: how many and their value, with a pie."""
    w = _words(book)
    start, end = book.month.bounds()
    query = (select(Customer.channel, func.count(Order.id), func.coalesce(func.sum(TOTAL_FEN), 0))
             .join(Customer, Customer.id == Order.customer_id)
             .where(Order.booked_at >= start, Order.booked_at < end, ~CANCELLED).group_by(Customer.channel))
    counted = {channel.value: (n, int(fen)) for channel, n, fen in session.execute(query)}
    rows = []
    for i, key in enumerate(CHANNEL_TEXT, start=2):
        n, fen = counted.get(key, (0, 0))
        rows.append([book.translate(CHANNEL_TEXT[key]), n, yuan(fen), Formula(f"=IF(B${len(CHANNEL_TEXT) + 2}=0,\"\",B{i}/B${len(CHANNEL_TEXT) + 2})")])
    ws = book.sheet(MONTH_TEXT["channels"], (26, 10, 16, 10))
    last = _table(ws, [w["channel"], w["orders"], w["orders_value"], w["share"]], rows,
                  [None, None, "money", "percent"], sums=(1, 2), total=w["total"], filter_rows=False)
    pie = PieChart()
    pie.title = w["channels"]
    pie.add_data(Reference(ws, min_col=2, min_row=1, max_row=last - 1), titles_from_data=True)
    pie.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last - 1))
    ws.add_chart(pie, "F2")


BUILDERS = [orders_sheet, revenue_sheet, extras_sheet, balances_sheet, rework_sheet, channels_sheet]
