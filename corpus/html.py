"""The `.html`/`.htm` reader: the main content of a minutes page as structured plain text.

Headings and paragraphs become their own lines separated by blank lines, list items
one line each ("• " or "1. "), table rows tab-separated lines. Navigation, page
header/footer, scripts and styles are left out. The tree is walked without recursion,
so deeply nested markup cannot overflow the stack.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from corpus.text import Extracted, check_is_text, decode_bytes, normalize_text
from indexer.errors import ReadError

_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "nav", "aside", "iframe", "svg", "math",
    "object", "embed", "button", "select", "input", "textarea", "head", "title", "meta",
})
_SKIP_ROLES = frozenset({"navigation", "search", "complementary", "menu", "menubar", "dialog"})
_CHROME_TAGS = frozenset({"header", "footer"})
_CHROME_ROLES = frozenset({"banner", "contentinfo"})
_SECTIONING = frozenset({"main", "article", "section"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = _HEADINGS | frozenset({
    "p", "div", "section", "article", "main", "blockquote", "figure", "figcaption", "address",
    "details", "summary", "fieldset", "legend", "dl", "center", "form", "table", "hr", "pre",
})
_LINES = frozenset({"dt", "dd", "caption", "br"})
_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_html(data: bytes, path: str) -> Extracted:
    """Read a minutes web page into text plus its <title>, <meta> and lang."""
    source, encoding = decode_html(data)
    check_is_text(source, path)
    tree = LexborHTMLParser(source)
    text = ""
    container = _main_container(tree)
    if container is not None:
        text = normalize_text(html_to_text(container, keep_chrome=True))
    if not text.strip() and tree.body is not None:
        text = normalize_text(html_to_text(tree.body, keep_chrome=False))
    if not text.strip():
        raise ReadError(path, "no text content in the HTML page (only markup, scripts or menus)")
    metadata = {"encoding": encoding, **html_metadata(tree)}
    return Extracted(text=text, metadata=metadata)


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode by byte-order mark, else the <meta> charset, else utf-8 falling back to cp1252."""
    if not data.startswith(_BOMS):
        declared = _declared_charset(data[:4096])
        if declared is not None:
            try:
                return data.decode(declared), declared
            except (UnicodeError, LookupError):  # wrong label, or not a text codec
                pass
    return decode_bytes(data)


def _declared_charset(head: bytes) -> str | None:
    match = _CHARSET.search(head)
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"  # what browsers do (WHATWG encoding standard)
    if name.startswith(("utf-16", "utf-32", "utf-7")):
        return None  # an ASCII-compatible page cannot really be UTF-16; browsers ban UTF-7
    return name


def html_metadata(tree: LexborHTMLParser) -> dict[str, str]:
    """<title>, <html lang> and every <meta name|property=... content=...>."""
    found: dict[str, str] = {}
    title = tree.css_first("title")
    if title is not None and title.text().strip():
        found["title"] = _collapse(title.text())
    html = tree.css_first("html")
    lang = html.attributes.get("lang") if html is not None else None
    if lang and lang.strip():
        found["lang"] = lang.strip()
    for meta in tree.css("meta"):
        attrs = meta.attributes
        name = attrs.get("name") or attrs.get("property")
        content = attrs.get("content")
        if name and content and content.strip():
            found.setdefault(name.strip().lower(), _collapse(content))
    return found


def _main_container(tree: LexborHTMLParser) -> LexborNode | None:
    """<main> or [role=main]; else the single <article>; else None (use the body)."""
    main = tree.css_first("main, [role=main]")
    if main is not None:
        return main
    articles = tree.css("article")
    return articles[0] if len(articles) == 1 else None


def html_to_text(root: LexborNode, keep_chrome: bool) -> str:
    """Plain text of `root`; the page header/footer are dropped unless `keep_chrome`."""
    builder = _TextBuilder()
    for node, entering in _walk(root, depth=1 if keep_chrome else 0):
        if node.is_text_node:
            builder.text(node.text_content or "")
        elif entering:
            builder.start(node.tag or "", node)
        else:
            builder.end(node.tag or "")
    return builder.result()


def _walk(root: LexborNode, depth: int) -> Iterator[tuple[LexborNode, bool]]:
    """Depth-first (node, entering) events without recursion; skips unwanted subtrees.

    `depth` counts enclosing sectioning elements: a <header>/<footer> outside all of
    them is page chrome.
    """
    stack: list[tuple[LexborNode, bool, int]] = [(root, True, depth)]
    while stack:
        node, entering, depth = stack.pop()
        if node.is_text_node or not entering:
            yield node, entering
            continue
        tag = node.tag or ""
        if not node.is_element_node or (node is not root and _skipped(node, tag, depth)):
            continue
        yield node, True
        stack.append((node, False, depth))
        depth += tag in _SECTIONING
        children = list(node.iter(include_text=True))
        stack.extend((child, True, depth) for child in reversed(children))


def _skipped(node: LexborNode, tag: str, depth: int) -> bool:
    """Navigation, scripts, hidden parts; page header/footer outside any section."""
    if tag in _SKIP_TAGS:
        return True
    attrs = node.attributes
    role = (attrs.get("role") or "").strip().lower()
    if role in _SKIP_ROLES or "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    if "breadcrumb" in (attrs.get("class") or "").lower():
        return True
    return depth == 0 and (tag in _CHROME_TAGS or role in _CHROME_ROLES)


def _collapse(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


class _TextBuilder:
    """Turns start/end/text events into lines; "" entries are paragraph breaks."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.inline: list[str] = []
        self.prefix = ""  # list bullet waiting for the item's first text
        self.lists: list[list[int] | None] = []  # per open list: [next number] or None
        self.cells: list[str] | None = None  # cells of the open table row
        self.rows = 0  # nesting of <tr> (a table inside a cell is flattened)
        self.pre = 0

    def text(self, text: str) -> None:
        if self.pre and self.cells is None:
            for index, part in enumerate(text.split("\n")):
                if index:
                    self.line_break()
                self.inline.append(part)
        else:
            self.inline.append(text)

    def start(self, tag: str, node: LexborNode) -> None:
        if tag in ("ul", "ol"):
            self.paragraph_break()
            self.lists.append([_int(node.attributes.get("start"), 1)] if tag == "ol" else None)
        elif tag == "li":
            self.line_break()
            self.prefix = self._bullet(node)
        elif tag == "tr":
            self.rows += 1
            if self.rows == 1:
                self.line_break()
                self.cells = []
        elif tag in ("td", "th"):
            self.inline.append(" ")
        elif tag in _BLOCKS:
            self.paragraph_break()
            if tag == "pre":
                self.pre += 1
        elif tag in _LINES:
            self.line_break()

    def end(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self.line_break()
            if self.lists:
                self.lists.pop()
            self.paragraph_break()
        elif tag == "li":
            self.line_break()
            self.prefix = ""
        elif tag == "tr":
            self.rows -= 1
            if self.rows == 0:
                self._end_row()
        elif tag in ("td", "th") and self.rows == 1 and self.cells is not None:
            self.cells.append(_collapse("".join(self.inline)))
            self.inline.clear()
        elif tag in _BLOCKS:
            if tag == "pre" and self.pre:
                self.pre -= 1
            self.paragraph_break()
        elif tag in _LINES and tag != "br":
            self.line_break()

    def _bullet(self, node: LexborNode) -> str:
        counter = self.lists[-1] if self.lists else None
        if counter is None:
            return "• "
        number = _int(node.attributes.get("value"), counter[0])
        counter[0] = number + 1
        return f"{number}. "

    def _end_row(self) -> None:
        cells = self.cells or []
        rest = _collapse("".join(self.inline))
        self.inline.clear()
        self.cells = None
        if rest:
            cells.append(rest)
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            self.lines.append("\t".join(cells))

    def line_break(self) -> None:
        if self.cells is not None:
            self.inline.append(" ")
            return
        text = _collapse("".join(self.inline))
        self.inline.clear()
        if text:
            self.lines.append(self.prefix + text)
            self.prefix = ""

    def paragraph_break(self) -> None:
        self.line_break()
        if self.cells is None and not self.lists and self.lines and self.lines[-1]:
            self.lines.append("")

    def result(self) -> str:
        self.line_break()
        return "\n".join(self.lines).strip()


def _int(value: str | None, default: int) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        return default
