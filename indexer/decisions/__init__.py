"""Decisions: an item's decision text -> `Decision` (outcome, clauses, votes, amendments, summary).

In: the sections of an `Item`. Out: `types.Decision`. `detect` finds the decision and drives
the rest: `records` takes it apart (decision proper, `amendments`, `votes`, `remarks`),
`clauses` segments the decision proper, `outcomes` reads the verbs, `references` resolves
"Indstillingen blev godkendt", `attach` ties each vote to its clause, `summary` and `tally`
write the Danish summary; party letters and names are data in `parties`.
"""
