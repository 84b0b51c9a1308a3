"""The case path on the web page, in headless chromium against the real server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from indexer.ingest import ingest_paths
from indexer.pipeline import Pipeline
from indexer.store.db import Store
from tests.api import test_browser
from tests.api.conftest import running_server
from tests.api.test_browser import CHROMIUM, TIMEOUT_MS
from tests.indexer.cases.conftest import dev_items, quick_settings, write_jsonl

pytestmark = pytest.mark.slow

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is absent", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect  # noqa: E402

browser = test_browser.browser  # the module-scoped chromium fixture
COUNCIL = "kk-2026-06-25-borgerrepraesentationen-37"
COMMITTEE = "kk-2026-06-16-oekonomiudvalget-7"


@pytest.fixture(scope="module")
def case_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser-cases")
    items = dev_items()
    rows = [
        items[i] for i in items if i.endswith(("økonomiudvalget-7", "borgerrepræsentationen-37"))
    ]
    doc = write_jsonl(
        root / "case.jsonl", [r for r in rows if r["dato"] in ("2026-06-16", "2026-06-25")]
    )
    settings = quick_settings(root / "data")
    with Store(settings.data) as store:
        assert [r.status for r in ingest_paths(store, [doc], Pipeline(settings))] == ["stored"]
    with running_server(settings.data, root / "server.log") as url:
        yield url


def test_item_view_shows_the_path_and_links_the_other_items(
    browser: Browser, case_server: str
) -> None:
    context = browser.new_context(locale="da-DK")
    page: Page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{case_server}/?item={COUNCIL}")
    path = page.locator("#case-path")
    expect(path).to_contain_text("Økonomiudvalget 16. juni 2026: behandlet")
    expect(path).to_contain_text("Borgerrepræsentationen 25. juni 2026: behandlet")
    expect(path.locator("[aria-current=step]")).to_contain_text("Borgerrepræsentationen")
    path.get_by_role("link").click()
    expect(page).to_have_url(f"{case_server}/?item={COMMITTEE}")
    expect(page.locator("#case-path [aria-current=step]")).to_contain_text("Økonomiudvalget")
    context.close()
    assert not errors, errors
