"""A real browser: tooltips open on hover and keyboard focus, close on Esc, follow the theme.

Runs the example site in Debian's Chromium through Selenium and chromedriver; nothing
is downloaded. Skips when they are not installed (CI installs them).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import ROOT

EXAMPLE = ROOT / "examples" / "sphinx-site"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,900",
)

if CHROMIUM is None or CHROMEDRIVER is None:
    pytest.skip(
        "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")


def build_site(out: Path, theme: str) -> Path:
    command = [sys.executable, "-m", "sphinx", "-q", "-W", "-t", "strict", "-b", "html"]
    command += ["-D", f"html_theme={theme}", str(EXAMPLE), str(out)]
    subprocess.run(command, check=True, capture_output=True, text=True)
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module", params=["alabaster", "furo"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if request.param == "furo":
        pytest.importorskip("furo")
    return build_site(tmp_path_factory.mktemp(f"site-{request.param}"), request.param)


def popup_state(driver: Any) -> dict[str, Any]:
    return driver.execute_script(  # type: ignore[no-any-return]
        "const p = document.getElementById('llmgloss-popup');"
        "if (!p) return {exists: false};"
        "const r = p.getBoundingClientRect();"
        "return {exists: true, hidden: p.hidden, text: p.innerText,"
        " visible: !p.hidden && r.width > 0 && r.height > 0,"
        " background: getComputedStyle(p).backgroundColor,"
        " describedby: document.activeElement.getAttribute('aria-describedby')};"
    )


def wait_for(driver: Any, condition: str) -> dict[str, Any]:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 5).until(lambda d: eval(condition, {}, popup_state(d)))
    return popup_state(driver)


def test_hover_focus_and_escape(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get((site / "serving.html").as_uri())
    links = browser.find_elements(By.CSS_SELECTOR, "a.llmgloss-auto")
    assert len(links) >= 3
    kv = next(a for a in links if a.text == "KV cache")

    ActionChains(browser).move_to_element(kv).perform()
    state = wait_for(browser, "visible")
    assert "KV cache" in state["text"]
    assert "stored during decode" in state["text"]  # the built-in definition

    popup = browser.find_element(By.ID, "llmgloss-popup")
    ActionChains(browser).move_to_element(popup).pause(0.6).perform()
    assert popup_state(browser)["visible"], "the tooltip must stay while the pointer is on it"

    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    assert wait_for(browser, "hidden")["hidden"]

    ActionChains(browser).move_by_offset(0, 300).perform()  # pointer away from any term
    browser.execute_script("document.activeElement.blur(); window.scrollTo(0, 0);")
    body = browser.find_element(By.TAG_NAME, "body")
    for _ in range(60):
        body = browser.switch_to.active_element
        body.send_keys(Keys.TAB)
        focused = browser.switch_to.active_element
        if "llmgloss-auto" in (focused.get_attribute("class") or "") and focused.text != "KV cache":
            break
    else:
        pytest.fail("Tab never reached a linked term")
    term = focused.text
    state = wait_for(browser, "visible")
    assert term.split()[0].lower() in state["text"].lower()
    assert state["describedby"] == "llmgloss-popup"
    focused.send_keys(Keys.ESCAPE)
    assert wait_for(browser, "hidden")["hidden"]


def test_tooltip_colours_follow_the_theme(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get((site / "serving.html").as_uri())
    link = browser.find_elements(By.CSS_SELECTOR, "a.llmgloss-auto")[0]
    browser.execute_script("arguments[0].focus();", link)
    light = wait_for(browser, "visible")["background"]
    assert luminance(light) > 0.7, light
    if browser.execute_script("return document.body.dataset.theme !== undefined"):  # furo
        browser.execute_script("document.body.dataset.theme = 'dark';")
        dark = popup_state(browser)["background"]
        assert luminance(dark) < 0.3, dark


def luminance(css_colour: str) -> float:
    """Rough 0..1 brightness of an ``rgb(...)``/``rgba(...)`` colour."""
    numbers = css_colour[css_colour.index("(") + 1 : -1].split(",")
    red, green, blue = (float(n) for n in numbers[:3])
    return (0.299 * red + 0.587 * green + 0.114 * blue) / 255


def test_tap_on_a_touch_screen_shows_the_definition_first(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By

    url = (site / "serving.html").as_uri()
    browser.get(url)
    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, "a.llmgloss-auto"))
    browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})
    try:
        box = browser.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return {x: r.left + r.width / 2, y: r.top + r.height / 2};",
            link,
        )
        point = [{"x": box["x"], "y": box["y"]}]
        browser.execute_cdp_cmd(
            "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": point}
        )
        browser.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        state = wait_for(browser, "visible")
        assert link.text.split()[0].lower() in state["text"].lower()
        assert browser.current_url == url  # the first tap did not follow the link
    finally:
        browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
