"""Clean up the statistical NER's PERSON / ORGANIZATION / LOCATION spans on minutes text.

    refine(text, [NerSpan(0, 16, "ORGANIZATION"), ...]) -> [NerSpan, ...]

The bundled model, trained on news text, tags capitalised sentence-initial words of minutes
("Efter", "Status"), numbers and titles ("Kontorchef Gitte"), and mislabels names. Each step
below is a pure function (text, spans, names) -> spans, applied in order (REFINERS):
strip role words, drop noise, re-label by form, add organisations and people the model
missed. Returned spans lie within the text, are sorted and never overlap. Name lists come
from models/ner-da-names/names.json (built by models/build_names.py).
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from indexer.analysis.compounds import get_lexicon
from indexer.analysis.stopwords import STOPWORDS
from indexer.errors import ModelError

NAMES_FILE = Path(__file__).resolve().parents[2] / "models" / "ner-da-names" / "names.json"
PERSON, ORGANIZATION, LOCATION = "PERSON", "ORGANIZATION", "LOCATION"

_UPPER = "A-ZÆØÅÄÖÜÉ"
_LOWER = "a-zæøåäöüéèáóíú"
_CAP = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
_CAP_RE = re.compile(rf"(?<![\w.@-]){_CAP}(?![\w@-])")
_TOKEN_RE = re.compile(r"\S+")
_ROLE_RE = re.compile(
    r"(?:\w*(?:chef|konsulent|direktør|borgmester|rådmand|formand|fuldmægtig|leder|"
    r"sekretær|medarbejder|koordinator|ordfører|minister|jurist|revisor|rådgiver|"
    r"behandler|assistent)|medlem|administrerende|adm\.|cand\.\w+\.?|dr\.|professor|lektor)",
    re.IGNORECASE,
)
# Heads of administrative organisation names; alone ("Sekretariatet") they are generic.
_ORG_HEAD = (
    r"forvaltning(?:en|ens)?|(?<!be)styrelse(?:n|ns)?|sekretariat(?:et|ets)?|direktorat(?:et|ets)?|"
    r"ministerie(?:t|ts)|ministerium|tilsyn(?:et|ets)|cent(?:ret|erets|rets|eret)|"
    r"afdeling(?:en|ens)"
)
_ORG_WORD_RE = re.compile(rf"(?:{_ORG_HEAD})", re.IGNORECASE)
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_ORG_COMPOUND_RE = re.compile(  # "Kultur-, Fritids- og Borgerserviceforvaltningen"
    rf"(?<![\w-])(?:[{_UPPER}{_LOWER}]+-,?{_GAP}(?:(?:og|eller){_GAP})?)*"
    rf"[{_UPPER}][{_LOWER}]{{2,}}(?:{_ORG_HEAD})(?![\w-])"
)
_KOMMUNE_RE = re.compile(rf"(?<![\w-])([{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?)[ \t]+"
                         r"Kommune(?:n|ns|s)?(?![\w-])")  # fmt: skip
# Words that make a capitalised run a place or an institution, not a person.
_NOT_NAME_RE = re.compile(
    r".*(?:vej|gade|allé|alle|plads|torv|stræde|boulevard|vænge|udvalg|udvalget|udvalgets|"
    r"kommune|kommunes|skole|skolen|huset|kirke|hospital|fonden|centret|center|parken)$",
    re.IGNORECASE,
)
_INITIAL_BEFORE_RE = re.compile(r"(?:^|\n|[.!?:;•*\-–—\"”“(\[]|\d\.)[ \t]*$")
COMMON_MIN_ZIPF = 2.5  # a lexicon word at least this frequent is a common word


class NerSpan(NamedTuple):
    """A statistical entity: character offsets into the text and a PERSON/ORG/LOC label."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Names:
    """The shipped name lists (see models/build_names.py)."""

    first_nordic: frozenset[str]
    first_any: frozenset[str]
    ambiguous: frozenset[str]
    surnames: frozenset[str]
    towns: frozenset[str]
    town_words: frozenset[str]
    organisations: frozenset[str]
    proper: frozenset[str]


def load_names(path: Path = NAMES_FILE) -> Names:
    """Read names.json; ModelError says how to rebuild it when it is missing or broken."""
    try:
        lists = json.loads(path.read_text(encoding="utf-8"))
        return Names(**{key: frozenset(values) for key, values in lists.items()})
    except (OSError, ValueError, TypeError) as exc:
        raise ModelError(
            f"cannot read the NER name lists {path} ({exc}); rebuild them with "
            "`.venv/bin/python models/build_names.py`"
        ) from exc


@cache
def get_names() -> Names:
    """The shipped name lists, loaded once."""
    return load_names()


def is_common_word(word: str, names: Names) -> bool:
    """A frequent Danish word (any inflection) that is no known name, place or organisation."""
    lower = word.lower()
    if lower in STOPWORDS:
        return True
    if not word[1:].islower():
        return False  # an acronym ("DBU", "HIV") or a mixed-case name
    for form in {word, _base(word)}:
        if form.lower() in names.proper or form in names.first_any or form in names.towns:
            return False
    lexicon = get_lexicon()
    base = lower if lower in lexicon.zipf else lexicon.lookup(lower)
    return base is not None and lexicon.zipf.get(base, 0.0) >= COMMON_MIN_ZIPF


def sentence_initial(text: str, start: int) -> bool:
    """Whether text[start:] begins a line, sentence, list item or heading."""
    return bool(_INITIAL_BEFORE_RE.search(text[max(0, start - 40) : start]))


def strip_titles(text: str, spans: list[NerSpan], names: Names) -> list[NerSpan]:
    """Cut leading role words ("Kontorchef Gitte" -> "Gitte", a PERSON when a first name)."""
    out: list[NerSpan] = []
    for span in spans:
        words = list(_TOKEN_RE.finditer(text, span.start, span.end))
        while words and _ROLE_RE.fullmatch(words[0].group()):
            words = words[1:]
        if words and words[0].start() != span.start:
            label = PERSON if words[0].group() in names.first_any else span.label
            span = NerSpan(words[0].start(), span.end, label)
        if words:
            out.append(span)
    return out


def drop_noise(text: str, spans: list[NerSpan], names: Names) -> list[NerSpan]:
    """Drop spans without a letter, compound fragments ("Kultur-"), bare generic heads
    ("Sekretariatet") and single common words ("Efter", "Status", "Garantien")."""
    return [span for span in spans if not _is_noise(text, span, names)]


def _is_noise(text: str, span: NerSpan, names: Names) -> bool:
    surface = text[span.start : span.end]
    if not any(c.isalpha() for c in surface) or text[span.end : span.end + 1] == "-":
        return True
    if span.label == PERSON and surface.isupper() and len(surface) <= 5:
        return True  # an acronym ("SU", "MAG"), never a person's name
    if any(c.isspace() for c in surface) or _ORG_COMPOUND_RE.fullmatch(surface):
        return False
    return bool(_ORG_WORD_RE.fullmatch(surface)) or is_common_word(surface, names)


def relabel(text: str, spans: list[NerSpan], names: Names) -> list[NerSpan]:
    """Re-label by form: first name + capitalised words -> PERSON; "X Kommune" and
    administrative heads (-forvaltningen, -styrelsen) -> ORGANIZATION; a town -> LOCATION."""
    out: list[NerSpan] = []
    for span in spans:
        words = text[span.start : span.end].split()
        last = words[-1] if words else ""
        surface = " ".join(words)
        if (
            re.fullmatch(r"Kommune(?:n|ns|s)?", last)
            or _ORG_COMPOUND_RE.fullmatch(surface)
            or surface in names.organisations
        ):
            span = span._replace(label=ORGANIZATION)
        elif (
            len(words) >= 2
            and words[0] in names.first_any
            and all(_CAP_RE.fullmatch(w) for w in words[1:])
            and not any(_not_name(w) for w in words[1:])
        ):
            span = span._replace(label=PERSON)
        elif len(words) == 1 and _base(last) in names.towns:
            span = span._replace(label=LOCATION)
        out.append(span)
    return out


def _base(word: str) -> str:
    """A name without its genitive ending ("Københavns" -> "København")."""
    return word[:-1] if word.endswith(("s", "'")) and len(word) > 3 else word


def add_organisations(text: str, spans: list[NerSpan], names: Names) -> list[NerSpan]:
    """Add administrative units ("Socialforvaltningen", "Beskæftigelses- og
    Integrationsforvaltningen") and municipalities as bodies ("Odense Kommune")."""
    found = [NerSpan(m.start(), m.end(), ORGANIZATION) for m in _ORG_COMPOUND_RE.finditer(text)]
    for m in _KOMMUNE_RE.finditer(text):
        if _base(m.group(1)) in names.towns or m.group(1) in names.towns:
            found.append(NerSpan(m.start(), m.end(), ORGANIZATION))
    return merge(spans, found)


def add_places(text: str, spans: list[NerSpan], names: Names) -> list[NerSpan]:
    """Add Danish towns and municipalities named mid-sentence ("Slagelse, Odense og Århus"),
    unless the town is also a word ("Greve") or part of a longer capitalised name."""
    found: list[NerSpan] = []
    for m in _CAP_RE.finditer(text):
        word = m.group()
        if word not in names.towns or word in names.town_words or "-" in word:
            continue
        before, after = text[max(0, m.start() - 40) : m.start()], text[m.end() : m.end() + 40]
        if sentence_initial(text, m.start()) or re.search(rf"{_CAP}[ \t]+$", before):
            continue
        if re.match(rf"[ \t]+[{_UPPER}\d]|-", after):
            continue
        found.append(NerSpan(m.start(), m.end(), LOCATION))
    return merge(spans, found)


def add_persons(text: str, spans: list[NerSpan], names: Names) -> list[NerSpan]:
    """Add people named by a known first name and one to three capitalised words."""
    tokens = list(_CAP_RE.finditer(text))
    found: list[NerSpan] = []
    for i in range(len(tokens)):
        end = _person_end(text, tokens, i, names)
        if end is not None and not (found and found[-1].end > tokens[i].start()):
            found.append(NerSpan(tokens[i].start(), tokens[end].end(), PERSON))
    return merge(spans, found)


def _person_end(text: str, tokens: list[re.Match[str]], i: int, names: Names) -> int | None:
    """The index of a person name's last token when tokens[i] starts one, else None."""
    first = tokens[i].group()
    before = text[max(0, tokens[i].start() - 40) : tokens[i].start()]
    prev = before.split()[-1] if before.split() else ""
    titled = bool(_ROLE_RE.fullmatch(prev)) and before.endswith((" ", "\t"))
    if first in names.ambiguous or first not in (names.first_any if titled else names.first_nordic):
        return None
    if not titled and re.search(rf"{_CAP}[ \t]+$", before):
        return None  # inside a longer capitalised name ("Dronning Louises ...")
    end = i
    while end + 1 < len(tokens) and end - i < 3:
        gap = text[tokens[end].end() : tokens[end + 1].start()]
        word = tokens[end + 1].group()
        if not re.fullmatch(r"[ \t]+|[ \t]*\n[ \t]*", gap) or _ROLE_RE.fullmatch(word):
            break
        if "\n" in gap:  # a name broken over two lines ends with a surname or unknown word
            if not _not_name(word) and (word in names.surnames or not is_common_word(word, names)):
                end += 1
            break
        if _not_name(word):
            return None
        end += 1
    if end == i or _starts_org(text, tokens[end].end()):
        return None
    return end


def _not_name(word: str) -> bool:
    """A word that makes a capitalised run a place or an institution, not a person."""
    return bool(_NOT_NAME_RE.fullmatch(word) or _ORG_WORD_RE.search(word))


def _starts_org(text: str, pos: int) -> bool:
    """Whether a capitalised institution word follows ("Jens Baggesens Vej")."""
    after = re.match(rf"[ \t]+({_CAP})", text[pos : pos + 40])
    return bool(after and _not_name(after.group(1)))


def merge(spans: Iterable[NerSpan], found: Iterable[NerSpan]) -> list[NerSpan]:
    """Add found spans that overlap nothing or cover every span they overlap.

    `spans` must not overlap one another (refine keeps them so)."""
    result = sorted(spans)
    for new in sorted(found):
        lo = bisect.bisect_right(result, new.start, key=lambda s: s.end)
        hi = bisect.bisect_left(result, new.end, key=lambda s: s.start)
        if all(new.start <= s.start and s.end <= new.end for s in result[lo:hi]):
            result[lo:hi] = [new]
    return result


def _resolve(text: str, spans: Iterable[NerSpan]) -> list[NerSpan]:
    """Spans within the text, trimmed of whitespace, sorted; a later overlapping one is dropped."""
    out: list[NerSpan] = []
    for start, end, label in sorted(spans):
        start, end = max(0, start), min(len(text), end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end and (not out or out[-1].end <= start):
            out.append(NerSpan(start, end, label))
    return out


Refiner = Callable[[str, list[NerSpan], Names], list[NerSpan]]
REFINERS: tuple[Refiner, ...] = (strip_titles, drop_noise, relabel, add_organisations,
                                 add_places, add_persons)  # fmt: skip


def refine(
    text: str,
    spans: Iterable[NerSpan],
    names: Names | None = None,
    steps: tuple[Refiner, ...] = REFINERS,
) -> list[NerSpan]:
    """Apply the refine steps to NER spans of text; sorted, non-overlapping, within text."""
    lists = names or get_names()
    current = _resolve(text, spans)
    for step in steps:
        current = _resolve(text, step(text, current, lists))
    return current
