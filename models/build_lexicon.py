"""Build the lexicon that indexer/analysis/compounds.py ships with, from data reachable offline.

Sources, both Python packages installed from PyPI (no download at build or run time):
- simplemma's Danish form -> lemma dictionary (~780,000 forms, ~117,000 lemmas), and
- wordfreq's Danish word frequencies (optional: without it every word gets frequency 0).

Output, in models/analysis/ (about 1 MB together):
- lexicon.tsv.gz:    word <TAB> zipf <TAB> flags. Every lemma, plus every wordfreq word. A lemma's
                     zipf is that of its forms summed, so "pulje" counts "puljen", "puljer", ...
                     flags: 1 = a lemma, 2 = a verb (it has present and past forms: -r, -ede/-te).
- lemma_rules.tsv:   strip <TAB> add <TAB> count. Suffix rules learnt from the dictionary, most
                     frequent first; a rule applies when it turns the word into a known lemma.
- lemma_exceptions.tsv.gz: form <TAB> lemma. Every dictionary form the rules get wrong, so rules
                     plus exceptions reproduce the whole dictionary.

Run: .venv/bin/python models/build_lexicon.py [--out models/analysis]
"""

from __future__ import annotations

import argparse
import gzip
import math
from collections import Counter, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent / "analysis"
MIN_RULE_COUNT = 20
MAX_STRIP = 7


def load_dictionary() -> dict[str, str]:
    """simplemma's Danish dictionary, lower-cased (first entry wins on a clash)."""
    from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk

    forms: dict[str, str] = {}
    for form, lemma in _load_dictionary_from_disk("da").items():
        forms.setdefault(form.decode().lower(), lemma.decode().lower())
    return {form: lemma for form, lemma in forms.items() if form.isalpha() and lemma.isalpha()}


def load_frequencies() -> dict[str, float]:
    """wordfreq's Danish frequencies (word -> share of tokens); empty when it is missing."""
    try:
        import wordfreq
    except ImportError:
        print("wordfreq is not installed: building without frequencies")
        return {}
    words = wordfreq.top_n_list("da", 1_000_000)
    return {w: wordfreq.word_frequency(w, "da") for w in words if w.isalpha()}


def rule_of(form: str, lemma: str) -> tuple[str, str]:
    """The (strip, add) suffix rule that turns form into lemma."""
    i = 0
    while i < min(len(form), len(lemma)) and form[i] == lemma[i]:
        i += 1
    return form[i:], lemma[i:]


def learn_rules(forms: dict[str, str]) -> list[tuple[str, str, int]]:
    counts = Counter(rule_of(f, lem) for f, lem in forms.items() if f != lem)
    return [
        (strip, add, n)
        for (strip, add), n in counts.most_common()
        if n >= MIN_RULE_COUNT and len(strip) <= MAX_STRIP
    ]


def apply_rules(word: str, lemmas: set[str], rules: list[tuple[str, str, int]]) -> str:
    """Same algorithm as indexer.compounds.Lexicon.rule_lemma (kept simple here)."""
    if word in lemmas:
        return word
    for strip, add, _ in rules:
        if word.endswith(strip) and len(word) - len(strip) >= 2:
            candidate = word[: len(word) - len(strip)] + add
            if candidate in lemmas:
                return candidate
    return word


def zipf_table(forms: dict[str, str], freqs: dict[str, float]) -> dict[str, float]:
    """Zipf of every lemma (its forms summed) and of every wordfreq word; 0 when unseen."""
    by_lemma: dict[str, float] = defaultdict(float)
    for form, lemma in forms.items():
        by_lemma[lemma] += freqs.get(form, 0.0)
    for lemma in set(forms.values()):
        if lemma not in forms:  # a lemma that is not listed as its own form
            by_lemma[lemma] += freqs.get(lemma, 0.0)
    table = {w: f for w, f in freqs.items()}
    for lemma, f in by_lemma.items():
        table[lemma] = max(f, table.get(lemma, 0.0))
    return {w: (round(math.log10(f) + 9, 2) if f > 0 else 0.0) for w, f in table.items()}


def verbs(forms: dict[str, str]) -> set[str]:
    """Lemmas that inflect as verbs: L+r and the participle L+nde ("godkender", "godkendende")."""
    return {
        lemma
        for lemma in set(forms.values())
        if lemma.endswith("e")
        and forms.get(lemma + "r") == lemma
        and forms.get(lemma + "nde") == lemma
    }


def write(out: Path, forms: dict[str, str], freqs: dict[str, float]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    lemmas = set(forms.values())
    rules = learn_rules(forms)
    exceptions = {f: lem for f, lem in forms.items() if apply_rules(f, lemmas, rules) != lem}
    zipfs = zipf_table(forms, freqs)
    verb_set = verbs(forms)
    with gzip.open(out / "lexicon.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        for word in sorted(zipfs):
            flags = int(word in lemmas) | 2 * int(word in verb_set)
            fh.write(f"{word}\t{zipfs[word]:g}\t{flags}\n")
    with open(out / "lemma_rules.tsv", "w", encoding="utf-8") as fh:
        for strip, add, n in rules:
            fh.write(f"{strip}\t{add}\t{n}\n")
    with gzip.open(out / "lemma_exceptions.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        for form in sorted(exceptions):
            fh.write(f"{form}\t{exceptions[form]}\n")
    print(
        f"{len(zipfs)} words ({len(lemmas)} lemmas, {len(verb_set)} verbs), {len(rules)} rules, "
        f"{len(exceptions)} exceptions -> {out}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    write(args.out, load_dictionary(), load_frequencies())


if __name__ == "__main__":
    main()
