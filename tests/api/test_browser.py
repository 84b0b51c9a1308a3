"""The web page in headless Debian chromium, driven by playwright, against the real server."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import FREDERIKSBERG_CASE, FREDERIKSBERG_TITLE

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 30_000

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is absent: run scripts/system-deps.sh (apt-get install "
                "chromium chromium-driver)", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="da-DK", viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    yield opened
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def screenshot_dir(tmp_path: Path) -> Path:
    """tmp_path, or $REFERAT_SCREENSHOTS when set (to look at the page by eye)."""
    chosen = Path(os.environ.get("REFERAT_SCREENSHOTS") or tmp_path)
    chosen.mkdir(parents=True, exist_ok=True)
    return chosen


def search(page: Page, server_url: str, query: str) -> None:
    page.goto(f"{server_url}/")
    expect(page.locator("#committee option", has_text="Socialudvalget")).to_have_count(1)
    page.get_by_label("Søg", exact=True).fill(query)
    page.keyboard.press("Enter")
    expect(page.locator("#hits > li").first).to_be_visible()


def test_search_open_item_and_return(page: Page, server_url: str, tmp_path: Path) -> None:
    item = httpx.get(f"{server_url}/cases/{FREDERIKSBERG_CASE}", timeout=30).json()["items"][0]
    search(page, server_url, "integration")
    assert "q=integration" in page.url
    expect(page.locator("#status")).to_contain_text("resultat")
    expect(page.locator("#csv-link")).to_have_attribute("href", re.compile(r"format=csv&item_id="))
    shots = screenshot_dir(tmp_path)
    page.screenshot(path=str(shots / "results.png"), full_page=True)

    page.get_by_role("link", name=FREDERIKSBERG_TITLE).focus()
    page.keyboard.press("Enter")  # keyboard only: open, then Escape back
    title = page.locator("#item-title")
    expect(title).to_have_text(FREDERIKSBERG_TITLE)
    expect(title).to_be_focused()
    decision_text = " ".join(page.locator(".decision-text").inner_text().split())
    assert " ".join(item["decision"]["text"].split())[:60] in decision_text
    expect(page.locator("#decision-body > .decision-line > .badge")).to_be_visible()
    expect(page.locator("#sections mark.ent").first).to_be_visible()
    expect(page.locator("#legend-list li").first).to_be_visible()
    page.screenshot(path=str(shots / "item.png"), full_page=True)

    page.keyboard.press("Escape")
    expect(page.locator("#results")).to_be_visible()
    expect(page.get_by_role("link", name=FREDERIKSBERG_TITLE)).to_be_focused()


def test_case_lookup_and_api_errors_are_shown(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/?case={FREDERIKSBERG_CASE}")
    expect(page.get_by_role("link", name=FREDERIKSBERG_TITLE)).to_be_visible()
    page.get_by_label("Sagsnummer", exact=True).fill("NOPE")
    page.get_by_role("button", name="Find sag").click()
    expect(page.get_by_role("alert")).to_contain_text("Ingen dagsordenspunkter")
    page.goto(f"{server_url}/?q=x&date_from=yesterday")
    expect(page.get_by_role("alert")).to_contain_text("date_from")


def test_date_fields_are_danish_in_an_english_browser(browser: Browser, server_url: str) -> None:
    """dd-mm-åååå in the fields whatever the browser's locale; ISO in the URL and the API."""
    context = browser.new_context(locale="en-US", timezone_id="America/New_York")
    english = context.new_page()
    english.set_default_timeout(TIMEOUT_MS)
    english.goto(f"{server_url}/?q=integration&date_from=2010-05-05")
    expect(english.locator("#hits > li").first).to_be_visible()
    date_from = english.get_by_label("Dato fra", exact=True)
    expect(date_from).to_have_value("05-05-2010")
    expect(date_from).to_have_attribute("placeholder", "dd-mm-åååå")
    english.get_by_label("Dato til", exact=True).fill("3.2.2020")
    english.get_by_label("Søg", exact=True).press("Enter")
    expect(english).to_have_url(re.compile(r"date_from=2010-05-05&date_to=2020-02-03"))
    expect(english.get_by_label("Dato til", exact=True)).to_have_value("03-02-2020")
    api = httpx.get(f"{server_url}/search", timeout=30, params={
        "q": "integration", "date_from": "2010-05-05", "date_to": "2020-02-03"}).json()
    expect(english.locator("#hits > li")).to_have_count(len(api["hits"]))
    english.get_by_label("Dato til", exact=True).fill("02/30/2020")  # US order: no such date
    english.get_by_label("Søg", exact=True).press("Enter")
    expect(english.get_by_role("alert")).to_contain_text("dd-mm-åååå")
    context.close()


def test_page_fits_a_phone(browser: Browser, server_url: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.set_default_timeout(TIMEOUT_MS)
    phone.goto(f"{server_url}/?q=integration")
    expect(phone.locator("#hits > li").first).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    phone.screenshot(path=str(screenshot_dir(tmp_path) / "phone.png"), full_page=True)
    context.close()


def test_item_view_shows_each_vote_per_party(page: Page, server_url: str) -> None:
    item_id = "kk-2026-05-21-borgerrepraesentationen-52"
    decision = httpx.get(f"{server_url}/items/{item_id}", timeout=30).json()["decision"]
    page.goto(f"{server_url}/?item={item_id}")
    votes = page.locator("#decision-body figure.vote")
    expect(votes).to_have_count(4)  # the referral, DF's amendment, 1.-3. and 4. at-point
    expect(votes.first.locator("figcaption")).to_contain_text("2 for, 52 imod")
    first = decision["amendments"][0]["vote"]
    expect(votes.first.locator("tbody tr")).to_have_count(len(first["for"]) + len(first["against"]))
    row = votes.first.get_by_role("row", name="Å")
    expect(row.locator("td")).to_have_text("For")
