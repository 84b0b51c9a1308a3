"""Danish-English parallel text from installed Debian packages, for models/build_embedding.py.

Every source is read from the files the packages install (no network), in sorted order, so
the pairs come out identical on every machine with the same package versions:

- LibreOffice help (`libreoffice-help-da`, `libreoffice-help-en-us`): HTML pages under
  /usr/share/libreoffice/help/{da,en-US}, aligned by page path and element id
  (`par_id...`, `hd_id...`).
- GIMP help (`gimp-help-da`, `gimp-help-en`): HTML pages under /usr/share/gimp/2.0/help,
  aligned by page path and the sequence of paragraphs when both pages have as many.
- Message catalogues: every `da/LC_MESSAGES/*.mo` under /usr/share/locale and
  /usr/lib/libreoffice (msgid = English, msgstr = Danish).
- Message catalogues of packages that are downloaded, not installed (DOWNLOADED: `apt-get
  download` + `dpkg -x` into models/.cache/debs; genealogy, finance, calendar, mail,
  spreadsheet and desktop vocabulary).
- FreeDict Danish-English (`dict-freedict-dan-eng`): headword -> first English sense.

Run `python models/embedding_corpus.py` to print the number of pairs per source.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

APT_PACKAGES = [
    "libreoffice-help-da", "libreoffice-help-en-us", "libreoffice-l10n-da",
    "gimp-help-da", "gimp-help-en", "dict-freedict-dan-eng",
]
DOWNLOADED = [
    "gramps", "evolution-common", "evolution-data-server-common", "gnucash-common",
    "gnumeric-common", "gnome-control-center-data", "iso-codes", "shotwell-common",
    "nautilus-data", "gnome-software-common", "rhythmbox-data", "calligra-data",
    "homebank-data", "aisleriot", "xfce4-panel", "totem-common", "gnome-maps", "tuxpaint-data",
    "gnome-calendar", "gnome-clocks", "gnome-weather", "kmymoney", "abiword-common",
    "inkscape", "scribus-data",
]
DEBS = Path(__file__).resolve().parent / ".cache" / "debs"
LO_HELP = Path("/usr/share/libreoffice/help")
GIMP_HELP = Path("/usr/share/gimp/2.0/help")
MO_ROOTS = [Path("/usr/share/locale/da/LC_MESSAGES"), Path("/usr/lib/libreoffice"),
            DEBS / "root"]
FREEDICT = Path("/usr/share/dictd/freedict-dan-eng.dict.dz")

Pair = tuple[str, str]  # (danish, english)

_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"<[^>]+>|&[a-z]+;|%[-0-9.]*[sdluf]|%\d\$[sd]|\{[^}]*\}|\$\w+|_(?=\w)|~")


def clean(text: str) -> str:
    """Markup, format specifiers and accelerator marks removed, whitespace collapsed."""
    return _SPACE.sub(" ", _MARKUP.sub(" ", text)).strip(" :.")


def usable(da: str, en: str) -> bool:
    """A pair worth learning from: both sides have letters, differ, and are not huge."""
    if not da or not en or da.lower() == en.lower():
        return False
    if len(da) > 400 or len(en) > 400 or not re.search(r"[a-zA-Zæøå]{2}", da):
        return False
    return 0.4 < (len(da) + 5) / (len(en) + 5) < 2.5


_BLOCKS = "p, h1, h2, h3, h4, h5, h6, td, li, dt"


def _html_blocks(path: Path, with_ids: bool) -> dict[str, str]:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(path.read_text(encoding="utf-8", errors="replace"))
    blocks: dict[str, str] = {}
    for n, node in enumerate(tree.css(_BLOCKS)):
        if len(node.css(_BLOCKS)) > 1:
            continue  # an outer block (css() includes the node itself): inner ones carry text
        key = node.attributes.get("id") if with_ids else str(n)
        if key and key not in blocks:
            blocks[key] = clean(node.text(separator=" "))
    return blocks


def _aligned_pages(root: Path, da: str, en: str, with_ids: bool) -> Iterator[Pair]:
    for da_page in sorted((root / da).rglob("*.html")):
        en_page = root / en / da_page.relative_to(root / da)
        if not en_page.is_file():
            continue
        da_blocks, en_blocks = _html_blocks(da_page, with_ids), _html_blocks(en_page, with_ids)
        if not with_ids and len(da_blocks) != len(en_blocks):
            continue
        for key, da_text in da_blocks.items():
            if key in en_blocks:
                yield da_text, en_blocks[key]


def libreoffice_help() -> Iterator[Pair]:
    return _aligned_pages(LO_HELP, "da", "en-US", with_ids=True)


def gimp_help() -> Iterator[Pair]:
    return _aligned_pages(GIMP_HELP, "da", "en", with_ids=False)


def download_packages(names: list[str] = DOWNLOADED) -> None:
    """`apt-get download` each package (once) and unpack it under DEBS/root with `dpkg -x`."""
    DEBS.mkdir(parents=True, exist_ok=True)
    for name in names:
        if not any(DEBS.glob(f"{name}_*.deb")):
            subprocess.run(["apt-get", "download", name], cwd=DEBS, check=True,
                           capture_output=True)
    if not (DEBS / "root").exists():
        for deb in sorted(DEBS.glob("*.deb")):
            subprocess.run(["dpkg", "-x", str(deb), str(DEBS / "root")], check=True)


def message_catalogues() -> Iterator[Pair]:
    import polib

    paths = sorted({p for root in MO_ROOTS if root.exists() for p in root.rglob("*.mo")
                    if "/da/" in str(p)})
    for path in paths:
        if path.name.startswith("iso_3166-2"):
            continue  # region names: no vocabulary
        try:
            entries = polib.mofile(str(path))
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        for entry in entries:
            if entry.msgstr and not entry.msgid_plural:
                yield clean(entry.msgstr), clean(entry.msgid)


_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(number: str) -> int:
    value = 0
    for char in number:
        value = value * 64 + _B64.index(char)
    return value


def freedict() -> Iterator[Pair]:
    """Headword -> each English translation (up to 3), through the dictd index."""
    index = FREEDICT.with_suffix("").with_suffix(".index")
    if not FREEDICT.exists() or not index.exists():
        return
    with gzip.open(FREEDICT, "rb") as handle:
        data = handle.read()
    for line in index.read_text(encoding="utf-8").splitlines():
        head, offset, length = line.split("\t")
        if head.startswith("00database"):
            continue
        entry = data[_b64(offset):_b64(offset) + _b64(length)].decode("utf-8", "replace")
        lines = [ln.strip() for ln in entry.splitlines()[1:] if ln.strip()]
        senses = [s for ln in lines for s in re.split(r"[;,]", ln)]
        for sense in senses[:3]:
            yield clean(head), clean(re.sub(r"\([^)]*\)|\[[^]]*\]|<[^>]*>", " ", sense))


SOURCES = {"libreoffice-help": libreoffice_help, "gimp-help": gimp_help,
           "catalogues": message_catalogues, "freedict": freedict}


def parallel_pairs(sources: dict | None = None) -> dict[str, list[Pair]]:
    """Usable, de-duplicated (danish, english) pairs per source, in a fixed order."""
    seen: set[Pair] = set()
    out: dict[str, list[Pair]] = {}
    for name, source in (sources or SOURCES).items():
        pairs = []
        for da, en in source():
            if usable(da, en) and (da, en) not in seen:
                seen.add((da, en))
                pairs.append((da, en))
        out[name] = pairs
    return out


def main() -> None:
    for name, pairs in parallel_pairs().items():
        print(f"{name}: {len(pairs)} pairs", *pairs[:: max(1, len(pairs) // 4)][:4], sep="\n  ")


if __name__ == "__main__":
    sys.exit(main())
