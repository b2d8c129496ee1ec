"""The phone pages in a real browser: Chromium at a phone's size, trusting the studio's certificate
as a phone does after accepting it once (its key pinned), the address read from a label's QR code."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from sqlalchemy import select

from app.devices.labels import render_page, thermal
from app.models import Item, ItemStatus
from app.services import pickup
from app.services.labels import order_labels
from app.services.phone import set_phone_address
from app.web.certs import ensure_certificate
from app.web.run import ServerConfig, ServerThread, address

from .helpers import event_count
from .test_printing import _decode
from .tracking_helpers import sent_items

PHONE = {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2.0},
         "userAgent": "Mozilla/5.0 (Linux; Android 10; Phone) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "Chrome/90.0 Mobile Safari/537.36"}


def chromium() -> tuple[str, str]:
    """The Debian browser and its driver: missing means a broken install, not a reason to skip."""
    browser = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    assert browser and driver, "chromium / chromedriver not found: install chromium chromium-driver (CI does)"
    return browser, driver


def shown(driver, element_id: str):  # type: ignore[no-untyped-def]
    """The element once the page that has it is loaded (a click or Enter loads a new page)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as shows
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 10).until(shows.presence_of_element_located((By.ID, element_id)))


def follow(driver, element, keys: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Click a link or button (or type `keys` ending in Enter into a field) that loads a new page,
    and wait until the new page has loaded.

    The old page is marked first and the wait is for a complete document without the mark: asking
    the clicked element whether it went stale races the navigation (chromedriver sometimes answers
    "node does not belong to the document" instead of "stale"), so any driver error while the page
    changes just means "not yet"."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("window.studiodeskOldPage = true")
    if keys is None:
        element.click()
    else:
        element.send_keys(keys)
    WebDriverWait(driver, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(
            "return window.studiodeskOldPage === undefined && document.readyState === 'complete'"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def phone_browser(spki: str, screenshots: Path | None = None):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = chromium()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--ignore-certificate-errors-spki-list={spki}", "--lang=zh-CN"):
        options.add_argument(arg)
    options.add_experimental_option("mobileEmulation", PHONE)
    return webdriver.Chrome(options=options, service=Service(driver))


@pytest.fixture
def served(engine, studio, clock, tmp_path):  # type: ignore[no-untyped-def]
    config = ServerConfig(bind="127.0.0.1", port=free_port(), data_dir=tmp_path / "certs")
    cert = ensure_certificate(config.data_dir)  # type: ignore[arg-type]
    server = ServerThread(engine, config, clock=clock)
    server.start()
    yield address(config), cert
    server.stop()


def test_a_phone_signs_in_from_a_label_receives_five_items_and_signs_out(
        qapp, served, session, studio, clock):  # type: ignore[no-untyped-def]
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base, cert = served
    sent = sent_items(session, studio, clock, 6)
    codes, sixth = sent[:5], sent[5]
    set_phone_address(session, base, studio.manager, clock=clock)
    label = order_labels(session, codes[0])
    scanned = [text for text in _decode(render_page(label, thermal(50, 30), dpi=600)) if text.startswith("https://")]
    assert scanned == [f"{base}/i/{codes[0]}"]

    driver = phone_browser(cert.spki_sha256())
    try:
        driver.get(scanned[0])  # the camera app opens the label's address: the sign-in page, no customer
        assert driver.execute_script("return window.innerWidth") < 500  # a phone's width
        assert driver.execute_script("return location.protocol") == "https:"
        assert driver.find_elements(By.ID, "pin") and "顾客" not in driver.page_source
        driver.find_element(By.ID, "name").send_keys("张后期")
        driver.find_element(By.ID, "pin").send_keys("3333")
        follow(driver, driver.find_element(By.ID, "signin"))
        assert codes[0] in shown(driver, "order").text  # back at the item's order

        follow(driver, shown(driver, "mode-receive"))
        shown(driver, "scanform")
        for code in codes:
            field = shown(driver, "code")
            follow(driver, field, code + "\n")
            answer = shown(driver, "answer")
            assert "accepted" in answer.get_attribute("class"), answer.text
        events = event_count(session)
        field = shown(driver, "code")
        follow(driver, field, codes[0][:-2] + "99\n")  # a misread code
        answer = shown(driver, "answer")
        assert "refused" in answer.get_attribute("class") and "未做任何更改" in answer.text
        assert event_count(session) == events

        driver.get(f"{base}/i/{sixth}")  # the camera app opens another label while receiving: applied at once
        answer = WebDriverWait(driver, 10, ignored_exceptions=(WebDriverException,)).until(
            lambda d: d.find_element(By.CSS_SELECTOR, "#answer.accepted"))
        assert sixth in answer.text or sixth in driver.find_element(By.CSS_SELECTOR, ".tile.scanned").text
        session.expire_all()
        assert session.scalar(select(Item.status).where(Item.code == sixth)) is ItemStatus.RETURNED

        follow(driver, shown(driver, "mode-lookup"))
        field = shown(driver, "code")
        follow(driver, field, codes[0] + "\n")
        shown(driver, "order")
        tiles = driver.find_elements(By.CSS_SELECTOR, "#order .tile")
        assert {t.get_attribute("data-code"): t.get_attribute("data-status") for t in tiles}[codes[0]] == "returned"

        follow(driver, shown(driver, "signout"))
        shown(driver, "pin")
        driver.get(f"{base}/mode/receive")
        assert not driver.find_elements(By.ID, "code")
    finally:
        driver.quit()
    # the desktop's services see the phone's changes
    session.expire_all()
    assert set(session.scalars(select(Item.status).where(Item.code.in_(sent)))) == {ItemStatus.RETURNED}
    assert pickup.station_view(session, codes[0], clock=clock).tiles[0].status is ItemStatus.RETURNED
