"""A small archive for the linking tests: real Copenhagen items of ../shared/dev, and items
derived from them the way the minutes publish a case again (an agenda before its minutes, the
committee treatment a council item refers to, a proposal referred to a committee)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from indexer.config import Settings
from indexer.ingest import ingest_paths
from indexer.pipeline import Pipeline
from indexer.store.db import Store

REPO = Path(__file__).resolve().parents[3]
DEV = REPO / ".." / "shared" / "dev" / "kk-items-dev.jsonl"
SAMPLES = REPO / ".." / "shared" / "samples"
DEV_IDS = (
    "kk-2026-06-16-økonomiudvalget-1",  # Godkendelse af dagsorden: a standing item
    "kk-2026-06-16-økonomiudvalget-7",  # Overdragelse af tre ejendomme ... (FORTROLIG)
    "kk-2026-06-25-borgerrepræsentationen-37",  # the same, at the council
    "kk-2026-06-25-borgerrepræsentationen-33",  # Medlemsforslag om selvkørende biler
    "kk-2026-08-19-økonomiudvalget-1",  # Godkendelse af dagsorden, another meeting
    "kk-2026-08-18-valby-lokaludvalg-1",  # Borgernes Tid: standing, boilerplate text
    "kk-2026-08-19-vesterbro-lokaludvalg-1",  # Input fra vesterbroere: the same boilerplate
    "kk-2026-09-17-borgerrepræsentationen-11",  # Låneoptag ...: refers to KMTU 17 Aug
    "kk-2026-09-17-borgerrepræsentationen-12",  # Kommunal garanti ... Domea: refers to KMTU
    "kk-2026-10-08-borgerrepræsentationen-6",  # Høring af kommuner ... ukrainere
)


def dev_items() -> dict[str, dict[str, Any]]:
    with DEV.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return {row["id"]: row for row in rows}


def _without(item: dict[str, Any], *headings: str) -> list[dict[str, str]]:
    return [s for s in item["afsnit"] if s["titel"] not in headings]


def derived(items: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The items the rules should link to real ones, each made from a real item."""
    ukraine = copy.deepcopy(items["kk-2026-10-08-borgerrepræsentationen-6"])
    agenda = ukraine | {"id": "derived-agenda-ukraine", "type": "dagsorden"}
    agenda["afsnit"] = _without(ukraine, "Beslutning")
    loan = items["kk-2026-09-17-borgerrepræsentationen-11"]
    committee_loan = {
        **loan,
        "id": "derived-kmtu-loan",
        "udvalg": "Klima-, Miljø- og Teknikudvalget",
        "dato": "2026-08-17",
        "nr": 5,
        "titel": "Finansiering af klimatilpasning med lån",  # another title: only the text
        "afsnit": _without(loan, "Oversigt over politisk behandling", "Beslutning"),
    }
    guarantee = items["kk-2026-09-17-borgerrepræsentationen-12"]
    committee_guarantee = {
        **guarantee,
        "id": "derived-kmtu-guarantee",
        "udvalg": "Klima-, Miljø- og Teknikudvalget",
        "dato": "2026-08-17",
        "nr": 6,
        "titel": "Kommunal garanti for lån til renovering, Domea København, afd. 3529 Følager",
        "afsnit": [{"titel": "Indstilling", "tekst": "Forvaltningen indstiller garantien."}],
    }
    cars = items["kk-2026-06-25-borgerrepræsentationen-33"]
    referred = {
        **cars,
        "id": "derived-referred-cars",
        "udvalg": "Teknik- og Miljøudvalget",
        "dato": "2026-08-12",
        "nr": 3,
        "titel": f"{cars['titel']} - UDVALGSHENVIST FRA BR 25.6.26",
        "afsnit": [{"titel": "Indstilling", "tekst": "Udvalget drøfter forslaget."}],
    }
    return [agenda, committee_loan, committee_guarantee, referred]


def frederiksberg_followup() -> dict[str, Any]:
    """A later item carrying a case number of the Frederiksberg sample."""
    return {
        "municipality": "Frederiksberg",
        "committee": "Kommunalbestyrelsen",
        "meeting_date": "2020-03-02",
        "item_number": "4",
        "title": "Opfølgning på integrationsindsatsen",
        "case_numbers": ["15.40.00-P20-2-19"],
        "sections": [{"heading": "Sagsfremstilling", "text": "Kort opfølgning."}],
    }


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def quick_settings(data: Path) -> Settings:
    return Settings(data=data, entities=False, embeddings=False, api_key=None)  # type: ignore[call-arg]


@pytest.fixture(scope="package")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The archive, ingested in three documents: real items, derived ones, Frederiksberg."""
    folder = tmp_path_factory.mktemp("cases")
    items = dev_items()
    real = write_jsonl(folder / "real.jsonl", [items[i] for i in DEV_IDS])
    extra = write_jsonl(folder / "derived.jsonl", derived(items))
    fb = write_jsonl(folder / "fb.jsonl", [frederiksberg_followup()])
    settings = quick_settings(folder / "data")
    with Store(settings.data) as store:
        files = [real, extra, SAMPLES / "frederiksberg-socialudvalget-2020-02-03.txt", fb]
        results = ingest_paths(store, files, Pipeline(settings))
        assert [r.status for r in results] == ["stored"] * 4, results
        yield store
