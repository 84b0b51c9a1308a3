"""Readable terminal views of the JSON shapes (the --json flag prints the shapes themselves)."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from indexer.search.snippet import plain

WIDTH = 100


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def item_line(item: dict[str, Any]) -> str:
    number = f"punkt {item['item_number']}" if item.get("item_number") else "punkt ?"
    cases = ", ".join(item.get("case_numbers") or [])
    where = " · ".join(
        str(x)
        for x in (item.get("municipality"), item.get("committee"), item.get("meeting_date"))
        if x
    )
    return f"{item['title']}\n  {where} · {number}" + (f" · {cases}" if cases else "")


def case_path(case: dict[str, Any]) -> str:
    """A case's path in words ("Økonomiudvalget 16. juni 2026: godkendt -> ...")."""
    from indexer.cases.timeline import path_text

    return str(case.get("path") or path_text(case["items"]))


def item_view(item: dict[str, Any]) -> str:
    lines = [item_line(item), f"  id: {item['item_id']}", ""]
    if len(item.get("case", {}).get("items", [])) > 1:
        lines[-1:] = [f"  sag {item['case']['id']}: {case_path(item['case'])}", ""]
    decision = item.get("decision")
    if decision:
        lines += [f"BESLUTNING [{decision['outcome']}]", _wrap(decision["summary"]), ""]
    for section in item["sections"]:
        lines += [section["heading"].upper(), _wrap(section["text"]), ""]
    if item.get("entities"):
        counts: dict[str, int] = {}
        for entity in item["entities"]:
            counts[entity["type"]] = counts.get(entity["type"], 0) + 1
        lines.append("Entiteter: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return "\n".join(lines)


def hits_view(response: dict[str, Any]) -> str:
    lines = [f"{response['total']} resultater for {response['query']!r}", ""]
    for rank, hit in enumerate(response["hits"], 1):
        lines.append(f"{rank:>2}. {item_line(hit)}")
        lines.append(f"    [{hit['section']}] {plain(_flat(hit['snippet']))}")
        if hit.get("outcome"):
            lines.append(f"    beslutning [{hit['outcome']}]: {hit['decision_summary']}")
        if len((hit.get("case") or {}).get("items", [])) > 1:
            lines.append(f"    sag: {case_path(hit['case'])}")
        lines.append(f"    id: {hit['item_id']}  score: {hit['score']:.3f}")
        lines.append("")
    return "\n".join(lines)


def decisions_view(response: dict[str, Any]) -> str:
    lines = [f"Beslutninger for {response['query']!r}", ""]
    for rank, row in enumerate(response["decisions"], 1):
        decision = row["decision"]
        lines.append(f"{rank:>2}. {item_line(row)}")
        lines.append(f"    [{decision['outcome']}] {decision['summary']}")
        lines.append("")
    return "\n".join(lines)


def stats_view(stats: dict[str, Any]) -> str:
    entities = ", ".join(f"{k} {v}" for k, v in stats["entities"].items())
    return (
        f"documents {stats['documents']}, meetings {stats['meetings']}, items {stats['items']},"
        f" sections {stats['sections']}\nentities: {entities}"
    )


def _wrap(text: str) -> str:
    return "\n".join(
        textwrap.fill(par, WIDTH, initial_indent="  ", subsequent_indent="  ")
        for par in text.split("\n")
        if par.strip()
    )


def _flat(text: str) -> str:
    return " ".join(text.split())
