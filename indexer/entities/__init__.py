"""Rule-based Danish domain entities (committee, date, amount, case number) in spaCy.

The spaCy side lives in `indexer.entities.pipeline` (`build_nlp`, `extract`) and
`indexer.entities.components`; import them from there. The finders below are plain
functions `text -> [Match]` and need no spaCy, so importing this package stays cheap.
"""

from indexer.entities.amounts import find_amounts
from indexer.entities.casenumbers import CASE_NUMBER_RE, find_case_numbers, normalize_case_number
from indexer.entities.committee import find_committees, normalize_committee
from indexer.entities.dates import find_dates
from indexer.entities.matches import Match

__all__ = [
    "CASE_NUMBER_RE",
    "Match",
    "find_amounts",
    "find_case_numbers",
    "find_committees",
    "find_dates",
    "normalize_case_number",
    "normalize_committee",
]
