"""The pickup query runs as plain SQL on the driver's cursor (app/models/prepared.py): it must
give exactly what Core execution gives, and fail the way Core execution fails."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import String, bindparam, column, select, table
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from app.models import Item, ItemEvent, ItemStatus, Order, PaymentKind, PaymentMethod
from app.models.prepared import PreparedQuery
from app.services import lookup
from app.services.codes import display_order_number
from app.services.customers import NewCustomer, create_customer
from app.services.orders import BookOrder, book_order, take_payment

from .helpers import new_order
from .pickup_helpers import item_codes, move

S = ItemStatus


@pytest.fixture
def mixed_order(session, studio, clock):  # type: ignore[no-untyped-def]
    """An order whose items are waiting, at the lab, ready on a shelf and picked up (dates,
    times and statuses all in the rows)."""
    customer = create_customer(session, NewCustomer("王五", ["138 0013 8000"], partner_name="赵六"), studio.counter,
                               clock=clock)
    order = book_order(session, BookOrder(customer.id, studio.single, deposit_fen=100000), studio.counter, clock=clock)
    take_payment(session, order.id, PaymentKind.BALANCE, PaymentMethod.CASH, 499900, studio.counter, clock=clock)
    codes = item_codes(session, order.id)
    move(session, studio, clock, codes[0], S.SENT)
    move(session, studio, clock, codes[1], S.READY)
    move(session, studio, clock, codes[2], S.PICKED_UP)
    return order


def test_the_prepared_pickup_query_gives_exactly_the_rows_core_execution_gives(session, mixed_order, studio, clock):  # type: ignore[no-untyped-def]
    new_order(session, studio, clock, package=studio.growth, name="陈七", phone="13900139000")  # sessions, unpaid
    connection = session.connection()
    numbers = list(session.scalars(select(Order.number)))
    assert mixed_order.number in numbers and len(numbers) == 2
    for number in numbers:
        expected = [list(row) for row in connection.execute(lookup._SHEET, {"number": number})]
        assert lookup._SHEET_QUERY.rows(connection, number) == expected
    rows = lookup._SHEET_QUERY.rows(connection, mixed_order.number)
    statuses = [row[15] for row in rows]
    assert statuses[:3] == [S.SENT, S.READY, S.PICKED_UP] and all(isinstance(s, ItemStatus) for s in statuses)
    picked = rows[2]
    assert picked[19] is not None and picked[19].tzinfo is not None and picked[20] == studio.counter.name


def test_the_prepared_query_takes_an_odd_value_as_a_value_never_as_sql(session, mixed_order):  # type: ignore[no-untyped-def]
    connection = session.connection()
    for odd in ("x' OR '1'='1", "2611-0001'; DROP TABLE items; --", "%s", "?", "百分之%"):
        assert lookup._SHEET_QUERY.rows(connection, odd) == []
    assert session.scalar(select(Item.id).limit(1)) is not None


def test_a_driver_error_in_a_prepared_query_comes_out_as_sqlalchemys_with_its_values_hidden(session):  # type: ignore[no-untyped-def]
    missing = table("nothing_here", column("code", String))
    broken = PreparedQuery(select(missing.c.code).where(missing.c.code == bindparam("code", type_=String)), "code")
    with pytest.raises((OperationalError, ProgrammingError)) as raised:
        broken.rows(session.connection(), "138 0013 8000")
    assert isinstance(raised.value, DBAPIError) and not raised.value.connection_invalidated
    assert "138 0013 8000" not in str(raised.value)
    session.rollback()
    session.execute(select(Item.id).limit(1))  # the session goes on after the rollback


def test_a_prepared_query_refuses_a_statement_that_does_not_hold_its_value_exactly_once(session):  # type: ignore[no-untyped-def]
    none = PreparedQuery(select(Item.code).where(Item.code == "x"), "code")
    with pytest.raises(ValueError, match="code appears 0 times"):
        none.rows(session.connection(), "x")


def test_the_pickup_station_names_who_handed_an_item_over_last_when_it_left_twice(  # type: ignore[no-untyped-def]
        session, mixed_order, studio, clock):
    """An item picked up, brought back under a complaint and handed over again: the tile says
    who handed it over the second time, not the first."""
    picked = item_codes(session, mixed_order.id)[2]
    item = session.scalar(select(Item).where(Item.code == picked))
    clock.advance(minutes=5)
    session.add(ItemEvent(item_id=item.id, from_status=S.PICKED_UP, to_status=S.REWORK, at=clock.now(),
                          staff_id=studio.manager.staff_id, station="前台1", reason="投诉返工"))
    clock.advance(minutes=5)
    session.add(ItemEvent(item_id=item.id, from_status=S.READY, to_status=S.PICKED_UP, at=clock.now(),
                          staff_id=studio.manager.staff_id, station="前台1"))
    item.status_at = clock.now()
    session.commit()
    sheet = lookup.order_sheet(session, display_order_number(mixed_order.number))
    line = next(i for i in sheet.items if i.code == picked)
    assert line.picked_up_by == studio.manager.name and line.picked_up_at == clock.now()


def test_a_connection_lost_under_a_prepared_query_is_invalidated_and_said_as_lost(session, engine):  # type: ignore[no-untyped-def]
    if engine.dialect.name != "postgresql":
        pytest.skip("a server that drops a connection: PostgreSQL (SQLite has no connection to lose)")
    connection = session.connection()
    pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    with engine.connect() as other:
        assert other.exec_driver_sql(f"SELECT pg_terminate_backend({int(pid)})").scalar() is True
    with pytest.raises(DBAPIError) as raised:
        lookup._SHEET_QUERY.rows(connection, "2611-0001")
    assert raised.value.connection_invalidated and connection.invalidated
    session.rollback()
    assert session.connection().exec_driver_sql("SELECT 1").scalar() == 1  # a new connection from the pool


def test_a_prepared_query_shows_itself_to_sql_logging_switched_on_without_echo(session, mixed_order, caplog):  # type: ignore[no-untyped-def]
    session.commit()  # the next statement takes a connection anew, which asks whether SQL is logged
    with caplog.at_level(logging.INFO, logger="sqlalchemy.engine.Engine"):
        connection = session.connection()
        rows = lookup._SHEET_QUERY.rows(connection, mixed_order.number)
    assert "FROM orders JOIN customers" in caplog.text
    assert rows == [list(row) for row in connection.execute(lookup._SHEET, {"number": mixed_order.number})]
