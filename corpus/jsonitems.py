"""The `.json`/`.jsonl` readers: agenda items that are already structured.

Two vocabularies are understood: English fields (municipality, committee, meeting_date,
item_number, title, case_numbers, sections[{heading, text}], source) and the Danish
fields of scraped Copenhagen minutes (kommune, udvalg, dato, type, nr, titel,
afsnit[{titel, tekst}], bilag[{navn, url}], id).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from corpus.text import Extracted, normalize_text
from indexer.errors import ReadError
from indexer.types import RawItem, RawSection

_ALIASES: dict[str, tuple[str, ...]] = {
    "municipality": ("municipality", "kommune"),
    "committee": ("committee", "udvalg"),
    "meeting_date": ("meeting_date", "dato", "date", "mødedato"),
    "item_number": ("item_number", "nr", "number", "punkt"),
    "title": ("title", "titel"),
    "sections": ("sections", "afsnit"),
    "case_numbers": ("case_numbers", "case_number", "sagsnr", "sagsnummer", "journalnr"),
    "attachments": ("attachments", "bilag"),
    "kind": ("kind", "type"),
    "source": ("source", "url", "kilde"),
    "source_id": ("source_id", "id"),
}
_HEADING_KEYS = ("heading", "titel", "title", "overskrift")
_TEXT_KEYS = ("text", "tekst")
_NAME_KEYS = ("name", "navn", "title", "titel", "url")
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "maj": 5, "may": 5, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?")
_DANISH_DATE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
_WORD_DATE = re.compile(r"(?:den )?(\d{1,2})\.? ?([a-zæøå]+)\.? (\d{4})")
MAX_PROBLEMS = 5  # bad lines named when a .jsonl file has no good one


class _Invalid(ValueError):
    """An item that does not hold what an agenda item needs; never leaves this module."""


def _message(exc: json.JSONDecodeError) -> str:
    """json's reason without its dangling ' at' ("Invalid control character at"): the
    position is given beside it."""
    return exc.msg.removesuffix(" at")


def read_json(data: bytes, path: str) -> Extracted:
    """A `.json` file: one agenda-item object, or a list of them."""
    text = _decode(data, path)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        hint = ": one object a line belongs in a .jsonl file" if exc.msg == "Extra data" else ""
        raise ReadError(path, f"invalid JSON at line {exc.lineno}, column {exc.colno}: "
                              f"{_message(exc)}{hint}") from exc
    except (ValueError, RecursionError) as exc:
        raise ReadError(path, f"invalid JSON: {exc}") from exc
    records = value if isinstance(value, list) else [value]
    items = []
    for index, record in enumerate(records, start=1):
        where = "" if isinstance(value, dict) else f"item {index}: "
        try:
            items.append(_to_raw_item(record))
        except _Invalid as exc:
            raise ReadError(path, f"{where}{exc}") from exc
    return _extracted(items, path)


def read_jsonl(data: bytes, path: str) -> Extracted:
    """A `.jsonl` file's bytes (an upload): one agenda-item object a line, blank lines allowed."""
    return read_jsonl_lines(io.BytesIO(data), path)


def read_jsonl_lines(lines: Iterable[bytes], path: str) -> Extracted:
    """A `.jsonl` file, read a line at a time (an open file streams: it is never read whole).

    A bad line (invalid JSON or UTF-8, not an agenda item) is reported in `problems` as
    "line N: reason" and left out; the other lines' items are kept. Only a file with no good
    line at all raises ReadError (its reasons, the first MAX_PROBLEMS)."""
    items: list[RawItem] = []
    problems: list[str] = []
    for number, raw in enumerate(lines, start=1):
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"line {number}: not UTF-8 (byte {exc.start} of the line):"
                            " JSON must be saved as UTF-8")
            continue
        if line.strip():
            try:
                items.append(_jsonl_item(line, number))
            except _Invalid as exc:
                problems.append(str(exc))
    if not items and problems:
        shown = "; ".join(problems[:MAX_PROBLEMS])
        more = f" (and {len(problems) - MAX_PROBLEMS} more)" if len(problems) > MAX_PROBLEMS else ""
        raise ReadError(path, shown + more)
    extracted = _extracted(items, path)
    return replace(extracted, problems=tuple(problems))


def _jsonl_item(line: str, number: int) -> RawItem:
    """One line's item; _Invalid("line N: reason") when it holds none."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _Invalid(f"line {number}: invalid JSON at column {exc.colno}: "
                       f"{_message(exc)}") from exc
    except (ValueError, RecursionError) as exc:
        raise _Invalid(f"line {number}: invalid JSON: {exc}") from exc
    try:
        return _to_raw_item(record)
    except _Invalid as exc:
        raise _Invalid(f"line {number}: {exc}") from exc


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(path, f"not UTF-8 (byte {exc.start}): JSON must be saved as UTF-8") from exc


def _extracted(items: list[RawItem], path: str) -> Extracted:
    if not items:
        raise ReadError(path, "the file holds no agenda items")
    return Extracted(items=tuple(items), metadata={"items": str(len(items))})


def to_raw_item(record: Any, path: str = "<item>") -> RawItem:
    """Map one English- or Danish-field object to a RawItem; ReadError if it is not one."""
    try:
        return _to_raw_item(record)
    except _Invalid as exc:
        raise ReadError(path, str(exc)) from exc


def _to_raw_item(record: Any) -> RawItem:
    if not isinstance(record, dict):
        raise _Invalid(f"expected an agenda-item object, got {type(record).__name__}")
    title = _string(record, "title")
    if not title:
        raise _Invalid("missing 'title' (or 'titel'): every agenda item needs a title")
    date = _string(record, "meeting_date")
    iso_date = normalize_date(date) if date else None
    if date and iso_date is None:
        raise _Invalid(f"meeting date {date!r} is not a date: use YYYY-MM-DD")
    kind = _string(record, "kind")
    return RawItem(
        municipality=_string(record, "municipality"),
        committee=_string(record, "committee"),
        meeting_date=iso_date,
        item_number=_string(record, "item_number"),
        title=title,
        sections=_sections(record),
        case_numbers=_case_numbers(record),
        attachments=_attachments(record),
        kind=kind.lower() if kind else None,
        source=_string(record, "source"),
        source_id=_string(record, "source_id"),
    )


def _field(record: dict[str, Any], name: str) -> tuple[str, Any]:
    """The first alias of `name` the record has, and its value (None when none)."""
    for key in _ALIASES.get(name, (name,)):
        if key in record:
            return key, record[key]
    return _ALIASES.get(name, (name,))[0], None


def _string(record: dict[str, Any], name: str) -> str | None:
    key, value = _field(record, name)
    return _scalar(value, key)


def _scalar(value: Any, key: str) -> str | None:
    """A string, or a number written as one (item 7.0 -> "7"); None when empty."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        text = " ".join(normalize_text(str(value)).split())
        return text or None
    raise _Invalid(f"'{key}' must be a string, not {type(value).__name__}")


def _sections(record: dict[str, Any]) -> tuple[RawSection, ...]:
    key, value = _field(record, "sections")
    if value is None:
        raise _Invalid("missing 'sections' (or 'afsnit'): give a list of {heading, text}")
    if not isinstance(value, list):
        raise _Invalid(f"'{key}' must be a list of {{heading, text}} objects")
    sections = []
    for number, section in enumerate(value, start=1):
        if not isinstance(section, dict):
            raise _Invalid(f"'{key}' entry {number} must be an object with heading and text")
        heading = _first(section, _HEADING_KEYS) or ""
        text = normalize_text(_first(section, _TEXT_KEYS, collapse=False) or "")
        if heading or text:
            sections.append(RawSection(heading=heading, text=text))
    return tuple(sections)


def _first(record: dict[str, Any], keys: tuple[str, ...], collapse: bool = True) -> str | None:
    for key in keys:
        if record.get(key) is not None:
            value = record[key]
            if not isinstance(value, str):
                raise _Invalid(f"'{key}' must be a string, not {type(value).__name__}")
            return " ".join(value.split()) if collapse else value
    return None


def _case_numbers(record: dict[str, Any]) -> tuple[str, ...]:
    key, value = _field(record, "case_numbers")
    values = value if isinstance(value, list) else [value]
    found = [_scalar(case, key) for case in values]
    return tuple(dict.fromkeys(case for case in found if case))


def _attachments(record: dict[str, Any]) -> tuple[str, ...]:
    key, value = _field(record, "attachments")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _Invalid(f"'{key}' must be a list of names or {{name, url}} objects")
    names = []
    for entry in value:
        name = _first(entry, _NAME_KEYS) if isinstance(entry, dict) else _scalar(entry, key)
        if name:
            names.append(name)
    return tuple(names)


def normalize_date(value: str) -> str | None:
    """"2010-05-05", "2010-05-05T10:00", "05.05.2010", "5. maj 2010" -> "2010-05-05".

    None when the value is not a (valid) day.
    """
    text = " ".join(value.lower().split())
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DANISH_DATE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    elif (match := _WORD_DATE.fullmatch(text)) and match.group(2)[:3] in _MONTHS:
        day, month, year = int(match.group(1)), _MONTHS[match.group(2)[:3]], int(match.group(3))
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
