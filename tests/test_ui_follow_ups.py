"""Follow-up calls in the Complaints tab as the customer-service desk makes them: Enter opens
the day's first call, digits score question after question, a referral lead is added,
Ctrl+Enter saves; a missing required answer is refused in the dialog; staff scores shown."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.models import Customer, FollowUp, FollowUpScore, ReferralLead
from app.services import follow_ups

from .helpers import type_text
from .test_follow_ups import shot_order
from .test_ui_complaints import window  # noqa: F401 - the main window fixture


def _follow_ups_page(qtbot, window):  # type: ignore[no-untyped-def]  # noqa: F811
    window.tabs.setCurrentWidget(window.complaints)
    page = window.complaints.follow_ups
    window.complaints.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.loaded)
    return page


def test_a_follow_up_call_with_scores_and_one_referral_lead_by_keyboard(qtbot, window, session, studio, clock):  # noqa: F811
    order = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    page = _follow_ups_page(qtbot, window)
    page.refresh()
    assert page.model.rowCount() == 1 and page.model.index(0, 1).data() == "张三"
    keys = 0
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens the call
    keys += 1
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    asked = follow_ups.questions(session, "after_shoot")
    for digit in "54435"[: len(asked)]:  # one key per question: scored and on to the next
        qtbot.keyClick(dialog, digit)
        keys += 1
    assert dialog.scores() == dict(zip([q.id for q in asked], [5, 4, 4, 3, 5], strict=False))
    type_text(qtbot, dialog.notes, "很满意")
    type_text(qtbot, dialog.lead_name, "赵六")
    type_text(qtbot, dialog.lead_phone, "13600136000")
    type_text(qtbot, dialog.lead_relation, "同事")
    qtbot.mouseClick(dialog.add_lead_button, Qt.MouseButton.LeftButton)
    assert dialog.lead_list.count() == 1
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # saves
    keys += 1
    assert keys == 2 + len(asked) and not dialog.isVisible()
    call = session.scalars(select(FollowUp).where(FollowUp.order_id == order.id)).one()
    session.refresh(call)
    assert call.reached and call.score_overall == 5 and call.notes == "很满意"
    assert session.scalar(select(func.count(FollowUpScore.id))) == len(asked)
    lead = session.scalars(select(ReferralLead)).one()
    prospect = session.get(Customer, lead.customer_id)
    assert prospect.name == "赵六" and prospect.referrer_id == order.customer_id
    assert page.model.rowCount() == 0  # off the worklist


def test_a_missing_required_answer_is_refused_in_the_call_and_nothing_is_written(qtbot, window, session, studio,  # noqa: F811
                                                                                 clock):
    shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    page = _follow_ups_page(qtbot, window)
    page.refresh()
    dialog = page.open_selected()
    qtbot.keyClick(dialog, "5")  # only the first question
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and "needs a score" in dialog.message.text()
    assert session.scalar(select(func.count(FollowUp.id)).where(FollowUp.called_at.is_not(None))) == 0
    dialog.reached.setChecked(False)  # not reached: tried again tomorrow
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert page.model.rowCount() == 0
    page.day.setDate(page.day.date().addDays(1))
    assert page.model.rowCount() == 1 and page.model.index(0, 5).data() == "2"


def test_staff_scores_page_shows_positions_by_month_and_staff(qtbot, window, session, studio, clock):  # noqa: F811
    from .test_follow_ups import _scored_call

    order = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    _scored_call(session, studio, clock, order, studio.production.staff_id, 4, 5)
    window.tabs.setCurrentWidget(window.complaints)
    page = window.complaints.staff_scores
    window.complaints.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.loaded)
    staff = {(page.staff_model.index(r, 1).data(), page.staff_model.index(r, 3).data())
             for r in range(page.staff_model.rowCount())}
    assert ("张后期", "4.00") in staff and ("李前台", "5.00") in staff
    assert page.grid_model.rowCount() == 4 and page.grid_model.index(0, 12).data() == "4.00"


def test_a_manager_edits_a_stage_questionnaire_and_the_days_calls_are_due(qtbot, ctx, session, studio):
    from PySide6.QtWidgets import QPushButton

    from app.ui.follow_ups_page import FollowUpQuestionsDialog

    ctx.actor = studio.manager
    dialog = FollowUpQuestionsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.model.rowCount() == len(follow_ups.questions(session, "after_shoot"))
    type_text(qtbot, dialog.text_zh, "服装干净吗")
    dialog.position.setCurrentIndex(dialog.position.findData(follow_ups.SCORED_POSITIONS[1]))
    dialog.required.setChecked(True)
    qtbot.mouseClick(dialog.findChild(QPushButton, "questionAdd"), Qt.MouseButton.LeftButton)
    last = follow_ups.questions(session, "after_shoot")[-1]
    assert last.text_zh == "服装干净吗" and last.required and last.position is follow_ups.SCORED_POSITIONS[1]
    assert dialog.model.rowCount() == len(follow_ups.questions(session, "after_shoot"))
    dialog.days[follow_ups.STAGES[0]].setValue(4)
    qtbot.mouseClick(dialog.findChild(QPushButton, "followUpDaysSave"), Qt.MouseButton.LeftButton)
    assert follow_ups.offsets(session)[follow_ups.STAGES[0]] == 4 and dialog.message.text() == ""
    dialog.close()


def test_the_questionnaires_are_in_the_settings_menu_for_a_manager_only(qtbot, window, studio, messages):  # noqa: F811
    from app.ui.follow_ups_page import FollowUpQuestionsDialog

    assert not window.follow_up_questions_action.isVisible()  # the counter clerk does not see it
    assert window.open_follow_up_questions() is None and messages  # and is told why
    window.ctx.actor = studio.manager
    window.apply_permissions()
    assert window.follow_up_questions_action.isVisible()
    window.follow_up_questions_action.trigger()
    dialog = window.current_dialog
    assert isinstance(dialog, FollowUpQuestionsDialog) and dialog.isVisible() and dialog.model.rowCount() > 0
    dialog.close()
