"""The generated criterion functions judge every case as the reference closures do.

``KompilertKriterium.vurder`` is generated Python source (``kodegen*``), the only evaluator in
production; ``tests/kriteriesprak_referanse.py`` is a plain closure interpreter kept as the test
oracle. Random criteria (conditions nested at random, with and without evidence texts) are
compared on random cases: status, reason and evidence must be the same, character for character.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revisjon.kriteriesprak import modell as m
from revisjon.kriteriesprak.kodegen_kriterium import skriv_kilde
from revisjon.kriteriesprak.lasting import last_kriterier
from revisjon.kriteriesprak.regel import KompilertKriterium, kompiler_kriterium
from revisjon.sak import Sak
from tests.conftest import EKSEMPLER, ROT
from tests.kriteriesprak_referanse import referanse

NEGASJON = ("ikke", "uten")
DATOER = st.dates(dt.date(2024, 1, 1), dt.date(2024, 6, 30))
BARN_ID = ["B1", "B2", "B3"]
FRASER = ["barnets beste", "barnas beste", "vekt", "vektlagt", "eldste barn", "særlige behov"]
SETNINGER = [
    "Barnets beste er vurdert.",
    "Barnets beste er ikke vurdert.",
    "Hensynet er vektlagt.",
    "Det er lagt vekt på eldste barn.",
    "Søknaden er innvilget, jf. § 18.",
    "Barnas beste\n\ner uten betydning.",
    "Særlige behov er kartlagt 18. mars.",
    "Du får 300 kr. Barnets beste er vektlagt.",
]


def _generert(kompilert: KompilertKriterium) -> bool:
    return getattr(kompilert.vurder, "__self__", None) is not kompilert


def _sjekk_like(kompilert: KompilertKriterium, saker: list[Sak]) -> None:
    assert _generert(kompilert), skriv_kilde(kompilert, NEGASJON)[0]
    vurder_referanse = referanse(kompilert)
    for sak in saker:
        assert kompilert.vurder(sak) == vurder_referanse(sak), skriv_kilde(kompilert, NEGASJON)[0]


# --- random cases ------------------------------------------------------------------------------


@st.composite
def saker(draw: st.DrawFn) -> Sak:
    barn = draw(st.lists(st.sampled_from(BARN_ID), max_size=3, unique=True))
    ider = st.lists(st.sampled_from(BARN_ID), max_size=2, unique=True)
    tekst = st.lists(st.sampled_from(SETNINGER), max_size=4).map(" ".join)
    data: dict[str, Any] = {
        "versjon": 1,
        "sak_id": "T-1",
        "tjeneste": draw(
            st.sampled_from(
                ["okonomisk_stonad", "opplysning_rad_veiledning", "okonomisk_radgivning"]
            )
        ),
        "soknad": {
            "mottatt": draw(DATOER),
            "forstegangssoker": draw(st.sampled_from([None, True, False])),
        },
        "husstand": {
            "voksne": draw(st.integers(1, 2)),
            "barn": [
                {
                    "id": i,
                    "alder": draw(st.integers(0, 17)),
                    "merknad": draw(st.sampled_from([None, "", "x"])),
                }
                for i in barn
            ],
        },
        "journal": [
            {
                "dato": draw(DATOER),
                "system": "socio",
                "journaltype": draw(
                    st.sampled_from([None, "Notat", "Barns aktiviteter og situasjon"])
                ),
                "barn": draw(ider),
                "tekst": draw(tekst),
            }
            for _ in range(draw(st.integers(0, 2)))
        ],
        "samtaler": [
            {
                "dato": draw(DATOER),
                "type": draw(
                    st.sampled_from(["kartleggingssamtale", "oppfolgingssamtale", "hjemmebesok"])
                ),
                "status": draw(st.sampled_from(["gjennomfort", "avlyst", "planlagt"])),
                "tolk": draw(st.sampled_from([None, "barn", "profesjonell"])),
                "referat": draw(st.sampled_from([None, True, False])),
            }
            for _ in range(draw(st.integers(0, 3)))
        ],
        "kartlegginger": [
            {
                "dato": draw(DATOER),
                "barn": draw(st.sampled_from(BARN_ID)),
                "kilde": draw(st.sampled_from(["forelder", "barnet", "skole"])),
                "tema": draw(st.lists(st.sampled_from(["fritid", "skole", "helse"]), max_size=3)),
            }
            for _ in range(draw(st.integers(0, 3)))
        ],
        "tiltak": [
            {
                "dato": draw(DATOER),
                "type": draw(st.sampled_from(["bti", "annet"])),
                "barn": draw(ider),
            }
            for _ in range(draw(st.integers(0, 2)))
        ],
    }
    if draw(st.booleans()):
        data["vedtak"] = {
            "dato": draw(DATOER),
            "utfall": draw(st.sampled_from(["innvilget", "avslag", "henlagt"])),
            "tekst": draw(tekst),
            "beregning": draw(
                st.sampled_from(
                    [
                        None,
                        {"inntekter": [{"type": "barnetrygd", "belop": 1000.0, "medregnet": True}]},
                        {
                            "inntekter": [
                                {"type": "barnetrygd", "belop": 2.5},
                                {"type": "lonn", "belop": 10},
                            ]
                        },
                    ]
                )
            ),
        }
    if draw(st.booleans()):
        data["radgivning"] = {
            "forste_samtale": draw(st.one_of(st.none(), DATOER)),
            "kartlagt": draw(
                st.lists(st.sampled_from(["inntekt", "utgifter_til_barn"]), max_size=2)
            ),
        }
    return Sak.model_validate(data)


# --- random criteria ---------------------------------------------------------------------------

LISTER = {
    "kartlegginger": "k",
    "samtaler": "s",
    "journal": "j",
    "tiltak": "t",
    "husstand.barn": "b",
    "vedtak.beregning.inntekter": "i",
}
BEVIS = {
    "k": "kartlegging {X.dato} ({X.kilde}, {X.tema})",
    "s": "{X.type} {X.dato} {X.status} {X.referat}",
    "j": "notat {X.dato} om {X.barn}",
    "t": "tiltak {X.type} for {X.barn}",
    "b": "{X.id} ({X.alder} år)",
    "i": "{X.type} {X.belop} kr",
}


def _blader(slag: str, x: str, ytre: str | None) -> list[dict[str, Any]]:
    """Simple conditions on an item ``x`` of the kind ``slag`` (``ytre``: a bound child)."""
    blader: dict[str, list[dict[str, Any]]] = {
        "k": [
            {"lik": {"felt": f"{x}.kilde", "verdi": "Barnet"}},
            {"inneholder": {"felt": f"{x}.tema", "verdi": "helse"}},
            {"dato": {"felt": f"{x}.dato", "senest": "vedtak.dato"}},
            {"dato": {"felt": f"{x}.dato", "tidligst": "2024-03-01", "senest": "soknad.mottatt"}},
            {"antall_ulike": {"felt": f"{x}.tema", "minst": 2}},
        ],
        "s": [
            {"lik": {"felt": f"{x}.status", "verdi": "gjennomfort"}},
            {"en_av": {"felt": f"{x}.type", "verdier": ["hjemmebesok", "oppfolgingssamtale"]}},
            {"lik": {"felt": f"{x}.referat", "verdi": True}},
            {"finnes": f"{x}.tolk"},
        ],
        "j": [
            {"tekst": {"felt": f"{x}.tekst", "fraser": ["barnets beste", "vekt"]}},
            {"finnes": f"{x}.barn"},
            {"lik": {"felt": f"{x}.journaltype", "verdi": "barns  aktiviteter og situasjon"}},
            {"inneholder": {"felt": f"{x}.barn", "verdi": "B1"}},
        ],
        "t": [{"finnes": f"{x}.barn"}, {"en_av": {"felt": f"{x}.type", "verdier": ["BTI"]}}],
        "b": [
            {"tall": {"felt": f"{x}.alder", "minst": 7}},
            {"tall": {"felt": f"{x}.alder", "hoyst": 5}},
            {"tall": {"felt": f"{x}.alder", "minst": 2.5, "hoyst": 9}},
            {"finnes": f"{x}.merknad"},
        ],
        "i": [
            {"lik": {"felt": f"{x}.type", "verdi": "barnetrygd"}},
            {"lik": {"felt": f"{x}.medregnet", "verdi": True}},
            {"tall": {"felt": f"{x}.belop", "minst": 2, "hoyst": 1000}},
        ],
    }
    ut = blader[slag]
    if ytre is not None and slag == "k":
        ut = [*ut, {"lik": {"felt": f"{x}.barn", "som_felt": f"{ytre}.id"}}]
    if ytre is not None and slag == "j":
        ut = [*ut, {"inneholder": {"felt": f"{x}.barn", "som_felt": f"{ytre}.id"}}]
    return ut


ROTBLADER: list[dict[str, Any]] = [
    {"lik": {"felt": "vedtak.utfall", "verdi": "Innvilget"}},
    {"lik": {"felt": "soknad.forstegangssoker", "verdi": True}},
    {"en_av": {"felt": "tjeneste", "verdier": ["okonomisk_stonad"]}},
    {"finnes": "vedtak.beregning"},
    {"finnes": "radgivning.forste_samtale"},
    {"finnes": "journal"},
    {"dato": {"felt": "vedtak.dato", "senest": "radgivning.forste_samtale", "hvis_mangler": True}},
    {"dato": {"felt": "radgivning.forste_samtale", "tidligst": "soknad.mottatt"}},
    {"tall": {"felt": "husstand.voksne", "minst": 2}},
    {"antall_ulike": {"felt": "radgivning.kartlagt", "minst": 1, "hoyst": 1}},
    {"inneholder": {"felt": "radgivning.kartlagt", "verdi": "utgifter_til_barn"}},
    {"tekst": {"felt": "vedtak.tekst", "fraser": ["barnets beste", "barnas beste"]}},
    {"tekst": {"felt": "vedtak.tekst", "fraser": ["vekt", "vektlagt"], "ta_med_negerte": True}},
    {"tekst": {"felt": "vedtak.tekst", "fraser": ["eldste barn"], "regex": ["særlige\\s+behov"]}},
    {"dager_mellom": {"fra": "soknad.mottatt", "til": "vedtak.dato", "hoyst": 30}},
    {"dager_mellom": {"fra": "soknad.mottatt", "til": "vedtak.dato", "minst": 0}},
    {
        "dager_mellom": {
            "fra": "2024-02-01",
            "til": "radgivning.forste_samtale",
            "minst": 10,
            "hoyst": 90,
        }
    },
]


@st.composite
def betingelser(
    draw: st.DrawFn,
    bundne: tuple[tuple[str, str], ...] = (),
    dybde: int = 0,
    barn: str | None = None,
) -> dict[str, Any]:
    """A random condition; ``bundne``: (name, kind) of the items in scope."""
    valg = ["blad", "blad", "kvantor", "og", "eller", "ikke"] if dybde < 3 else ["blad"]
    slag = draw(st.sampled_from(valg))
    if slag == "blad":
        kilder = [ROTBLADER] + [_blader(s, navn, barn) for navn, s in bundne]
        return draw(st.sampled_from(draw(st.sampled_from(kilder))))
    if slag in ("og", "eller"):
        return {slag: draw(st.lists(betingelser(bundne, dybde + 1, barn), min_size=1, max_size=3))}
    if slag == "ikke":
        return {"ikke": draw(betingelser(bundne, dybde + 1, barn))}
    liste = draw(st.sampled_from(list(LISTER)))
    art = LISTER[liste]
    navn = f"{art}{dybde}"
    kvantor: dict[str, Any] = {"liste": liste, "som": navn}
    indre = ((navn, art), *bundne)
    if draw(st.booleans()):
        kvantor["hvor"] = draw(betingelser(indre, dybde + 1, barn))
    if draw(st.booleans()):
        kvantor["bevis"] = BEVIS[art].replace("X", navn)
    hva = draw(st.sampled_from(["noen", "alle", "ingen", "antall"]))
    if hva == "antall":
        kvantor.update(
            draw(st.sampled_from([{"minst": 1}, {"hoyst": 1}, {"minst": 1, "hoyst": 2}]))
        )
    return {hva: kvantor}


BEGRUNNELSE = {
    "oppfylt": st.sampled_from(["Ja: {bevis}.", "Ja {vedtak.dato}.", "Ja."]),
    "delvis_oppfylt": st.sampled_from(["Delvis: {bevis}.", "Delvis."]),
    "ikke_oppfylt": st.sampled_from(["Nei: {bevis}.", "Nei ({soknad.mottatt}).", "Nei."]),
}


@st.composite
def kriterier(draw: st.DrawFn) -> m.Kriterium:
    data: dict[str, Any] = {"id": "T1", "tittel": "Prøve", "kilde": ["prøve"]}
    gjelder: dict[str, Any] = {}
    if draw(st.booleans()):
        gjelder["tjeneste"] = draw(
            st.lists(
                st.sampled_from(["okonomisk_stonad", "okonomisk_radgivning"]),
                min_size=1,
                unique=True,
            )
        )
    for nokkel in ("har_barn", "har_vedtak"):
        if draw(st.booleans()):
            gjelder[nokkel] = draw(st.booleans())
    if draw(st.integers(0, 4)) == 0:
        gjelder[draw(st.sampled_from(["i_kraft_fra", "i_kraft_til"]))] = draw(DATOER)
    if draw(st.booleans()):
        gjelder["vilkar"] = draw(betingelser())
    data["gjelder"] = gjelder
    if draw(st.integers(0, 3)) == 0:
        data["krever"] = draw(
            st.lists(
                st.sampled_from(["vedtak.beregning", "radgivning.forste_samtale", "journal"]),
                min_size=1,
            )
        )
    begrunnelse = {status: draw(tekst) for status, tekst in BEGRUNNELSE.items()}
    if draw(st.booleans()):
        begrunnelse["ikke_aktuelt"] = "Ikke aktuelt {soknad.mottatt}."
    if draw(st.booleans()):
        begrunnelse["ikke_vurdert"] = "Mangler noe."
    if draw(st.booleans()):
        krav = draw(betingelser((("barn", "b"),), 1, "barn"))
        for_hvert: dict[str, Any] = {"liste": "husstand.barn", "som": "barn"}
        if draw(st.booleans()):
            for_hvert["hvor"] = draw(st.sampled_from(_blader("b", "barn", None)))
        data["vurdering"] = {"for_hvert": for_hvert, "krav": krav}
        data["vurdering"]["tekst_mangler"] = draw(
            st.sampled_from(["{barn.id}: {bevis}", "{barn.id} mangler"])
        )
        if draw(st.booleans()):
            data["vurdering"]["tekst_oppfylt"] = draw(
                st.sampled_from(["{barn.id}: {bevis}", "{barn.alder} år"])
            )
        navngitte = ["{antall}", "{antall_oppfylt}", "{antall_mangler}", "{oppfylte}", "{mangler}"]
        begrunnelse = {
            status: " ".join(draw(st.lists(st.sampled_from(navngitte), max_size=3))) or "Tekst."
            for status in ("oppfylt", "delvis_oppfylt", "ikke_oppfylt")
        } | {k: v for k, v in begrunnelse.items() if k in ("ikke_aktuelt", "ikke_vurdert")}
    else:
        data["vurdering"] = {"oppfylt": draw(betingelser())}
        if draw(st.booleans()):
            data["vurdering"]["delvis_oppfylt"] = draw(betingelser())
        else:
            begrunnelse.pop("delvis_oppfylt")
    data["begrunnelse"] = begrunnelse
    return m.Kriterium.model_validate(data)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kriterium=kriterier(), saksliste=st.lists(saker(), min_size=1, max_size=4))
def test_generert_kode_dommer_som_lukningene(kriterium: m.Kriterium, saksliste: list[Sak]) -> None:
    _sjekk_like(kompiler_kriterium(kriterium, NEGASJON), saksliste)


# Conditions whose evidence is easy to get wrong: what a failing part found, every branch of an
# ``eller``, what ``hvor`` found when there is no ``bevis`` text.
SAMTALE = {"liste": "samtaler", "som": "s", "bevis": "{s.type} {s.dato}"}
NOTAT_TEKST = {"tekst": {"felt": "j.tekst", "fraser": ["barnets beste", "vekt"]}}
VANSKELIGE: list[dict[str, Any]] = [
    {"ikke": {"noen": SAMTALE}},
    {"ikke": {"dager_mellom": {"fra": "soknad.mottatt", "til": "vedtak.dato", "hoyst": 30}}},
    {"og": [{"noen": SAMTALE}, {"lik": {"felt": "vedtak.utfall", "verdi": "avslag"}}]},
    {"og": [{"tekst": ROTBLADER[11]["tekst"]}, {"ikke": {"noen": SAMTALE}}]},
    {"eller": [{"noen": SAMTALE}, {"tekst": ROTBLADER[12]["tekst"]}, {"finnes": "vedtak"}]},
    {"eller": [{"alle": {**SAMTALE, "hvor": {"lik": {"felt": "s.referat", "verdi": True}}}}]},
    {"ingen": {**SAMTALE, "hvor": {"lik": {"felt": "s.status", "verdi": "gjennomfort"}}}},
    {"antall": {"liste": "journal", "som": "j", "hvor": NOTAT_TEKST, "minst": 1, "hoyst": 1}},
    {"noen": {"liste": "journal", "som": "j", "hvor": {"og": [NOTAT_TEKST, {"finnes": "j.barn"}]}}},
    {"alle": {"liste": "journal", "som": "j", "hvor": {"ikke": NOTAT_TEKST}}},
    {"dager_mellom": {"fra": "soknad.mottatt", "til": "radgivning.forste_samtale", "minst": 5}},
]


@pytest.mark.parametrize("delvis", [False, True])
@pytest.mark.parametrize("betingelse", VANSKELIGE)
@settings(max_examples=40, deadline=None)
@given(saksliste=st.lists(saker(), min_size=1, max_size=4))
def test_vanskelige_bevis_dommes_som_med_lukningene(
    betingelse: dict[str, Any], delvis: bool, saksliste: list[Sak]
) -> None:
    vurdering: dict[str, Any] = {"oppfylt": betingelse}
    begrunnelse = {"oppfylt": "Ja: {bevis}.", "ikke_oppfylt": "Nei: {bevis}."}
    if delvis:
        vurdering["delvis_oppfylt"] = {"ikke": betingelse}
        begrunnelse["delvis_oppfylt"] = "Delvis: {bevis}."
    kriterium = m.Kriterium.model_validate(
        {
            "id": "T1",
            "tittel": "Prøve",
            "kilde": ["prøve"],
            "vurdering": vurdering,
            "begrunnelse": begrunnelse,
        }
    )
    _sjekk_like(kompiler_kriterium(kriterium, NEGASJON), saksliste)


# --- the bundled sets and the examples ---------------------------------------------------------


@pytest.fixture(scope="module")
def alle_sett() -> list[KompilertKriterium]:
    filer = sorted((ROT / "revisjon" / "kriterier").glob("*.yaml"))
    return [k for sett in last_kriterier(filer) for k in sett.kriterier]


def test_alle_kriteriene_i_standardsettene_er_generert(alle_sett: list[KompilertKriterium]) -> None:
    assert alle_sett and all(_generert(k) for k in alle_sett)


@settings(max_examples=150, deadline=None)
@given(saksliste=st.lists(saker(), min_size=1, max_size=5))
def test_standardsettene_dommer_som_lukningene(
    alle_sett: list[KompilertKriterium], saksliste: list[Sak]
) -> None:
    for kompilert in alle_sett:
        _sjekk_like(kompilert, saksliste)


def test_eksemplene_dommes_som_med_lukningene(alle_sett: list[KompilertKriterium]) -> None:
    from revisjon.inntak.lesing import InnlestSak, les_fil

    saksliste = [
        s.sak
        for fil in sorted(EKSEMPLER.iterdir())
        for s in les_fil(fil)
        if isinstance(s, InnlestSak)
    ]
    assert len(saksliste) > 20
    for kompilert in alle_sett:
        _sjekk_like(kompilert, saksliste)


# --- safety: criteria text never becomes code --------------------------------------------------

FARLIG = "'); import os; os.system('echo x') #\\\n\"\"\" {{"


def test_tekst_fra_kriteriefilen_blir_aldri_kode(tmp_path: Path) -> None:
    farlig = FARLIG.replace("{{", "")
    kriterium = m.Kriterium.model_validate(
        {
            "id": "T1",
            "tittel": "Prøve",
            "kilde": ["prøve"],
            "vurdering": {
                "oppfylt": {
                    "eller": [
                        {
                            "tekst": {
                                "felt": "vedtak.tekst",
                                "fraser": [farlig],
                                "regex": [re.escape(farlig)],
                            }
                        },
                        {"noen": {"liste": "journal", "som": "x", "bevis": farlig + "{x.dato}"}},
                        {"lik": {"felt": "vedtak.tekst", "verdi": farlig}},
                    ]
                }
            },
            "begrunnelse": {"oppfylt": farlig + "{bevis}", "ikke_oppfylt": farlig},
        }
    )
    kompilert = kompiler_kriterium(kriterium, NEGASJON)
    kilde, _ = skriv_kilde(kompilert, NEGASJON)
    assert "import" not in kilde and "echo" not in kilde and '"""' not in kilde
    sak = Sak.model_validate(
        {
            "versjon": 1,
            "sak_id": "T",
            "tjeneste": "okonomisk_stonad",
            "soknad": {"mottatt": "2024-01-01"},
            "husstand": {"voksne": 1, "barn": []},
            "vedtak": {"dato": "2024-02-01", "utfall": "innvilget", "tekst": farlig},
            "journal": [{"dato": "2024-01-05", "system": "socio", "tekst": "x"}],
        }
    )
    _sjekk_like(kompilert, [sak])
    assert kompilert.vurder(sak).begrunnelse.startswith(farlig)


def test_dypt_nestet_kriterium_dommes_av_generert_kode() -> None:
    # More loops inside each other than Python compiles in one function: the generated code
    # writes the inner ones as functions of their own.
    betingelse: dict[str, Any] = {"finnes": "j0.barn"}
    for i in range(25):
        betingelse = {"noen": {"liste": "journal", "som": f"j{i}", "hvor": betingelse}}
    kriterium = m.Kriterium.model_validate(
        {
            "id": "T1",
            "tittel": "Prøve",
            "kilde": ["prøve"],
            "vurdering": {"oppfylt": betingelse},
            "begrunnelse": {"oppfylt": "Ja.", "ikke_oppfylt": "Nei."},
        }
    )
    kompilert = kompiler_kriterium(kriterium, NEGASJON)
    assert _generert(kompilert)
    notat = {"dato": "2024-01-05", "system": "socio", "tekst": "x", "barn": ["B1"]}
    grunnlag = {
        "versjon": 1,
        "sak_id": "T",
        "tjeneste": "okonomisk_stonad",
        "soknad": {"mottatt": "2024-01-01"},
        "husstand": {"voksne": 1, "barn": []},
    }
    assert (
        kompilert.vurder(Sak.model_validate({**grunnlag, "journal": [notat]})).status == "oppfylt"
    )
    assert kompilert.vurder(Sak.model_validate(grunnlag)).status == "ikke_oppfylt"


# --- every criterion the loader accepts is generated, up to the file's own limits ----------------

TEKST_I_NOTAT = {"tekst": {"felt": "j0.tekst", "fraser": ["barnets beste"]}}
TEKST_I_VEDTAK = {"tekst": {"felt": "vedtak.tekst", "fraser": ["barnets beste", "vekt"]}}


def _nestet(slag: str, dybde: int) -> dict[str, Any]:
    """A condition nested ``dybde`` deep, finding evidence at the bottom."""
    betingelse: dict[str, Any] = TEKST_I_VEDTAK
    for i in range(dybde):
        if slag == "noen":
            inni = {"og": [betingelse, {"finnes": f"j{i}.barn"}]} if i % 2 else betingelse
            betingelse = {"noen": {"liste": "journal", "som": f"j{i}", "hvor": inni}}
        elif slag == "alle-antall":
            kvantor = {"liste": "samtaler", "som": f"s{i}", "hvor": betingelse}
            betingelse = {"alle": kvantor} if i % 2 else {"antall": {**kvantor, "minst": 1}}
        elif slag == "ikke":
            betingelse = {"ikke": betingelse}
        elif slag == "og-eller":
            nabo = {"dager_mellom": {"fra": "soknad.mottatt", "til": "vedtak.dato", "hoyst": 9 + i}}
            betingelse = {"og" if i % 2 else "eller": [nabo, betingelse, {"finnes": "vedtak"}]}
    return betingelse


def _bred(slag: str, bredde: int) -> dict[str, Any]:
    """``og``/``eller`` with ``bredde`` parts that are not plain expressions."""
    deler = [
        {"dager_mellom": {"fra": "soknad.mottatt", "til": "vedtak.dato", "minst": i % 5}}
        if i % 2
        else {
            "noen": {
                "liste": "samtaler",
                "som": "s",
                "hvor": {"tall": {"felt": "husstand.voksne", "minst": i % 3}},
            }
        }
        for i in range(bredde)
    ]
    return {slag: deler}


def _last_ett(tmp_path: Path, betingelse: dict[str, Any], delvis: bool) -> KompilertKriterium:
    """One criterion through the loader, from a file (so the YAML limits apply)."""
    import json

    vurdering: dict[str, Any] = {"oppfylt": betingelse}
    begrunnelse = {"oppfylt": "Ja: {bevis}.", "ikke_oppfylt": "Nei: {bevis}."}
    if delvis:
        vurdering["delvis_oppfylt"] = {"ikke": betingelse}
        begrunnelse["delvis_oppfylt"] = "Delvis."
    innhold = {
        "format": "revisjon-kriterier/1",
        "tittel": "Prøve",
        "kriterier": [
            {
                "id": "T1",
                "tittel": "Prøve",
                "kilde": ["prøve"],
                "vurdering": vurdering,
                "begrunnelse": begrunnelse,
            }
        ],
    }
    fil = tmp_path / "k.yaml"
    fil.write_text(json.dumps(innhold, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    (sett,) = last_kriterier([fil])
    return sett.kriterier[0]


def _korte(sak: Sak) -> Sak:
    """At most one note and one conversation: quantifiers nested n deep over a list of k items
    walk k**n combinations."""
    return sak.model_copy(update={"journal": sak.journal[:1], "samtaler": sak.samtaler[:1]})


KORTE_SAKER = st.lists(saker().map(_korte), min_size=1, max_size=4)

_LASTET: dict[tuple[str, int, bool], KompilertKriterium] = {}
"""Criteria loaded once per shape (loading is the slow part of these tests)."""

GRENSER = [  # the deepest each shape can be in a file (100 levels of mappings and lists)
    ("noen", 31),
    ("alle-antall", 46),
    ("ikke", 92),
    ("og-eller", 46),
]


@pytest.mark.parametrize(("slag", "dybde"), GRENSER)
@settings(max_examples=15, deadline=None)
@given(saksliste=KORTE_SAKER, delvis=st.booleans())
def test_nestet_til_filens_grense_dommes_av_generert_kode(
    tmp_path_factory: pytest.TempPathFactory,
    slag: str,
    dybde: int,
    saksliste: list[Sak],
    delvis: bool,
) -> None:
    nokkel = (slag, dybde, delvis)
    if nokkel not in _LASTET:
        _LASTET[nokkel] = _last_ett(tmp_path_factory.mktemp("k"), _nestet(slag, dybde), delvis)
    if slag != "ikke":  # a chain of «ikke» is one expression; the others need functions
        assert "\ndef h" in _LASTET[nokkel].kode
    _sjekk_like(_LASTET[nokkel], saksliste)


@pytest.mark.parametrize("slag", ["og", "eller"])
@settings(max_examples=15, deadline=None)
@given(saksliste=st.lists(saker(), min_size=1, max_size=4), delvis=st.booleans())
def test_mange_deler_dommes_av_generert_kode(
    tmp_path_factory: pytest.TempPathFactory, slag: str, saksliste: list[Sak], delvis: bool
) -> None:
    # More parts than Python has levels of indentation (100).
    nokkel = (slag, 150, delvis)
    if nokkel not in _LASTET:
        _LASTET[nokkel] = _last_ett(tmp_path_factory.mktemp("k"), _bred(slag, 150), delvis)
    _sjekk_like(_LASTET[nokkel], saksliste)


def test_for_dypt_for_filen_avvises_med_melding(tmp_path: Path) -> None:
    from revisjon.feil import KriterieFeil

    with pytest.raises(KriterieFeil) as feil:
        _last_ett(tmp_path, _nestet("noen", 60), delvis=False)
    assert "nøstet for dypt" in str(feil.value)


def test_generert_kode_naar_bare_noen_innebygde_navn() -> None:
    kriterium = m.Kriterium.model_validate(
        {
            "id": "T1",
            "tittel": "Prøve",
            "kilde": ["prøve"],
            "vurdering": {"oppfylt": {"finnes": "vedtak"}},
            "begrunnelse": {"oppfylt": "Ja.", "ikke_oppfylt": "Nei."},
        }
    )
    navnerom = kompiler_kriterium(kriterium, NEGASJON).vurder.__globals__
    innebygde = set(navnerom["__builtins__"])
    assert innebygde == {"bool", "filter", "isinstance", "len", "map", "set", "str"}
    assert not innebygde & {"open", "__import__", "eval", "exec", "compile", "getattr"}


def test_referansen_brukes_ikke_av_pakken() -> None:
    # The oracle is test code: no module of the package may import anything from tests/.
    import ast

    for fil in sorted((ROT / "revisjon").rglob("*.py")):
        for node in ast.walk(ast.parse(fil.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                navn = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                navn = [node.module or ""]
            else:
                continue
            assert not any(n == "tests" or n.startswith("tests.") for n in navn), fil
