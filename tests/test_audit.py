"""The manager's audit log viewer: filters, paging, Excel export written safely."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.models import AuditEntry
from app.services import audit
from app.services.errors import BadInput, NotAllowed
from app.services.orders import cancel_order
from app.services.staff import record

from .conftest import PG_URL
from .helpers import new_order


@pytest.fixture
def logged(session, studio, clock):
    """Acts on three studio days (Shanghai): 23 Nov 10:00 and 11:00, 24 Nov 11:00, 25 Nov 11:00."""
    record(session, studio.manager, "order.cancel", "order:2611-0001", "客户取消", clock=clock)
    clock.advance(hours=1)
    record(session, studio.counter, "order.discount", "order:2611-0002", "500 fen: 老客户", clock=clock)
    clock.advance(days=1)
    record(session, studio.manager, "payment.refund", "order:2611-0001", "=HYPERLINK(\"http://x\")", clock=clock)
    clock.advance(days=1)
    record(session, studio.manager, "order.cancel", "order:2611-0003", "重复下单", clock=clock)
    session.commit()
    return studio


def _acts(rows) -> list[str]:
    return [r.act for r in rows]


def test_the_audit_log_filters_by_staff_act_and_studio_local_dates_newest_first(session, logged, clock):
    boss = logged.manager
    everything = audit.entries(session, boss, clock=clock)
    staff_create = [r for r in everything if r.act == "staff.create"]
    assert _acts(everything)[:4] == ["order.cancel", "payment.refund", "order.discount", "order.cancel"]
    assert len(staff_create) == 3  # the studio fixture added three staff
    assert _acts(audit.entries(session, boss, staff_id=logged.counter.staff_id, clock=clock)) == ["order.discount"]
    assert [r.target for r in audit.entries(session, boss, act="order.cancel", clock=clock)] == [
        "order:2611-0003", "order:2611-0001"]
    day = dt.date(2026, 11, 24)
    assert _acts(audit.entries(session, boss, since=day, until=day, clock=clock)) == ["payment.refund"]
    assert _acts(audit.entries(session, boss, since=dt.date(2026, 11, 25), clock=clock)) == ["order.cancel"]
    assert _acts(audit.entries(session, boss, act="order.cancel", until=dt.date(2026, 11, 23), clock=clock)) == [
        "order.cancel"]
    row = audit.entries(session, boss, staff_id=logged.counter.staff_id, clock=clock)[0]
    assert (row.staff, row.station, row.detail) == ("李前台", "前台1", "500 fen: 老客户")
    with pytest.raises(BadInput):
        audit.entries(session, boss, since=dt.date(2026, 11, 25), until=dt.date(2026, 11, 24), clock=clock)


def test_the_audit_log_pages_without_gaps_or_repeats(session, logged, clock):
    whole = audit.entries(session, logged.manager, clock=clock)
    pages = [audit.entries(session, logged.manager, offset=o, limit=2, clock=clock)
             for o in range(0, len(whole) + 2, 2)]
    assert [r.id for page in pages for r in page] == [r.id for r in whole]


def test_only_a_manager_reads_or_exports_the_audit_log(session, logged, clock, tmp_path):
    for who in (logged.counter, logged.production):
        for call in (lambda: audit.entries(session, who, clock=clock), lambda: audit.acts(session, who),
                     lambda: audit.staff_choices(session, who),
                     lambda: audit.export_entries(session, tmp_path / "a.xlsx", who, clock=clock)):
            with pytest.raises(NotAllowed):
                call()
    assert not (tmp_path / "a.xlsx").exists()


def test_act_choices_are_the_distinct_acts_of_the_log(session, logged):
    assert audit.acts(session, logged.manager) == ["order.cancel", "order.discount", "payment.refund", "staff.badge",
                                                   "staff.create"]  # the studio fixture issues badges
    assert [name for _id, name in audit.staff_choices(session, logged.manager)] == sorted(
        ["王店长", "李前台", "张后期"])


def test_audit_export_writes_a_workbook_with_every_text_cell_as_text(session, logged, clock, tmp_path):
    path = tmp_path / "out" / "audit.xlsx"
    n = audit.export_entries(session, path, logged.manager, act="payment.refund", headers=["时间", "员工", "工位",
                             "操作", "对象", "详情"], act_names={"payment.refund": "退款"}, clock=clock)
    assert n == 1 and not path.with_name("audit.xlsx.partial").exists()
    ws = load_workbook(path).active
    assert [c.value for c in ws[1]] == ["时间", "员工", "工位", "操作", "对象", "详情"]
    row = ws[2]
    assert row[0].value == dt.datetime(2026, 11, 24, 11, 0) and row[1].value == "王店长" and row[3].value == "退款"
    assert row[5].value.startswith("=HYPERLINK") and row[5].data_type == "s" and row[5].quotePrefix
    assert all(c.quotePrefix for c in row if isinstance(c.value, str))
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "export.audit")).one().detail == "1 entries"


def test_a_failed_audit_export_leaves_the_old_file_and_no_partial(session, logged, clock, tmp_path, monkeypatch):
    (tmp_path / "exports").mkdir()
    path = tmp_path / "exports" / "audit.xlsx"
    path.write_bytes(b"old")

    def full_disk(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(BadInput, match="No space left"):
        audit.export_entries(session, path, logged.manager, clock=clock)
    assert path.read_bytes() == b"old" and sorted(p.name for p in path.parent.iterdir()) == ["audit.xlsx"]
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "export.audit")).all() == []


def test_acts_of_a_cancelled_order_appear_in_the_log(session, studio, clock):
    order = new_order(session, studio, clock)
    cancel_order(session, order.id, "客户取消", studio.manager, clock=clock)
    rows = audit.entries(session, studio.manager, act="order.cancel", clock=clock)
    assert [(r.staff, r.target, r.detail) for r in rows] == [("王店长", f"order:{order.number}", "客户取消")]


def test_an_audit_detail_is_shown_in_the_staffs_language_and_kept_in_english(session, studio, clock, qapp):
    """The services record a detail as a message: the log window translates it (the audit log
    of a Chinese studio reads Chinese), the column keeps the English sentence for support."""
    from app.services import audit, staff
    from app.ui import i18n

    staff.new_badge(session, studio.counter.staff_id, studio.manager, clock=clock)
    row = audit.entries(session, studio.manager, act="staff.badge")[0]
    assert row.detail == "李前台: replaced" and row.message is not None  # the studio's badges exist
    assert i18n.install(qapp, "zh_CN") == "zh_CN"
    try:
        shown = i18n.render(row.message)
    finally:
        i18n.install(qapp, "en")
    assert shown == "李前台：已换发"


def test_a_stored_message_with_phrases_lists_and_nested_messages_reads_back_the_same():
    from app.services.messages import Message, Phrase, from_json, to_json

    message = Message("{name}: {changes}", {"name": "=cmd", "changes": [
        Message("extra price {before} -> {after}", {"before": Message("none"), "after": 5}), Phrase("yes")]})
    back = from_json(to_json(message))
    assert back == message and isinstance(back.params["changes"][1], Phrase)
    assert str(back) == "=cmd: extra price none -> 5, yes"
    for odd in (None, "text", {"t": 3}, {"t": "x", "p": []}, []):
        assert from_json(odd) is None


@pytest.mark.skipif(bool(PG_URL), reason="SQLite file handling")
def test_upgrading_a_0008_database_keeps_old_audit_details_as_english_text(tmp_path):
    from alembic import command
    from sqlalchemy import text

    from app.services import database

    from .test_database import _database_at

    engine, cfg = _database_at(tmp_path / "old.db", "0008")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO audit_log (at, station, action, target, detail) VALUES "
                          "('2026-01-01 00:00:00', '前台1', 'login', 'staff:1', 'by name')"))
    database.upgrade(engine, backup_dir=tmp_path / "bk")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT detail, detail_message FROM audit_log")).all() == [("by name", None)]
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0008")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT detail FROM audit_log")).all() == [("by name",)]
    assert database.upgrade(engine, backup_dir=tmp_path / "bk").to_revision == database.head_revision()
    engine.dispose()
