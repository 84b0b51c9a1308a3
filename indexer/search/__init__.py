"""Search: a Danish question -> ranked hits and decision answers.

In: a query string and filters, over a `Store`. Out: the CONTRACT's search response.
`query` understands the question, `retrieval` runs BM25 (FTS5) and dense (FAISS), `fusion`
merges the rankings, `snippet` shows the passage, `hybrid` drives it all, `answer` keeps
the decided items, `facets` are the filter tokens of the lexical index.
"""
