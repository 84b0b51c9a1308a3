"""Structure: a read `Document` -> `[Meeting]` of agenda items and canonical sections.

In: `corpus.read(path) -> Document`. Out: `types.Meeting` with items, sections, case numbers.
`parse` drives it; `headings` says what a heading is, `meta` reads dates/places/bodies out of
text, `ids` makes stable item ids, `municipalities` knows the 98 municipalities.
"""
