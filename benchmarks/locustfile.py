"""The load mix of benchmarks/bench_load.py: readers of the archive, as locust users.

Each user waits 0.5-1.5 s between requests (a person or a script paging through results;
$REFERAT_LOAD_WAIT="0,0" makes them send back to back, to find the server's ceiling)
and sends, by weight: search 5 (a third with a filter), decisions 2, an item 2, a case 1,
an entity export 1 (one committee's entities of one type, JSONL, streamed). The real ids,
case numbers and committees come from the JSON file in $REFERAT_LOAD_KEYS, written by
bench_load.py from the store under test, so every request should answer 200.
"""

from __future__ import annotations

import json
import os
import random
from typing import Any
from urllib.parse import quote

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

from benchmarks.bench_search import QUERIES

DECISION_QUERIES = ["hvad besluttede socialudvalget", "hvad vedtog økonomiudvalget",
                    "beslutning om integration", "godkendte budget", "vedtog lokalplan"]
ENTITY_TYPES = ["AMOUNT", "DATE", "ORGANIZATION", "PERSON", "CASE_NUMBER"]


def _keys() -> dict[str, list[str]]:
    with open(os.environ["REFERAT_LOAD_KEYS"], encoding="utf-8") as file:
        keys: dict[str, list[str]] = json.load(file)
    return keys


KEYS = _keys()
WAIT = [float(s) for s in os.environ.get("REFERAT_LOAD_WAIT", "0.5,1.5").split(",")]


class Reader(FastHttpUser):
    wait_time = between(WAIT[0], WAIT[1])

    def _get(self, path: str, name: str, params: dict[str, Any] | None = None) -> None:
        with self.client.get(path, params=params, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}: {(response.text or '')[:200]}")

    @task(5)
    def search(self) -> None:
        params: dict[str, Any] = {"q": random.choice(QUERIES)}
        if random.random() < 1 / 3:
            params["committee"] = random.choice(KEYS["committees"])
        self._get("/search", "/search", params)

    @task(2)
    def decisions(self) -> None:
        self._get("/decisions", "/decisions", {"q": random.choice(DECISION_QUERIES)})

    @task(2)
    def item(self) -> None:
        self._get(f"/items/{random.choice(KEYS['items'])}", "/items/{id}")

    @task(1)
    def case(self) -> None:
        self._get(f"/cases/{quote(random.choice(KEYS['cases']), safe='')}", "/cases/{case}")

    @task(1)
    def export(self) -> None:
        params = {"committee": random.choice(KEYS["committees"]),
                  "type": random.choice(ENTITY_TYPES), "format": "jsonl"}
        self._get("/entities", "/entities", params)
