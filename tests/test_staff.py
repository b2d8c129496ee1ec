"""Staff accounts: slow salted hashes, logins, roles and the permission matrix."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Role, Staff
from app.models.db import make_session_factory
from app.services import codes, staff as staff_service
from app.services.errors import BadInput, NotAllowed, NotFound
from app.services.staff import (
    LoginRefused, Permission, badge_owner, badge_sign_in, create_staff, login, new_badge, require, sign_out,
    staff_list, unlock_staff, verify_manager, wait_after,
)


def test_secrets_are_stored_as_argon2id_hashes_with_owasp_parameters(session, studio):
    staff = session.get(Staff, studio.counter.staff_id)
    assert staff.password_hash.startswith("$argon2id$") and "2222" not in staff.password_hash
    assert "m=19456,t=2,p=1" in staff.password_hash
    other = create_staff(session, "另一个", Role.COUNTER, "2222", by=studio.manager)
    assert other.password_hash != staff.password_hash  # salted


def test_login_with_name_or_badge(session, studio):
    assert login(session, "李前台", "2222", station="前台2").staff_id == studio.counter.staff_id
    actor = login(session, studio.badges["王店长"].lower(), "1111")
    assert actor.role is Role.MANAGER


@pytest.mark.parametrize(("name", "secret"), [("李前台", "1111"), ("无此人", "2222"), ("", ""), ("李前台", "")])
def test_wrong_credentials_are_refused_alike(session, studio, name, secret):
    with pytest.raises(NotAllowed) as err:
        login(session, name, secret)
    assert err.value.message == "Wrong name or password."


def test_inactive_staff_cannot_log_in(session, studio):
    session.get(Staff, studio.counter.staff_id).active = False
    session.commit()
    with pytest.raises(NotAllowed):
        login(session, "李前台", "2222")


def test_first_account_must_be_a_manager(session):
    with pytest.raises(BadInput):
        create_staff(session, "前台", Role.COUNTER, "1234")
    create_staff(session, "店长", Role.MANAGER, "1234")


def test_only_a_manager_adds_staff_and_it_is_audited(session, studio):
    with pytest.raises(NotAllowed):
        create_staff(session, "新人", Role.COUNTER, "1234", by=studio.counter)
    with pytest.raises(NotAllowed):
        create_staff(session, "新人", Role.COUNTER, "1234")
    create_staff(session, "新人", Role.COUNTER, "1234", by=studio.manager)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.detail.like("新人%"))).one()
    assert entry.staff_id == studio.manager.staff_id


@pytest.mark.parametrize(("name", "secret"), [("  ", "1234"), ("李前台", "1234"), ("新人", "12")])
def test_bad_staff_input_is_refused(session, studio, name, secret):
    count = len(session.scalars(select(Staff)).all())
    with pytest.raises(BadInput):
        create_staff(session, name, Role.COUNTER, secret, by=studio.manager)
    assert len(session.scalars(select(Staff)).all()) == count


P = Permission
# What each job needs (issue 10), written out here so a change to the table is a change to a test.
EXPECTED_PERMISSIONS = {
    Role.COUNTER: {P.BOOK_ORDER, P.TAKE_PAYMENT, P.EDIT_CUSTOMERS, P.PICKUP, P.HANDLE_COMPLAINTS},
    Role.PRODUCTION: {P.TRACK_ITEMS, P.LAB_MONTH_END},  # and the labs' month-end (issue 14)
    Role.MANAGER: set(Permission),
}


@pytest.mark.parametrize("permission", list(Permission))
@pytest.mark.parametrize("role", list(Role))
def test_each_role_has_what_its_job_needs_and_nothing_more(studio, role, permission):
    actor = {Role.MANAGER: studio.manager, Role.COUNTER: studio.counter, Role.PRODUCTION: studio.production}[role]
    if permission in EXPECTED_PERMISSIONS[role]:
        require(actor, permission)
        assert actor.may(permission)
    else:
        with pytest.raises(NotAllowed):
            require(actor, permission)
        assert not actor.may(permission)


def test_a_manager_approves_with_name_and_pin_and_nobody_else_does(session, studio):
    assert verify_manager(session, " 王店长 ", "1111", station="前台1") == studio.manager
    for name, secret in [("王店长", "9999"), ("李前台", "2222"), ("nobody", "1111"), ("", "1111")]:
        with pytest.raises(NotAllowed):
            verify_manager(session, name, secret)


# -- badges ---------------------------------------------------------------------------
def _audit(session, action: str) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def test_badges_are_issued_with_50_random_bits_and_a_check_character(session, studio):
    issued = {new_badge(session, studio.counter.staff_id, studio.manager) for _ in range(20)}
    assert len(issued) == 20
    for code in issued:
        assert re.fullmatch(r"B-[0-9A-HJKMNP-TV-Z]{11}", code) and codes.parse_badge(code) == code
    last = session.get(Staff, studio.counter.staff_id).badge_code
    assert last in issued and badge_owner(session, last).staff_id == studio.counter.staff_id
    assert codes.BADGE_BITS >= 40


def test_a_new_badge_replaces_the_old_one_which_stops_working(session, studio):
    old = studio.badges["李前台"]
    new = new_badge(session, studio.counter.staff_id, studio.manager)
    with pytest.raises(NotFound):
        badge_owner(session, old)
    assert badge_owner(session, new).name == "李前台"
    entry = _audit(session, "staff.badge")[-1]
    assert entry.staff_id == studio.manager.staff_id and entry.detail == "李前台: replaced" and new not in entry.detail


def test_only_a_manager_issues_badges(session, studio):
    with pytest.raises(NotAllowed):
        new_badge(session, studio.counter.staff_id, studio.counter)
    assert session.get(Staff, studio.counter.staff_id).badge_code == studio.badges["李前台"]


def test_every_single_wrong_character_and_neighbour_swap_of_a_badge_is_refused(session, studio):
    code = studio.badges["李前台"]
    body = code[2:]
    wrong = {code[:2] + body[:i] + c + body[i + 1:] for i in range(len(body)) for c in codes.BADGE_ALPHABET}
    wrong |= {code[:2] + body[:i] + body[i + 1] + body[i] + body[i + 2:] for i in range(len(body) - 1)}
    wrong.discard(code)
    assert len(wrong) > 300
    for bad in wrong:
        with pytest.raises(BadInput, match="check character"):
            badge_owner(session, bad)


@pytest.mark.parametrize("typed", ["B-0001", "B-0002", "b-12345", "B-28N07FV5HZAX", "B-28N07FV5HZ"])
def test_hand_typed_badge_codes_are_not_accepted(session, studio, typed):
    with pytest.raises(BadInput, match="not a StudioDesk badge"):
        badge_owner(session, typed)
    with pytest.raises(BadInput):
        badge_sign_in(session, typed, station="前台1")
    with pytest.raises(BadInput):
        login(session, typed, "2222")


def test_a_badge_read_with_o_for_zero_or_l_for_one_still_works(session, studio):
    code = codes.badge_code(0)  # all zeros
    staff = session.get(Staff, studio.production.staff_id)
    staff.badge_code = code
    session.commit()
    assert badge_owner(session, code.replace("0", "O")).name == "张后期"


def test_a_badge_alone_signs_in_counter_and_production_staff_audited(session, studio, clock):
    actor = badge_sign_in(session, studio.badges["李前台"], station="前台2", clock=clock)
    assert actor.name == "李前台" and actor.station == "前台2"
    entry = _audit(session, "login")[-1]
    assert (entry.staff_id, entry.station, entry.detail) == (studio.counter.staff_id, "前台2", "by badge")
    assert badge_sign_in(session, studio.badges["张后期"], station="后期", clock=clock).role is Role.PRODUCTION


def test_a_manager_badge_alone_is_refused_it_needs_the_pin(session, studio, clock):
    with pytest.raises(NotAllowed, match="needs the PIN") as err:
        badge_sign_in(session, studio.badges["王店长"], station="前台1", clock=clock)
    assert not isinstance(err.value, BadInput)
    assert _audit(session, "login.failed")[-1].detail == "manager badge without PIN"
    assert login(session, studio.badges["王店长"], "1111", station="前台1").role is Role.MANAGER


def test_a_switch_audits_the_sign_out_and_the_sign_in(session, studio, clock):
    badge_sign_in(session, studio.badges["张后期"], station="前台1", previous=studio.counter, clock=clock)
    out = _audit(session, "logout")[-1]
    switch = _audit(session, "switch")[-1]
    assert (out.staff_id, out.station, out.detail) == (studio.counter.staff_id, "前台1", "switched to 张后期")
    assert (switch.staff_id, switch.detail) == (studio.production.staff_id, "by badge, after 李前台")
    login(session, "王店长", "1111", station="前台1", previous=studio.production, clock=clock)
    assert _audit(session, "switch")[-1].detail == "by name, after 张后期"
    sign_out(session, "window closed", studio.manager, station="前台1", clock=clock)
    assert _audit(session, "logout")[-1].detail == "window closed"


# -- the throttle -----------------------------------------------------------------------
def _fail(session, clock, name="李前台") -> LoginRefused:
    with pytest.raises(LoginRefused) as err:
        login(session, name, "0000", station="前台1", clock=clock)
    return err.value


def test_wrong_pins_wait_1_2_4_up_to_30_seconds_counted_in_the_database(session, studio, clock):
    waits = []
    for _ in range(9):
        err = _fail(session, clock)
        assert err.message == "Wrong name or password."
        waits.append(err.retry_after)
        clock.advance(seconds=err.retry_after)
    assert waits == [1, 2, 4, 8, 16, 30, 30, 30, 30]
    assert session.get(Staff, studio.counter.staff_id).failed_logins == 9
    assert [wait_after(n) for n in range(1, 10)] == waits


def test_during_the_wait_even_the_right_pin_is_refused_unchecked(session, studio, clock, monkeypatch):
    _fail(session, clock)
    _fail(session, clock.__class__(moment=clock.moment + dt.timedelta(seconds=1)))  # 2nd failure: wait 2 s
    clock.advance(seconds=2)
    checked = []
    monkeypatch.setattr(staff_service, "_verify", lambda *a: checked.append(a) or True)
    with pytest.raises(LoginRefused) as err:
        login(session, "李前台", "2222", clock=clock)
    assert err.value.retry_after == 1 and "wait 1 s" in err.value.message and not checked
    clock.advance(seconds=1)
    assert login(session, "李前台", "2222", clock=clock).name == "李前台"


def test_the_wait_is_shared_by_every_station(engine, session, studio, clock):
    _fail(session, clock)
    with make_session_factory(engine)() as other_station:
        with pytest.raises(LoginRefused, match="wait 1 s"):
            login(other_station, "李前台", "2222", station="前台2", clock=clock)


def test_a_success_resets_the_count(session, studio, clock):
    for _ in range(3):
        clock.advance(seconds=_fail(session, clock).retry_after)
    login(session, "李前台", "2222", clock=clock)
    staff = session.get(Staff, studio.counter.staff_id)
    assert staff.failed_logins == 0 and staff.last_failed_at is None
    assert _fail(session, clock).retry_after == 1


def test_the_tenth_failure_in_a_row_locks_until_a_manager_unlocks(session, studio, clock):
    for _ in range(9):
        clock.advance(seconds=_fail(session, clock).retry_after)
    err = _fail(session, clock)
    assert "locked" in err.message and "ask a manager" in err.message
    staff = session.get(Staff, studio.counter.staff_id)
    assert staff.locked_at == clock.now() and staff.failed_logins == 10
    clock.advance(days=3)
    with pytest.raises(LoginRefused, match="locked"):
        login(session, "李前台", "2222", clock=clock)  # the right PIN, days later
    with pytest.raises(LoginRefused, match="locked"):
        badge_sign_in(session, studio.badges["李前台"], clock=clock)
    with pytest.raises(NotAllowed):
        unlock_staff(session, studio.counter.staff_id, studio.production, clock=clock)
    unlock_staff(session, studio.counter.staff_id, studio.manager, clock=clock)
    assert login(session, "李前台", "2222", clock=clock).name == "李前台"
    assert len(_audit(session, "login.locked")) == 1
    unlock = _audit(session, "staff.unlock")[-1]
    assert unlock.staff_id == studio.manager.staff_id and unlock.detail == "李前台 (locked)"


def test_failed_sign_ins_are_audited_with_their_station(session, studio, clock):
    _fail(session, clock)
    _fail(session, clock)  # during the wait
    _fail(session, clock, name="无此人")
    failed = _audit(session, "login.failed")
    assert [(e.staff_id, e.station) for e in failed] == [(studio.counter.staff_id, "前台1")] * 2 + [(None, "前台1")]
    assert failed[0].detail == "wrong secret, by name (1 in a row)"
    assert failed[1].detail.startswith("tried during the wait")
    assert failed[2].detail == "unknown name '无此人'"


def test_an_unknown_name_is_refused_like_a_wrong_pin(session, studio, clock):
    unknown, wrong = _fail(session, clock, name="无此人"), _fail(session, clock, name="张后期")
    assert unknown.message == wrong.message == "Wrong name or password."
    assert unknown.retry_after == wrong.retry_after == 1


def test_the_staff_list_shows_badges_and_locks_to_managers_only(session, studio, clock):
    for _ in range(10):
        clock.advance(seconds=_fail(session, clock).retry_after)
    rows = {r.name: r for r in staff_list(session, studio.manager)}
    assert rows["李前台"].locked and rows["李前台"].has_badge and not rows["王店长"].locked
    with pytest.raises(NotAllowed):
        staff_list(session, studio.counter)


def test_the_first_run_sign_in_is_audited(session, clock):
    from app.services import studio as studio_service

    actor = studio_service.first_run(session, "幸福影楼", "店长", "1234", station="前台1", clock=clock)
    entry = _audit(session, "login")[-1]
    assert (entry.staff_id, entry.station, entry.detail) == (actor.staff_id, "前台1", "first run")


def test_a_permission_refusal_names_the_person_their_role_and_the_act(studio):
    with pytest.raises(NotAllowed) as err:
        require(studio.counter, Permission.CANCEL)
    assert err.value.message == "李前台 (counter) may not cancel; ask a manager."
    assert err.value.params == {"name": "李前台", "role": "counter", "act": "cancel"}
    with pytest.raises(NotAllowed) as err:
        require(studio.production, Permission.PICKUP)
    assert err.value.message == "张后期 (production) may not hand items to the customer; ask a manager."


def test_only_the_manager_role_needs_its_pin_at_every_badge_sign_in():
    assert staff_service.has_manager_rights(Role.MANAGER)
    assert staff_service.has_manager_rights("manager")  # as Qt hands a role back
    assert not staff_service.has_manager_rights(Role.COUNTER)
    assert not staff_service.has_manager_rights(Role.PRODUCTION)
    with pytest.raises(BadInput) as err:
        staff_service.has_manager_rights("boss")  # type: ignore[arg-type]
    assert err.value.message == "boss is not a valid role."


def test_a_manager_approval_names_the_manager_at_the_approving_station_and_refusals_say_nothing_was_approved(
        session, studio):
    approver = verify_manager(session, "王店长", "1111", station="前台2")
    assert (approver.name, approver.role, approver.station) == ("王店长", Role.MANAGER, "前台2")
    assert verify_manager(session, "\t王店长\n", "1111").station is None
    for name, secret in [("王店长", "9999"), ("李前台", "2222"), ("张后期", "3333"), ("nobody", "1111"),
                         ("  ", "1111")]:
        with pytest.raises(NotAllowed) as err:
            verify_manager(session, name, secret)
        assert err.value.message == "Wrong manager name or PIN; nothing was approved."
