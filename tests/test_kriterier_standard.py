"""The default criteria set K1–K10 against hand-made cases: every status, the boundaries, and
the key content of each finding text.

The expectations come from the criteria as written (README, the criterion descriptions), not
from what the code happens to do. Each table row is one synthetic case: ``lag_sak`` with a few
fields replaced.
"""

from __future__ import annotations

from typing import Any

import pytest

from revisjon.inntak.lesing import InnlestSak
from revisjon.kriteriesprak.lasting import LastetSett
from revisjon.resultat import Resultat
from revisjon.sak import Sak
from revisjon.vurdering.enhet import vurder_sak
from tests.conftest import lag_sak

VEDTAKSDATO = "2024-03-18"
DAGEN_ETTER = "2024-03-19"
BAS = "Barns aktiviteter og situasjon"
FORSTE_SAMTALE = "2024-04-02"


# --- building blocks for cases ------------------------------------------------------------------


def hus(*barn: tuple[str, int]) -> dict[str, Any]:
    return {"voksne": 1, "barn": [{"id": i, "alder": a} for i, a in barn]}


def vedtak(
    tekst: str = "Søknaden er innvilget.",
    *,
    dato: str = VEDTAKSDATO,
    utfall: str = "innvilget",
    **ekstra: Any,
) -> dict[str, Any]:
    return {"dato": dato, "utfall": utfall, "tekst": tekst, **ekstra}


def kl(
    barn: str,
    dato: str = VEDTAKSDATO,
    tema: tuple[str, ...] = ("fritid", "skole"),
    kilde: str = "forelder",
) -> dict[str, Any]:
    return {"dato": dato, "barn": barn, "kilde": kilde, "tema": list(tema)}


def notat(dato: str, barn: tuple[str, ...] = (), journaltype: str | None = None) -> dict[str, Any]:
    ut: dict[str, Any] = {"dato": dato, "system": "socio", "barn": list(barn), "tekst": "Notat."}
    if journaltype is not None:
        ut["journaltype"] = journaltype
    return ut


def samtale(type_: str, dato: str = "2024-03-06", **ekstra: Any) -> dict[str, Any]:
    return {"dato": dato, "type": type_, **ekstra}


def tiltak(dato: str, barn: tuple[str, ...] = (), type_: str = "familieveileder") -> dict[str, Any]:
    return {"dato": dato, "type": type_, "barn": list(barn)}


def inntekter(*rader: tuple[str, bool | None], dato: str = VEDTAKSDATO) -> dict[str, Any]:
    """A vedtak whose calculation has these incomes (type, medregnet; None leaves it out)."""
    liste: list[dict[str, Any]] = []
    for type_, medregnet in rader:
        rad: dict[str, Any] = {"type": type_, "belop": 3532}
        if medregnet is not None:
            rad["medregnet"] = medregnet
        liste.append(rad)
    return vedtak(dato=dato, beregning={"inntekter": liste})


def radgivning(
    forste: str | None = FORSTE_SAMTALE,
    kartlagt: tuple[str, ...] = ("inntekter", "utgifter_til_barn"),
) -> dict[str, Any]:
    ut: dict[str, Any] = {"kartlagt": list(kartlagt)}
    if forste is not None:
        ut["forste_samtale"] = forste
    return ut


RAD = {"tjeneste": "okonomisk_radgivning", "vedtak": None}
"""An economic-advice case: no vedtak; add ``radgivning`` and the rest per row."""


def rad(**endringer: Any) -> dict[str, Any]:
    return {**RAD, **endringer}


def tilfelle(
    navn: str,
    status: str,
    *inneholder: str,
    uten: tuple[str, ...] = (),
    **endringer: Any,
) -> Any:
    """One table row: the case changes, the expected status, and texts the finding must
    (``inneholder``) and must not (``uten``) contain."""
    return pytest.param(endringer, status, inneholder, uten, id=navn)


def vurder(standardsett: list[LastetSett], sak: dict[str, Any]) -> dict[str, Resultat]:
    kriterier = [k for s in standardsett for k in s.kriterier]
    resultat = vurder_sak(InnlestSak(Sak.model_validate(sak), "x.yaml"), kriterier)
    return {r.kriterium: r for r in resultat.resultater}


def sjekk(
    standardsett: list[LastetSett],
    kriterium: str,
    endringer: dict[str, Any],
    status: str,
    inneholder: tuple[str, ...],
    uten: tuple[str, ...],
) -> None:
    resultat = vurder(standardsett, lag_sak(**endringer))[kriterium]
    assert resultat.status == status, resultat.begrunnelse
    for tekst in inneholder:
        assert tekst in resultat.begrunnelse
    for tekst in uten:
        assert tekst not in resultat.begrunnelse


FELLES = ("endringer", "status", "inneholder", "uten")


def test_standardsettet_har_k1_til_k10_i_rekkefolge(standardsett):
    assert [k.id for s in standardsett for k in s.kriterier] == [f"K{i}" for i in range(1, 11)]


# --- K1: each child's needs mapped before the vedtak ---------------------------------------------

K1 = [
    tilfelle("uten-barn", "ikke_aktuelt", "ingen barn", husstand=hus()),
    tilfelle("uten-vedtak", "ikke_aktuelt", "ikke vedtak", vedtak=None),
    tilfelle("radgivning", "ikke_aktuelt", "Gjelder bare økonomisk stønad", **rad()),
    tilfelle(
        "opplysning-rad-veiledning",
        "ikke_aktuelt",
        tjeneste="opplysning_rad_veiledning",
    ),
    tilfelle(
        "kartlagt-paa-vedtaksdatoen",
        "oppfylt",
        "2 av 2 barn er kartlagt før vedtaket 18.03.2024",
        "B1 (9 år): kartlegging 18.03.2024",
        "B2 (4 år): kartlegging 18.03.2024",
        kartlegginger=[kl("B1"), kl("B2")],
    ),
    tilfelle(
        "B2-kartlagt-dagen-etter-vedtaket",
        "delvis_oppfylt",
        "1 av 2 barn er kartlagt før vedtaket",
        "B2 (4 år): ingen kartlegging datert senest på vedtaksdatoen 18.03.2024",
        uten=("B1 (9 år): ingen",),
        kartlegginger=[kl("B1"), kl("B2", DAGEN_ETTER)],
    ),
    tilfelle(
        "kartlegging-for-soknaden-teller",
        "oppfylt",
        kartlegginger=[kl("B1", "2023-12-01"), kl("B2", "2024-01-15")],
    ),
    tilfelle(
        "B2-bare-ett-tema",
        "delvis_oppfylt",
        "B2 (4 år): ingen kartlegging",
        uten=("B1 (9 år): ingen",),
        kartlegginger=[kl("B1"), kl("B2", tema=("barnehage",))],
    ),
    tilfelle(
        "samme-tema-to-ganger-er-ett-tema",
        "delvis_oppfylt",
        "B1 (9 år): ingen kartlegging",
        uten=("B2 (4 år): ingen",),
        kartlegginger=[kl("B1", tema=("skole", "skole")), kl("B2")],
    ),
    tilfelle(
        "to-tema-i-hver-sin-kartlegging-er-ikke-nok",
        "delvis_oppfylt",
        "B1 (9 år): ingen kartlegging",
        kartlegginger=[kl("B1", tema=("skole",)), kl("B1", tema=("fritid",)), kl("B2")],
    ),
    tilfelle(
        "kartlegginger-bare-av-B1",
        "delvis_oppfylt",
        "1 av 2",
        "B2 (4 år)",
        kartlegginger=[kl("B1"), kl("B1", "2024-03-10")],
    ),
    tilfelle(
        "bas-notat-om-begge-paa-vedtaksdatoen",
        "oppfylt",
        "2 av 2",
        "B1 (9 år): journalnotat «Barns aktiviteter og situasjon» 18.03.2024",
        journal=[notat(VEDTAKSDATO, ("B1", "B2"), BAS)],
    ),
    tilfelle(
        "bas-notat-dagen-etter",
        "ikke_oppfylt",
        "0 av 2 barn er kartlagt før vedtaket",
        "B1 (9 år): ingen kartlegging datert senest på vedtaksdatoen 18.03.2024",
        "B2 (4 år): ingen kartlegging datert senest på vedtaksdatoen 18.03.2024",
        journal=[notat(DAGEN_ETTER, ("B1", "B2"), BAS)],
    ),
    tilfelle(
        "annen-journaltype",
        "ikke_oppfylt",
        journal=[notat(VEDTAKSDATO, ("B1", "B2"), "Samtalereferat")],
    ),
    tilfelle(
        "notat-uten-journaltype",
        "ikke_oppfylt",
        journal=[notat(VEDTAKSDATO, ("B1", "B2"))],
    ),
    tilfelle(
        "bas-notat-uten-barn",
        "ikke_oppfylt",
        journal=[notat(VEDTAKSDATO, (), BAS)],
    ),
    tilfelle(
        "bas-notat-om-B1-og-kartlegging-av-B2",
        "oppfylt",
        journal=[notat("2024-03-10", ("B1",), BAS)],
        kartlegginger=[kl("B2")],
    ),
    tilfelle(
        "bas-notat-bare-om-B2",
        "delvis_oppfylt",
        "B1 (9 år): ingen kartlegging",
        uten=("B2 (4 år): ingen",),
        journal=[notat("2024-03-10", ("B2",), BAS)],
    ),
    tilfelle(
        "ingen-kartlagt",
        "ikke_oppfylt",
        "0 av 2 barn er kartlagt før vedtaket.",
        "B1 (9 år): ingen kartlegging datert senest på vedtaksdatoen 18.03.2024",
        "B2 (4 år): ingen kartlegging datert senest på vedtaksdatoen 18.03.2024",
    ),
]


@pytest.mark.parametrize(FELLES, K1)
def test_k1_hvert_barn_kartlagt_for_vedtak(standardsett, endringer, status, inneholder, uten):
    sjekk(standardsett, "K1", endringer, status, inneholder, uten)


# --- K2: barnets beste weighed and shown in the vedtak -------------------------------------------

# The K2 reading (lesingen «barnets_beste»): a concrete assessment of these children that is
# weighed is oppfylt, a mention or described situation is delvis_oppfylt, and negated mentions,
# rules, the applicant's words and postponed assessments are ikke_oppfylt. Each row is labelled
# by that rubric; more phenomena per sentence kind are in tests/test_tekstlesing.py.
KONKRET = "Datteren din (9 år) går på fotball og har venner på laget."
"""A sentence with content from the case about a child."""
OMTALER = ["barnets beste", "barnas beste", "hensynet til barnet", "hensynet til barna"]
VEKTORD = ["vektlagt", "vektet", "avveid", "veid opp mot"]


def k2(navn: str, tekst: str, status: str, *inneholder: str, **endringer: Any) -> Any:
    return tilfelle(navn, status, *inneholder, vedtak=vedtak(tekst), **endringer)


K2 = [
    k2("uten-barn", "Barnets beste er vektlagt.", "ikke_aktuelt", husstand=hus()),
    tilfelle("uten-vedtak", "ikke_aktuelt", "ikke vedtak", vedtak=None),
    tilfelle("radgivning", "ikke_aktuelt", **rad()),
    k2(
        "konkret-omtale-og-vekting-i-samme-setning",
        f"{KONKRET} Barnets beste er vurdert og vektlagt.",
        "oppfylt",
        "Vedtaket 18.03.2024 viser en konkret vurdering av barnas beste",
        "setning 1 og 2 i vedtaksteksten",
        "«barn beste»",
        "«vektlagt»",
        uten=("fotball", "Datteren"),
    ),
    k2(
        "tom-påstand-er-delvis",
        "Barnets beste er vurdert og vektlagt.",
        "delvis_oppfylt",
        "setning 1 i vedtaksteksten",
    ),
    k2(
        "vekting-i-neste-setning-som-viser-tilbake",
        f"{KONKRET} Dette er gitt stor vekt, og kontingenten dekkes.",
        "oppfylt",
        "setning 1 og 2",
    ),
    k2(
        "vekting-av-noe-annet-to-setninger-senere",
        "Barnets beste er vurdert. Søknaden om husleie er innvilget. Det er lagt vekt på husleien.",
        "delvis_oppfylt",
    ),
    k2(
        "vekting-nektet",
        f"{KONKRET} Barnets beste er vurdert. Det er ikke lagt vekt på dette.",
        "delvis_oppfylt",
        "Vedtaket 18.03.2024 nevner barnas beste eller situasjon (setning 1 og 2 i "
        "vedtaksteksten: «barn beste»), men viser ikke en konkret vurdering som er vektet mot "
        "andre hensyn.",
    ),
    k2("bare-omtale", "Barnets beste er vurdert.", "delvis_oppfylt", "«barn beste»"),
    k2(
        "omtale-nektet-med-ikke",
        "Barnets beste er ikke vurdert. Det er lagt vekt på husleien.",
        "ikke_oppfylt",
        "Vedtaket 18.03.2024 viser ingen vurdering av barnas beste",
    ),
    k2(
        "omtale-nektet-med-uten-at",
        "Vedtaket er fattet uten at barnets beste er vurdert. Vi har lagt vekt på husleien.",
        "ikke_oppfylt",
    ),
    k2(
        "en-nektet-og-en-gyldig-omtale",
        f"Barnets beste er ikke drøftet i søknaden. {KONKRET} Barnets beste er vurdert og vektlagt.",
        "oppfylt",
    ),
    k2("ingen-omtale", "Søknaden er innvilget etter en konkret vekting.", "ikke_oppfylt"),
    k2("ingen-omtale-tom-tekst", " ", "ikke_oppfylt"),
    k2("store-bokstaver", f"{KONKRET} BARNETS BESTE er vurdert og VEKTLAGT.", "oppfylt"),
    k2("bestemor-er-ikke-barn", "Bestemoren er vurdert og vektlagt.", "ikke_oppfylt"),
    k2(
        "barnekonvensjonen-er-ikke-et-barn",
        "Søknaden er vurdert etter barnekonvensjonen og avslått.",
        "ikke_oppfylt",
    ),
    k2(
        "nektelse-i-leddsetning-med-selv-om",
        f"{KONKRET} Selv om du ikke har søkt om det, har vi av hensyn til barnas beste lagt vekt på "
        "at hun skal kunne fortsette.",
        "oppfylt",
    ),
    k2(
        "dobbel-nektelse",
        "Nav kan ikke se bort fra at sønnen din (8 år) trenger briller til skolen. "
        "Hensynet til ham veier tyngre enn hovedregelen.",
        "oppfylt",
    ),
    k2(
        "verken-eller",
        "Vi har verken vurdert barnas situasjon eller deres behov.",
        "ikke_oppfylt",
    ),
    k2(
        "regelsetning",
        "Barnets beste skal være et grunnleggende hensyn, jf. Grunnloven § 104.",
        "ikke_oppfylt",
    ),
    k2(
        "sokerens-anforsel",
        "Du mener at Nav må legge vekt på barnas beste. Søknaden avslås.",
        "ikke_oppfylt",
    ),
    k2(
        "utsatt-vurdering",
        "Barnas behov vil bli vurdert når vi har fått uttalelse fra skolen.",
        "ikke_oppfylt",
    ),
    k2(
        "situasjon-uten-vekting",
        "Barna er 3 og 7 år. Den eldste går på skolen, den yngste i barnehage.",
        "delvis_oppfylt",
    ),
    k2(
        "nynorsk",
        "Sonen din (12 år) har astma og treng eige soverom. Omsynet til han er vege opp mot "
        "at husleiga er over norma.",
        "oppfylt",
    ),
    # sentences: abbreviations, ordinals, headings, lists and line breaks
    k2(
        "jf-avslutter-ikke-setningen",
        "Det er ikke grunnlag for mer, jf. barnets beste. Det er lagt vekt på husleien.",
        "ikke_oppfylt",
    ),
    k2(
        "kr-sist-i-setningen-avslutter-den",
        f"Det gis ikke mer enn 500 kr. {KONKRET} Barnets beste er vurdert og vektlagt.",
        "oppfylt",
        "setning 2 og 3",
    ),
    k2(
        "linjeskift-midt-i-setning-avslutter-den-ikke",
        "Vedtaket er fattet uten at\nbarnets beste er vurdert. Vekt er lagt på husleien.",
        "ikke_oppfylt",
    ),
    k2(
        "frase-delt-over-to-linjer",
        f"{KONKRET}\nVi har vurdert barnets\nbeste og lagt vekt\npå det.",
        "oppfylt",
    ),
    k2(
        "linje-som-begynner-med-dato-og-nektelse-i-et-annet-ledd",
        "Det ble ikke holdt samtale med familien før\n18. mars, og barnets beste er vurdert "
        "ut fra brev.",
        "delvis_oppfylt",
    ),
    k2(
        "overskrift-er-ikke-en-vurdering",
        "Vurdering av barnets beste\nSøknaden om strøm er innvilget.",
        "ikke_oppfylt",
    ),
    k2(
        "punktliste-med-barnas-situasjon",
        "Vi har sett på følgende:\n- Barn 1 (9 år) går i 4. klasse\n- Barn 2 (6 år) har logoped",
        "delvis_oppfylt",
    ),
    k2(
        "beregningslinjer-nevner-ikke-barna",
        "Beregning:\n- Barn 6–10 år: kr 4 050\n- Husleie: kr 9 000",
        "ikke_oppfylt",
    ),
]


@pytest.mark.parametrize(FELLES, K2)
def test_k2_barnets_beste_i_vedtaket(standardsett, endringer, status, inneholder, uten):
    sjekk(standardsett, "K2", endringer, status, inneholder, uten)


@pytest.mark.parametrize("omtale", OMTALER)
@pytest.mark.parametrize("vektord", VEKTORD)
def test_k2_hver_omtale_og_hvert_vektord(standardsett, omtale, vektord):
    tekst = f"{KONKRET} Vi har sett på {omtale}, og det er {vektord} andre hensyn."
    resultat = vurder(standardsett, lag_sak(vedtak=vedtak(tekst)))["K2"]
    assert resultat.status == "oppfylt", (omtale, vektord)
    assert resultat.setninger == (1, 2)
    assert resultat.tekstfelt == "vedtak.tekst"


@pytest.mark.parametrize("omtale", OMTALER)
def test_k2_hver_omtale_uten_vekting_er_delvis(standardsett, omtale):
    resultat = vurder(standardsett, lag_sak(vedtak=vedtak(f"{omtale.capitalize()} er sett på.")))
    assert resultat["K2"].status == "delvis_oppfylt"


@pytest.mark.parametrize("vektord", VEKTORD)
def test_k2_vekting_uten_omtale_er_ikke_oppfylt(standardsett, vektord):
    resultat = vurder(standardsett, lag_sak(vedtak=vedtak(f"Husleien er {vektord} inntekten.")))
    assert resultat["K2"].status == "ikke_oppfylt"


# --- K3: the children's expenses mapped and followed up in advice cases --------------------------

K3 = [
    tilfelle("okonomisk-stonad", "ikke_aktuelt", radgivning=radgivning()),
    tilfelle("uten-barn", "ikke_aktuelt", husstand=hus(), **rad(radgivning=radgivning())),
    tilfelle(
        "notat-om-barn-paa-forste-samtale",
        "oppfylt",
        "Utgifter til barn er kartlagt og fulgt opp: journalnotat 02.04.2024 om B1.",
        **rad(radgivning=radgivning(), journal=[notat(FORSTE_SAMTALE, ("B1",))]),
    ),
    tilfelle(
        "notat-om-barn-dagen-for-forste-samtale",
        "delvis_oppfylt",
        "Utgifter til barn er kartlagt, men ingen journalnotat eller tiltak om et bestemt barn "
        "er datert etter første samtale (02.04.2024).",
        **rad(radgivning=radgivning(), journal=[notat("2024-04-01", ("B1",))]),
    ),
    tilfelle(
        "notat-uten-barn-etter-forste-samtale",
        "delvis_oppfylt",
        **rad(radgivning=radgivning(), journal=[notat("2024-05-01")]),
    ),
    tilfelle(
        "tiltak-for-barn-etter-forste-samtale",
        "oppfylt",
        "tiltak familieveileder 10.04.2024 for B2",
        **rad(radgivning=radgivning(), tiltak=[tiltak("2024-04-10", ("B2",))]),
    ),
    tilfelle(
        "tiltak-uten-barn",
        "delvis_oppfylt",
        **rad(radgivning=radgivning(), tiltak=[tiltak("2024-04-10")]),
    ),
    tilfelle(
        "tiltak-for-barn-dagen-for",
        "delvis_oppfylt",
        **rad(radgivning=radgivning(), tiltak=[tiltak("2024-04-01", ("B2",))]),
    ),
    tilfelle(
        "uten-forste-samtale-teller-enhver-dato",
        "oppfylt",
        "journalnotat 01.01.2024 om B1, B2",
        **rad(radgivning=radgivning(forste=None), journal=[notat("2024-01-01", ("B1", "B2"))]),
    ),
    tilfelle(
        "uten-forste-samtale-og-uten-oppfolging",
        "delvis_oppfylt",
        "(ikke oppgitt)",
        **rad(radgivning=radgivning(forste=None)),
    ),
    tilfelle("kartlagt-uten-oppfolging", "delvis_oppfylt", **rad(radgivning=radgivning())),
    tilfelle(
        "utgifter-til-barn-ikke-kartlagt",
        "ikke_oppfylt",
        "Utgifter til barn er ikke kartlagt i rådgivningen.",
        **rad(
            radgivning=radgivning(kartlagt=("inntekter", "gjeld")),
            journal=[notat("2024-05-01", ("B1",))],
        ),
    ),
    tilfelle(
        "uten-radgivning",
        "ikke_oppfylt",
        **rad(journal=[notat("2024-05-01", ("B1",))]),
    ),
    tilfelle(
        "opplysning-rad-veiledning",
        "oppfylt",
        tjeneste="opplysning_rad_veiledning",
        vedtak=None,
        radgivning=radgivning(),
        tiltak=[tiltak("2024-04-10", ("B1",))],
    ),
]


@pytest.mark.parametrize(FELLES, K3)
def test_k3_utgifter_til_barn_kartlagt_og_fulgt_opp(
    standardsett, endringer, status, inneholder, uten
):
    sjekk(standardsett, "K3", endringer, status, inneholder, uten)


# --- K4: documented that the children's needs are considered -------------------------------------

K4 = [
    tilfelle("uten-barn", "ikke_aktuelt", husstand=hus(), kartlegginger=[]),
    tilfelle(
        "kartlegging-selv-etter-vedtaket-og-med-ett-tema",
        "oppfylt",
        "Barnas behov er dokumentert: kartlegging av B1 19.03.2024.",
        kartlegginger=[kl("B1", DAGEN_ETTER, tema=("skole",))],
    ),
    tilfelle(
        "notat-om-barn",
        "oppfylt",
        "journalnotat 06.03.2024 om B2",
        journal=[notat("2024-03-06", ("B2",))],
    ),
    tilfelle("notat-uten-barn", "ikke_oppfylt", journal=[notat("2024-03-06")]),
    tilfelle(
        "tiltak-for-barn",
        "oppfylt",
        "tiltak Ferie for alle 01.04.2024 for B1",
        tiltak=[tiltak("2024-04-01", ("B1",), "ferie_for_alle")],
    ),
    tilfelle("tiltak-uten-barn", "ikke_oppfylt", tiltak=[tiltak("2024-04-01")]),
    tilfelle(
        "vedtak-nevner-barnets-beste",
        "oppfylt",
        "setning 1 i vedtaksteksten: «barn beste»",
        vedtak=vedtak("Barnets beste er vurdert."),
    ),
    tilfelle(
        "vedtak-nevner-hensynet-til-barna",
        "oppfylt",
        vedtak=vedtak("Hensynet til barna taler for innvilgelse."),
    ),
    tilfelle(
        "vedtak-beskriver-barnas-situasjon",
        "oppfylt",
        vedtak=vedtak("Barna er 3 og 7 år, og den eldste går på skolen."),
    ),
    tilfelle(
        "vedtak-gjengir-bare-regelen",
        "ikke_oppfylt",
        vedtak=vedtak("Barnets beste skal være et grunnleggende hensyn, jf. Grunnloven § 104."),
    ),
    tilfelle(
        "vedtak-nekter-barnets-beste",
        "ikke_oppfylt",
        vedtak=vedtak("Barnets beste er ikke vurdert."),
    ),
    tilfelle(
        "ingenting",
        "ikke_oppfylt",
        "Verken kartlegging, journalnotat, tiltak eller vedtak gjelder et bestemt barn eller "
        "nevner barnas beste eller situasjon.",
    ),
    tilfelle(
        "uten-vedtak-med-notat", "oppfylt", vedtak=None, journal=[notat("2024-03-06", ("B1",))]
    ),
    tilfelle("uten-vedtak-uten-noe", "ikke_oppfylt", vedtak=None),
    tilfelle(
        "okonomisk-radgivning-med-notat",
        "oppfylt",
        **rad(journal=[notat("2024-04-06", ("B1",))]),
    ),
    tilfelle(
        "opplysning-rad-veiledning-uten-noe",
        "ikke_oppfylt",
        tjeneste="opplysning_rad_veiledning",
        vedtak=None,
    ),
    tilfelle(
        "flere-bevis-nevnes",
        "oppfylt",
        "kartlegging av B1 06.03.2024",
        "journalnotat 07.03.2024 om B2",
        kartlegginger=[kl("B1", "2024-03-06")],
        journal=[notat("2024-03-07", ("B2",))],
    ),
]


@pytest.mark.parametrize(FELLES, K4)
def test_k4_barnas_behov_dokumentert(standardsett, endringer, status, inneholder, uten):
    sjekk(standardsett, "K4", endringer, status, inneholder, uten)


# --- K5: children are not used as interpreters ----------------------------------------------------

K5 = [
    tilfelle("ingen-samtaler", "ikke_aktuelt", "Ingen samtale har registrert tolkebehov."),
    tilfelle(
        "samtale-uten-tolk",
        "ikke_aktuelt",
        samtaler=[samtale("kartleggingssamtale", referat=True)],
    ),
    tilfelle(
        "ikke-behov-for-tolk",
        "oppfylt",
        "Ingen samtale hadde barn som tolk.",
        samtaler=[samtale("kartleggingssamtale", tolk="ikke_behov")],
    ),
    tilfelle(
        "profesjonell-tolk",
        "oppfylt",
        samtaler=[samtale("kartleggingssamtale", tolk="profesjonell"), samtale("annet")],
    ),
    tilfelle(
        "annen-familie-og-behov-ikke-dekket",
        "oppfylt",
        samtaler=[
            samtale("kartleggingssamtale", tolk="annen_familie"),
            samtale("hjemmebesok", tolk="behov_ikke_dekket"),
        ],
    ),
    tilfelle(
        "barn-som-tolk-i-en-av-to",
        "ikke_oppfylt",
        "Barn ble brukt som tolk: oppfølgingssamtale 10.03.2024.",
        uten=("kartleggingssamtale",),
        samtaler=[
            samtale("kartleggingssamtale", tolk="profesjonell"),
            samtale("oppfolgingssamtale", "2024-03-10", tolk="barn"),
        ],
    ),
    tilfelle(
        "barn-som-tolk-i-planlagt-samtale",
        "ikke_oppfylt",
        samtaler=[samtale("hjemmebesok", status="planlagt", tolk="barn")],
    ),
    tilfelle(
        "gjelder-alle-tjenester-og-uten-barn",
        "oppfylt",
        husstand=hus(),
        samtaler=[samtale("radgivningssamtale", tolk="profesjonell")],
        **rad(),
    ),
]


@pytest.mark.parametrize(FELLES, K5)
def test_k5_barn_brukes_ikke_som_tolk(standardsett, endringer, status, inneholder, uten):
    sjekk(standardsett, "K5", endringer, status, inneholder, uten)


# --- K6: child benefit kept out of the calculation (from 1 September 2022) -----------------------

K6 = [
    tilfelle(
        "dagen-for-lovendringen",
        "ikke_aktuelt",
        "Vedtaket er datert 31.08.2022, før kravet gjaldt fra 01.09.2022.",
        vedtak=inntekter(("barnetrygd", True), dato="2022-08-31"),
    ),
    tilfelle(
        "dagen-lovendringen-gjelder-fra-medregnet",
        "ikke_oppfylt",
        "Barnetrygd er regnet med som inntekt i vedtaket 01.09.2022: barnetrygd 3\u00a0532 kr medregnet.",
        vedtak=inntekter(("barnetrygd", True), dato="2022-09-01"),
    ),
    tilfelle(
        "dagen-lovendringen-gjelder-fra-holdt-utenfor",
        "oppfylt",
        "Barnetrygden er holdt utenfor beregningen i vedtaket 01.09.2022.",
        vedtak=inntekter(("barnetrygd", False), dato="2022-09-01"),
    ),
    tilfelle("medregnet-ikke-oppgitt", "oppfylt", vedtak=inntekter(("barnetrygd", None))),
    tilfelle(
        "kontantstotte-medregnet-teller-ikke",
        "oppfylt",
        vedtak=inntekter(("barnetrygd", False), ("kontantstotte", True), ("lonn", True)),
    ),
    tilfelle(
        "en-av-to-barnetrygdrader-medregnet",
        "ikke_oppfylt",
        vedtak=inntekter(("barnetrygd", False), ("barnetrygd", True)),
    ),
    tilfelle(
        "uten-barnetrygd",
        "ikke_aktuelt",
        "Beregningen i vedtaket har ikke barnetrygd som inntekt.",
        vedtak=inntekter(("kontantstotte", True)),
    ),
    tilfelle("uten-beregning", "ikke_aktuelt"),
    tilfelle("uten-vedtak", "ikke_aktuelt", "ikke vedtak", vedtak=None),
    tilfelle(
        "gjelder-uten-barn-og-uansett-tjeneste",
        "ikke_oppfylt",
        husstand=hus(),
        tjeneste="opplysning_rad_veiledning",
        vedtak=inntekter(("barnetrygd", True)),
    ),
    tilfelle(
        "type-uten-hensyn-til-store-bokstaver",
        "ikke_oppfylt",
        vedtak=inntekter(("Barnetrygd", True)),
    ),
]


@pytest.mark.parametrize(FELLES, K6)
def test_k6_barnetrygd_holdt_utenfor(standardsett, endringer, status, inneholder, uten):
    sjekk(standardsett, "K6", endringer, status, inneholder, uten)


# --- K7: what is said is written down -------------------------------------------------------------

K7 = [
    tilfelle("ingen-samtaler", "ikke_aktuelt", "Saken har ingen gjennomført samtale."),
    tilfelle(
        "bare-avlyst-planlagt-ikke-mott",
        "ikke_aktuelt",
        samtaler=[
            samtale("kartleggingssamtale", status="avlyst"),
            samtale("oppfolgingssamtale", status="planlagt"),
            samtale("hjemmebesok", status="ikke_mott"),
        ],
    ),
    tilfelle(
        "status-mangler-er-gjennomfort",
        "oppfylt",
        "1 av 1 gjennomført samtale har referat.",
        samtaler=[samtale("kartleggingssamtale", referat=True)],
    ),
    tilfelle(
        "avlyst-uten-referat-teller-ikke",
        "oppfylt",
        "1 av 1",
        samtaler=[
            samtale("kartleggingssamtale", status="gjennomfort", referat=True),
            samtale("oppfolgingssamtale", status="avlyst", referat=False),
        ],
    ),
    tilfelle(
        "en-av-to-har-referat",
        "delvis_oppfylt",
        "1 av 2 gjennomførte samtaler har referat: oppfølgingssamtale 10.03.2024 uten referat.",
        "oppfølgingssamtale 10.03.2024 uten referat",
        uten=("kartleggingssamtale 06.03.2024 uten referat",),
        samtaler=[
            samtale("kartleggingssamtale", referat=True),
            samtale("oppfolgingssamtale", "2024-03-10", referat=False),
        ],
    ),
    tilfelle(
        "referat-mangler-er-ikke-referat",
        "delvis_oppfylt",
        "hjemmebesøk 10.03.2024 uten referat",
        samtaler=[
            samtale("kartleggingssamtale", referat=True),
            samtale("hjemmebesok", "2024-03-10"),
        ],
    ),
    tilfelle(
        "ingen-har-referat",
        "ikke_oppfylt",
        "0 av 2 gjennomførte samtaler har referat",
        "kartleggingssamtale 06.03.2024 uten referat",
        "rådgivningssamtale 10.03.2024 uten referat",
        samtaler=[
            samtale("kartleggingssamtale", referat=False),
            samtale("radgivningssamtale", "2024-03-10"),
        ],
    ),
]


@pytest.mark.parametrize(FELLES, K7)
def test_k7_muntlige_opplysninger_skrevet_ned(standardsett, endringer, status, inneholder, uten):
    sjekk(standardsett, "K7", endringer, status, inneholder, uten)


# --- K8: follow-up conversations with the family -------------------------------------------------

K8_IKKE_AKTUELT = "Gjelder innvilget stønad til familier som ikke er førstegangssøkere."

K8 = [
    tilfelle(
        "oppfolgingssamtale-gjennomfort",
        "oppfylt",
        "Familien er fulgt opp med samtale: oppfølgingssamtale 06.03.2024.",
        samtaler=[samtale("oppfolgingssamtale", status="gjennomfort")],
    ),
    tilfelle(
        "hjemmebesok-uten-status",
        "oppfylt",
        "hjemmebesøk 06.03.2024",
        samtaler=[samtale("hjemmebesok")],
    ),
    tilfelle(
        "etter-vedtaket-teller-ogsa",
        "oppfylt",
        samtaler=[samtale("oppfolgingssamtale", "2024-06-01")],
    ),
    tilfelle(
        "planlagt",
        "delvis_oppfylt",
        "Oppfølgingssamtale er tilbudt, men ikke gjennomført: oppfølgingssamtale 06.03.2024 "
        "(planlagt).",
        samtaler=[samtale("oppfolgingssamtale", status="planlagt")],
    ),
    tilfelle(
        "ikke-mott",
        "delvis_oppfylt",
        "hjemmebesøk 06.03.2024 (ikke møtt)",
        samtaler=[samtale("hjemmebesok", status="ikke_mott")],
    ),
    tilfelle(
        "avlyst-og-gjennomfort-kartlegging",
        "delvis_oppfylt",
        "(avlyst)",
        uten=("kartleggingssamtale",),
        samtaler=[
            samtale("oppfolgingssamtale", status="avlyst"),
            samtale("kartleggingssamtale"),
        ],
    ),
    tilfelle(
        "bare-kartleggingssamtale",
        "ikke_oppfylt",
        "Ingen oppfølgingssamtale eller hjemmebesøk er registrert.",
        samtaler=[samtale("kartleggingssamtale"), samtale("annet")],
    ),
    tilfelle("ingen-samtaler", "ikke_oppfylt"),
    tilfelle(
        "forstegangssoker",
        "ikke_aktuelt",
        K8_IKKE_AKTUELT,
        soknad={"mottatt": "2024-03-04", "forstegangssoker": True},
    ),
    tilfelle(
        "forstegangssoker-ikke-oppgitt",
        "oppfylt",
        soknad={"mottatt": "2024-03-04"},
        samtaler=[samtale("oppfolgingssamtale")],
    ),
    tilfelle(
        "delvis-innvilget",
        "ikke_oppfylt",
        vedtak=vedtak(utfall="delvis_innvilget"),
    ),
    tilfelle("avslag", "ikke_aktuelt", K8_IKKE_AKTUELT, vedtak=vedtak(utfall="avslag")),
    tilfelle("henlagt", "ikke_aktuelt", vedtak=vedtak(utfall="henlagt")),
    tilfelle("uten-barn", "ikke_aktuelt", "ingen barn", husstand=hus()),
    tilfelle("uten-vedtak", "ikke_aktuelt", vedtak=None),
    tilfelle(
        "radgivning",
        "ikke_aktuelt",
        samtaler=[samtale("oppfolgingssamtale")],
        **rad(),
    ),
]


@pytest.mark.parametrize(FELLES, K8)
def test_k8_oppfolgingssamtaler(standardsett, endringer, status, inneholder, uten):
    sjekk(standardsett, "K8", endringer, status, inneholder, uten)


# --- K9: the views of children aged 7 and over ----------------------------------------------------

SYNSPUNKTER = ("barnets_synspunkter",)

K9 = [
    tilfelle(
        "barn-paa-6-og-4",
        "ikke_aktuelt",
        "Husstanden har ingen barn på 7 år eller mer.",
        husstand=hus(("B1", 6), ("B2", 4)),
    ),
    tilfelle(
        "barn-paa-7-med-tema-paa-vedtaksdatoen",
        "oppfylt",
        "Synspunktene til 1 av 1 barn fra 7 år er innhentet",
        "B1 (7 år): kartlegging 18.03.2024 (kilde: forelder)",
        husstand=hus(("B1", 7), ("B2", 6)),
        kartlegginger=[kl("B1", tema=SYNSPUNKTER)],
    ),
    tilfelle(
        "kilde-barnet-uten-tema",
        "oppfylt",
        "(kilde: barnet)",
        kartlegginger=[kl("B1", tema=("fritid",), kilde="barnet")],
    ),
    tilfelle(
        "dagen-etter-vedtaket",
        "ikke_oppfylt",
        "Synspunktene til 0 av 1 barn fra 7 år er innhentet.",
        "B1 (9 år): synspunktene er ikke innhentet før vedtaket 18.03.2024",
        kartlegginger=[kl("B1", DAGEN_ETTER, tema=SYNSPUNKTER)],
    ),
    tilfelle(
        "barn-paa-6-telles-ikke",
        "oppfylt",
        "1 av 1",
        uten=("B2",),
        husstand=hus(("B1", 12), ("B2", 6)),
        kartlegginger=[kl("B1", tema=SYNSPUNKTER)],
    ),
    tilfelle(
        "ett-av-to-store-barn",
        "delvis_oppfylt",
        "Synspunktene til 1 av 2 barn fra 7 år er innhentet.",
        "B2 (7 år): synspunktene er ikke innhentet før vedtaket 18.03.2024",
        uten=("B1 (9 år): synspunktene",),
        husstand=hus(("B1", 9), ("B2", 7)),
        kartlegginger=[kl("B1", kilde="barnet")],
    ),
    tilfelle(
        "kartlegging-av-annet-barn-teller-ikke",
        "ikke_oppfylt",
        kartlegginger=[kl("B2", tema=SYNSPUNKTER, kilde="barnet")],
    ),
    tilfelle(
        "kartlegging-uten-synspunkter",
        "ikke_oppfylt",
        kartlegginger=[kl("B1", tema=("fritid", "skole", "helse"))],
    ),
    tilfelle("uten-vedtak", "ikke_aktuelt", vedtak=None),
    tilfelle("uten-barn", "ikke_aktuelt", husstand=hus()),
    tilfelle("radgivning", "ikke_aktuelt", **rad()),
]


@pytest.mark.parametrize(FELLES, K9)
def test_k9_barnas_synspunkter(standardsett, endringer, status, inneholder, uten):
    sjekk(standardsett, "K9", endringer, status, inneholder, uten)


# --- K10: waiting time to the first advice conversation ------------------------------------------

K10 = [
    tilfelle(
        "30-dager",
        "oppfylt",
        "Første samtale innen fristen på 30 dager: 30 dager fra 04.03.2024 til 03.04.2024.",
        **rad(radgivning=radgivning("2024-04-03")),
    ),
    tilfelle(
        "31-dager",
        "ikke_oppfylt",
        "Første samtale kom etter fristen på 30 dager: 31 dager fra 04.03.2024 til 04.04.2024.",
        **rad(radgivning=radgivning("2024-04-04")),
    ),
    tilfelle(
        "samme-dag",
        "oppfylt",
        "0 dager fra 04.03.2024 til 04.03.2024",
        **rad(radgivning=radgivning("2024-03-04")),
    ),
    tilfelle(
        "opplysning-rad-veiledning-31-dager",
        "ikke_oppfylt",
        tjeneste="opplysning_rad_veiledning",
        vedtak=None,
        radgivning=radgivning("2024-04-04"),
    ),
    tilfelle(
        "forste-samtale-mangler",
        "ikke_vurdert",
        "Saken viser ikke når første rådgivningssamtale var",
        **rad(radgivning=radgivning(None)),
    ),
    tilfelle("radgivning-mangler", "ikke_vurdert", **rad()),
    tilfelle(
        "uten-barn-selv-uten-forste-samtale",
        "ikke_aktuelt",
        "ingen barn",
        husstand=hus(),
        **rad(),
    ),
    tilfelle("okonomisk-stonad", "ikke_aktuelt", radgivning=radgivning("2024-05-20")),
]


@pytest.mark.parametrize(FELLES, K10)
def test_k10_ventetid_til_forste_samtale(standardsett, endringer, status, inneholder, uten):
    sjekk(standardsett, "K10", endringer, status, inneholder, uten)


# --- across the set ------------------------------------------------------------------------------


def test_ingen_begrunnelse_gjengir_fritekst_fra_saken(standardsett):
    hemmelig = "Kari Hemmeligsen"
    sak = lag_sak(
        husstand={"voksne": 1, "barn": [{"id": "B1", "alder": 9, "merknad": hemmelig}]},
        vedtak=vedtak(
            f"{hemmelig}: barnets beste er vurdert og vektlagt.",
            beregning={"inntekter": [{"type": "barnetrygd", "belop": 1, "medregnet": True}]},
        ),
        journal=[{**notat("2024-03-06", ("B1",), BAS), "tekst": hemmelig}],
        tiltak=[{**tiltak("2024-03-07", ("B1",)), "merknad": hemmelig}],
        samtaler=[samtale("oppfolgingssamtale", tolk="barn")],
        kartlegginger=[kl("B1", tema=SYNSPUNKTER)],
    )
    resultater = vurder(standardsett, sak)
    assert len(resultater) == 10
    for resultat in resultater.values():
        assert resultat.begrunnelse
        assert hemmelig not in resultat.begrunnelse
        assert "Hemmelig" not in resultat.begrunnelse


def test_hvert_kriterium_gir_hver_status_det_kan_gi():
    """The tables above cover every status each criterion can give."""
    tabeller = {"K1": K1, "K2": K2, "K3": K3, "K4": K4, "K5": K5}
    tabeller |= {"K6": K6, "K7": K7, "K8": K8, "K9": K9, "K10": K10}
    alle = {"oppfylt", "delvis_oppfylt", "ikke_oppfylt", "ikke_aktuelt"}
    mulige = {
        "K1": alle,
        "K2": alle,
        "K3": alle,
        "K4": alle - {"delvis_oppfylt"},
        "K5": alle - {"delvis_oppfylt"},
        "K6": alle - {"delvis_oppfylt"},
        "K7": alle,
        "K8": alle,
        "K9": alle,
        "K10": alle - {"delvis_oppfylt"} | {"ikke_vurdert"},
    }
    for kriterium, tabell in tabeller.items():
        assert {rad.values[1] for rad in tabell} == mulige[kriterium], kriterium
