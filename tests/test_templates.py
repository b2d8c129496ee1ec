"""Message templates: adding one, refusals that name what is wrong, rendering (the outbox and the
known-fields rule are in tests/test_outbox.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models import AuditEntry, MessageChannel, MessageTemplate
from app.services import templates
from app.services.errors import BadInput, NotFound


def _save(session, studio, clock, template_id=None, **changes):  # type: ignore[no-untyped-def]
    values = {"key": "anniversary", "name_zh": "周年", "name_en": "Anniversary", "body": "{customer}您好，周年快乐",
              "channel": MessageChannel.WECHAT, "marketing": True}
    values.update(changes)
    return templates.save_template(session, template_id, actor=studio.manager, clock=clock, **values)


def test_a_new_template_is_added_under_its_key_and_audited(session, studio, clock):
    made = _save(session, studio, clock, key="  anniversary ", channel="sms")
    assert (made.key, made.name_zh, made.channel, made.marketing) == ("anniversary", "周年", MessageChannel.SMS, True)
    assert templates.template_by_key(session, "anniversary").id == made.id
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "template.save")).one()
    assert entry.target == "template:anniversary"


def test_a_new_template_needs_a_key(session, studio, clock):
    before = session.scalar(select(func.count(MessageTemplate.id)))
    with pytest.raises(BadInput):
        _save(session, studio, clock, key="   ")
    assert session.scalar(select(func.count(MessageTemplate.id))) == before


def test_a_template_key_that_exists_already_is_refused_naming_it(session, studio, clock):
    with pytest.raises(BadInput, match="exists already") as refused:
        _save(session, studio, clock, key="shoot_reminder")
    assert refused.value.params["key"] == "shoot_reminder"
    assert session.scalar(select(func.count(MessageTemplate.id)).where(MessageTemplate.key == "shoot_reminder")) == 1


def test_changing_a_template_that_does_not_exist_is_refused_naming_it(session, studio, clock):
    with pytest.raises(NotFound) as refused:
        _save(session, studio, clock, template_id=9999)
    assert refused.value.params["id"] == 9999


def test_changing_a_template_keeps_its_key_whatever_key_is_passed(session, studio, clock):
    row = templates.template_by_key(session, "shoot_reminder")
    changed = _save(session, studio, clock, template_id=row.id, key="something_else", marketing=0)
    assert (changed.id, changed.key, changed.marketing) == (row.id, "shoot_reminder", False)
    assert templates.template_by_key(session, "something_else") is None


@pytest.mark.parametrize("field", ["name_zh", "name_en", "body"])
def test_a_template_needs_its_names_and_its_text(session, studio, clock, field):
    with pytest.raises(BadInput):
        _save(session, studio, clock, **{field: "  "})
    assert templates.template_by_key(session, "anniversary") is None


def test_an_unknown_channel_is_refused(session, studio, clock):
    with pytest.raises(BadInput):
        _save(session, studio, clock, channel="pager")


@pytest.mark.parametrize(("body", "named"), [("{nickname}", "{nickname}"), ("{date:%Y}", "{date:%Y}"),
                                             ("{customer!r}", "{customer}")])
def test_the_refusal_of_an_unknown_field_names_it_and_lists_the_fields(body, named):
    with pytest.raises(BadInput) as refused:
        templates.fields_of(body)
    assert refused.value.params["field"] == named
    assert refused.value.params["fields"] == "{customer} {date} {time} {order} {items} {balance} {studio}"


def test_the_fields_of_a_text_are_listed_in_order_with_repeats():
    assert templates.fields_of("{date} {customer}：{customer} {{order}}") == ["date", "customer", "customer"]


def test_a_field_without_a_value_is_left_empty_when_a_message_is_made():
    assert templates.render("{customer}您好，{date} {balance}", {"customer": "张三", "date": None}) == "张三您好， "


def test_a_message_is_never_made_from_a_text_with_an_unknown_field():
    with pytest.raises(BadInput, match="does not exist"):
        templates.render("{customer} {secret}", {"customer": "张三", "secret": "x"})
