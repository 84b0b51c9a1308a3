"""The binary copy of the lexicon: the same lexicon as the parse, renewed when stale."""

from __future__ import annotations

import gzip
from pathlib import Path

from indexer.analysis.compounds import DATA_DIR, _lexicon_fields, get_lexicon, load_lexicon
from indexer.analysis.lexicon_cache import cache_path, load_cached


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
