"""Snippets: the passage of a section that best matches the query, matching words marked.

In: a section's text and the query's analysed terms. Out: an HTML-escaped passage with <mark>.

The analysis of the section's words is done once, at ingest: `term_spans` maps each analysed
term to the character spans of the words that carry it, stored per section (table
section_spans). A query then only looks its terms up (`stored_spans`), whatever the length of
the section. Sections stored before that table existed fall back to `matching_spans`, which
analyses every word at query time; both give the same spans.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

WORD_RE = re.compile(r"\w[\w.\-]*\w|\w")
WINDOW = 260
MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


def matching_spans(
    text: str, query_terms: Iterable[str], analyse: Callable[[str], list[str]]
) -> list[tuple[int, int]]:
    """Character spans of the words whose analysed terms meet the query's terms."""
    wanted = set(query_terms)
    if not wanted:
        return []
    return [
        (m.start(), m.end())
        for m in WORD_RE.finditer(text)
        if wanted.intersection(analyse(m.group()))
    ]


def term_spans(text: str, analyse: Callable[[str], list[str]]) -> dict[str, list[int]]:
    """Each analysed term of text -> the flat [start, end, start, end, ...] of its words."""
    spans: dict[str, list[int]] = {}
    for m in WORD_RE.finditer(text):
        for term in dict.fromkeys(analyse(m.group())):
            spans.setdefault(term, []).extend((m.start(), m.end()))
    return spans


def encode_spans(spans: dict[str, list[int]]) -> str:
    """The stored form of term_spans: a line "term<TAB>start,end,start,end" per term, between
    newlines, so that a query finds its few terms with str.find and decodes nothing else."""
    lines = (f"{term}\t{','.join(map(str, flat))}" for term, flat in spans.items())
    return "\n" + "\n".join(lines) + "\n" if spans else ""


def stored_spans(encoded: str, query_terms: Iterable[str]) -> list[tuple[int, int]]:
    """matching_spans from the stored term spans: the query's terms looked up, no analysis."""
    found: set[tuple[int, int]] = set()
    for term in set(query_terms):
        at = encoded.find(f"\n{term}\t")
        if at < 0:
            continue
        start = at + len(term) + 2
        flat = [int(n) for n in encoded[start : encoded.index("\n", start)].split(",")]
        found.update(zip(flat[::2], flat[1::2], strict=True))
    return sorted(found)


def best_window(text: str, spans: list[tuple[int, int]], width: int = WINDOW) -> tuple[int, int]:
    """The window of `width` characters holding the most matches, aligned to word edges."""
    if not spans or len(text) <= width:
        return 0, min(len(text), width)
    best_start, best_count = spans[0][0], 0
    j = 0
    for i, (start, _) in enumerate(spans):
        while j < len(spans) and spans[j][1] <= start + width:
            j += 1
        if j - i > best_count:
            best_start, best_count = start, j - i
    start = max(0, best_start - width // 4)
    start = text.rfind(" ", 0, start) + 1 if start > 0 else 0
    end = min(len(text), start + width)
    space = text.find(" ", end)
    end = len(text) if space == -1 or space - end > 20 else space
    return start, end


def snippet(
    text: str,
    query_terms: Iterable[str],
    analyse: Callable[[str], list[str]],
    stored: str | None = None,
) -> str:
    """HTML-escaped passage with <mark> around matching words; '…' where it was cut.

    `stored`: the section's encoded term spans (then nothing is analysed), None for a section
    stored without them.
    """
    if stored is None:
        spans = matching_spans(text, query_terms, analyse)
    else:
        spans = stored_spans(stored, query_terms)
    start, end = best_window(text, spans)
    out = ["…" if start > 0 else ""]
    cursor = start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(html.escape(text[cursor:s]))
        out.append(MARK_OPEN + html.escape(text[s:e]) + MARK_CLOSE)
        cursor = e
    out.append(html.escape(text[cursor:end]))
    out.append("…" if end < len(text) else "")
    return " ".join("".join(out).split())


def plain(snippet_html: str, marker: str = "*") -> str:
    """A snippet for a terminal: marks as `marker`, entities unescaped."""
    text = snippet_html.replace(MARK_OPEN, marker).replace(MARK_CLOSE, marker)
    return html.unescape(text)
