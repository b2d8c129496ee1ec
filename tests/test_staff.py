"""Staff accounts: slow salted hashes, logins, roles and the permission matrix."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Role, Staff
from app.services.errors import BadInput, NotAllowed
from app.services.staff import Permission, create_staff, login, require, verify_manager


def test_secrets_are_stored_as_argon2id_hashes_with_owasp_parameters(session, studio):
    staff = session.get(Staff, studio.counter.staff_id)
    assert staff.password_hash.startswith("$argon2id$") and "2222" not in staff.password_hash
    assert "m=19456,t=2,p=1" in staff.password_hash
    other = create_staff(session, "另一个", Role.COUNTER, "2222", by=studio.manager)
    assert other.password_hash != staff.password_hash  # salted


def test_login_with_name_or_badge(session, studio):
    assert login(session, "李前台", "2222", station="前台2").staff_id == studio.counter.staff_id
    actor = login(session, "b-0001", "1111")
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


@pytest.mark.parametrize(("name", "secret", "badge"), [("  ", "1234", None), ("李前台", "1234", None),
                                                       ("新人", "12", None), ("新人", "1234", "b-0001")])
def test_bad_staff_input_is_refused(session, studio, name, secret, badge):
    count = len(session.scalars(select(Staff)).all())
    with pytest.raises(BadInput):
        create_staff(session, name, Role.COUNTER, secret, badge_code=badge, by=studio.manager)
    assert len(session.scalars(select(Staff)).all()) == count


P = Permission
# What each job needs (issue 10), written out here so a change to the table is a change to a test.
EXPECTED_PERMISSIONS = {
    Role.COUNTER: {P.BOOK_ORDER, P.TAKE_PAYMENT, P.EDIT_CUSTOMERS, P.PICKUP, P.HANDLE_COMPLAINTS},
    Role.PRODUCTION: {P.TRACK_ITEMS},
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
