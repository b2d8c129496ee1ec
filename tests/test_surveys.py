"""The customer information survey: a manager's editable question set, and answers that must fit
their question (only with the customer's survey consent: tests/test_privacy.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models import AuditEntry, SurveyAnswer, SurveyKind, SurveyPhase, SurveyQuestion
from app.services import privacy, surveys
from app.services.customers import NewCustomer, create_customer
from app.services.errors import BadInput, NotAllowed, NotFound
from app.services.surveys import QuestionEdit


def _id(session, key: str) -> int:
    return session.scalar(select(SurveyQuestion.id).where(SurveyQuestion.key == key))


def _question(session, key: str) -> surveys.Question:
    return next(q for q in surveys.questions(session, active_only=False) if q.key == key)


@pytest.fixture
def consenting(session, studio, clock) -> int:
    """A customer who consented to the survey."""
    who = create_customer(session, NewCustomer(name="张三", phones=["13800138000"]), studio.counter, clock=clock)
    privacy.set_consent(session, who.id, "survey", True, studio.counter, clock=clock)
    return who.id


def _audits(session, action: str) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


# --- the question set ---------------------------------------------------------------------------

def test_questions_come_in_phase_order_before_during_after_the_shoot(session):
    phases = [q.phase for q in surveys.questions(session)]
    assert phases == sorted(phases, key=list(SurveyPhase).index)
    assert set(phases) == set(SurveyPhase)


def test_a_later_phase_question_never_comes_before_an_earlier_one_whatever_its_position(session, studio, clock):
    made = surveys.save_question(session, None, QuestionEdit(SurveyPhase.AFTER_SHOOT, SurveyKind.TEXT, "最后的话", None,
                                                             position=-5), studio.manager, clock=clock)
    listed = [q.id for q in surveys.questions(session)]
    earlier = [i for i, q in enumerate(surveys.questions(session)) if q.phase is not SurveyPhase.AFTER_SHOOT]
    assert listed.index(made.id) > max(earlier)


def test_only_a_manager_may_change_the_survey_questions(session, studio, clock):
    before = session.scalar(select(func.count(SurveyQuestion.id)))
    with pytest.raises(NotAllowed, match="may not"):
        surveys.save_question(session, None, QuestionEdit("before_shoot", "text", "宠物", "Pets"), studio.counter,
                              clock=clock)
    assert session.scalar(select(func.count(SurveyQuestion.id))) == before


def test_a_new_question_goes_after_the_last_one_and_is_audited(session, studio, clock):
    last = session.scalar(select(func.max(SurveyQuestion.position)))
    made = surveys.save_question(session, None, QuestionEdit("during_shoot", "text", "  宠物  ", None),
                                 studio.manager, clock=clock)
    assert (made.position, made.text_zh, made.text_en, made.active) == (last + 1, "宠物", None, True)
    assert (made.phase, made.kind) == (SurveyPhase.DURING_SHOOT, SurveyKind.TEXT)  # strings from Qt become enums
    entry = _audits(session, "survey.question")[-1]
    assert entry.target == f"survey_question:{made.id}"


def test_a_new_question_takes_the_position_it_is_given(session, studio, clock):
    made = surveys.save_question(session, None, QuestionEdit("before_shoot", "text", None, "Pets", position=3),
                                 studio.manager, clock=clock)
    assert made.position == 3 and session.get(SurveyQuestion, made.id).text_en == "Pets"


def test_a_question_needs_its_text_in_chinese_or_english(session, studio, clock):
    with pytest.raises(BadInput, match="needs its text"):
        surveys.save_question(session, None, QuestionEdit("before_shoot", "text", "  ", None), studio.manager,
                              clock=clock)


def test_a_choice_question_needs_two_answers_to_choose_from_blank_ones_not_counting(session, studio, clock):
    with pytest.raises(BadInput, match="at least two answers"):
        surveys.save_question(session, None, QuestionEdit("before_shoot", "choice", "宠物", None, options=["猫", "  ", ""]),
                              studio.manager, clock=clock)
    made = surveys.save_question(session, None, QuestionEdit("before_shoot", "choice", "宠物", None,
                                                             options=[" 猫 ", "", "狗"]), studio.manager, clock=clock)
    assert made.options == ["猫", "狗"]


def test_only_a_choice_question_keeps_answers_to_choose_from(session, studio, clock):
    made = surveys.save_question(session, None, QuestionEdit("before_shoot", "yes_no", "养宠物吗", None,
                                                             options=["猫", "狗"]), studio.manager, clock=clock)
    assert made.options == [] and session.get(SurveyQuestion, made.id).options is None


def test_an_unknown_phase_or_kind_is_refused(session, studio, clock):
    with pytest.raises(BadInput):
        surveys.save_question(session, None, QuestionEdit("at_dinner", "text", "宠物", None), studio.manager, clock=clock)
    with pytest.raises(BadInput):
        surveys.save_question(session, None, QuestionEdit("before_shoot", "essay", "宠物", None), studio.manager,
                              clock=clock)


def test_changing_a_question_that_does_not_exist_is_refused_naming_it(session, studio, clock):
    with pytest.raises(NotFound) as refused:
        surveys.save_question(session, 9999, QuestionEdit("before_shoot", "text", "宠物", None), studio.manager,
                              clock=clock)
    assert refused.value.params["id"] == 9999


def test_a_question_is_changed_in_place_keeping_its_position_unless_a_new_one_is_given(session, studio, clock):
    hobbies = _question(session, "hobbies")
    changed = surveys.save_question(session, hobbies.id, QuestionEdit("after_shoot", "text", "爱好", "Pastimes"),
                                    studio.manager, clock=clock)
    assert (changed.id, changed.position, changed.phase, changed.text_en) == (
        hobbies.id, hobbies.position, SurveyPhase.AFTER_SHOOT, "Pastimes")
    moved = surveys.save_question(session, hobbies.id, QuestionEdit("after_shoot", "text", "爱好", None, position=99),
                                  studio.manager, clock=clock)
    assert moved.position == 99


def test_a_question_is_retired_by_making_it_inactive_and_its_answers_stay(session, studio, clock, consenting):
    hobbies = _question(session, "hobbies")
    surveys.save_answers(session, consenting, {hobbies.id: "登山"}, studio.counter, clock=clock)
    surveys.save_question(session, hobbies.id, QuestionEdit("before_shoot", "text", hobbies.text_zh, hobbies.text_en,
                                                            active=False), studio.manager, clock=clock)
    assert hobbies.id not in [q.id for q in surveys.questions(session)]
    assert hobbies.id in [q.id for q in surveys.questions(session, active_only=False)]
    assert surveys.answers(session, consenting) == {hobbies.id: "登山"}


# --- answers --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "stored"), [("2027-05-01", "2027-05-01"), ("  2027-05-01 ", "2027-05-01"),
                                               ("20270501", "2027-05-01"), ("", None), ("   ", None), (None, None)])
def test_a_date_answer_is_stored_as_yyyy_mm_dd_and_an_empty_one_as_nothing(session, typed, stored):
    assert surveys.checked_answer(_question(session, "wedding_banquet"), typed) == stored


@pytest.mark.parametrize("typed", ["2027-02-30", "明年五月", "05/01/2027"])
def test_a_date_answer_that_is_no_date_is_refused_quoting_it(session, typed):
    with pytest.raises(BadInput, match="is not a date") as refused:
        surveys.checked_answer(_question(session, "wedding_banquet"), typed)
    assert refused.value.params["text"] == typed


def test_a_yes_no_answer_is_only_yes_or_no_and_the_refusal_names_the_question(session):
    children = _question(session, "children")
    assert surveys.checked_answer(children, " yes ") == "yes" and surveys.checked_answer(children, "no") == "no"
    with pytest.raises(BadInput) as refused:
        surveys.checked_answer(children, "Yes")
    assert refused.value.params["question"] == "是否有孩子"


def test_a_choice_answer_must_be_one_offered_and_the_refusal_names_it_and_the_question(session):
    style = _question(session, "style")
    assert surveys.checked_answer(style, "复古") == "复古"
    with pytest.raises(BadInput) as refused:
        surveys.checked_answer(style, "赛博朋克")
    assert refused.value.params == {"text": "赛博朋克", "question": "喜欢的拍摄风格"}


def test_a_refusal_names_the_question_in_english_when_it_has_no_chinese_text(session, studio, clock):
    made = surveys.save_question(session, None, QuestionEdit("before_shoot", "yes_no", None, "Has pets"),
                                 studio.manager, clock=clock)
    with pytest.raises(BadInput) as refused:
        surveys.checked_answer(made, "maybe")
    assert refused.value.params["question"] == "Has pets"


def test_a_text_answer_is_kept_as_typed_without_surrounding_blanks(session):
    assert surveys.checked_answer(_question(session, "hobbies"), "  登山，游泳 ") == "登山，游泳"


def test_answers_for_a_customer_that_does_not_exist_are_refused(session, studio, clock):
    with pytest.raises(NotFound) as refused:
        surveys.save_answers(session, 4242, {_id(session, "hobbies"): "登山"}, studio.counter, clock=clock)
    assert refused.value.params["id"] == 4242


def test_an_answer_to_an_unknown_question_is_refused_and_no_other_answer_is_written(session, studio, clock, consenting):
    with pytest.raises(NotFound) as refused:
        surveys.save_answers(session, consenting, {_id(session, "hobbies"): "登山", 9999: "x"}, studio.counter,
                             clock=clock)
    assert refused.value.params["id"] == 9999
    assert surveys.answers(session, consenting) == {}


def test_staff_who_may_not_edit_customers_may_not_answer_for_them(session, studio, clock, consenting):
    with pytest.raises(NotAllowed):
        surveys.save_answers(session, consenting, {_id(session, "hobbies"): "登山"}, studio.production, clock=clock)
    assert surveys.answers(session, consenting) == {}


def test_an_erased_customer_is_never_surveyed_again(session, studio, clock, consenting):
    privacy.erase_customer(session, consenting, "张三", studio.manager, clock=clock)
    with pytest.raises(NotAllowed, match="erased"):
        surveys.save_answers(session, consenting, {_id(session, "hobbies"): "登山"}, studio.counter, clock=clock)
    assert session.scalar(select(func.count(SurveyAnswer.id))) == 0


def test_a_changed_answer_records_who_changed_it_and_when(session, studio, clock, consenting):
    hobbies = _id(session, "hobbies")
    surveys.save_answers(session, consenting, {hobbies: "登山"}, studio.counter, clock=clock)
    first = clock.now()
    clock.advance(hours=2)
    message = surveys.save_answers(session, consenting, {hobbies: "游泳"}, studio.manager, clock=clock)
    row = session.scalar(select(SurveyAnswer).where(SurveyAnswer.question_id == hobbies))
    assert (row.value, row.staff_id, message.params["n"]) == ("游泳", studio.manager.staff_id, 1)
    assert row.answered_at.replace(tzinfo=None) != first.replace(tzinfo=None)
    assert row.answered_at.replace(tzinfo=None) == clock.now().replace(tzinfo=None)


def test_saving_the_same_answers_again_changes_nothing_and_is_not_audited(session, studio, clock, consenting):
    values = {_id(session, "hobbies"): "登山", _id(session, "children"): "no"}
    assert surveys.save_answers(session, consenting, values, studio.counter, clock=clock).params["n"] == 2
    audited = len(_audits(session, "survey.answers"))
    clock.advance(hours=1)
    assert surveys.save_answers(session, consenting, values, studio.manager, clock=clock).params["n"] == 0
    assert len(_audits(session, "survey.answers")) == audited == 1
    row = session.scalar(select(SurveyAnswer).where(SurveyAnswer.question_id == _id(session, "hobbies")))
    assert row.staff_id == studio.counter.staff_id  # who answered is kept when nothing changed


def test_an_empty_answer_removes_the_stored_one_and_counts_as_a_change(session, studio, clock, consenting):
    hobbies, children = _id(session, "hobbies"), _id(session, "children")
    surveys.save_answers(session, consenting, {hobbies: "登山", children: "yes"}, studio.counter, clock=clock)
    message = surveys.save_answers(session, consenting, {hobbies: "", children: "yes"}, studio.counter, clock=clock)
    assert message.params["n"] == 1 and surveys.answers(session, consenting) == {children: "yes"}


def test_an_empty_answer_to_a_question_never_answered_changes_nothing(session, studio, clock, consenting):
    message = surveys.save_answers(session, consenting, {_id(session, "hobbies"): "  "}, studio.counter, clock=clock)
    assert message.params["n"] == 0 and _audits(session, "survey.answers") == []


def test_delete_answers_counts_what_it_removed(session, studio, clock, consenting):
    surveys.save_answers(session, consenting, {_id(session, "hobbies"): "登山", _id(session, "children"): "no"},
                         studio.counter, clock=clock)
    assert surveys.delete_answers(session, consenting) == 2
    assert surveys.answers(session, consenting) == {}
