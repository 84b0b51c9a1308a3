from indexer.analysis.terms import analyse
from indexer.search.snippet import plain, snippet

TEXT = (
    "Studieturen forløber over to dage med én overnatning i Århus. Transporten foregår "
    "primært i konferencebus, der muliggør oplæg og løbende drøftelse undervejs."
)


def test_compound_and_folded_matches_are_marked():
    marked = snippet(TEXT, analyse("bus Aarhus"), analyse)
    assert "<mark>konferencebus</mark>" in marked
    assert "<mark>Århus</mark>" in marked


def test_snippet_escapes_html_and_cuts_long_text():
    text = "<b>" + " ".join(["ord"] * 300) + " integrationspuljen " + " ".join(["ord"] * 300)
    marked = snippet(text, analyse("pulje"), analyse)
    assert "<b>" not in marked and "<mark>integrationspuljen</mark>" in marked
    assert marked.startswith("…") and marked.endswith("…") and len(marked) < 400
    assert "*integrationspuljen*" in plain(marked)
