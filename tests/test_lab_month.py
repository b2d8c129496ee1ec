"""The studio's side of month-end 对账: every sending to a lab that left or came back in a
month, with the price recorded when it left and the rework flag and reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from app.models import Choice, ChoiceKind, ItemStatus as S, LabPrice
from app.services import database, lifecycle
from app.services.errors import BadInput, NotFound
from app.services.lab_month import Month, lab_lines, lab_of

from .conftest import PG_URL
from .tracking_helpers import lab_items

UTC = dt.timezone.utc


def _at(clock, day: str) -> None:  # type: ignore[no-untyped-def]
    """Move the clock to 10:00 studio time on ``day`` (02:00 UTC)."""
    clock.moment = dt.datetime.fromisoformat(f"{day} 02:00:00").replace(tzinfo=UTC)


def _go(session, code, target, studio, clock, day, **kw):  # type: ignore[no-untyped-def]
    _at(clock, day)
    lifecycle.transition(session, code, target, studio.production, clock=clock, **kw)


@pytest.fixture
def history(session, studio, clock):  # type: ignore[no-untyped-def]
    """Four albums of one lab: sent late October and back in November (b), sent in November
    and still out (c), out and back in October (d), and one sent in November, back, reworked
    for its colour and sent again on 1 December (a)."""
    _at(clock, "2026-10-01")
    a, b, c, d = lab_items(session, studio, clock, 4)[::3]
    colour = session.scalar(select(Choice.id).where(Choice.kind == ChoiceKind.REWORK_REASON, Choice.key == "colour"))
    _go(session, d, S.SENT, studio, clock, "2026-10-05")
    _go(session, d, S.RETURNED, studio, clock, "2026-10-10")
    _go(session, b, S.SENT, studio, clock, "2026-10-28")
    _go(session, b, S.RETURNED, studio, clock, "2026-11-03")
    _go(session, c, S.SENT, studio, clock, "2026-11-10")
    _go(session, a, S.SENT, studio, clock, "2026-11-23")
    # The lab raises its price after a left: a's November line keeps the old price.
    session.execute(update(LabPrice).where(LabPrice.lab_id == studio.lab, LabPrice.product_type_id == studio.album)
                    .values(price_fen=42000))
    session.commit()
    _go(session, a, S.RETURNED, studio, clock, "2026-11-30")
    _go(session, a, S.REWORK, studio, clock, "2026-11-30", rework_reason_id=colour, reason="左下角偏红")
    _go(session, a, S.SENT, studio, clock, "2026-12-01")
    _go(session, a, S.RETURNED, studio, clock, "2026-12-05")
    return {"a": a, "b": b, "c": c, "d": d}


def test_a_month_lists_each_sending_that_left_or_came_back_in_it(session, studio, history):
    lines = lab_lines(session, Month(2026, 11), lab_id=studio.lab)
    got = [(x.item_code, x.sent_at.date().isoformat(), x.returned_at and x.returned_at.date().isoformat(), x.rework)
           for x in lines]
    assert got == [
        (history["b"], "2026-10-28", "2026-11-03", False),  # left in October, back in November
        (history["c"], "2026-11-10", None, False),  # still at the lab
        (history["a"], "2026-11-23", "2026-11-30", False),
    ]
    assert history["d"] not in {x.item_code for x in lines}  # out and back in October


def test_a_rework_going_back_is_a_sending_of_its_own_with_the_reason_given(session, studio, history):
    [line] = lab_lines(session, Month(2026, 12), lab_id=studio.lab)
    assert (line.item_code, line.rework, line.rework_note) == (history["a"], True, "左下角偏红")
    assert line.rework_reason("zh_CN") == "偏色/颜色" and line.rework_reason("en") == "Colour"
    assert line.returned_at == dt.datetime(2026, 12, 5, 2, 0, tzinfo=UTC)


def test_the_price_is_the_labs_price_when_the_item_left_not_todays(session, studio, history):
    by_code = {x.item_code: x for x in lab_lines(session, Month(2026, 11), lab_id=studio.lab)}
    assert by_code[history["a"]].price_fen == 38000  # the price list says 42000 now
    [december] = lab_lines(session, Month(2026, 12), lab_id=studio.lab)
    assert december.price_fen == 42000  # the rework left after the rise


def test_lines_carry_order_number_with_its_check_character_product_and_customer(session, studio, history):
    line = lab_lines(session, Month(2026, 11), lab_id=studio.lab)[0]
    assert line.order_number.count("-") == 2 and line.item_code.startswith(line.order_number[:9])
    assert line.product_name == "30P 相册" and line.customer_name.startswith("顾客")
    assert line.lab_name == "金彩相册厂" and line.shipment_id is not None


def test_the_month_follows_the_studios_clock_not_utc(session, studio, clock):
    """An item sent at 00:30 on 1 December in Beijing (16:30 UTC on 30 November) is December's."""
    [code] = lab_items(session, studio, clock, 1)[:1]
    clock.moment = dt.datetime(2026, 11, 30, 16, 30, tzinfo=UTC)
    lifecycle.transition(session, code, S.SENT, studio.production, clock=clock)
    assert [x.item_code for x in lab_lines(session, Month(2026, 12))] == [code]
    assert lab_lines(session, Month(2026, 11)) == []


def test_another_labs_sendings_are_not_on_this_labs_list(session, studio, clock):
    album = lab_items(session, studio, clock, 1)[0]
    lifecycle.transition(session, album, S.SENT, studio.production, lab_id=studio.slow_lab, clock=clock)
    assert lab_lines(session, Month(2026, 11), lab_id=studio.lab) == []
    assert [x.item_code for x in lab_lines(session, Month(2026, 11), lab_id=studio.slow_lab)] == [album]


@pytest.mark.parametrize("typed", ["2026-13", "2026/10", "10-2026", "", "1999-01", "2026-1-1"])
def test_a_month_that_is_not_yyyy_mm_is_refused_with_what_was_typed(typed):
    with pytest.raises(BadInput):
        Month.parse(typed)


def test_a_month_parses_with_or_without_its_leading_zero():
    assert Month.parse("2026-3") == Month.parse(" 2026-03 ") == Month(2026, 3)
    assert str(Month(2026, 3)) == "2026-03" and Month(2026, 12).next_first_day == dt.date(2027, 1, 1)


def test_an_unknown_lab_is_refused_naming_the_labs_there_are(session, studio):
    assert lab_of(session, "金彩相册厂").id == studio.lab
    with pytest.raises(NotFound, match="There is no lab"):
        lab_of(session, "不存在的厂")


@pytest.mark.skipif(bool(PG_URL), reason="SQLite file handling")
def test_upgrading_a_0007_database_gives_each_lab_no_billed_rework_and_no_statement_layout(tmp_path: Path):
    from alembic import command

    from .test_database import _database_at

    engine, cfg = _database_at(tmp_path / "old.db", "0007")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO labs (id, name, default_turnaround_days, active) VALUES (1, '金彩', 7, 1)"))
    database.upgrade(engine, backup_dir=tmp_path / "bk")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name, bills_rework, statement_columns FROM labs")).all() == [
            ("金彩", 0, None)]
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007")
    with engine.connect() as conn:
        assert "bills_rework" not in [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(labs)")]
        assert conn.execute(text("SELECT name FROM labs")).all() == [("金彩",)]
    assert database.upgrade(engine, backup_dir=tmp_path / "bk").to_revision == database.head_revision()
    engine.dispose()
