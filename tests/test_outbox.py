"""Message templates (unknown fields refused when saved), the outbox (copy, mark sent,
marketing only with consent, CSV export UTF-8 with BOM and OWASP-neutralised), the
`studiodesk-admin outbox export` command, the default sender, the morning summary."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import select

from app import admin
from app.models import (
    Complaint, Customer, MessageChannel, MessageTemplate, OutboxMessage, OutboxStatus, PaymentKind, PaymentMethod,
)
from app.services import outbox, pickup_ready, reminders, templates, today
from app.services.errors import BadInput
from app.services.orders import take_payment

from .pickup_helpers import item_codes, move
from .reminders_helpers import booked, customer, day
from .reminders_helpers import outbox as queued

HOSTILE = ["=HYPERLINK(\"http://evil\",\"点我\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1", "\r=1"]


# --- templates ------------------------------------------------------------------------------

@pytest.mark.parametrize("body", ["{customer}您好 {nickname}", "{customer.name}", "{0}", "{date:%Y}", "{customer!r}"])
def test_a_template_with_an_unknown_field_is_refused_when_saved(session, studio, clock, body):
    row = session.scalar(select(MessageTemplate).where(MessageTemplate.key == "shoot_reminder"))
    before = row.body
    with pytest.raises(BadInput, match="does not exist"):
        templates.save_template(session, row.id, name_zh="拍摄提醒", name_en="Shoot", body=body,
                                channel=MessageChannel.SMS, marketing=False, actor=studio.manager, clock=clock)
    session.expire_all()
    assert session.get(MessageTemplate, row.id).body == before


@pytest.mark.parametrize("body", ["{customer", "您好 }", "{}"])
def test_a_template_with_a_stray_brace_is_refused_when_saved(session, studio, clock, body):
    with pytest.raises(BadInput):
        templates.save_template(session, None, key="x", name_zh="x", name_en="x", body=body,
                                channel=MessageChannel.SMS, marketing=False, actor=studio.manager, clock=clock)
    assert templates.template_by_key(session, "x") is None


def test_every_default_template_uses_known_fields_only(session):
    for row in templates.list_templates(session):
        assert templates.fields_of(row.body) is not None
        assert templates.preview(row.body)


def test_the_preview_fills_every_field_and_braces_can_be_written():
    text = templates.preview("{{备注}} {customer} {date} {time} {order} {items} {balance} {studio}")
    assert text == "{备注} 张三 2026-12-01 10:00 2612-0001 相册×1、摆台×2 1,200.00 示范影楼"


def test_only_a_manager_changes_templates(session, studio, clock):
    from app.services.errors import NotAllowed

    row = templates.list_templates(session)[0]
    with pytest.raises(NotAllowed):
        templates.save_template(session, row.id, name_zh="a", name_en="a", body="{customer}",
                                channel=MessageChannel.SMS, marketing=False, actor=studio.counter, clock=clock)


def test_the_ready_message_is_the_studios_template(session, studio, clock):
    row = templates.template_by_key(session, pickup_ready.READY_TEMPLATE)
    templates.save_template(session, row.id, name_zh="取件通知", name_en="Ready", body="{customer}：{items} 可取，{order}",
                            channel=MessageChannel.WECHAT, marketing=False, actor=studio.manager, clock=clock)
    order = booked(session, studio, clock, deposit_fen=599900)
    for code in item_codes(session, order.id):
        move(session, studio, clock, code, __import__("app.models", fromlist=["ItemStatus"]).ItemStatus.READY)
    [message] = queued(session)
    assert message.body.startswith("张三：30P 相册×1、7寸 摆台×2、精修电子档×1 可取，")
    assert message.channel is MessageChannel.WECHAT


# --- the outbox -----------------------------------------------------------------------------


def _queue(session, clock, *, name="张三", marketing=False, customer_id=None, channel=MessageChannel.SMS,  # type: ignore[no-untyped-def]
           phone="13800138000", body="您好"):
    message = OutboxMessage(customer_id=customer_id, phone=phone, body=body, status=OutboxStatus.PENDING,
                            channel=channel, marketing=marketing, created_at=clock.now())
    session.add(message)
    session.commit()
    return message.id


def test_a_message_is_copied_and_marked_sent_with_staff_and_time(session, studio, clock):
    mid = _queue(session, clock, channel=MessageChannel.WECHAT, body="微信的话")
    assert outbox.copy_text(session, mid) == "微信的话"
    clock.advance(minutes=5)
    assert outbox.mark_sent(session, [mid], studio.counter, clock=clock) == 1
    [line] = outbox.history(session)
    assert (line.status, line.sent_at, line.sent_by) == (OutboxStatus.SENT, clock.now(), "李前台")
    with pytest.raises(BadInput, match="already sent"):
        outbox.mark_sent(session, [mid], studio.counter, clock=clock)


def test_marketing_messages_go_only_to_customers_who_consent_now(session, studio, clock):
    c = customer(session, studio, clock, birthday=dt.date(1990, 11, 23))
    reminders.generate(session, day=day(0), clock=clock)
    [greeting] = outbox.pending(session)
    assert greeting.marketing
    row = session.get(Customer, c.id)
    row.marketing_consent_at = None  # consent withdrawn after it was queued
    session.commit()
    assert outbox.pending(session) == []
    with pytest.raises(BadInput, match="does not consent"):
        outbox.copy_text(session, greeting.id)


def _read_csv(path):  # type: ignore[no-untyped-def]
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_a_hostile_customer_name_stays_text_in_the_exported_csv(session, studio, clock, tmp_path):
    for n, name in enumerate(HOSTILE):
        order = booked(session, studio, clock, shoot=day(1), name=name, phone=f"1380013800{n}")
        assert order
    reminders.generate(session, day=day(0), clock=clock)
    for m in session.scalars(select(OutboxMessage)):
        m.channel = MessageChannel.SMS
    session.commit()
    done = outbox.export_csv(session, tmp_path / "out.csv", studio.counter, clock=clock)
    rows = _read_csv(tmp_path / "out.csv")
    assert rows[0] == outbox.CSV_HEADER and done.count == len(HOSTILE) == len(rows) - 1
    names = [r[3] for r in rows[1:]]
    assert sorted(names) == sorted("'" + n.strip() for n in HOSTILE)  # names are stored without blanks around
    for row in rows[1:]:
        assert not any(field.startswith(outbox.CSV_FORMULA_STARTS) for field in row)
    assert all(m.status is OutboxStatus.PENDING for m in queued(session))  # not asked to mark them


def test_exporting_with_mark_sent_marks_exactly_the_exported_sms(session, studio, clock, tmp_path):
    sms = _queue(session, clock)
    wechat = _queue(session, clock, channel=MessageChannel.WECHAT)
    done = outbox.export_csv(session, tmp_path / "q.csv", studio.counter, mark_sent=True, clock=clock)
    assert done.count == 1 and done.marked_sent
    session.expire_all()
    assert session.get(OutboxMessage, sms).status is OutboxStatus.SENT
    assert session.get(OutboxMessage, sms).sent_by == studio.counter.staff_id
    assert session.get(OutboxMessage, wechat).status is OutboxStatus.PENDING


def test_an_export_that_cannot_be_written_leaves_the_old_file_no_partial_and_marks_nothing(
        session, studio, clock, tmp_path, monkeypatch):
    mid = _queue(session, clock)
    target = tmp_path / "q.csv"
    target.write_text("old")

    def full_disk(*_a, **_k):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outbox.os, "replace", full_disk)
    with pytest.raises(BadInput, match="could not be written"):
        outbox.export_csv(session, target, studio.counter, mark_sent=True, clock=clock)
    assert target.read_text() == "old" and not (tmp_path / "q.csv.partial").exists()
    session.expire_all()
    assert session.get(OutboxMessage, mid).status is OutboxStatus.PENDING


def test_the_default_sender_sends_nothing_and_changes_nothing(session, studio, clock):
    mid = _queue(session, clock)
    assert isinstance(outbox.current_sender(session), outbox.NoNetworkSender)
    assert outbox.send_pending(session, studio.counter, clock=clock) == 0
    assert session.get(OutboxMessage, mid).status is OutboxStatus.PENDING


def test_a_sender_plugin_is_registered_without_touching_the_service(session, studio, clock):
    sent: list[tuple[str, str]] = []

    class Gateway:
        name = "test-gateway"

        def send(self, phone: str, text: str) -> bool:
            sent.append((phone, text))
            return True

    outbox.register_sender(Gateway())
    try:
        outbox.choose_sender(session, "test-gateway", studio.manager, clock=clock)
        mid = _queue(session, clock)
        assert outbox.send_pending(session, studio.counter, clock=clock) == 1
        assert sent == [("13800138000", "您好")] and session.get(OutboxMessage, mid).status is OutboxStatus.SENT
    finally:
        outbox._SENDERS.pop("test-gateway")


# --- the command line ----------------------------------------------------------------------


def _db(engine) -> str:  # type: ignore[no-untyped-def]
    """What --db is given: a SQLite file's path, or a PostgreSQL URL."""
    if engine.url.get_backend_name() == "sqlite":
        return engine.url.database
    return engine.url.render_as_string(hide_password=False)


def test_the_command_exports_the_queue_and_marks_it_sent(session, studio, clock, engine, tmp_path, capsys):
    mid = _queue(session, clock, body="=1+1 您好")
    assert admin.main(["outbox", "export", "--db", _db(engine), "--out", str(tmp_path / "o.csv"), "--mark-sent"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["1 message(s) exported; marked sent", str(tmp_path / "o.csv")]
    assert _read_csv(tmp_path / "o.csv")[1][5] == "'=1+1 您好"
    session.expire_all()
    assert session.get(OutboxMessage, mid).status is OutboxStatus.SENT


@pytest.mark.parametrize("out", ["o.xlsx", "missing-folder/o.csv", "."])
def test_the_command_refuses_bad_arguments_in_one_line_and_changes_nothing(session, studio, clock, engine, tmp_path,
                                                                            capsys, out):
    mid = _queue(session, clock)
    target = tmp_path / out if out != "." else tmp_path
    assert admin.main(["outbox", "export", "--db", _db(engine), "--out", str(target), "--mark-sent"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("studiodesk-admin: ")
    session.expire_all()
    assert session.get(OutboxMessage, mid).status is OutboxStatus.PENDING
    assert list(tmp_path.glob("*.partial")) == []


def test_the_command_refuses_a_database_that_is_not_there(tmp_path, capsys):
    assert admin.main(["outbox", "export", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "o.csv")]) == 1
    assert "There is no database file" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists() and not (tmp_path / "o.csv").exists()


# --- the morning summary -------------------------------------------------------------------


def test_the_morning_summary_counts_yesterdays_and_the_weeks_orders_revenue_and_complaints(session, studio, clock):
    clock.moment -= dt.timedelta(days=3)
    early = booked(session, studio, clock, deposit_fen=100000)  # 3 days ago
    clock.moment += dt.timedelta(days=2)
    booked(session, studio, clock, deposit_fen=50000, name="昨天", phone="13700000002")  # yesterday
    take_payment(session, early.id, PaymentKind.BALANCE, PaymentMethod.CASH, 20000, studio.counter, clock=clock)
    session.add(Complaint(customer_id=early.customer_id, order_id=early.id, category_id=1, description="慢",
                          received_at=clock.now()))
    session.commit()
    clock.moment += dt.timedelta(days=1)
    summary = today.morning_summary(session, clock=clock)
    y, w = summary.yesterday, summary.week
    assert (y.first, y.last, w.first, w.last) == (day(-1), day(-1), day(-7), day(-1))
    assert (y.orders, y.revenue_fen, y.complaints) == (1, 70000, 1)
    assert (w.orders, w.revenue_fen, w.complaints) == (2, 170000, 1)


def test_the_day_board_lists_todays_shoots_selections_and_pickups(session, studio, clock):
    shoot = booked(session, studio, clock, shoot=day(0), selection=day(5), pickup=day(20))
    booked(session, studio, clock, shoot=day(1), selection=day(5), pickup=day(20), name="明天", phone="13700000003")
    board = today.day_board(session, clock=clock)
    assert [a.order_id for a in board.shoots] == [shoot.id]
    assert board.selections == [] and board.pickups == []
    assert [a.customer for a in today.day_board(session, clock=clock, day=day(5)).selections] == ["张三", "明天"]


# --- refusals and edges of the outbox (issue 18) ------------------------------------------


def test_a_message_that_is_not_in_the_outbox_is_refused_naming_it(session, studio, clock):
    from app.services.errors import NotFound

    with pytest.raises(NotFound) as refused:
        outbox.copy_text(session, 4711)
    assert refused.value.params["id"] == 4711


def test_marking_sent_is_all_or_nothing_when_one_of_them_was_sent_already(session, studio, clock):
    sent = _queue(session, clock)
    outbox.mark_sent(session, [sent], studio.counter, clock=clock)
    waiting = _queue(session, clock, body="第二条")
    with pytest.raises(BadInput, match="already sent") as refused:
        outbox.mark_sent(session, [waiting, sent], studio.manager, clock=clock)
    assert refused.value.params["id"] == sent
    session.rollback()
    session.expire_all()
    assert session.get(OutboxMessage, waiting).status is OutboxStatus.PENDING
    assert [line.id for line in outbox.pending(session)] == [waiting]


def test_marking_no_messages_sent_marks_nothing_and_audits_nothing(session, studio, clock):
    from app.models import AuditEntry

    _queue(session, clock)
    assert outbox.mark_sent(session, [], studio.counter, clock=clock) == 0
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "outbox.sent")).all() == []
    assert len(outbox.pending(session)) == 1


def test_marking_sent_is_audited_with_the_count(session, studio, clock):
    from app.models import AuditEntry

    ids = [_queue(session, clock), _queue(session, clock, body="二")]
    outbox.mark_sent(session, ids, studio.counter, clock=clock)
    [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "outbox.sent")).all()
    assert entry.staff_id == studio.counter.staff_id


def test_exporting_onto_a_folder_is_refused_and_marks_nothing(session, studio, clock, tmp_path):
    mid = _queue(session, clock)
    folder = tmp_path / "out" / "exports"
    folder.mkdir(parents=True)
    with pytest.raises(BadInput, match="could not be written") as refused:
        outbox.export_csv(session, folder, studio.counter, mark_sent=True, clock=clock)
    assert refused.value.params["path"] == str(folder)
    assert list(folder.parent.iterdir()) == [folder] and list(folder.iterdir()) == []
    session.expire_all()
    assert session.get(OutboxMessage, mid).status is OutboxStatus.PENDING


def test_exporting_an_empty_queue_writes_the_header_and_marks_nothing(session, studio, clock, tmp_path):
    done = outbox.export_csv(session, tmp_path / "q.csv", studio.counter, mark_sent=True, clock=clock)
    assert (done.count, done.marked_sent) == (0, False)
    assert _read_csv(tmp_path / "q.csv") == [outbox.CSV_HEADER]


def test_an_export_from_the_command_line_marks_sent_by_nobody_and_is_not_audited(session, studio, clock, tmp_path):
    from app.models import AuditEntry

    mid = _queue(session, clock)
    done = outbox.export_csv(session, tmp_path / "q.csv", None, mark_sent=True, clock=clock)
    assert done.marked_sent
    session.expire_all()
    message = session.get(OutboxMessage, mid)
    assert (message.status, message.sent_by) == (OutboxStatus.SENT, None)
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "outbox.export")).all() == []


def test_choosing_a_sender_that_is_not_registered_is_refused_and_the_setting_kept(session, studio, clock):
    with pytest.raises(BadInput) as refused:
        outbox.choose_sender(session, "carrier-pigeon", studio.manager, clock=clock)
    assert refused.value.params == {"value": "carrier-pigeon", "what": "sender"}
    assert isinstance(outbox.current_sender(session), outbox.NoNetworkSender)


def test_a_sender_that_is_no_longer_registered_falls_back_to_sending_nothing(session, studio, clock):
    class Gateway:
        name = "gone-gateway"

        def send(self, phone: str, text: str) -> bool:
            return True

    outbox.register_sender(Gateway())
    try:
        outbox.choose_sender(session, "gone-gateway", studio.manager, clock=clock)
    finally:
        outbox._SENDERS.pop("gone-gateway")
    mid = _queue(session, clock)
    assert isinstance(outbox.current_sender(session), outbox.NoNetworkSender)
    assert outbox.send_pending(session, studio.counter, clock=clock) == 0
    assert session.get(OutboxMessage, mid).status is OutboxStatus.PENDING


def test_a_sender_that_fails_leaves_the_message_waiting(session, studio, clock):
    class Flaky:
        name = "flaky-gateway"

        def send(self, phone: str, text: str) -> bool:
            return text != "失败"

    outbox.register_sender(Flaky())
    try:
        outbox.choose_sender(session, "flaky-gateway", studio.manager, clock=clock)
        ok, failed = _queue(session, clock, body="成功"), _queue(session, clock, body="失败")
        assert outbox.send_pending(session, studio.counter, clock=clock) == 1
    finally:
        outbox._SENDERS.pop("flaky-gateway")
    session.expire_all()
    assert session.get(OutboxMessage, ok).status is OutboxStatus.SENT
    assert session.get(OutboxMessage, failed).status is OutboxStatus.PENDING


def test_pending_messages_are_filtered_by_channel_and_oldest_come_first(session, studio, clock):
    first = _queue(session, clock, channel=MessageChannel.WECHAT)
    clock.advance(minutes=1)
    sms = _queue(session, clock)
    clock.advance(minutes=1)
    last = _queue(session, clock, channel=MessageChannel.WECHAT)
    assert [line.id for line in outbox.pending(session)] == [first, sms, last]
    assert [line.id for line in outbox.pending(session, channel="wechat")] == [first, last]
    assert [line.id for line in outbox.pending(session, channel=MessageChannel.SMS)] == [sms]
