"""Render the phone pages (手机理件) to docs/screenshots/phone-*.png at a phone's size, in Chinese and English.

    .venv/bin/python scripts/phone_screenshots.py

Builds a small studio in a temporary folder, serves it over HTTPS (its own certificate, pinned in
the browser as a phone trusts it after accepting it once) and drives Debian's Chromium through the
pages: sign-in, an accepted receive with the order's items, a refused code, rework with its reasons.
"""

from __future__ import annotations

import socket
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as shows  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from app.models.db import make_engine, sqlite_url  # noqa: E402
from app.web.certs import ensure_certificate  # noqa: E402
from app.web.run import ServerConfig, ServerThread  # noqa: E402
from phone_load import build  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PHONE = {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 1.5}}


def type_code(driver, code: str) -> None:  # type: ignore[no-untyped-def]
    field = WebDriverWait(driver, 10).until(shows.presence_of_element_located((By.ID, "code")))
    driver.execute_script("window.studiodeskOldPage = true")  # gone once the answer page loads
    field.send_keys(code + "\n")
    WebDriverWait(driver, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(
            "return window.studiodeskOldPage === undefined && document.readyState === 'complete'"))
    WebDriverWait(driver, 10).until(shows.presence_of_element_located((By.ID, "answer")))


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="phone-shots-"))
    url = str(sqlite_url(folder / "studio.db"))
    codes = build(url, 10)
    engine = make_engine(url)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    cert = ensure_certificate(folder)
    server = ServerThread(engine, ServerConfig(bind="127.0.0.1", port=port, data_dir=folder))
    server.start()
    base = f"https://127.0.0.1:{port}"
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars",
                f"--ignore-certificate-errors-spki-list={cert.spki_sha256()}"):
        options.add_argument(arg)
    options.add_experimental_option("mobileEmulation", PHONE)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        for n, lang in enumerate(("zh_CN", "en")):
            driver.delete_all_cookies()
            driver.get(f"{base}/lang/{lang}")
            driver.get(f"{base}/i/{codes[5 * n]}")
            driver.save_screenshot(str(OUT / f"phone-signin-{lang}.png"))
            driver.find_element(By.ID, "name").send_keys("张后期")
            driver.find_element(By.ID, "pin").send_keys("3333")
            driver.find_element(By.ID, "signin").click()
            WebDriverWait(driver, 10).until(shows.presence_of_element_located((By.ID, "signout")))
            driver.get(f"{base}/mode/receive")
            for code in codes[5 * n: 5 * n + 2]:
                type_code(driver, code)
            driver.save_screenshot(str(OUT / f"phone-receive-{lang}.png"))
            type_code(driver, codes[5 * n + 3][:-2] + "99")
            driver.save_screenshot(str(OUT / f"phone-refused-{lang}.png"))
            driver.get(f"{base}/mode/rework")
            driver.save_screenshot(str(OUT / f"phone-rework-{lang}.png"))
            driver.find_element(By.ID, "signout").click()
            WebDriverWait(driver, 10).until(shows.presence_of_element_located((By.ID, "pin")))
    finally:
        driver.quit()
        server.stop()
        engine.dispose()
    print(f"written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
