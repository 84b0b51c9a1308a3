"""Decisions: an item's decision text -> `Decision` (outcome, clauses, votes, summary).

In: the sections of an `Item`. Out: `types.Decision`. `detect` finds the decision and drives
the rest: `clauses` segments it, `outcomes` reads the verbs, `votes` the recorded votes,
`references` resolves "Indstillingen blev godkendt", `summary` writes the Danish summary.
"""
