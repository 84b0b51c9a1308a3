"""The binary copy of the lexicon: the same lexicon as the parse, renewed when stale."""

from __future__ import annotations

import gzip
from pathlib import Path

from indexer.analysis.compounds import DATA_DIR, _lexicon_fields, get_lexicon, load_lexicon
from indexer.analysis.lexicon_cache import LazyMapping, LazySet, cache_path, load_cached


def small_lexicon(root: Path, words: list[str]) -> Path:
    directory = root / "analysis"
    directory.mkdir()
    lines = "".join(f"{w}\t{3.5 + i}\t{1 + 2 * (i % 2)}\n" for i, w in enumerate(words))
    (directory / "lexicon.tsv.gz").write_bytes(gzip.compress(lines.encode()))
    (directory / "lemma_rules.tsv").write_text("en\t\t9\ns\t\t5\n")
    (directory / "lemma_exceptions.tsv.gz").write_bytes(gzip.compress("gik\tgå\n".encode()))
    return directory


def test_the_copy_holds_what_the_parse_gives(tmp_path: Path) -> None:
    directory = small_lexicon(tmp_path, ["kommune", "gå", "bolig"])
    first = load_cached(directory, _lexicon_fields)
    path = cache_path(directory)
    assert path is not None and path.is_file()
    assert load_cached(directory, lambda _: ("not", "parsed")) == first  # read from the copy
    parsed = load_lexicon(directory)
    assert first == (parsed.zipf, parsed.lemmas, parsed.verbs, parsed.rules, parsed.exceptions)


def test_a_changed_lexicon_is_parsed_again(tmp_path: Path) -> None:
    directory = small_lexicon(tmp_path, ["kommune"])
    old = cache_path(directory)
    load_cached(directory, _lexicon_fields)
    (directory / "lexicon.tsv.gz").write_bytes(gzip.compress(b"hybelbolig\t2.0\t1\n"))
    assert cache_path(directory) != old
    zipf, lemmas, *_ = load_cached(directory, _lexicon_fields)
    assert zipf == {"hybelbolig": 2.0} and lemmas == frozenset({"hybelbolig"})


def test_a_damaged_copy_is_made_again(tmp_path: Path) -> None:
    directory = small_lexicon(tmp_path, ["kommune"])
    path = cache_path(directory)
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage")
    assert load_cached(directory, _lexicon_fields)[0] == {"kommune": 3.5}
    assert load_cached(directory, lambda _: ())[0] == {"kommune": 3.5}


def test_the_shipped_lexicon_loads_the_same_either_way() -> None:
    parsed = load_lexicon(DATA_DIR)
    assert get_lexicon().zipf == parsed.zipf and get_lexicon().rules == parsed.rules


def test_the_copy_unpacks_only_the_buckets_it_is_asked_about(tmp_path: Path) -> None:
    directory = small_lexicon(tmp_path, ["kommune", "gå", "bolig", "udvalg"])
    load_cached(directory, _lexicon_fields)
    zipf, lemmas, verbs, rules, exceptions = load_cached(directory, _lexicon_fields)
    assert isinstance(zipf, LazyMapping) and isinstance(lemmas, LazySet)
    assert zipf.get("bolig") == 5.5 and "bolig" in lemmas and "gå" in verbs
    assert zipf.get("ukendt") is None and "ukendt" not in lemmas and 3 not in zipf
    assert exceptions["gik"] == "gå" and rules == {"en": [(0, "")], "s": [(1, "")]}
    assert len(zipf._open) <= 2 and len(lemmas) == 4 and sorted(zipf) == sorted(
        ["kommune", "gå", "bolig", "udvalg"])
    assert zipf == {"kommune": 3.5, "gå": 4.5, "bolig": 5.5, "udvalg": 6.5}
    assert verbs == frozenset({"gå", "udvalg"})
