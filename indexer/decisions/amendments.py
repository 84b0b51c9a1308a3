"""Amendments and motions to refer: who proposed what, and what became of it.

Proposals: "Det Konservative Folkeparti stillede (fremsatte, genfremsatte) følgende
ændringsforslag om tilføjelse til indstillingens 1. at-punkt:", "Radikale Venstre fremsatte
forslag om udvalgshenvisning til ...", "Der blev stillet ændringsforslag om ...",
a heading "Ændringsforslag 2" with "Udvalget foreslog at ..." under it. Results: "Det af
Alternativet fremsatte ændringsforslag blev forkastet med 46 stemmer mod 9.",
"Ændringsforslaget blev nedstemt.", "Ændringsforslagene blev godkendt uden afstemning.",
"Det af Liberal Alliance fremsatte ændringsforslag (ÆF1) blev dermed forkastet." A result
is matched to its proposal by label (ÆF1), else by proposer, else to the earliest one
still open; a result with no proposal before it makes the amendment from the result line.
"""

from __future__ import annotations

import re

from indexer.decisions.outcomes import classify
from indexer.decisions.parties import parties_in
from indexer.types import Amendment

_KIND = r"(?P<kind>ændringsforslag(?:et)?|forslag\s+om\s+udvalgshenvisning|forslag)"
_PROPOSAL = re.compile(
    rf"^(?P<by>[^\n]{{1,250}}?)\s+(?:stillede|fremsatte|genfremsatte|fremlagde)\s+"
    rf"(?:følgende\s+)?{_KIND}\b(?P<rest>.*)$"
    rf"|^der\s+blev\s+(?:stillet|fremsat)\s+(?:følgende\s+)?{_KIND.replace('kind', 'kind2')}"
    r"\b(?P<rest2>.*)$",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^ændringsforslag\s+(?:nr\.\s*)?\d+\s*:?$", re.IGNORECASE)
_SUGGESTED = re.compile(r"^(?P<by>[^\n]{1,120}?)\s+foreslog\s+(?P<rest>.+)$", re.IGNORECASE)
_RESULT = re.compile(
    r"^(?:det|den)\s+af\s+(?P<by>.{1,250}?)\s+(?:gen)?fremsatte\s+"
    r"(?P<kind>ændringsforslag|forslag\s+om\s+udvalgshenvisning|forslag)\b(?P<tail>.*?)\s+blev\b"
    r"|^(?P<plain>ændringsforslag(?:et|ene)?|forslaget\s+om\s+udvalgshenvisning)\b"
    r"(?P<tail2>[^.]*?)\s+blev\b",
    re.IGNORECASE,
)
_LABEL = re.compile(r"\((ÆF\s*\d+)\)|\b(ÆF\s*\d+)\b", re.IGNORECASE)
_REFERRAL = "udvalgshenvisning"


def proposal(line: str) -> Amendment | None:
    """The amendment a line proposes, text still empty, outcome "other" until decided."""
    match = _PROPOSAL.match(line.strip())
    if not match:
        return None
    kind = (match["kind"] or match["kind2"] or "").lower()
    rest = (match["rest"] if match["by"] else match["rest2"]) or ""
    if kind == "forslag" and not re.match(r"\s*(?:om|til)\b", rest):
        return None
    by = match["by"].strip(" ,") if match["by"] else None
    text = _REFERRAL + rest if _REFERRAL in kind else rest
    amendment = Amendment(proposed_by=by or "", text=text.strip(" :"), outcome="other")
    amendment.parties = [party.letter for party in parties_in(by or "")]
    return amendment


def heading(line: str) -> bool:
    """ "Ændringsforslag 1": an amendment follows, its proposer on the next line."""
    return bool(_HEADING.match(line.strip()))


def suggested(line: str) -> tuple[str, str] | None:
    """ "Udvalget foreslog at ændre det foreslåede tema." -> ("Udvalget", "at ændre ...")."""
    match = _SUGGESTED.match(line.strip())
    return (match["by"], match["rest"]) if match else None


def is_result(line: str) -> bool:
    return bool(_RESULT.match(line.strip()))


def decide(line: str, open_ones: list[Amendment], every: list[Amendment]) -> list[Amendment]:
    """The amendments a result line decides (setting their outcome); new ones if unmatched."""
    match = _RESULT.match(line.strip())
    if not match:
        return []
    outcome = classify(line)
    plural = (match["plain"] or "").lower() == "ændringsforslagene"
    chosen = list(open_ones) if plural else _matching(line, match, open_ones)
    if not chosen:
        by = (match["by"] or "").strip()
        kind = (match["kind"] or match["plain"] or "").lower()
        found = Amendment(
            proposed_by=by, text=_REFERRAL if _REFERRAL in kind else "", outcome="other"
        )
        found.parties = [party.letter for party in parties_in(by)]
        every.append(found)
        chosen = [found]
    for amendment in chosen:
        amendment.outcome = outcome
        if amendment in open_ones:
            open_ones.remove(amendment)
    return chosen


def _matching(line: str, match: re.Match[str], open_ones: list[Amendment]) -> list[Amendment]:
    label = _LABEL.search(line)
    if label:
        wanted = (label[1] or label[2]).replace(" ", "").upper()
        labelled = [a for a in open_ones if wanted in a.text.replace(" ", "").upper()]
        if labelled:
            return labelled[:1]
    referral = _REFERRAL in (match["kind"] or match["plain"] or "").lower()
    same_kind = [a for a in open_ones if (_REFERRAL in a.text[:40]) == referral]
    by = parties_in(match["by"] or "")
    if by:
        same_by = [a for a in same_kind if a.parties == [party.letter for party in by]]
        if same_by:
            return same_by[:1]
        if same_kind and match["by"]:
            return []
    return same_kind[:1]
