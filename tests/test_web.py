"""The phone pages (手机理件): sign-in, CSRF, sessions, the work modes, an item's address."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from app.models import AuditEntry, Item, ItemStatus
from app.services import staff
from app.services.errors import StudioError
from app.web.server import COOKIE, Sessions, make_app
from app.web.templates import AUTO_APPLY

from .helpers import event_count, new_order
from .tracking_helpers import sent_items

BASE = "https://phone.test"


class FakeTime:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def idle() -> FakeTime:
    return FakeTime()


@pytest.fixture
def client(engine, studio, clock, idle):  # type: ignore[no-untyped-def]
    app = make_app(engine, https=True, clock=clock, sessions=Sessions(idle_seconds=600, now=idle))
    with TestClient(app, base_url=BASE) as c:
        yield c


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def sign_in(client: TestClient, name: str = "张后期", pin: str = "3333", next_path: str = "/"):  # type: ignore[no-untyped-def]
    page = client.get("/signin")
    return client.post("/signin", data={"csrf": csrf_of(page.text), "name": name, "pin": pin, "next": next_path},
                       follow_redirects=False)


def scan(client: TestClient, mode: str, code: str, **extra: str):  # type: ignore[no-untyped-def]
    page = client.get(f"/mode/{mode}")
    return client.post(f"/mode/{mode}", data={"csrf": csrf_of(page.text), "code": code, **extra})


def status_of(session, code: str) -> ItemStatus:  # type: ignore[no-untyped-def]
    session.expire_all()
    return session.scalar(select(Item.status).where(Item.code == code))


def test_no_session_means_the_sign_in_page(client):  # type: ignore[no-untyped-def]
    for path in ("/", "/mode/receive", "/mode/lookup"):
        page = client.get(path)
        assert page.status_code == 200
        assert 'id="pin"' in page.text and 'id="code"' not in page.text


def test_cookies_are_httponly_samesite_and_secure_over_https(client):  # type: ignore[no-untyped-def]
    page = client.get("/signin")
    cookie = page.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" in cookie


def test_cookies_are_not_secure_over_plain_http(engine, studio, clock):  # type: ignore[no-untyped-def]
    with TestClient(make_app(engine, https=False, clock=clock), base_url="http://phone.test") as c:
        cookie = c.get("/signin").headers["set-cookie"]
    assert "HttpOnly" in cookie and "Secure" not in cookie


def test_sign_in_by_name_and_pin_is_audited_from_the_phone(client, session):  # type: ignore[no-untyped-def]
    answer = sign_in(client)
    assert answer.status_code == 303
    assert "张后期" in client.get("/").text
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "login").order_by(AuditEntry.id.desc())).first()
    assert entry.station == "phone"


def test_sign_in_without_or_with_a_wrong_csrf_token_is_refused(client, session):  # type: ignore[no-untyped-def]
    client.get("/signin")
    before = session.scalar(select(func.count(AuditEntry.id)))
    for token in (None, "wrong"):
        data = {"name": "张后期", "pin": "3333"} | ({"csrf": token} if token else {})
        answer = client.post("/signin", data=data, follow_redirects=False)
        assert answer.status_code == 403
    assert session.scalar(select(func.count(AuditEntry.id))) == before  # not even a login was tried
    assert 'id="code"' not in client.get("/mode/receive").text


def test_a_scan_without_or_with_a_wrong_csrf_token_writes_nothing(client, session, studio, clock):  # type: ignore[no-untyped-def]
    code = sent_items(session, studio, clock, 1)[0]
    sign_in(client)
    client.get("/mode/receive")
    events = event_count(session)
    for data in ({"code": code}, {"code": code, "csrf": "forged"}):
        answer = client.post("/mode/receive", data=data)
        assert answer.status_code == 403
    assert event_count(session) == events and status_of(session, code) is ItemStatus.SENT


def test_sign_out_needs_the_csrf_token(client):  # type: ignore[no-untyped-def]
    sign_in(client)
    assert client.post("/signout", data={}).status_code == 403
    assert 'id="signout"' in client.get("/").text  # still signed in


def test_receive_applies_each_code_at_once_and_lists_the_order(client, session, studio, clock):  # type: ignore[no-untyped-def]
    codes = sent_items(session, studio, clock, 3)
    sign_in(client)
    page = scan(client, "receive", codes[0])
    assert 'class="answer accepted"' in page.text
    assert status_of(session, codes[0]) is ItemStatus.RETURNED
    assert f'data-code="{codes[1]}" data-status="sent"' in page.text  # the order's other items, in status colours
    assert "#fff59d" in page.text  # returned's colour, as at the pickup station


def test_a_bad_code_is_refused_with_its_reason_and_nothing_written(client, session, studio, clock):  # type: ignore[no-untyped-def]
    codes = sent_items(session, studio, clock, 1)
    sign_in(client)
    events = event_count(session)
    for bad in ("NOT-A-CODE", codes[0][:-1] + ("X" if codes[0][-1] != "X" else "Y")):
        page = scan(client, "pass", bad)  # sent items cannot pass unreceived, bad codes never
        assert 'class="answer refused"' in page.text
    page = scan(client, "pass", codes[0])
    assert 'class="answer refused"' in page.text and "Nothing" not in page.text  # said in Chinese
    assert event_count(session) == events and status_of(session, codes[0]) is ItemStatus.SENT


def test_modes_send_receive_pass_and_rework_go_through_the_lifecycle(client, session, studio, clock):  # type: ignore[no-untyped-def]
    order = new_order(session, studio, clock)
    items = session.scalars(select(Item.code).where(Item.order_id == order.id, Item.product_type_id == studio.album))
    code = items.first()
    sign_in(client)
    page = scan(client, "send", code, lab=str(studio.lab))
    assert 'class="answer accepted"' in page.text and status_of(session, code) is ItemStatus.SENT
    scan(client, "receive", code)
    assert status_of(session, code) is ItemStatus.RETURNED
    reasons = re.findall(r'<option value="(\d+)"', client.get("/mode/rework").text)
    page = scan(client, "rework", code, reason=reasons[0], note="划痕")
    assert 'class="answer accepted"' in page.text and status_of(session, code) is ItemStatus.REWORK
    scan(client, "send", code, lab=str(studio.lab))
    scan(client, "receive", code)
    scan(client, "pass", code)
    assert status_of(session, code) is ItemStatus.READY


def test_a_counter_clerk_is_refused_tracking_on_the_phone_too(client, session, studio, clock):  # type: ignore[no-untyped-def]
    code = sent_items(session, studio, clock, 1)[0]
    sign_in(client, "李前台", "2222")
    page = scan(client, "receive", code)
    assert 'class="answer refused"' in page.text and status_of(session, code) is ItemStatus.SENT


def test_a_locked_out_name_stays_locked_on_the_phone(client, session, studio, clock):  # type: ignore[no-untyped-def]
    for _ in range(staff.LOCK_AFTER):  # wrong PINs at the desktop, each after its wait
        clock.advance(seconds=staff.MAX_WAIT_S + 1)
        with pytest.raises(StudioError):
            staff.login(session, "张后期", "0000", station="后期", clock=clock)
    clock.advance(seconds=staff.MAX_WAIT_S + 1)
    answer = sign_in(client, "张后期", "3333")
    assert answer.status_code == 403 and 'id="code"' not in client.get("/mode/receive").text
    assert "张后期" in answer.text  # "张后期 is locked ..." (in Chinese), no session
    entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.action == "login.failed" and entry.station == "phone"


def test_wrong_pins_on_the_phone_count_toward_the_desktop_lockout(client, session, studio, clock):  # type: ignore[no-untyped-def]
    for _ in range(staff.LOCK_AFTER):
        clock.advance(seconds=staff.MAX_WAIT_S + 1)
        sign_in(client, "张后期", "0000")
    clock.advance(seconds=staff.MAX_WAIT_S + 1)
    with pytest.raises(StudioError):
        staff.login(session, "张后期", "3333", station="后期", clock=clock)


def test_an_item_address_opened_without_signing_in_reveals_no_customer_data(client, session, studio, clock):  # type: ignore[no-untyped-def]
    order = new_order(session, studio, clock, name="保密顾客", phone="13912345678")
    code = session.scalars(select(Item.code).where(Item.order_id == order.id)).first()
    page = client.get(f"/i/{code}")
    assert page.status_code == 200 and 'id="pin"' in page.text
    # (the item's code is in the address already: only the way back to it holds it)
    for secret in ("保密顾客", "13912345678", "5678", "相册", "金彩", "¥"):
        assert secret not in page.text
    assert page.text.count(code) == 1 and f'name="next" value="/i/{code}"' in page.text
    sign_in(client, next_path=f"/i/{code}")
    assert "保密顾客" in client.get(f"/i/{code}").text  # the same address, signed in


def test_a_session_ends_after_idle_time(client, idle, session):  # type: ignore[no-untyped-def]
    sign_in(client)
    assert 'id="signout"' in client.get("/").text
    idle.t += 601
    page = client.get("/mode/receive")
    assert 'id="pin"' in page.text and 'id="code"' not in page.text
    entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.action == "logout" and entry.station == "phone"


def test_sign_out_ends_the_session(client, session):  # type: ignore[no-untyped-def]
    sign_in(client)
    old = client.cookies.get(COOKIE)
    page = client.get("/")
    client.post("/signout", data={"csrf": csrf_of(page.text)})
    assert 'id="pin"' in client.get("/").text
    client.cookies.set(COOKIE, old)  # the old cookie no longer works either
    assert 'id="pin"' in client.get("/").text


def test_sign_in_goes_back_only_to_an_address_on_this_server(client):  # type: ignore[no-untyped-def]
    answer = sign_in(client, next_path="https://evil.example/")
    assert answer.headers["location"] == "/"
    client.post("/signout", data={"csrf": csrf_of(client.get("/").text)})
    answer = sign_in(client, next_path="//evil.example/")
    assert answer.headers["location"] == "/"


def test_pages_speak_chinese_first_and_english_on_request(client):  # type: ignore[no-untyped-def]
    assert "登录" in client.get("/signin").text
    client.get("/lang/en")
    page = client.get("/signin")
    assert "Sign in" in page.text and "登录" not in page.text


def test_the_web_layer_imports_services_never_the_window_or_qt():  # type: ignore[no-untyped-def]
    import ast
    from pathlib import Path

    for path in Path("app/web").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [("." * node.level) + (node.module or "")] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert not name.startswith(("..ui", "app.ui", "PySide6")), f"{path}: imports {name}"


def test_look_up_shows_the_order_and_refuses_a_bad_code_with_its_reason(client, session, studio, clock):  # type: ignore[no-untyped-def]
    code = sent_items(session, studio, clock, 1)[0]
    sign_in(client)
    events = event_count(session)
    page = scan(client, "lookup", code)
    assert 'id="order"' in page.text and 'class="answer' not in page.text
    page = scan(client, "lookup", "2611-9999-01-0")
    assert 'class="answer refused"' in page.text and 'id="order"' not in page.text
    assert event_count(session) == events


def test_an_item_address_opened_by_staff_in_a_mode_is_applied_at_once_by_a_posted_form(client, session, studio,
                                                                                        clock):  # type: ignore[no-untyped-def]
    code = sent_items(session, studio, clock, 1)[0]
    sign_in(client)
    client.get("/mode/receive")
    page = client.get(f"/i/{code}", headers={"Sec-Fetch-Site": "none"})  # the camera app opened the label
    assert f"<script>{AUTO_APPLY}</script>" in page.text and 'id="applyform"' in page.text
    assert status_of(session, code) is ItemStatus.SENT  # the GET itself writes nothing: the page posts the form
    answer = client.post("/mode/receive", data={"csrf": csrf_of(page.text), "code": code})
    assert 'class="answer accepted"' in answer.text and status_of(session, code) is ItemStatus.RETURNED


@pytest.mark.parametrize("site", ["cross-site", "same-site", None])
def test_an_item_address_followed_from_elsewhere_only_offers_the_one_tap_button(client, session, studio, clock,
                                                                              site):  # type: ignore[no-untyped-def]
    code = sent_items(session, studio, clock, 1)[0]
    sign_in(client)
    client.get("/mode/receive")
    page = client.get(f"/i/{code}", headers={"Sec-Fetch-Site": site} if site else {})
    assert 'id="apply"' in page.text and "<script" not in page.text
    assert status_of(session, code) is ItemStatus.SENT


def test_a_link_on_another_site_cannot_choose_what_the_next_opened_label_does(client, session, studio, clock):  # type: ignore[no-untyped-def]
    code = sent_items(session, studio, clock, 1)[0]
    sign_in(client)
    client.get("/mode/lookup", headers={"Sec-Fetch-Site": "same-origin"})  # staff only look items up
    shown = client.get("/mode/receive", headers={"Sec-Fetch-Site": "cross-site"})  # a link on another site
    assert 'action="/mode/receive"' in shown.text  # the page it asked for, but the phone's mode stays
    page = client.get(f"/i/{code}", headers={"Sec-Fetch-Site": "none"})  # staff open a label with the camera
    assert "<script" not in page.text and 'action="/mode/receive"' not in page.text
    assert status_of(session, code) is ItemStatus.SENT
    for mode in ("send", "rework"):  # a page shown unsaved still lists what its form needs
        listed = client.get(f"/mode/{mode}", headers={"Sec-Fetch-Site": "cross-site"}).text
        assert re.findall(r'<option value="\d+"', listed)


def test_pages_allow_only_their_own_forms_and_the_one_known_script(client):  # type: ignore[no-untyped-def]
    policy = client.get("/signin").headers["Content-Security-Policy"]
    digest = base64.b64encode(hashlib.sha256(AUTO_APPLY.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy and "form-action 'self'" in policy
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy


def test_rework_reasons_are_listed_in_the_pages_language(client):  # type: ignore[no-untyped-def]
    sign_in(client)
    chinese = re.findall(r'<option value="\d+"\s*>([^<]+)<', client.get("/mode/rework").text)
    client.get("/lang/en")
    english = re.findall(r'<option value="\d+"\s*>([^<]+)<', client.get("/mode/rework").text)
    assert chinese and len(chinese) == len(english) and chinese != english


def test_visitors_who_never_sign_in_do_not_pile_up_in_memory(idle):  # type: ignore[no-untyped-def]
    from app.web import server

    sessions = Sessions(now=idle)
    kept = sessions.new()
    kept.actor = staff.Actor(1, "张后期", staff.Role.PRODUCTION, "phone")
    for _ in range(server.PRUNE_AT * 3):
        sessions.new()
    assert len(sessions) <= server.PRUNE_AT and sessions.get(kept.token)[0] is kept


def test_the_pages_work_without_javascript(client, session, studio, clock):  # type: ignore[no-untyped-def]
    """Every action is a form with a submit button; the only script is the item page's auto-apply,
    which presses a button that is there anyway."""
    code = sent_items(session, studio, clock, 1)[0]
    pages = [client.get("/signin").text]
    sign_in(client)
    pages += [client.get(f"/mode/{m}").text for m in ("send", "receive", "pass", "rework", "lookup")]
    pages += [scan(client, "receive", code).text, client.get(f"/i/{code}", headers={"Sec-Fetch-Site": "none"}).text]
    for page in pages:
        assert " on" + "click=" not in page.lower()
        assert re.sub(r"<script>(.*?)</script>", lambda m: "" if m.group(1) == AUTO_APPLY else m.group(0),
                      page, flags=re.S).lower().count("<script") == 0
        assert page.count("<form") == page.count('type="submit"')


@pytest.mark.parametrize("field,mode", [("lab", "send"), ("reason", "rework")])
def test_a_tampered_list_value_on_a_phone_form_is_an_answer_not_a_server_error(engine, studio, clock, session, field,
                                                                              mode):
    """A form's lab or rework reason replaced by a number no row has (too big for the database's
    integer) is ignored like a missing choice: a page with the answer, nothing written."""
    order = new_order(session, studio, clock)
    code = session.scalars(select(Item.code).where(Item.order_id == order.id)).first()
    before = event_count(session)
    with TestClient(make_app(engine, https=True, clock=clock), base_url=BASE, raise_server_exceptions=True) as c:
        sign_in(c)
        page = c.get(f"/mode/{mode}")
        answer = c.post(f"/mode/{mode}", data={"csrf": csrf_of(page.text), "code": code, field: "9" * 20})
    assert answer.status_code == 200
    session.expire_all()
    assert event_count(session) == before
