"""The links case linking makes on real minutes, written out to be read and judged:
`python -m indexer.evaluation.cases --out links.txt`.

Ingests (entities and vectors off: linking needs neither) the samples and the 210 items of
../shared/dev, preceded, as a council publishes them, by an agenda (dagsorden) of every dev
item: the same item without its decision, every second one renumbered (agendas are renumbered
when items are added), so the version rule is exercised both by number and by text. Prints
the links per rule and writes every link (both items, the rule, its evidence) and the near
misses (pairs of items of different meetings whose titles share half their words or whose
texts are 20 % alike, yet are not one case) to the output file, for reading.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from indexer.analysis.terms import fold
from indexer.cases.minhash import load_signature
from indexer.cases.titles import is_standing, strip_routing
from indexer.config import Settings
from indexer.ingest import ingest_paths
from indexer.pipeline import Pipeline
from indexer.store.db import Store

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
DEV = SHARED / "dev" / "kk-items-dev.jsonl"
_STOP = {"af", "til", "og", "i", "for", "om", "på", "med", "fra", "den", "det", "en", "et", "de"}


def agendas(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for n, row in enumerate(rows):
        agenda = row | {"id": f"{row['id']}-dagsorden", "type": "dagsorden"}
        agenda["afsnit"] = [s for s in row["afsnit"] if s["titel"] != "Beslutning"]
        if n % 2:
            agenda["nr"] = int(row["nr"]) + 100
        out.append(agenda)
    return out


def build(folder: Path) -> Store:
    rows = [json.loads(line) for line in DEV.read_text("utf-8").splitlines() if line.strip()]
    first = folder / "agendas.jsonl"
    first.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in agendas(rows)))
    settings = Settings(data=folder / "data", entities=False, embeddings=False)  # type: ignore[call-arg]
    store = Store(settings.data)
    ingest_paths(store, [first, DEV, *sorted((SHARED / "samples").iterdir())], Pipeline(settings))
    return store


def _describe(row: Any) -> str:
    return f"{row['committee']} {row['date']} #{row['number']} [{row['kind']}] {row['title']}"


def links(store: Store) -> list[str]:
    rows = store.db.execute(
        "SELECT case_links.rule, case_links.evidence, a.item_id AS a_id, b.item_id AS b_id"
        " FROM case_links JOIN items AS a ON a.item_id = case_links.item_id"
        " JOIN items AS b ON b.item_id = case_links.linked_to ORDER BY case_links.rule, a_id"
    ).fetchall()
    info = _items(store)
    return [
        f"[{r['rule']}] {r['evidence']}\n  {_describe(info[r['a_id']])}\n"
        f"  {_describe(info[r['b_id']])}"
        for r in rows
    ]


def _items(store: Store) -> dict[str, Any]:
    rows = store.db.execute(
        "SELECT items.item_id, items.title, items.number, meetings.committee, meetings.date,"
        " meetings.kind, meetings.id AS meeting, case_items.case_id FROM items"
        " JOIN meetings ON meetings.id = items.meeting_id"
        " LEFT JOIN case_items ON case_items.item_id = items.item_id"
    ).fetchall()
    return {r["item_id"]: r for r in rows}


def _words(title: str) -> set[str]:
    return set(re.findall(r"\w+", fold(strip_routing(title)[0]))) - _STOP


def near_misses(store: Store) -> list[str]:
    info = _items(store)
    minutes = [r for r in info.values() if r["kind"] == "referat" and not is_standing(r["title"])]
    signatures = {r["item_id"]: load_signature(store.db, r["item_id"]) for r in minutes}
    out = []
    for a, b in itertools.combinations(minutes, 2):
        if a["meeting"] == b["meeting"] or a["case_id"] == b["case_id"]:
            continue
        wa, wb = _words(a["title"]), _words(b["title"])
        title = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
        sa, sb = signatures[a["item_id"]], signatures[b["item_id"]]
        text = float(sa.jaccard(sb)) if sa is not None and sb is not None else 0.0
        if title >= 0.5 or text >= 0.2:
            out.append(f"titles {title:.2f}, text {text:.2f}\n  {_describe(a)}\n  {_describe(b)}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="file to write the links to")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = build(Path(tmp))
        made, missed = links(store), near_misses(store)
        counts = Counter(line[1 : line.index("]")] for line in made)
        unsuperseded = store.db.execute(
            "SELECT count(*) FROM items JOIN meetings ON meetings.id = items.meeting_id"
            " JOIN case_items ON case_items.item_id = items.item_id WHERE meetings.kind ="
            " 'dagsorden' AND NOT EXISTS (SELECT 1 FROM case_items AS o JOIN items AS oi ON"
            " oi.item_id = o.item_id JOIN meetings AS om ON om.id = oi.meeting_id WHERE"
            " o.case_id = case_items.case_id AND om.kind = 'referat')"
        ).fetchone()[0]
        store.close()
    sections = [f"# {len(made)} links", *made, f"\n# {len(missed)} near misses", *missed]
    args.out.write_text("\n\n".join(sections) + "\n", "utf-8")
    print(f"links by rule: {dict(counts)}; agendas without their minutes: {unsuperseded}")
    print(f"near misses: {len(missed)}; written to {args.out}")


if __name__ == "__main__":
    main()
