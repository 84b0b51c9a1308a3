"""Danish stop words for search: function words and question words.

Content verbs ("besluttede", "godkendte") are not stop words: query understanding uses them.
The list holds folded forms (see indexer.analysis.terms.fold), so "paa" and "på" are both caught.
"""

from __future__ import annotations

_FUNCTION_WORDS = """
ad af al alle allerede alt altid anden andet andre at bag bare begge blev blevet bliv blive
bliver da de dem den denne dens deres det dette dig din dine disse dit dog du efter eller en
end ene eneste enhver er et for foran fordi fra før følgende gennem han hans har havde have
hele heller hen hende hendes her hermed herunder hos hun hvad hvem hver hvilke hvilken hvilket
hvis hvor hvordan hvorefter hvorfor hvorfra hvorhen hvori hvorledes hvornår hvorom hvortil
hvorved i ifm ift igen ikke ind ingen intet jeg jer jeres jo kan kun kunne lige man mange med
meget men mens mere mest mig min mine mit mod ned noget nogen nogle nok nu når og også om
omkring op os over på sådan samme samt selv sig sin sine sit skal skulle som stadig så thi til
ud uden under vær være været var vi vil ville vor vore vores ved via
"""

STOPWORDS: frozenset[str] = frozenset(_FUNCTION_WORDS.split())

# Words that never stand as a compound part: stop words, prefixes and derivational suffixes
# that happen to be words ("for" in forslag, "ind" in indsats, "hed" in kærlighed).
_NOT_PARTS = """
and ant bar bes dom else ende ens ere fore frem gen hed heder igennem imod ing inde ion isk ist ism
ler lig lige mis ned ning ningen red ring sam sammen ske skab tilbage tion und van vis
"""

NOT_PARTS: frozenset[str] = STOPWORDS | frozenset(_NOT_PARTS.split())
