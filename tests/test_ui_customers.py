"""Channels, customer tiers, privacy and the customer survey as people use them: pages of the
customer-service tab, the Survey and Privacy pages of the customer file, the tier at pickup."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import func, select

from app.devices.scanner import ScannerSettings
from app.models import Channel, Customer, SurveyAnswer, SurveyQuestion, Tier

from .customer_helpers import customer, order
from .helpers import new_order, type_text


@pytest.fixture
def window(qtbot, ctx):  # type: ignore[no-untyped-def]
    from app.ui.main_window import MainWindow

    w = MainWindow(ctx, scanner_settings=ScannerSettings(sound=False))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _texts(model) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _pages(window):  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.complaints)
    return window.complaints.pages


def test_the_channels_page_shows_the_month_by_channel_with_referral_rate_and_top_referrers(
        qtbot, window, session, clock):
    zhang = customer(session, "张三", Channel.WALK_IN)
    friend = customer(session, "王五", Channel.REFERRAL, referrer=zhang)
    today = clock.today().isoformat()
    order(session, zhang, 500000, today)
    order(session, friend, 300000, today)
    session.commit()
    pages = _pages(window)
    pages.setCurrentWidget(window.complaints.channels)
    page = window.complaints.channels
    qtbot.waitUntil(lambda: page.model.rowCount() == len(Channel))
    rows = {r[0]: r for r in _texts(page.model)}
    assert rows["Referral"][1] == "1" and rows["Referral"][2] == "50.0 %"
    assert "referral rate 50.0 %" in page.summary.text()
    assert _texts(page.referrers_model)[0][0] == "张三" and _texts(page.referrers_model)[0][2] == "1"


def test_the_tiers_page_recomputes_lists_a_tier_sorts_by_a_column_and_opens_the_file(qtbot, window, session):
    a = customer(session, "甲")
    b = customer(session, "乙")
    order(session, a, 600000, "2026-07-01", paid_fen=600000)  # 9 points: low contribution
    order(session, b, 800000, "2026-08-01", paid_fen=800000)  # 11 points: low contribution
    session.commit()
    pages = _pages(window)
    pages.setCurrentWidget(window.complaints.tiers)
    page = window.complaints.tiers
    qtbot.waitUntil(lambda: page.task is None and "Low contribution: 2" in page.counts.text())
    page.tier.setCurrentIndex(page.tier.findData(Tier.LOW))
    assert [r[0] for r in _texts(page.model)] == ["乙", "甲"]  # highest score first
    header = page.table.horizontalHeader()
    at = QPoint(header.sectionViewportPosition(3) + header.sectionSize(3) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)  # by orders, then by net paid
    assert page.sort_column == 3
    at = QPoint(header.sectionViewportPosition(4) + header.sectionSize(4) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert [r[0] for r in _texts(page.model)] == ["甲", "乙"]  # the least paid first
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert [r[0] for r in _texts(page.model)] == ["乙", "甲"]
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.current_dialog is not None and "Customer:" in window.current_dialog.windowTitle()


def test_the_manager_changes_tier_thresholds_and_an_impossible_order_is_refused_at_the_field(
        qtbot, window, ctx, studio, session):
    ctx.actor = studio.manager
    window.apply_permissions()
    pages = _pages(window)
    pages.setCurrentWidget(window.complaints.tiers)
    page = window.complaints.tiers
    qtbot.waitUntil(lambda: page.task is None)
    dialog = page.edit_rules()
    dialog.edits["growth"].clear()
    qtbot.keyClicks(dialog.edits["growth"], "50")
    dialog.save()
    assert dialog.isVisible() and "fall" in dialog.message.text()
    dialog.edits["growth"].setValue(8.0)
    dialog.save()
    assert not dialog.isVisible()
    from app.services.tiers import tier_rules
    assert tier_rules(session).growth == 8.0


def test_survey_answers_wait_for_consent_then_are_saved_and_withdrawing_deletes_them(
        qtbot, window, session, studio, clock, messages):
    order_ = new_order(session, studio, clock, name="张三", phone="13800138000")
    dialog = window.open_customer(order_.customer_id)
    survey = dialog.survey
    assert not survey.save_button.isEnabled() and "not consented" in survey.notice.text()
    dialog.tabs.setCurrentIndex(dialog.tabs.indexOf(dialog.survey_consent.parentWidget()))
    qtbot.mouseClick(dialog.survey_consent, Qt.MouseButton.LeftButton)
    assert session.scalar(select(Customer.survey_consent_at).where(Customer.id == order_.customer_id)) is not None
    assert survey.save_button.isEnabled()
    dialog.tabs.setCurrentWidget(survey)
    hobbies = [w for q, w in survey.fields.values() if q.key == "hobbies"][0]
    type_text(qtbot, hobbies, "登山")
    banquet = [w for q, w in survey.fields.values() if q.key == "wedding_banquet"][0]
    type_text(qtbot, banquet, "明年")
    qtbot.mouseClick(survey.save_button, Qt.MouseButton.LeftButton)
    assert survey.message.text() == "Please correct the marked fields."
    assert session.scalar(select(func.count(SurveyAnswer.id))) == 0
    banquet.clear()
    type_text(qtbot, banquet, "2027-05-01")
    qtbot.mouseClick(survey.save_button, Qt.MouseButton.LeftButton)
    values = set(session.scalars(select(SurveyAnswer.value)))
    assert values == {"登山", "2027-05-01"}
    qtbot.mouseClick(dialog.survey_consent, Qt.MouseButton.LeftButton)  # withdraw: confirmed
    assert any("deletes every survey answer of 张三" in m for m in messages)
    assert session.scalar(select(func.count(SurveyAnswer.id))) == 0
    assert not survey.save_button.isEnabled()


def test_the_manager_exports_a_customer_s_data_and_erases_it_after_typing_the_name(
        qtbot, window, ctx, session, studio, clock, tmp_path, messages):
    ctx.actor = studio.manager
    order_ = new_order(session, studio, clock, name="张三", phone="13800138000")
    dialog = window.open_customer(order_.customer_id)
    assert not dialog.export_button.isHidden() and not dialog.erase_button.isHidden()
    path = dialog.export_data(tmp_path / "张三")
    assert path == tmp_path / "张三.xlsx" and "客户档案" in load_workbook(path).sheetnames
    erase = dialog.ask_erase()
    type_text(qtbot, erase.confirmation, "张")
    qtbot.mouseClick(erase.erase_button, Qt.MouseButton.LeftButton)
    assert erase.isVisible() and "张三" in erase.message.text()
    type_text(qtbot, erase.confirmation, "三")
    qtbot.mouseClick(erase.erase_button, Qt.MouseButton.LeftButton)
    assert not erase.isVisible()
    assert session.scalar(select(Customer.name).where(Customer.id == order_.customer_id)) == "已删除客户"
    assert dialog.title.text().startswith("已删除客户") and not dialog.form_page.isEnabled()
    assert "erased" in dialog.survey.notice.text()


def test_the_counter_sees_no_erase_button(window, session, studio, clock):
    order_ = new_order(session, studio, clock)
    dialog = window.open_customer(order_.customer_id)
    assert dialog.erase_button.isHidden() and dialog.export_button.isHidden()


def test_the_tier_shows_in_the_customer_file_and_at_pickup(qtbot, window, session, studio, clock):
    from app.services import tiers
    from app.services.codes import display_order_number

    order_ = new_order(session, studio, clock, paid=True, name="张三", phone="13800138000")
    tiers.recompute_tiers(session)
    dialog = window.open_customer(order_.customer_id)
    assert dialog.tier.text().startswith("Low contribution")
    dialog.reject()
    window.tabs.setCurrentWidget(window.pickup)
    window.pickup.handle_scan(display_order_number(order_.number))
    assert window.pickup.tier_label.text() == "Tier: Low contribution"


def test_the_manager_adds_a_survey_question_in_settings_and_a_choice_needs_answers(qtbot, window, ctx, session,
                                                                                    studio):
    ctx.actor = studio.manager
    window.apply_permissions()
    dialog = window.open_survey_questions()
    before = dialog.model.rowCount()
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, dialog.text_zh, "宠物名字")
    dialog.kind.setCurrentIndex(dialog.kind.findText("Choice"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "at least two answers" in dialog.message.text() and dialog.model.rowCount() == before
    dialog.kind.setCurrentIndex(dialog.kind.findText("Text"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == before + 1
    assert session.scalar(select(SurveyQuestion.kind).where(SurveyQuestion.text_zh == "宠物名字")) == "text"
