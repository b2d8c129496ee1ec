"""Lists a studio edits (complaint categories, rework reasons): seeded in two languages,
what a studio adds shows as typed, only a manager changes them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.models import AuditEntry, Choice, ChoiceKind, Complaint, ComplaintStatus, ItemEvent, ItemStatus
from app.services import choices, lifecycle, records
from app.services.choices import display_name
from app.services.errors import BadInput, NotAllowed, NotFound

from .helpers import drive, event_count, first_lab_item, new_order

K = ChoiceKind
S = ItemStatus


def _by_key(session, kind: ChoiceKind) -> dict[str, choices.ChoiceEntry]:
    return {e.key: e for e in choices.entries(session, kind) if e.key}


def _audits(session, action: str) -> int:
    return session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == action)) or 0


def test_seeded_complaint_categories_have_chinese_and_english_names_in_order(session):
    listed = choices.entries(session, K.COMPLAINT_CATEGORY)
    assert [(e.key, e.name_zh) for e in listed] == [
        ("service_attitude", "服务态度"), ("photography", "拍摄效果"), ("makeup", "化妆造型"),
        ("selection", "选片/加选"), ("product_quality", "产品质量"), ("delay", "取件延误"),
        ("price", "价格/收费"), ("other", "其他")]
    assert all(e.name_en and e.active and e.kind is K.COMPLAINT_CATEGORY for e in listed)
    assert display_name(_by_key(session, K.COMPLAINT_CATEGORY)["product_quality"], "en") == "Product quality"


def test_seeded_rework_reasons_have_chinese_and_english_names_in_order(session):
    listed = choices.entries(session, K.REWORK_REASON)
    assert [(e.key, e.name_zh) for e in listed] == [
        ("colour", "偏色/颜色"), ("damage", "破损"), ("wrong_size", "尺寸不对"), ("wrong_photo", "照片错误"),
        ("text_error", "文字错误"), ("other", "其他")]
    assert all(e.name_en for e in listed)


def test_display_name_follows_the_language(session):
    quality = _by_key(session, K.COMPLAINT_CATEGORY)["product_quality"]
    assert display_name(quality, "zh_CN") == "产品质量"
    assert display_name(quality, "en") == "Product quality"
    assert display_name(quality, "en_US") == "Product quality"  # a locale name, as QLocale gives it


def test_an_entry_the_studio_adds_shows_as_typed_in_both_languages(session, studio, clock):
    chinese = choices.add(session, studio.manager, K.REWORK_REASON, name_zh="覆膜起泡", clock=clock)
    english = choices.add(session, studio.manager, K.REWORK_REASON, name_en="Bubbles in the lamination", clock=clock)
    assert chinese.key is None and chinese.name_en is None
    assert display_name(chinese, "zh_CN") == display_name(chinese, "en") == "覆膜起泡"
    assert display_name(english, "zh_CN") == display_name(english, "en") == "Bubbles in the lamination"
    assert {chinese.id, english.id} <= {e.id for e in choices.entries(session, K.REWORK_REASON)}


def test_an_added_entry_is_listed_before_other(session, studio, clock):
    added = choices.add(session, studio.manager, K.COMPLAINT_CATEGORY, name_zh="停车不便", name_en="Parking",
                        clock=clock)
    keys = [e.key for e in choices.entries(session, K.COMPLAINT_CATEGORY)]
    assert keys[-2:] == [None, "other"]
    assert choices.entries(session, K.COMPLAINT_CATEGORY)[-2].id == added.id


def test_only_a_manager_changes_a_list_and_nothing_is_written_otherwise(session, studio, clock):
    before = session.scalar(select(func.count(Choice.id)))
    colour = _by_key(session, K.REWORK_REASON)["colour"]
    for actor in (studio.counter, studio.production):
        with pytest.raises(NotAllowed):
            choices.add(session, actor, K.REWORK_REASON, name_zh="划痕", clock=clock)
        with pytest.raises(NotAllowed):
            choices.rename(session, actor, colour.id, name_zh="色偏", name_en="Colour cast", clock=clock)
        with pytest.raises(NotAllowed):
            choices.deactivate(session, actor, colour.id, clock=clock)
    session.rollback()
    assert session.scalar(select(func.count(Choice.id))) == before
    assert _by_key(session, K.REWORK_REASON)["colour"] == colour


def test_every_change_to_a_list_is_audited(session, studio, clock):
    added = choices.add(session, studio.manager, K.REWORK_REASON, name_zh="划痕", clock=clock)
    choices.rename(session, studio.manager, added.id, name_zh="照片划痕", name_en="Scratched", clock=clock)
    choices.deactivate(session, studio.manager, added.id, clock=clock)
    choices.set_active(session, studio.manager, added.id, True, clock=clock)
    assert [_audits(session, a) for a in ("choices.add", "choices.rename", "choices.deactivate",
                                          "choices.activate")] == [1, 1, 1, 1]
    detail = session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "choices.rename"))
    assert detail == "划痕 -> 照片划痕 / Scratched"


@pytest.mark.parametrize("zh, en", [("破损", None), (None, "damaged"), ("  破损 ", "Cracked"), ("裂开", "DAMAGED")])
def test_a_name_already_in_the_list_is_refused_in_either_language_ignoring_case(session, studio, clock, zh, en):
    before = session.scalar(select(func.count(Choice.id)))
    with pytest.raises(BadInput) as err:
        choices.add(session, studio.manager, K.REWORK_REASON, name_zh=zh, name_en=en, clock=clock)
    assert err.value.template == "There is already a {what} called {name}."
    assert session.scalar(select(func.count(Choice.id))) == before


def test_renaming_onto_another_entrys_name_is_refused_but_keeping_ones_own_is_fine(session, studio, clock):
    reasons = _by_key(session, K.REWORK_REASON)
    with pytest.raises(BadInput):
        choices.rename(session, studio.manager, reasons["colour"].id, name_zh="破损", name_en="Colour", clock=clock)
    renamed = choices.rename(session, studio.manager, reasons["colour"].id, name_zh="色偏", name_en="Colour",
                             clock=clock)
    assert (renamed.key, renamed.name_zh, renamed.name_en) == ("colour", "色偏", "Colour")  # the key stays


def test_the_same_name_may_be_in_two_different_lists(session, studio, clock):
    # both lists are seeded with 其他 / Other; a studio's own name may also appear in both
    choices.add(session, studio.manager, K.COMPLAINT_CATEGORY, name_zh="相框", clock=clock)
    choices.add(session, studio.manager, K.REWORK_REASON, name_zh="相框", clock=clock)


def test_a_name_of_a_switched_off_entry_is_refused_with_a_hint_to_switch_it_on(session, studio, clock):
    added = choices.add(session, studio.manager, K.REWORK_REASON, name_zh="划痕", clock=clock)
    choices.deactivate(session, studio.manager, added.id, clock=clock)
    assert added.id not in {e.id for e in choices.entries(session, K.REWORK_REASON)}
    assert added.id in {e.id for e in choices.entries(session, K.REWORK_REASON, include_inactive=True)}
    with pytest.raises(BadInput) as err:
        choices.add(session, studio.manager, K.REWORK_REASON, name_zh="划痕", clock=clock)
    assert "switch it on again" in err.value.message


@pytest.mark.parametrize("zh, en, template", [
    ("", None, "The {what} needs a name, in Chinese or in English."),
    ("   ", "  ", "The {what} needs a name, in Chinese or in English."),
    ("长" * 41, None, "{what} has {length} characters; at most {limit} fit."),
    (None, "x" * 41, "{what} has {length} characters; at most {limit} fit."),
])
def test_names_are_checked_and_nothing_is_written(session, studio, clock, zh, en, template):
    before = session.scalar(select(func.count(Choice.id)))
    with pytest.raises(BadInput) as err:
        choices.add(session, studio.manager, K.COMPLAINT_CATEGORY, name_zh=zh, name_en=en, clock=clock)
    assert err.value.template == template
    assert session.scalar(select(func.count(Choice.id))) == before


def test_names_are_kept_trimmed_with_single_spaces(session, studio, clock):
    added = choices.add(session, studio.manager, K.COMPLAINT_CATEGORY, name_zh=" 停车 不便 ",
                        name_en="  Parking   lot ", clock=clock)
    assert (added.name_zh, added.name_en) == ("停车 不便", "Parking lot")


def test_an_unknown_list_or_entry_is_refused(session, studio, clock):
    with pytest.raises(BadInput):
        choices.add(session, studio.manager, "colours", name_zh="红", clock=clock)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        choices.rename(session, studio.manager, 99999, name_zh="红", name_en=None, clock=clock)


# --- rework reasons on item events ---------------------------------------------------

def _returned_item(session, studio, clock):
    order = new_order(session, studio, clock)
    item = first_lab_item(session, order)
    drive(session, item.code, S.RETURNED, studio.production, clock)
    return item


def test_rework_with_a_reason_from_the_list_needs_no_text_and_is_recorded_on_the_event(session, studio, clock):
    item = _returned_item(session, studio, clock)
    damage = _by_key(session, K.REWORK_REASON)["damage"]
    lifecycle.transition(session, item.code, S.REWORK, studio.production, rework_reason_id=damage.id, clock=clock)
    event = session.scalars(select(ItemEvent).where(ItemEvent.item_id == item.id).order_by(ItemEvent.id.desc())).first()
    assert (event.to_status, event.rework_reason_id, event.reason) == (S.REWORK, damage.id, None)


def test_rework_keeps_the_typed_detail_next_to_the_reason_from_the_list(session, studio, clock):
    item = _returned_item(session, studio, clock)
    colour = _by_key(session, K.REWORK_REASON)["colour"]
    lifecycle.transition(session, item.code, S.REWORK, studio.production, rework_reason_id=colour.id,
                         reason="放大照偏黄", clock=clock)
    event = session.scalars(select(ItemEvent).where(ItemEvent.item_id == item.id).order_by(ItemEvent.id.desc())).first()
    assert (event.rework_reason_id, event.reason) == (colour.id, "放大照偏黄")


def test_rework_with_typed_text_only_is_still_accepted(session, studio, clock):
    item = _returned_item(session, studio, clock)
    lifecycle.transition(session, item.code, S.REWORK, studio.production, reason="覆膜起泡", clock=clock)
    event = session.scalars(select(ItemEvent).where(ItemEvent.item_id == item.id).order_by(ItemEvent.id.desc())).first()
    assert (event.rework_reason_id, event.reason) == (None, "覆膜起泡")


def test_a_rework_reason_must_be_a_switched_on_rework_reason_else_nothing_is_written(session, studio, clock):
    item = _returned_item(session, studio, clock)
    events = event_count(session, item.id)
    category = _by_key(session, K.COMPLAINT_CATEGORY)["product_quality"]
    gone = choices.add(session, studio.manager, K.REWORK_REASON, name_zh="划痕", clock=clock)
    choices.deactivate(session, studio.manager, gone.id, clock=clock)
    for bad, error in ((category.id, NotFound), (99999, NotFound), (gone.id, BadInput)):
        with pytest.raises(error):
            lifecycle.transition(session, item.code, S.REWORK, studio.production, rework_reason_id=bad, clock=clock)
    assert event_count(session, item.id) == events
    session.refresh(item)
    assert item.status is S.RETURNED


def test_a_rework_reason_goes_only_with_rework(session, studio, clock):
    order = new_order(session, studio, clock)
    item = first_lab_item(session, order)
    damage = _by_key(session, K.REWORK_REASON)["damage"]
    with pytest.raises(BadInput):
        lifecycle.transition(session, item.code, S.SENT, studio.production, rework_reason_id=damage.id, clock=clock)
    assert event_count(session, item.id) == 1


def test_a_batch_of_reworks_records_the_reason_on_each_event(session, studio, clock):
    order = new_order(session, studio, clock)
    codes = [i.code for i in order.items[:2]]
    for code in codes:
        drive(session, code, S.RETURNED, studio.production, clock)
    size = _by_key(session, K.REWORK_REASON)["wrong_size"]
    result = lifecycle.transition_many(session, codes, S.REWORK, studio.production, rework_reason_id=size.id,
                                       clock=clock)
    assert len(result.done) == 2 and not result.refused
    reasons = session.scalars(select(ItemEvent.rework_reason_id).where(ItemEvent.to_status == S.REWORK)).all()
    assert reasons == [size.id, size.id]


def test_order_detail_events_carry_the_rework_reason_names(session, studio, clock):
    item = _returned_item(session, studio, clock)
    damage = _by_key(session, K.REWORK_REASON)["damage"]
    lifecycle.transition(session, item.code, S.REWORK, studio.production, rework_reason_id=damage.id, clock=clock)
    detail = records.order_detail(session, item.order_id, clock=clock)
    rework = [e for e in detail.events if e.to_status is S.REWORK]
    assert len(rework) == 1 and rework[0].rework_reason == damage
    assert all(e.rework_reason is None for e in detail.events if e.to_status is not S.REWORK)


# --- complaints -------------------------------------------------------------------------

def _complaint(session, customer_id: int, category_id: int, clock) -> None:
    session.add(Complaint(customer_id=customer_id, category_id=category_id, description="相册有划痕",
                          status=ComplaintStatus.OPEN, received_at=clock.now()))
    session.commit()


def test_the_customer_file_gives_a_complaints_category_names_not_a_raw_value(session, studio, clock):
    order = new_order(session, studio, clock)
    quality = _by_key(session, K.COMPLAINT_CATEGORY)["product_quality"]
    _complaint(session, order.customer_id, quality.id, clock)
    file = records.customer_file(session, order.customer_id)
    assert [display_name(c.category, "zh_CN") for c in file.complaints] == ["产品质量"]
    assert [display_name(c.category, "en") for c in file.complaints] == ["Product quality"]


def test_a_renamed_category_shows_its_new_name_on_old_complaints(session, studio, clock):
    order = new_order(session, studio, clock)
    own = choices.add(session, studio.manager, K.COMPLAINT_CATEGORY, name_zh="停车不便", clock=clock)
    _complaint(session, order.customer_id, own.id, clock)
    choices.rename(session, studio.manager, own.id, name_zh="停车难", name_en=None, clock=clock)
    choices.deactivate(session, studio.manager, own.id, clock=clock)  # no longer offered, still named
    file = records.customer_file(session, order.customer_id)
    assert [display_name(c.category, "en") for c in file.complaints] == ["停车难"]


def test_the_customer_window_shows_complaint_categories_in_its_language(qtbot, ctx, session, studio, clock):
    from PySide6.QtCore import QLocale

    from app.ui.customer_dialog import CustomerDialog

    order = new_order(session, studio, clock)
    _complaint(session, order.customer_id, _by_key(session, K.COMPLAINT_CATEGORY)["delay"].id, clock)
    shown = {}
    for locale in ("en_US", "zh_CN"):
        QLocale.setDefault(QLocale(locale))
        dialog = CustomerDialog(ctx, order.customer_id)
        qtbot.addWidget(dialog)
        model = dialog.complaints_model
        shown[locale] = model.data(model.index(0, 1))
    QLocale.setDefault(QLocale("en_US"))
    assert shown == {"en_US": "Late for pickup", "zh_CN": "取件延误"}


def test_the_demo_files_complaints_and_reworks_under_the_seeded_entries(engine, session):
    from app.services.demo import build_demo

    build_demo(engine, years=0.5, seed=1, today=dt.date(2026, 11, 23), orders_per_month=120)
    kinds = set(session.scalars(select(Choice.kind).join(Complaint, Complaint.category_id == Choice.id)))
    assert kinds == {K.COMPLAINT_CATEGORY}
    reworks = session.execute(select(ItemEvent.rework_reason_id, ItemEvent.reason)
                              .where(ItemEvent.to_status == S.REWORK)).all()
    assert reworks and all(reason_id is not None and text for reason_id, text in reworks)
    reason_kinds = set(session.scalars(select(Choice.kind).join(ItemEvent, ItemEvent.rework_reason_id == Choice.id)))
    assert reason_kinds == {K.REWORK_REASON}
