"""The production desk's boards (看板): which items wait for what, read page by page.

Five boards, each a rule over the items' cached status (DESIGN.md §3):

- waiting to be sent: waiting or back from QC for rework, made by a lab, design not
  pending; by lab (in the order the labs were added), oldest first;
- at the lab: sent, by expected return date;
- overdue (超期): sent and past the expected return date; by lab, oldest first;
- returned, not checked: back from the lab, waiting for QC (理件), oldest first;
- ready, not collected: ready for more than N days (a studio setting, default 30), oldest first.

Each board is filtered by lab, product type, a date range and the staff member who made
the item's last step. Reads only; batch actions go through :mod:`app.services.lifecycle`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from ..models import DesignStatus, Item, ItemEvent, ItemStatus, Lab, Order, Customer, ProductType, Staff
from . import codes
from .clock import SYSTEM_CLOCK, Clock
from .errors import as_enum
from .studio import get_setting

S = ItemStatus
PAGE_SIZE = 100
UNCOLLECTED_DAYS = "uncollected_days"  # studio setting: "ready, not collected" after this many days
DEFAULT_UNCOLLECTED_DAYS = 30


class Board(enum.StrEnum):
    WAITING = "waiting"  # 待发件
    AT_LAB = "at_lab"  # 在厂
    OVERDUE = "overdue"  # 超期
    RETURNED = "returned"  # 已回件未理件
    UNCOLLECTED = "uncollected"  # 待取件超 N 天


@dataclass(frozen=True)
class BoardFilter:
    lab_id: int | None = None
    product_type_id: int | None = None
    date_from: dt.date | None = None  # inclusive; the expected return on the lab boards, else since when
    date_to: dt.date | None = None  # inclusive
    staff_id: int | None = None  # who made the item's last step


@dataclass(frozen=True)
class BoardRow:
    item_id: int
    code: str
    order_id: int
    order_number: str  # as people read it, with its check character
    customer_name: str
    product: str
    lab_id: int | None
    lab_name: str | None
    status: ItemStatus
    status_at: dt.datetime
    expected_return: dt.date | None
    shelf: str | None
    staff_name: str | None  # who made the last step


_I, _O, _C, _PT, _L, _E = (Item.__table__, Order.__table__, Customer.__table__, ProductType.__table__,
                           Lab.__table__, ItemEvent.__table__)
_NOT_SENDABLE_YET = (DesignStatus.DESIGNING, DesignStatus.AWAITING_APPROVAL)


def uncollected_days(session: Session) -> int:
    try:
        days = int(get_setting(session, UNCOLLECTED_DAYS) or DEFAULT_UNCOLLECTED_DAYS)
    except ValueError:
        return DEFAULT_UNCOLLECTED_DAYS
    return max(days, 0)


def _start_of(day: dt.date, clock: Clock) -> dt.datetime:
    """The first instant of a local calendar day, as UTC."""
    return dt.datetime.combine(day, dt.time(), tzinfo=clock.tz).astimezone(dt.UTC)


def _where(session: Session, board: Board, flt: BoardFilter, clock: Clock) -> list:  # type: ignore[type-arg]
    """The conditions of ``board`` and ``flt`` on the items table alone."""
    today = clock.today()
    conds: list = []  # type: ignore[type-arg]
    dated = _I.c.status_at
    if board is Board.WAITING:
        # (in-house products as NOT IN a small list: a join would lead the planner through the
        # product type index to every item ever made)
        conds += [_I.c.status.in_([S.WAITING, S.REWORK]),
                  _I.c.product_type_id.not_in(select(_PT.c.id).where(_PT.c.in_house.is_(True))),
                  _I.c.design_status.not_in(_NOT_SENDABLE_YET)]
    elif board is Board.AT_LAB:
        conds.append(_I.c.status == S.SENT)
        dated = _I.c.expected_return
    elif board is Board.OVERDUE:
        conds += [_I.c.status == S.SENT, _I.c.expected_return < today]
        dated = _I.c.expected_return
    elif board is Board.RETURNED:
        conds.append(_I.c.status == S.RETURNED)
    else:
        limit = _start_of(today - dt.timedelta(days=uncollected_days(session)), clock)
        conds += [_I.c.status == S.READY, _I.c.status_at < limit]
    if flt.lab_id is not None:
        conds.append(_I.c.lab_id == flt.lab_id)
    if flt.product_type_id is not None:
        conds.append(_I.c.product_type_id == flt.product_type_id)
    if dated is _I.c.expected_return:
        if flt.date_from is not None:
            conds.append(dated >= flt.date_from)
        if flt.date_to is not None:
            conds.append(dated <= flt.date_to)
    else:
        if flt.date_from is not None:
            conds.append(dated >= _start_of(flt.date_from, clock))
        if flt.date_to is not None:
            conds.append(dated < _start_of(flt.date_to + dt.timedelta(days=1), clock))
    if flt.staff_id is not None:
        last_staff = (select(_E.c.staff_id).where(_E.c.item_id == _I.c.id)
                      .order_by(_E.c.id.desc()).limit(1).scalar_subquery())
        conds.append(last_staff == flt.staff_id)
    return conds


def _order_by(board: Board) -> tuple:  # type: ignore[type-arg]
    # grouped by lab in the order labs were added (names would sort differently on each database's
    # collation); items of no lab last
    by_lab = (_I.c.lab_id.is_(None), _I.c.lab_id)
    if board is Board.WAITING:
        return (*by_lab, _I.c.status_at, _I.c.id)
    if board is Board.AT_LAB:
        return (_I.c.expected_return, _I.c.id)
    if board is Board.OVERDUE:
        return (*by_lab, _I.c.expected_return, _I.c.id)
    return (_I.c.status_at, _I.c.id)


def _page_query(
    session: Session, board: Board, flt: BoardFilter, clock: Clock, offset: int, limit: int,
) -> Select:  # type: ignore[type-arg]
    """The page's item ids are chosen on the items table alone (a board can hold thousands of
    items: joining each to its order and customer before sorting costs more than the sort);
    only the page's rows are then joined to what they show."""
    page = (select(_I.c.id.label("id")).select_from(_I).where(and_(*_where(session, board, flt, clock))).order_by(*_order_by(board))
            .offset(offset).limit(limit).subquery("page"))
    return (
        select(_I.c.id, _I.c.code, _I.c.order_id, _O.c.number, _C.c.name, _PT.c.name, _I.c.lab_id, _L.c.name,
               _I.c.status, _I.c.status_at, _I.c.expected_return, _I.c.shelf)
        .select_from(page)
        .join(_I, _I.c.id == page.c.id)
        .join(_PT, _PT.c.id == _I.c.product_type_id)
        .join(_O, _O.c.id == _I.c.order_id)
        .join(_C, _C.c.id == _O.c.customer_id)
        .outerjoin(_L, _L.c.id == _I.c.lab_id)
        .order_by(*_order_by(board))
    )


def last_staff(session: Session, item_ids: Sequence[int]) -> dict[int, str | None]:
    """Who made the last step of each item (None: nobody recorded, e.g. made by the program)."""
    if not item_ids:
        return {}
    last = (select(func.max(_E.c.id)).where(_E.c.item_id.in_(item_ids)).group_by(_E.c.item_id))
    rows = session.execute(
        select(_E.c.item_id, Staff.name).select_from(_E).outerjoin(Staff, Staff.id == _E.c.staff_id)
        .where(_E.c.id.in_(last))).all()
    return {item_id: name for item_id, name in rows}


def board_page(
    session: Session, board: Board, flt: BoardFilter | None = None, *, offset: int = 0, limit: int = PAGE_SIZE,
    clock: Clock = SYSTEM_CLOCK,
) -> tuple[list[BoardRow], bool]:
    """One page of ``board``: its rows and whether more follow."""
    board = as_enum(Board, board, "board")
    flt = flt or BoardFilter()
    raw = session.execute(_page_query(session, board, flt, clock, offset, limit + 1)).all()
    more = len(raw) > limit
    raw = raw[:limit]
    staff = last_staff(session, [r[0] for r in raw])
    rows = [BoardRow(item_id=r[0], code=r[1], order_id=r[2], order_number=codes.display_order_number(r[3]),
                     customer_name=r[4], product=r[5], lab_id=r[6], lab_name=r[7], status=r[8], status_at=r[9],
                     expected_return=r[10], shelf=r[11], staff_name=staff.get(r[0])) for r in raw]
    return rows, more


def board_count(session: Session, board: Board, flt: BoardFilter | None = None, *, clock: Clock = SYSTEM_CLOCK) -> int:
    board = as_enum(Board, board, "board")
    query = (select(func.count()).select_from(_I).where(and_(*_where(session, board, flt or BoardFilter(), clock))))
    return session.scalar(query) or 0


def board_counts(session: Session, flt: BoardFilter | None = None, *, clock: Clock = SYSTEM_CLOCK) -> dict[Board, int]:
    """How many items each board holds (for the board chooser)."""
    return {board: board_count(session, board, flt, clock=clock) for board in Board}


def overdue_count(session: Session, *, clock: Clock = SYSTEM_CLOCK) -> int:
    """Items still at a lab after their expected return date (超期报警): one index range."""
    return session.scalar(select(func.count()).select_from(_I).where(
        _I.c.status == S.SENT, _I.c.expected_return < clock.today())) or 0


@dataclass(frozen=True)
class Option:
    id: int
    name: str


@dataclass(frozen=True)
class FilterOptions:
    labs: list[Option]
    product_types: list[Option]
    staff: list[Option]


def filter_options(session: Session) -> FilterOptions:
    """What the boards' filters offer: labs, product types and staff, by name."""
    return FilterOptions(
        labs=[Option(i, n) for i, n in session.execute(select(Lab.id, Lab.name).order_by(Lab.name))],
        product_types=[Option(i, n) for i, n in session.execute(
            select(ProductType.id, ProductType.name).order_by(ProductType.name))],
        staff=[Option(i, n) for i, n in session.execute(select(Staff.id, Staff.name).order_by(Staff.name))],
    )


DATA_VERSION_WINDOW = 1000  # item events: how far back a late commit is still noticed


def data_version(session: Session) -> int:
    """A number that moves whenever any item changes anywhere (a phone, another station): the
    newest item event, and how many of the last events are visible. The boards and the pickup
    view poll it every second and read again only when it moved.

    The count is for PostgreSQL, which hands out ids at INSERT but shows rows at COMMIT: a scan
    that inserted first and commits last never moves the newest id past what a board already
    saw, but it adds one to the events visible near the top. Two index range reads."""
    top = session.scalar(select(func.max(ItemEvent.id))) or 0
    recent = session.scalar(select(func.count(ItemEvent.id)).where(ItemEvent.id > top - DATA_VERSION_WINDOW)) or 0
    return top * (DATA_VERSION_WINDOW + 1) + recent
