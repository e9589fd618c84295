"""The site in a real browser: Debian's headless Chromium driven by Selenium through
/usr/bin/chromedriver (Selenium Manager never downloads anything: both paths are given).

Under CI=true these tests fail when the browser is missing; elsewhere they skip. The
screenshots of a run go to $NTM_SITE_SCREENSHOTS, else build/site-screenshots/.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REAL_DATA, REPO
from ntm_plan.pipeline.load import load
from ntm_plan.present.vnformat import number
from site_helpers import AS_OF, SCRIPT_PAYLOAD, build, xss_data

pytestmark = pytest.mark.slow  # a real browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WIDE, PHONE = 1280, 375


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"the browser tests must run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed (pip install -e '.[test]')")
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            _unavailable(f"{path} is missing (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=vi"):
        options.add_argument(arg)
    options.add_argument(f"--window-size={WIDE},900")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")  # belt and braces: Selenium Manager must not go online
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser-site") / "public"
    build(REAL_DATA, out)
    return out


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(os.environ.get("NTM_SITE_SCREENSHOTS") or REPO / "build" / "site-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open(driver: Any, page: Path, width: int = WIDE) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    driver.get(page.as_uri())
    driver.execute_script("return document.readyState")


def _wait(driver: Any, css: str) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css)))


def _gap_json(cli) -> dict[str, Any]:
    run = cli("gap", "Duc", "Dong", "--format", "json", "--as-of", AS_OF.isoformat(), "--data", str(REAL_DATA))
    assert run.code == 0, run.err
    return json.loads(run.out)["units"][0]


def test_search_duc_dong_reaches_the_unit_with_gaps_figures(browser: Any, real_site: Path, cli) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, real_site / "index.html")
    browser.find_element(By.ID, "search-input").send_keys("duc dong")
    first = _wait(browser, "#search-results a")
    assert first.text == "Xã Đức Đồng (đến 30/06/2025)", "at 30/09/2024 the old commune comes first"
    first.click()
    _wait(browser, "tr[data-indicator]")
    assert browser.current_url.endswith("/don-vi/duc-dong.html")
    unit = _gap_json(cli)
    income = next(i for c in unit["by_criterion"] for i in c["indicators"] if i["indicator"] == "10")
    shown = browser.find_element(By.CSS_SELECTOR, 'tr[data-indicator="10"] td.gap').text
    assert re.search(r"[0-9.]+,[0-9]+|[0-9.]+", shown)[0] == number(income["gap"], max_places=2)
    assert shown == "còn thiếu 4,98 triệu đồng/người/năm"
    state = browser.find_element(By.CSS_SELECTOR, 'tr[data-indicator="10"] td.state .status').text
    assert state == income["status"]
    assert browser.find_element(By.ID, "unit-state").text == unit["status"]


def test_search_folds_like_the_command_line(browser: Any, real_site: Path) -> None:
    """With and without accents, with the kind word, in NFD: the same unit first."""
    from selenium.webdriver.common.by import By

    _open(browser, real_site / "don-vi" / "duc-lang.html")
    box = browser.find_element(By.ID, "search-input")
    for query in ("Đức Đồng", "xa duc dong", "DUC  DONG", unicodedata.normalize("NFD", "xã Đức Đồng")):
        box.clear()
        box.send_keys(query)
        assert _wait(browser, "#search-results a").text == "Xã Đức Đồng (đến 30/06/2025)", query
        href = browser.find_element(By.CSS_SELECTOR, "#search-results a").get_attribute("href")
        assert href.endswith("/don-vi/duc-dong.html"), href
    box.clear()
    box.send_keys("khong co dau nao nhu the")
    assert _wait(browser, "#search-results li").text == "Không tìm thấy."


def test_follow_a_link_to_a_department(browser: Any, real_site: Path) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, real_site / "index.html")
    link = browser.find_element(By.CSS_SELECTOR, "table.leads a")
    name = link.text
    link.click()
    _wait(browser, "h1")
    assert "/phong-ban/" in browser.current_url
    department = next(d for d in load(REAL_DATA)[0].departments if d.short == name)
    assert browser.current_url.endswith(f"/phong-ban/{department.id}.html")
    assert browser.find_element(By.TAG_NAME, "h1").text == department.name


OVERFLOW = """
const bad = [];
const page = document.documentElement;
if (page.scrollWidth > window.innerWidth + 1) bad.push('page ' + page.scrollWidth + ' > ' + window.innerWidth);
for (const table of document.querySelectorAll('table')) {
  const box = table.parentElement;
  if (table.getBoundingClientRect().right > box.getBoundingClientRect().right + 1)
    bad.push('table ' + (table.caption ? table.caption.textContent : '') + ' wider than its container');
  for (const cell of table.querySelectorAll('td, th')) {
    if (cell.clientWidth < 3) continue;  // the header row hidden on phones
    if (cell.scrollWidth > cell.clientWidth + 1) bad.push('cell "' + cell.textContent.slice(0, 40) + '"');
  }
}
return bad;
"""


@pytest.mark.parametrize("width", [WIDE, PHONE])
def test_no_text_overflows_its_table(browser: Any, real_site: Path, shots: Path, width: int) -> None:
    pages = {
        "trang-chu": real_site / "index.html",
        "xa-duc-dong": real_site / "don-vi" / "duc-dong.html",
        "huyen": real_site / "don-vi" / "huyen-duc-tho.html",
        "phong-ban": real_site / "phong-ban" / "kinh-te-ha-tang.html",
        "bo-tieu-chi": real_site / "bo-tieu-chi" / "ha-tinh-xa-ntm-nang-cao-2022-2025.html",
    }
    for name, page in pages.items():
        _open(browser, page, width)
        assert browser.execute_script("return window.innerWidth") == width
        assert browser.execute_script(OVERFLOW) == [], (name, width)
        if name in ("trang-chu", "xa-duc-dong", "phong-ban"):
            height = browser.execute_script("return document.documentElement.scrollHeight")
            browser.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": min(height, 4000), "deviceScaleFactor": 1, "mobile": width < 600},
            )
            assert browser.save_screenshot(str(shots / f"{name}-{width}.png"))


PROBE = "return [window.__ntmXss === undefined ? null : String(window.__ntmXss), document.title]"


def test_script_payloads_in_the_data_run_nothing(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    out = tmp_path / "public"
    build(xss_data(tmp_path), out)
    for page in (out / "don-vi" / "xuan-thu.html", out / "phong-ban" / "van-hoa.html", out / "index.html"):
        _open(browser, page)
        _wait(browser, "footer")
        executed, title = browser.execute_script(PROBE)
        assert executed is None, page
        assert title != "XSS" and " — " in title, title
    _open(browser, out / "don-vi" / "xuan-thu.html")
    texts = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "td.task-text")]
    assert SCRIPT_PAYLOAD in texts


def test_the_probe_sees_a_script_that_runs(browser: Any, tmp_path: Path) -> None:
    """The XSS test's probe is real: on a page without the site's escaping and policy the
    same payload runs and the probe reports it."""
    page = tmp_path / "unsafe.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>t</title></head><body>{SCRIPT_PAYLOAD}</body></html>")
    _open(browser, page)
    assert browser.execute_script(PROBE) == ["script", "XSS"]


def test_no_request_leaves_the_folder(browser: Any, real_site: Path) -> None:
    """Every request the pages make (Chrome's network log) is a file:// URL inside the site."""
    from selenium.webdriver.common.by import By

    browser.get_log("performance")  # drop what earlier tests logged
    for page in ("index.html", "don-vi/duc-dong.html", "phong-ban/kinh-te-ha-tang.html", "don-vi/danh-sach.html"):
        _open(browser, real_site / page)
        _wait(browser, "footer")
    browser.find_element(By.ID, "search-input").send_keys("duc")
    _wait(browser, "#search-results a")
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    assert urls, "the log records the pages' own requests"
    root = real_site.resolve().as_uri()
    outside = [u for u in urls if not u.startswith(root + "/")]
    assert outside == []
    assert any(u.endswith("/assets/site.css") for u in urls) and any(u.endswith("/assets/search.js") for u in urls)
    relative = browser.execute_script(
        "return [...document.querySelectorAll('[src],[href]')]"
        ".map(e => e.getAttribute('src') || e.getAttribute('href'))"
    )
    assert relative and not [v for v in relative if re.match(r"^[a-z][a-z0-9+.-]*:|^/", v)]


PRINTED = """
const shown = el => el && getComputedStyle(el).display !== 'none';
const fill = css => { const el = document.querySelector(css); return el ? getComputedStyle(el).fill : null; };
return {
  search: shown(document.getElementById('tim-kiem')),
  nav: shown(document.querySelector('nav')),
  met: fill('.bar-met'), notMet: fill('.bar-not-met'), unknown: fill('.bar-unknown'),
  values: [...document.querySelectorAll('.bar-value')].length,
  bars: [...document.querySelectorAll('rect.bar')].length,
};
"""


def test_print_keeps_the_charts_readable(browser: Any, real_site: Path) -> None:
    """In print: no search box or menu, the bar states in three distinct greys, and every
    bar with its number (the table beside it prints too)."""
    _open(browser, real_site / "don-vi" / "duc-dong.html")
    screen = browser.execute_script(PRINTED)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        printed = browser.execute_script(PRINTED)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert screen["search"] and not printed["search"] and not printed["nav"]
    greys = [printed["met"], printed["notMet"], printed["unknown"]]
    assert len(set(greys)) == 3, greys
    for colour in greys:
        r, g, b = (int(x) for x in re.findall(r"\d+", colour)[:3])
        assert r == g == b, colour
    assert printed["values"] == printed["bars"] > 0
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    assert len(pdf["data"]) > 1000
