"""The 98 Danish municipalities and 5 regions, and how to recognise them in names and text.

Names are matched loosely: case, "aa"/"å", "oe"/"ø", "ae"/"æ" and a genitive "s" are folded,
so "kobenhavn", "Københavns Kommune" and "KØBENHAVN" all give "København", and "aarhus" and
"Århus" give "Aarhus".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

MUNICIPALITIES: tuple[str, ...] = (
    "Albertslund", "Allerød", "Assens", "Ballerup", "Billund", "Bornholm", "Brøndby",
    "Brønderslev", "Dragør", "Egedal", "Esbjerg", "Fanø", "Favrskov", "Faxe", "Fredensborg",
    "Fredericia", "Frederiksberg", "Frederikshavn", "Frederikssund", "Furesø",
    "Faaborg-Midtfyn", "Gentofte", "Gladsaxe", "Glostrup", "Greve", "Gribskov",
    "Guldborgsund", "Haderslev", "Halsnæs", "Hedensted", "Helsingør", "Herlev", "Herning",
    "Hillerød", "Hjørring", "Holbæk", "Holstebro", "Horsens", "Hvidovre", "Høje-Taastrup",
    "Hørsholm", "Ikast-Brande", "Ishøj", "Jammerbugt", "Kalundborg", "Kerteminde", "Kolding",
    "København", "Køge", "Langeland", "Lejre", "Lemvig", "Lolland", "Lyngby-Taarbæk", "Læsø",
    "Mariagerfjord", "Middelfart", "Morsø", "Norddjurs", "Nordfyns", "Nyborg", "Næstved",
    "Odder", "Odense", "Odsherred", "Randers", "Rebild", "Ringkøbing-Skjern", "Ringsted",
    "Roskilde", "Rudersdal", "Rødovre", "Samsø", "Silkeborg", "Skanderborg", "Skive",
    "Slagelse", "Solrød", "Sorø", "Stevns", "Struer", "Svendborg", "Syddjurs", "Sønderborg",
    "Thisted", "Tønder", "Tårnby", "Vallensbæk", "Varde", "Vejen", "Vejle", "Vesthimmerlands",
    "Viborg", "Vordingborg", "Ærø", "Aabenraa", "Aalborg", "Aarhus",
)  # fmt: skip

REGIONS: tuple[str, ...] = (
    "Region Hovedstaden",
    "Region Sjælland",
    "Region Syddanmark",
    "Region Midtjylland",
    "Region Nordjylland",
)

# Other names people and systems use for a municipality.
ALIASES: dict[str, str] = {
    "Bornholms Regionskommune": "Bornholm",
    "Lyngby": "Lyngby-Taarbæk",
    "Kbh": "København",
    "Copenhagen": "København",
    "Nordfyn": "Nordfyns",
    "Vesthimmerland": "Vesthimmerlands",
}

_MENTION_RE = re.compile(
    r"(?<![^\W\d_])(?P<name>[A-ZÆØÅ][^\W\d_]+(?:-[A-ZÆØÅ][^\W\d_]+)?)\s+"
    r"(?:Kommunes?|Kommunen|Kommunens|Regionskommune)(?![^\W\d_])"
    r"|(?<![^\W\d_])(?P<region>Region\s+(?:Hovedstaden|Sjælland|Syddanmark|Midtjylland"
    r"|Nordjylland))(?![^\W\d_])"
)


def loose_key(name: str) -> str:
    """Fold a name so that spelling variants of the same place meet: "Århus" == "aarhus"."""
    text = name.strip().lower()
    text = text.replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.replace("aa", "a").replace("oe", "o")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _build_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for name in MUNICIPALITIES + REGIONS:
        table[loose_key(name)] = name
    for alias, name in ALIASES.items():
        table[loose_key(alias)] = name
    return table


_TABLE = _build_table()


def lookup(name: str) -> str | None:
    """The official municipality (or region) name for a spelling of it, or None.

    Accepts "København", "kobenhavn", "Københavns", "Københavns Kommune", "aarhus", "Region
    Sjælland"; a trailing "Kommune" and a genitive "s" are ignored.
    """
    text = re.sub(r"\s+(kommunes?|kommunen|kommunens)$", "", name.strip(), flags=re.IGNORECASE)
    key = loose_key(text)
    if not key:
        return None
    if key in _TABLE:
        return _TABLE[key]
    if key.endswith("s") and key[:-1] in _TABLE:
        return _TABLE[key[:-1]]
    return None


def mentions(text: str) -> list[str]:
    """Municipalities and regions named in text ("<Name> Kommune", "Region <Name>"), in order."""
    found: list[str] = []
    for match in _MENTION_RE.finditer(text):
        name = lookup(match.group("name") or match.group("region"))
        if name:
            found.append(name)
    return found


def most_frequent(text: str) -> str | None:
    """The municipality named most often in text; ties go to the one named first."""
    counts = Counter(mentions(text))
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def from_filename(stem: str) -> str | None:
    """The municipality a file name starts with: "kobenhavn-socialudvalget-2010-05-05"."""
    tokens = [t for t in re.split(r"[^0-9A-Za-zÆØÅæøå]+", stem) if t]
    for size in (3, 2, 1):
        if len(tokens) >= size:
            name = lookup("-".join(tokens[:size]))
            if name:
                return name
    return None


def filename_tokens_used(stem: str) -> int:
    """How many leading tokens of a file name spell its municipality (0 when none)."""
    tokens = [t for t in re.split(r"[^0-9A-Za-zÆØÅæøå]+", stem) if t]
    for size in (3, 2, 1):
        if len(tokens) >= size and lookup("-".join(tokens[:size])):
            return size
    return 0


def detect(metadata: dict[str, str], stem: str, head: list[str], text: str) -> str | None:
    """The municipality of a document, from the most to the least reliable evidence.

    Document metadata ("municipality", then a "<X> Kommune" in "title"), the file name
    ("kobenhavn-socialudvalget-..."), the first "<X> Kommune" in the header lines, and last
    the municipality the whole text names most often. Header and file name come before
    mentions, because minutes often quote a neighbouring municipality.
    """
    given = metadata.get("municipality", "").strip()
    if given:
        return lookup(given) or given
    in_title = mentions(metadata.get("title", ""))
    if in_title:
        return in_title[0]
    named = from_filename(stem)
    if named:
        return named
    in_head = mentions("\n".join(head))
    return in_head[0] if in_head else most_frequent(text)
