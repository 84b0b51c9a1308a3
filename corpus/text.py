"""Plain text: decoding, normalisation, and the `.txt` reader.

The helpers here are shared by the other readers: every reader that yields text passes
it through `normalize_text`, so the parser sees one shape whatever the source format.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from indexer.errors import ReadError
from indexer.types import RawItem

PAGE_BREAK = "\f"

# Bytes 0x80-0x9f that cp1252 maps to printable characters (quotes, dashes, euro, ...);
# the other five (0x81, 0x8d, 0x8f, 0x90, 0x9d) are undefined there and C1 controls in latin-1.
_CP1252_ONLY = re.compile(rb"[\x80\x82-\x8c\x8e\x91-\x9c\x9e\x9f]")
# C0/C1 controls and DEL, except tab, newline and form feed (page break).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]")
# Invisible characters PDF extraction and word processors leave behind.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " "})
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
     "\ufb05": "st", "\ufb06": "st"}
)
_TRAILING = re.compile(r" +$", re.MULTILINE)  # trailing tabs are empty table cells
_MAX_CONTROL_RATIO = 0.05
# utf-8 read as cp1252 and saved again: "Ã¸" for "ø", "â€“" for "–".
_MOJIBAKE = re.compile("[ÂÃâ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a format reader returns; corpus.read adds path, format, sha256 and size."""

    text: str = ""
    pages: int = 1
    items: tuple[RawItem, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # parts left out, each "where: why" (a bad .jsonl line)


def read_text(data: bytes, path: str) -> Extracted:
    """Read a `.txt` file (typically text extracted from a minutes PDF)."""
    raw, encoding = decode_bytes(data)
    check_is_text(raw, path)
    raw, repaired = repair_mojibake(raw)
    if repaired:
        encoding += " (double-encoded utf-8 repaired)"
    text = normalize_text(raw)
    if not text.strip():
        raise ReadError(path, "the file contains no text (only whitespace)")
    return Extracted(text=text, pages=count_pages(text), metadata={"encoding": encoding})


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding; return the text and the encoding used.

    A byte-order mark wins; then strict utf-8; then utf-8 with a few stray bytes replaced
    when it is clearly utf-8 otherwise; then cp1252 when the bytes use its
    0x80-0x9f characters (quotes, dashes); else latin-1.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    multibyte = len(lenient) - len(lenient.encode("ascii", errors="ignore")) - bad
    if multibyte > 2 * bad:
        return lenient, "utf-8 (invalid bytes replaced)"
    return decode_single_byte(data)


def decode_single_byte(data: bytes) -> tuple[str, str]:
    """cp1252 when the bytes use characters only cp1252 has, else latin-1."""
    if _CP1252_ONLY.search(data):
        # Undefined cp1252 bytes are C1 controls in latin-1, dropped by normalize_text.
        return data.decode("cp1252", errors="ignore"), "cp1252"
    return data.decode("latin-1"), "latin-1"


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo utf-8 that was decoded as cp1252 and saved again, when all of it was.

    Real cp1252 or latin-1 Danish text never round-trips, since "æ", "ø", "å" alone
    are not valid utf-8.
    """
    if not _MOJIBAKE.search(text):
        return text, False
    try:
        return text.encode("cp1252", errors=_C1_PASSTHROUGH).decode("utf-8"), True
    except UnicodeError:
        return text, False


def _c1_passthrough(error: UnicodeError) -> tuple[bytes, int]:
    """Encode the five bytes cp1252 leaves undefined as themselves (as latin-1 does)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chunk = error.object[error.start : error.end]
    if any(ord(ch) > 0xFF for ch in chunk):
        raise error
    return chunk.encode("latin-1"), error.end


_C1_PASSTHROUGH = "referat-c1-passthrough"
codecs.register_error(_C1_PASSTHROUGH, _c1_passthrough)


def check_is_text(text: str, path: str) -> None:
    """Raise ReadError when decoded content is binary data rather than text."""
    if not text:
        raise ReadError(path, "the file is empty")
    controls = len(_CONTROL.findall(text)) - text.count("\r")
    if "\x00" in text[:8192] and text.count("\x00") * 100 > len(text):
        raise ReadError(path, "not a text file (it holds NUL bytes): is it binary or UTF-16?")
    if controls > _MAX_CONTROL_RATIO * len(text):
        raise ReadError(path, "not a text file (too many control characters): check the format")


def normalize_text(text: str) -> str:
    """One shape for all extracted text.

    Newlines become \\n, no-break and thin spaces become spaces, ligatures are spelt
    out, control characters (except tab, newline, form feed) and invisible characters go,
    trailing spaces go, Unicode is composed (NFC) so "å" is one character.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_SPACES).translate(_LIGATURES)
    text = _INVISIBLE.sub("", _CONTROL.sub("", text))
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING.sub("", text)
    return text.strip("\n ")


def count_pages(text: str) -> int:
    """Pages separated by form feeds that hold any text; at least 1."""
    return max(1, sum(1 for page in text.split(PAGE_BREAK) if page.strip()))
