"""GET /cases/{case_number} with a case number that holds a slash (journal numbers 2019/12345)."""

from __future__ import annotations

import json

from tests.api.conftest import ClientFactory

ITEM = {"kommune": "Testby", "udvalg": "Økonomiudvalget", "dato": "2021-03-04", "nr": 4,
        "titel": "Salg af grund", "sagsnr": "2019/12345",
        "afsnit": [{"titel": "Beslutning", "tekst": "Økonomiudvalget godkendte indstillingen."}]}


def test_a_case_number_with_a_slash_is_found(make_client: ClientFactory) -> None:
    api = make_client()
    body = json.dumps(ITEM, ensure_ascii=False).encode()
    stored = api.post("/documents", files={"file": ("testby.json", body, "application/json")})
    assert stored.json()["status"] == "stored", stored.text
    for path in ("/cases/2019%2F12345", "/cases/2019/12345", "/cases/2019 / 12345"):
        found = api.get(path)
        assert found.status_code == 200, (path, found.text)
        assert [i["title"] for i in found.json()["items"]] == ["Salg af grund"]
    missing = api.get("/cases/2019/99999")
    assert missing.status_code == 404 and "2019/99999" in missing.json()["detail"]
