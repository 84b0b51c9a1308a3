"""English glosses for Danish words by way of Swedish and Norwegian (models/embedding_lexicon.py).

FreeDict's Danish-English dictionary has about 5,100 headwords; its Norwegian (eng-nor, about
30,000 translations) and Swedish dictionaries are larger, and Apertium's rule-based Danish ->
Swedish and Danish -> Norwegian Bokmål translators (Debian `apertium-swe-dan`,
`apertium-dan-nor`, GPL-2+) know most Danish lemmas: `forvaltning` -> förvaltning,
`skolefravær` -> skolefrånvaro, `borger` -> medborgare / borger. So each Danish word is translated
into both languages, and the translations' FreeDict senses become the word's glosses.

Homographs cross badly ("komme" -> Swedish "komma", which FreeDict glosses "comma"), so where
both bridges give glosses and they share one, only the shared ones are kept; where they share
none, each keeps half its weight.

The translations are cached in models/.cache/bridge-<pair>.txt (the Norwegian pass takes about
two minutes for 64,000 words). `python models/embedding_bridge.py WORD ...` prints glosses.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from embedding_lexicon import dictionary_senses

CACHE = Path(__file__).resolve().parent / ".cache"
# Apertium mode, then the bridge language's X-English and English-X FreeDict dictionaries
PAIRS = (("dan-swe", ["freedict-swe-eng"], ["freedict-eng-swe"]),
         ("dan-nob", [], ["freedict-eng-nor"]))
BRIDGE_WEIGHT = 0.45
DISAGREE = 0.5


def translate(words: Sequence[str], mode: str) -> list[str | None]:
    """Each word through `apertium MODE`, one word a line; None where Apertium does not know it."""
    cache = CACHE / f"bridge-{mode}.txt"
    known: dict[str, str] = {}
    if cache.exists():
        known = dict(line.split("\t", 1) for line in cache.read_text("utf-8").splitlines())
    missing = sorted(set(words) - known.keys())
    if missing:
        if shutil.which("apertium") is None:
            raise SystemExit(f"apertium missing: apt-get install apertium {_package(mode)}")
        # " ." ends each word's sentence: without it Apertium joins lines it reads as one
        text = "".join(f"{w} .\n" for w in missing)
        done = subprocess.run(["apertium", mode], input=text, capture_output=True,
                              text=True, check=True).stdout.splitlines()
        if len(done) != len(missing):
            raise SystemExit(f"apertium {mode}: {len(done)} lines for {len(missing)} words")
        known.update(zip(missing, (d.strip().removesuffix(".").strip() for d in done),
                         strict=True))
        CACHE.mkdir(parents=True, exist_ok=True)
        cache.write_text("".join(f"{k}\t{v}\n" for k, v in sorted(known.items())), "utf-8")
    out: list[str | None] = []
    for word in words:
        t = known[word].lower()
        out.append(None if not t or " " in t or t[0] in "*#@" else t)
    return out


def _package(mode: str) -> str:
    return "apertium-swe-dan" if "swe" in mode else "apertium-dan-nor"


def bridge_glosses(words: Sequence[str]) -> dict[str, dict[str, float]]:
    """Danish word -> {English gloss: weight} through both bridge languages."""
    per_language = []
    for mode, forward, reverse in PAIRS:
        senses = dictionary_senses(forward, reverse, lambda w: w.strip().lower())
        per_language.append({w: senses[t] for w, t in zip(words, translate(words, mode),
                                                           strict=True)
                             if t and senses.get(t)})
    out: dict[str, dict[str, float]] = {}
    for word in words:
        found = [lang[word] for lang in per_language if word in lang]
        if found:
            out[word] = agree(found)
    return out


def agree(found: list[dict[str, float]]) -> dict[str, float]:
    """One word's glosses from each bridge language, combined: shared glosses only where the
    languages share any, else all of them at DISAGREE of their weight; scaled by BRIDGE_WEIGHT."""
    shared = set.intersection(*(set(g) for g in found)) if len(found) > 1 else set()
    scale = BRIDGE_WEIGHT * (1.0 if len(found) == 1 or shared else DISAGREE)
    merged: dict[str, float] = {}
    for glosses in found:
        for gloss, weight in glosses.items():
            if not shared or gloss in shared:
                merged[gloss] = max(merged.get(gloss, 0.0), scale * weight)
    return merged


def main(argv: list[str]) -> None:
    for word, glosses in bridge_glosses(argv).items():
        print(word, sorted(glosses.items(), key=lambda kv: -kv[1]))


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
