"""Danish text analysis: text -> the terms the lexical index stores and queries use.

In: a string. Out: analysed terms (folded, lemmatised, compounds split). `terms` is the
analyser, `compounds` the lexicon-backed lemmas and compound splitter, `stopwords` the
function and question words search ignores.
"""
