"""The NER refine step on real minutes: noise dropped, people found, labels fixed, spans sane."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from indexer.entities.ner import DEFAULT_NER_MODEL, load_ner
from indexer.entities.pipeline import build_nlp, extract
from indexer.entities.refine import (
    LOCATION,
    ORGANIZATION,
    PERSON,
    REFINERS,
    NerSpan,
    get_names,
    is_common_word,
    load_names,
    merge,
    refine,
    sentence_initial,
)
from indexer.errors import ModelError
from tests.indexer.entities.conftest import FB_FILE, KK_FILE, MEETING_DATES, SAMPLES

GOLD_PERSONS = {"Anette Laigaard", "Jens Elmelund", "Gitte Bylov Larsen", "Joy Torpdahl"}
ITEM_PERSONS = {"Henrik Lund", "Mikkel Boje", "Tobias Børner Stax", "Katrine Ring",
                "Søren Wille", "Karsten Biering Nielsen", "Asbjørn Kaasgaard"}  # fmt: skip
NOISE = {"Garantien", "Garanti", "Efter", "Intet", "Status", "Renovering", "Cirka", "Sociale",
         "Kommunal", "Undervejs", "Antal", "Indhold", "Initiativer", "Fremadrettet", "Link",
         "Gennemgang", "Kontanthjælp", "Kultur", "Fritids", "Unge", "Eventuelle", "Koncern",
         "Sekretariatet", "Økonomi", "Nej", "6", "55"}  # fmt: skip


def _all_sample_text() -> str:
    texts = [(SAMPLES / name).read_text(encoding="utf-8") for name in MEETING_DATES]
    for line in (SAMPLES / "kk-items-sample.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        texts.append(item["titel"])
        texts.extend(part["tekst"] for part in item["afsnit"])
    return "\n".join(texts)


SAMPLE_TEXT = _all_sample_text()


def _span(text: str, surface: str, label: str) -> NerSpan:
    start = text.index(surface)
    return NerSpan(start, start + len(surface), label)


def _found(text: str, spans: list[NerSpan]) -> set[tuple[str, str]]:
    return {(re.sub(r"\s+", " ", text[s.start : s.end]), s.label) for s in spans}


# (real snippet, what the model tagged, entities expected after refine)
FIXES = [
    ("Kontorchef Gitte Bylov Larsen samt konsulent Joy Torpdahl overværede punktets behandling.",
     [("Kontorchef Gitte", ORGANIZATION), ("Bylov Larsen", ORGANIZATION)],
     {("Gitte Bylov Larsen", PERSON), ("Joy Torpdahl", PERSON)}),
    ("Anette Laigaard\n\n/Jens Elmelund", [("Anette Laigaard", LOCATION)],
     {("Anette Laigaard", PERSON), ("Jens Elmelund", PERSON)}),
    ("Henrik Lund - Mikkel Boje - Tobias Børner Stax – Katrine Ring",
     [("Katrine Ring", ORGANIZATION)],
     {("Henrik Lund", PERSON), ("Mikkel Boje", PERSON), ("Tobias Børner Stax", PERSON),
      ("Katrine Ring", PERSON)}),
    ("Søren Wille\n\n/ Karsten Biering\nNielsen", [("Karsten Biering", LOCATION)],
     {("Søren Wille", PERSON), ("Karsten Biering Nielsen", PERSON)}),
    ("Det foreslås, at Asbjørn Kaasgaard skriver til Kultur-, Fritids- og "
     "Borgerserviceudvalget og Kultur-, Fritids- og Borgerserviceforvaltningen, at "
     "Christianshavns Lokaludvalg", [],
     {("Asbjørn Kaasgaard", PERSON),
      ("Kultur-, Fritids- og Borgerserviceforvaltningen", ORGANIZATION)}),
    ("Borgerrepræsentationen pålægger Økonomiforvaltningen at henvende sig til",
     [("Økonomiforvaltningen", PERSON)], {("Økonomiforvaltningen", ORGANIZATION)}),
    ("Frederiksberg Kommune hjemtager statsrefusion", [("Frederiksberg Kommune", LOCATION)],
     {("Frederiksberg Kommune", ORGANIZATION)}),
    ("svært i perioder.\n\nKøbenhavns Kommune skal ved budgetforhandlingerne",
     [("Københavns Kommune", LOCATION)], {("Københavns Kommune", ORGANIZATION)}),
    ("Herefter besøges Odense Kommune, der har vendt op og ned", [],
     {("Odense Kommune", ORGANIZATION)}),
    ("henholdsvis Slagelse, Odense og Århus, som har gode erfaringer", [("Århus", LOCATION)],
     {("Slagelse", LOCATION), ("Odense", LOCATION), ("Århus", LOCATION)}),
    ("Teknik-\nog Miljøforvaltningen godkendte den 8. september", [],
     {("Teknik- og Miljøforvaltningen", ORGANIZATION)}),
    ("Tilmelding foregår via Ledelsessekretariatet på Social-, Sundheds- og "
     "Arbejdsmarkedsområdet", [], {("Ledelsessekretariatet", ORGANIZATION)}),
]  # fmt: skip

# (real snippet, the noise word the model tagged)
DROPS = [
    ("Garantien kommer kun til udbetaling", "Garantien"),
    ("Efter høringsfasen vil udkast til integrationspolitik", "Efter"),
    ("Intet.", "Intet"),
    ("Temamøde om Status for integreret psykiatri", "Status"),
    ("Renovering af almene boliger", "Renovering"),
    ("Cirka halvdelen af medlemmerne", "Cirka"),
    ("Sociale ydelser og integration", "Sociale"),
    ("Undervejs er der besøg i kommuner", "Undervejs"),
    ("Antal boliger", "Antal"),
    ("Initiativer der forudsætter særskilt bevilling", "Initiativer"),
    ("Fremadrettet fokus", "Fremadrettet"),
    ("1. Link til de nuværende retningslinjer", "Link"),
    ("- Gennemgang og tilpasning af procedurer", "Gennemgang"),
    ("Kontanthjælp og pension", "Kontanthjælp"),
    ("Kultur, Fritids og Borgerserviceforvaltningen", "Kultur"),
    ("Kultur, Fritids og Borgerserviceforvaltningen", "Fritids"),
    ("en tydeligere henvisning til Unge godt på vej", "Unge"),
    ("Eventuelle berigtigelser kan foretages", "Eventuelle"),
    ("i samarbejde med Koncern IT haft fokus", "Koncern"),
    ("Sekretariatet har bedt borgeren om", "Sekretariatet"),
    ("Fritidsudvalget (indsatser 5, 6, 7 og 8)", "6"),
    ("en stigning i antallet af anmodninger på 55%", "55"),
    ("Kommunal garanti", "Kommunal"),
]


def _in_samples(snippet: str) -> bool:
    words = re.escape(" ".join(snippet.split())).replace(r"\ ", r"\s+")
    return re.search(words.replace("\\-", "-?\\s*"), SAMPLE_TEXT) is not None


@pytest.mark.parametrize(("text", "tagged", "expected"), FIXES)
def test_refine_fixes_real_snippets(
    text: str, tagged: list[tuple[str, str]], expected: set[tuple[str, str]]
) -> None:
    assert _in_samples(text)
    result = refine(text, [_span(text, surface, label) for surface, label in tagged])
    assert expected <= _found(text, result)
    assert not any(
        label == PERSON and "udvalg" in surface for surface, label in _found(text, result)
    )


@pytest.mark.parametrize(("text", "word"), DROPS)
@pytest.mark.parametrize("label", [PERSON, ORGANIZATION, LOCATION])
def test_refine_drops_noise(text: str, word: str, label: str) -> None:
    assert _in_samples(text)
    dropped = _span(text, word, label)
    assert not any(s.start <= dropped.start < s.end for s in refine(text, [dropped]))


@pytest.mark.parametrize(
    "text",
    [
        "Mødet blev holdt på Jens Baggesens Vej i Aarhus.",  # a street, not a person
        "Kontrollen ved Christianshavns Lokaludvalg og Socialudvalget fortsætter.",
        "Hans Kommune har besluttet det.",  # an ambiguous first name
        "Bestyrelsen ansætter personale.",  # a generic body, not an administration
    ],
)
def test_refine_does_not_invent_people(text: str) -> None:
    assert not any(s.label == PERSON for s in refine(text, []))


def test_common_words_and_names_are_told_apart() -> None:
    names = get_names()
    assert all(is_common_word(w, names) for w in ("Efter", "Garantien", "Status", "Unge"))
    assert not any(
        is_common_word(w, names) for w in ("Nielsen", "Danmark", "Odense", "Kelds", "DBU")
    )


def test_sentence_initial() -> None:
    text = "Mødet sluttede. Efter mødet\n- Gennemgang og Status"
    assert sentence_initial(text, text.index("Efter"))
    assert sentence_initial(text, text.index("Gennemgang"))
    assert not sentence_initial(text, text.index("Status"))


def test_merge_keeps_existing_unless_covered() -> None:
    kept = merge([NerSpan(0, 5, ORGANIZATION)], [NerSpan(3, 9, PERSON)])
    assert kept == [NerSpan(0, 5, ORGANIZATION)]
    covered = merge([NerSpan(0, 5, ORGANIZATION), NerSpan(6, 9, LOCATION)], [NerSpan(0, 9, PERSON)])
    assert covered == [NerSpan(0, 9, PERSON)]


def test_missing_name_lists_raise_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="build_names.py"):
        load_names(tmp_path / "names.json")


_TOKENS = ["Henrik", "Lund", "Kontorchef", "Gitte", "Kommune", "Københavns", "Odense", "og",
           "Socialforvaltningen", "Kultur-,", "Vej", "Efter", "Sekretariatet", "6", " ", " ",
           "\n", "\n\n", "-", "/", ".", "Hans", "Ærø", "ÆØÅ", "x"]  # fmt: skip
_LABELS = st.sampled_from([PERSON, ORGANIZATION, LOCATION, "MISC"])


@st.composite
def _text_and_spans(draw: st.DrawFn) -> tuple[str, list[NerSpan]]:
    parts = draw(st.lists(st.one_of(st.sampled_from(_TOKENS), st.text(max_size=6)), max_size=30))
    text = "".join(parts)
    bound = st.integers(min_value=-3, max_value=len(text) + 3)
    spans = draw(st.lists(st.builds(NerSpan, bound, bound, _LABELS), max_size=8))
    return text, spans


@settings(max_examples=300, deadline=None)
@given(_text_and_spans())
def test_refine_spans_lie_within_text_and_never_overlap(case: tuple[str, list[NerSpan]]) -> None:
    text, spans = case
    result = refine(text, spans)
    for span in result:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end].strip() == text[span.start : span.end]
    assert all(a.end <= b.start for a, b in zip(result, result[1:], strict=False))


@pytest.fixture(scope="module")
def ner_nlp() -> Language:
    """The bundled NER plus the rule components, built once."""
    return build_nlp(load_ner(str(DEFAULT_NER_MODEL)))


def _ner_entities(nlp: Language, text: str, date: str | None) -> set[tuple[str, str]]:
    types = {PERSON, ORGANIZATION, LOCATION}
    return {(e.normalized, e.type) for e in extract(nlp, text, date) if e.type in types}


def test_extract_on_the_sample_minutes_finds_the_people(ner_nlp: Language) -> None:
    found: set[tuple[str, str]] = set()
    for name in (KK_FILE, FB_FILE):
        text = (SAMPLES / name).read_text(encoding="utf-8")
        found |= _ner_entities(ner_nlp, text, MEETING_DATES[name])
    assert {surface for surface, label in found if label == PERSON} == GOLD_PERSONS
    assert not {surface for surface, _ in found} & NOISE
    assert ("Socialforvaltningen", ORGANIZATION) in found
    assert ("Frederiksberg Kommune", ORGANIZATION) in found


def test_extract_on_the_kk_items_finds_the_people(ner_nlp: Language) -> None:
    found: set[tuple[str, str]] = set()
    for line in (SAMPLES / "kk-items-sample.jsonl").read_text(encoding="utf-8").splitlines():
        for part in json.loads(line)["afsnit"]:
            found |= _ner_entities(ner_nlp, part["tekst"], None)
    assert {surface for surface, label in found if label == PERSON} == ITEM_PERSONS
    assert not {surface for surface, _ in found} & NOISE


def test_refine_without_steps_keeps_the_model_output() -> None:
    text = "Efter mødet"
    assert refine(text, [NerSpan(0, 5, ORGANIZATION)], steps=()) == [NerSpan(0, 5, ORGANIZATION)]
    assert REFINERS  # the default steps
