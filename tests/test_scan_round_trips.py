"""How many times one scan asks the database: on PostgreSQL each statement is a network round
trip, and twenty phones or four stations scanning at once wait on them (issue 17's load goal)."""

from __future__ import annotations

from sqlalchemy import event

from app.services import receiving
from app.services.receiving import ScanMode

from .tracking_helpers import sent_items


def _statements(engine, work) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def note(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        seen.append(" ".join(statement.split())[:80])

    event.listen(engine, "before_cursor_execute", note)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return seen


def test_a_received_scan_asks_the_database_four_times_one_read_of_the_item_with_its_order_locked(
        engine, session, studio, clock):  # type: ignore[no-untyped-def]
    code = sent_items(session, studio, clock, 1)[0]
    session.commit()
    seen = _statements(engine, lambda: receiving.apply_scan(session, code, ScanMode.RECEIVE, studio.production,
                                                            clock=clock))
    # the item with its names and its order (locked), the update, the event, the order's progress
    # read (and written when it moves)
    assert len(seen) <= 5, "\n".join(seen)
    assert seen[0].startswith("SELECT items.id, items.code, orders.number"), "\n".join(seen)
    assert seen[1].startswith("UPDATE items SET status"), "\n".join(seen)
    assert seen[2].startswith("INSERT INTO item_events"), "\n".join(seen)
    assert sum(s.startswith("SELECT") for s in seen) == 2, "\n".join(seen)


def test_a_received_scan_locks_the_item_and_its_order_with_its_first_read(engine):  # type: ignore[no-untyped-def]
    sql = receiving._RECEIVING.sql(engine.dialect)
    if engine.dialect.name == "postgresql":
        assert sql.rstrip().endswith("FOR NO KEY UPDATE OF items, orders"), sql
    else:  # SQLite has one writer at a time: nothing to lock row by row
        assert "FOR" not in sql.split("WHERE")[-1], sql


def test_a_passed_scan_asks_the_database_at_most_seven_times_the_locked_rows_are_not_read_again(
        engine, session, studio, clock):  # type: ignore[no-untyped-def]
    code = sent_items(session, studio, clock, 1)[0]
    receiving.apply_scan(session, code, ScanMode.RECEIVE, studio.production, clock=clock)
    seen = _statements(engine, lambda: receiving.apply_scan(session, code, ScanMode.PASS, studio.production,
                                                            clock=clock))
    assert sum(s.startswith("SELECT items.id, items.code, items.order_id") for s in seen) == 1, "\n".join(seen)
    assert sum(s.startswith("SELECT orders.id, orders.number, orders.customer_id") for s in seen) == 1, "\n".join(seen)


def test_rows_locked_by_a_scan_are_let_go_when_its_transaction_ends(engine, session, studio, clock):  # type: ignore[no-untyped-def]
    from app.services import lifecycle

    code = sent_items(session, studio, clock, 1)[0]
    session.commit()
    lifecycle.lock_items(session, [code])
    assert session.info[lifecycle._LOCKED_ROWS]
    session.rollback()
    assert lifecycle._LOCKED_ROWS not in session.info
    receiving.apply_scan(session, code, ScanMode.RECEIVE, studio.production, clock=clock)
    assert lifecycle._LOCKED_ROWS not in session.info


def test_a_pickup_scan_asks_the_database_once_the_customers_tier_included(engine, session, studio, clock):  # type: ignore[no-untyped-def]
    from sqlalchemy import update

    from app.models import Customer, Tier
    from app.services import pickup
    from app.services.codes import display_order_number

    from .helpers import new_order

    order = new_order(session, studio, clock)
    session.execute(update(Customer).where(Customer.id == order.customer_id).values(tier=Tier.TOP))
    session.commit()
    views = []
    seen = _statements(engine, lambda: views.append(pickup.station_view(session, display_order_number(order.number))))
    assert len(seen) == 1, "\n".join(seen)
    assert views[0].tier is Tier.TOP and views[0].order_id == order.id
