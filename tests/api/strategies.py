"""Hypothesis strategies for hostile HTTP input: any text a user or a script might send.

Surrogates are left out (a URL carries UTF-8, which cannot encode them); everything else is
in: control characters with NUL, FTS5 syntax, strings of up to 10,000 characters, strings
with no analysable term, dates and numbers near and far from valid, and the real names and
ids of the store under test, so that the valid paths are exercised too.
"""

from __future__ import annotations

from hypothesis import strategies as st

ANY_CHAR = st.characters(exclude_categories=("Cs",))
FTS5_PARTS = (
    '"', "*", "^", "(", ")", ":", "-", "+", "{", "}", ",", "'", "NEAR", "NEAR(", "AND", "OR",
    "NOT", " ", "\x00", "\t", "\n", "%", "&", "#", "?", "/", "\\", "integration", "sociale",
    "socialudvalget", "2020", "kr.", "c-socialudvalget", "y-2020", "facets:", "terms:",
)
# stop words, punctuation and space: a query with no term left after Danish analysis
EMPTY_AFTER_ANALYSIS = ("og", "i", "at", "den", "det", "der", "af", "en", "et", "om", "hvad",
                        " ", ".", ",", "!", "?", "\t", "\n", "–", "…", "§", "\u00a0", "\u200b")
DATE_LIKE = ("2020-02-03", "2020-02-30", "0000-00-00", "9999-12-31", "2020-13-01", "1.2.2020",
             "3. februar 2020", "2020", "-1", "2020-02-03T10:00", "", " ")


def joined(parts: tuple[str, ...], max_size: int = 30) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(parts), max_size=max_size).map("".join)


def long_text(min_size: int = 1001, max_size: int = 10_000) -> st.SearchStrategy[str]:
    """A short random text repeated to a length between min_size and max_size."""
    return st.builds(
        lambda unit, size: (unit * (size // len(unit) + 1))[:size],
        st.text(ANY_CHAR, min_size=1, max_size=12),
        st.integers(min_size, max_size),
    )


def hostile_text(known: list[str] | None = None) -> st.SearchStrategy[str]:
    """Any text, weighted towards what breaks query parsers; `known` adds real values."""
    options = [
        st.text(ANY_CHAR, max_size=60),
        st.text(st.characters(codec="ascii"), max_size=20),
        st.text(st.characters(categories=("Cc", "Cf", "Zs", "Zl", "Zp")), max_size=10),
        joined(FTS5_PARTS),
        joined(EMPTY_AFTER_ANALYSIS),
        long_text(),
        st.sampled_from(DATE_LIKE),
        st.integers(-(10**20), 10**20).map(str),
    ]
    if known:
        options.append(st.sampled_from(known))
        options.append(st.tuples(st.sampled_from(known), joined(FTS5_PARTS, 3)).map("".join))
    return st.one_of(*options)


def query_params(
    names: tuple[str, ...], known: list[str], required: tuple[str, ...] = ()
) -> st.SearchStrategy[dict[str, str]]:
    """A query string: each of `names` absent or any hostile value; `required` always set."""
    value = hostile_text(known)
    return st.fixed_dictionaries(
        {name: value for name in required},
        optional={name: value for name in names if name not in required},
    )
