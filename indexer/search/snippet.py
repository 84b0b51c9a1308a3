"""Snippets: the passage of a section that best matches the query, matching words marked."""

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


def snippet(text: str, query_terms: Iterable[str], analyse: Callable[[str], list[str]]) -> str:
    """HTML-escaped passage with <mark> around matching words; '…' where it was cut."""
    spans = matching_spans(text, query_terms, analyse)
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
