"""Staff accounts: slow salted hashes, logins, roles and the permission matrix."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Role, Staff
from app.services.errors import BadInput, NotAllowed
from app.services.staff import Permission, create_staff, login, require


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


@pytest.mark.parametrize("permission", list(Permission))
@pytest.mark.parametrize("role", list(Role))
def test_permission_matrix(studio, role, permission):
    actor = {Role.MANAGER: studio.manager, Role.COUNTER: studio.counter, Role.PRODUCTION: studio.production}[role]
    if role is Role.MANAGER:
        require(actor, permission)
    else:
        with pytest.raises(NotAllowed):
            require(actor, permission)
