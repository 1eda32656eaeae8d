"""The criteria language: what each operation means, and every problem a criteria file can have.

Each test writes a small criteria file to ``tmp_path``. Load errors are checked for the form
``<file>:<line>: <criterion id>: <path in the criterion>: <Norwegian hint>``, where the line is
the line of the offending key, found in the YAML text the test wrote.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from revisjon.feil import Avvisning, KriterieFeil
from revisjon.kriteriesprak.lasting import last_kriterier
from revisjon.kriteriesprak.regel import KompilertKriterium
from revisjon.resultat import Resultat
from revisjon.sak import Sak
from tests.conftest import lag_sak

HODE = """\
format: revisjon-kriterier/1
tittel: Prøvesett
kriterier:
"""

BEGRUNNELSE = {"oppfylt": "ja: {bevis}", "ikke_oppfylt": "nei: {bevis}"}


# --- helpers -------------------------------------------------------------------------------------


def skriv(mappe: Path, tekst: str, navn: str = "kriterier.yaml") -> Path:
    fil = mappe / navn
    fil.write_text(tekst, encoding="utf-8")
    return fil


def som_yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def kriterium(mappe: Path, **felt: Any) -> KompilertKriterium:
    """One criterion (id T1) from its fields, written as YAML and loaded like any other file."""
    data = {"id": "T1", "tittel": "Prøve", "kilde": ["prøve"], **felt}
    data.setdefault("begrunnelse", BEGRUNNELSE)
    topp = {"format": "revisjon-kriterier/1", "tittel": "Prøvesett"}
    if "negasjonsord" in felt:
        topp["negasjonsord"] = data.pop("negasjonsord")
    fil = skriv(mappe, som_yaml({**topp, "kriterier": [data]}))
    (sett,) = last_kriterier([fil])
    (kompilert,) = sett.kriterier
    return kompilert


def betingelse(mappe: Path, betingelse: dict[str, Any], **felt: Any) -> KompilertKriterium:
    """A criterion that is oppfylt exactly when ``betingelse`` holds."""
    return kriterium(mappe, vurdering={"oppfylt": betingelse}, **felt)


def dom(kompilert: KompilertKriterium, **endringer: Any) -> Resultat:
    return kompilert.vurder(Sak.model_validate(lag_sak(**endringer)))


def holder(kompilert: KompilertKriterium, **endringer: Any) -> bool:
    status = dom(kompilert, **endringer).status
    assert status in ("oppfylt", "ikke_oppfylt")
    return status == "oppfylt"


def problemer(*filer: Path) -> list[Avvisning]:
    with pytest.raises(KriterieFeil) as feil:
        last_kriterier(list(filer))
    return feil.value.problemer


def linje_med(tekst: str, markor: str, nr: int = 1) -> int:
    """The 1-based line of the ``nr``-th line of ``tekst`` that contains ``markor``."""
    treff = [i for i, linje in enumerate(tekst.splitlines(), 1) if markor in linje]
    assert len(treff) >= nr, f"«{markor}» står ikke {nr} gang(er) i teksten"
    return treff[nr - 1]


def vedtak(
    tekst: str = "Søknaden er innvilget.", dato: str = "2024-03-18", **ekstra: Any
) -> dict[str, Any]:
    return {"dato": dato, "utfall": "innvilget", "tekst": tekst, **ekstra}


def samtale(type_: str = "oppfolgingssamtale", **ekstra: Any) -> dict[str, Any]:
    return {"dato": "2024-03-06", "type": type_, **ekstra}


def notat(barn: list[str] | None = None, **ekstra: Any) -> dict[str, Any]:
    return {"dato": "2024-03-06", "system": "socio", "barn": barn or [], "tekst": "x", **ekstra}


def kl(barn: str = "B1", tema: list[str] | None = None) -> dict[str, Any]:
    return {"dato": "2024-03-06", "barn": barn, "kilde": "forelder", "tema": tema or ["skole"]}


# --- og, eller, ikke -----------------------------------------------------------------------------

FINNES_JOURNAL = {"finnes": "journal"}
FINNES_TILTAK = {"finnes": "tiltak"}
ET_NOTAT = {"journal": [notat()]}
ET_TILTAK = {"tiltak": [{"dato": "2024-03-06", "type": "bti"}]}


@pytest.mark.parametrize(
    ("betingelsen", "endringer", "forventet"),
    [
        pytest.param(
            {"og": [FINNES_JOURNAL, FINNES_TILTAK]}, ET_NOTAT | ET_TILTAK, True, id="og-begge"
        ),
        pytest.param({"og": [FINNES_JOURNAL, FINNES_TILTAK]}, ET_NOTAT, False, id="og-en"),
        pytest.param({"og": [FINNES_JOURNAL]}, {}, False, id="og-ingen"),
        pytest.param({"eller": [FINNES_JOURNAL, FINNES_TILTAK]}, ET_TILTAK, True, id="eller-en"),
        pytest.param({"eller": [FINNES_JOURNAL, FINNES_TILTAK]}, {}, False, id="eller-ingen"),
        pytest.param({"ikke": FINNES_JOURNAL}, {}, True, id="ikke-usann"),
        pytest.param({"ikke": FINNES_JOURNAL}, ET_NOTAT, False, id="ikke-sann"),
        pytest.param(
            {"ikke": {"og": [FINNES_JOURNAL, {"ikke": FINNES_TILTAK}]}},
            ET_NOTAT,
            False,
            id="nestet",
        ),
    ],
)
def test_og_eller_ikke(tmp_path, betingelsen, endringer, forventet):
    assert holder(betingelse(tmp_path, betingelsen), **endringer) is forventet


def test_eller_samler_bevis_fra_alle_grener_som_holder(tmp_path):
    k = betingelse(
        tmp_path,
        {
            "eller": [
                {"noen": {"liste": "journal", "som": "j", "bevis": "notat {j.dato}"}},
                {"noen": {"liste": "tiltak", "som": "t", "bevis": "tiltak {t.type}"}},
            ]
        },
    )
    assert dom(k, **ET_NOTAT, **ET_TILTAK).begrunnelse == "ja: notat 06.03.2024, tiltak bti"


# --- noen, alle, ingen, antall -------------------------------------------------------------------

REFERAT = {"lik": {"felt": "s.referat", "verdi": True}}
TO_SAMTALER = [samtale(referat=True), samtale("hjemmebesok", status="avlyst", tolk="barn")]


def kvantor(op: str, hvor: dict[str, Any] | None = None, **ekstra: Any) -> dict[str, Any]:
    innhold: dict[str, Any] = {"liste": "samtaler", "som": "s", **ekstra}
    if hvor is not None:
        innhold["hvor"] = hvor
    return {op: innhold}


@pytest.mark.parametrize(
    ("betingelsen", "samtaler", "forventet"),
    [
        pytest.param(kvantor("noen", REFERAT), TO_SAMTALER, True, id="noen-en-av-to"),
        pytest.param(kvantor("noen", REFERAT), [samtale()], False, id="noen-ingen"),
        pytest.param(kvantor("noen"), [], False, id="noen-tom-liste"),
        pytest.param(kvantor("noen"), [samtale()], True, id="noen-uten-hvor"),
        pytest.param(kvantor("alle", REFERAT), TO_SAMTALER, False, id="alle-en-av-to"),
        pytest.param(kvantor("alle", REFERAT), [samtale(referat=True)] * 2, True, id="alle-begge"),
        pytest.param(kvantor("alle", REFERAT), [], True, id="alle-tom-liste-er-sann"),
        pytest.param(
            kvantor("ingen", {"lik": {"felt": "s.tolk", "verdi": "barn"}}),
            TO_SAMTALER,
            False,
            id="ingen-en-treffer",
        ),
        pytest.param(
            kvantor("ingen", {"lik": {"felt": "s.tolk", "verdi": "barn"}}),
            [samtale(tolk="profesjonell")],
            True,
            id="ingen-treffer",
        ),
        pytest.param(kvantor("ingen"), [], True, id="ingen-tom-liste"),
        pytest.param(kvantor("antall", minst=2), TO_SAMTALER, True, id="antall-minst-2-av-2"),
        pytest.param(kvantor("antall", minst=3), TO_SAMTALER, False, id="antall-minst-3-av-2"),
        pytest.param(kvantor("antall", hoyst=2), TO_SAMTALER, True, id="antall-hoyst-2-av-2"),
        pytest.param(kvantor("antall", hoyst=1), TO_SAMTALER, False, id="antall-hoyst-1-av-2"),
        pytest.param(
            kvantor("antall", REFERAT, minst=1, hoyst=1), TO_SAMTALER, True, id="antall-hvor"
        ),
        pytest.param(kvantor("antall", hoyst=0), [], True, id="antall-hoyst-0-tom"),
    ],
)
def test_kvantorer(tmp_path, betingelsen, samtaler, forventet):
    assert holder(betingelse(tmp_path, betingelsen), samtaler=samtaler) is forventet


def test_kvantor_bevis_fylles_per_element_som_oppfyller_hvor(tmp_path):
    k = betingelse(
        tmp_path,
        kvantor(
            "noen",
            {"en_av": {"felt": "s.type", "verdier": ["hjemmebesok", "annet"]}},
            bevis="{s.type} {s.dato} ({s.status})",
        ),
    )
    samtaler = [samtale(), samtale("hjemmebesok", status="ikke_mott"), samtale("annet")]
    assert dom(k, samtaler=samtaler).begrunnelse == (
        "ja: hjemmebesøk 06.03.2024 (ikke møtt), annet 06.03.2024 (gjennomført)"
    )


def test_ingen_gir_som_bevis_det_som_ble_funnet(tmp_path):
    k = betingelse(
        tmp_path,
        kvantor("ingen", {"lik": {"felt": "s.tolk", "verdi": "barn"}}, bevis="{s.type} {s.dato}"),
    )
    assert dom(k, samtaler=TO_SAMTALER).begrunnelse == "nei: hjemmebesøk 06.03.2024"
    assert dom(k, samtaler=[]).begrunnelse == "ja: ingen dokumentasjon funnet"


def test_nestede_kvantorer_ser_ytre_navn(tmp_path):
    k = betingelse(
        tmp_path,
        {
            "alle": {
                "liste": "husstand.barn",
                "som": "b",
                "hvor": {
                    "noen": {
                        "liste": "kartlegginger",
                        "som": "k",
                        "hvor": {"lik": {"felt": "k.barn", "som_felt": "b.id"}},
                    }
                },
            }
        },
    )
    assert holder(k, kartlegginger=[kl("B1"), kl("B2")])
    assert not holder(k, kartlegginger=[kl("B1"), kl("B1")])


# --- lik, en_av, inneholder, finnes -------------------------------------------------------------


def i_journal(hvor: dict[str, Any]) -> dict[str, Any]:
    return {"noen": {"liste": "journal", "som": "j", "hvor": hvor}}


BAS = {"lik": {"felt": "j.journaltype", "verdi": "Barns aktiviteter og situasjon"}}


@pytest.mark.parametrize(
    ("journaltype", "forventet"),
    [
        ("Barns aktiviteter og situasjon", True),
        ("BARNS AKTIVITETER OG SITUASJON", True),
        ("barns  aktiviteter\tog situasjon ", True),
        ("Barns aktiviteter", False),
        (None, False),
    ],
)
def test_lik_tekst_uten_hensyn_til_store_og_sma_bokstaver(tmp_path, journaltype, forventet):
    k = betingelse(tmp_path, i_journal(BAS))
    ekstra = {} if journaltype is None else {"journaltype": journaltype}
    assert holder(k, journal=[notat(**ekstra)]) is forventet


def test_lik_kode_skrevet_med_store_bokstaver(tmp_path):
    k = betingelse(tmp_path, kvantor("noen", {"lik": {"felt": "s.tolk", "verdi": "Barn"}}))
    assert holder(k, samtaler=[samtale(tolk="barn")])
    assert not holder(k, samtaler=[samtale(tolk="profesjonell")])


@pytest.mark.parametrize(
    ("verdi", "medregnet", "forventet"),
    [(True, True, True), (True, False, False), (True, None, False), (False, False, True)],
)
def test_lik_sannhetsverdi(tmp_path, verdi, medregnet, forventet):
    k = betingelse(
        tmp_path,
        {
            "noen": {
                "liste": "vedtak.beregning.inntekter",
                "som": "i",
                "hvor": {"lik": {"felt": "i.medregnet", "verdi": verdi}},
            }
        },
    )
    inntekt: dict[str, Any] = {"type": "barnetrygd", "belop": 1}
    if medregnet is not None:
        inntekt["medregnet"] = medregnet
    assert holder(k, vedtak=vedtak(beregning={"inntekter": [inntekt]})) is forventet


def test_lik_tall_og_lik_som_felt(tmp_path):
    k = betingelse(
        tmp_path,
        {
            "noen": {
                "liste": "kartlegginger",
                "som": "k",
                "hvor": {
                    "noen": {
                        "liste": "husstand.barn",
                        "som": "b",
                        "hvor": {
                            "og": [
                                {"lik": {"felt": "b.id", "som_felt": "k.barn"}},
                                {"lik": {"felt": "b.alder", "verdi": 4}},
                            ]
                        },
                    }
                },
            }
        },
    )
    assert holder(k, kartlegginger=[kl("B2")])
    assert not holder(k, kartlegginger=[kl("B1")])


@pytest.mark.parametrize(
    ("samtaler", "forventet"),
    [
        ([samtale("hjemmebesok")], True),
        ([samtale("oppfolgingssamtale")], True),
        ([samtale("kartleggingssamtale")], False),
    ],
)
def test_en_av(tmp_path, samtaler, forventet):
    k = betingelse(
        tmp_path,
        kvantor(
            "noen", {"en_av": {"felt": "s.type", "verdier": ["oppfolgingssamtale", "hjemmebesok"]}}
        ),
    )
    assert holder(k, samtaler=samtaler) is forventet


def test_en_av_paa_felt_som_mangler(tmp_path):
    k = betingelse(tmp_path, kvantor("noen", {"en_av": {"felt": "s.tolk", "verdier": ["barn"]}}))
    assert not holder(k, samtaler=[samtale()])


def test_inneholder_verdi_og_som_felt(tmp_path):
    tema = betingelse(
        tmp_path,
        {
            "noen": {
                "liste": "kartlegginger",
                "som": "k",
                "hvor": {"inneholder": {"felt": "k.tema", "verdi": "barnets_synspunkter"}},
            }
        },
    )
    assert holder(tema, kartlegginger=[kl(tema=["skole", "barnets_synspunkter"])])
    assert not holder(tema, kartlegginger=[kl(tema=["skole"])])

    fritt = betingelse(tmp_path, {"inneholder": {"felt": "soknad.gjelder", "verdi": "husleie"}})
    soknad = {"mottatt": "2024-03-04"}
    assert holder(fritt, soknad={**soknad, "gjelder": ["livsopphold", "Husleie"]})
    assert not holder(fritt, soknad={**soknad, "gjelder": ["husleiegaranti"]})
    assert not holder(fritt, soknad=soknad)

    barn = kriterium(
        tmp_path,
        vurdering={
            "for_hvert": {"liste": "husstand.barn", "som": "b"},
            "krav": {
                "noen": {
                    "liste": "journal",
                    "som": "j",
                    "hvor": {"inneholder": {"felt": "j.barn", "som_felt": "b.id"}},
                }
            },
            "tekst_mangler": "{b.id}",
        },
        begrunnelse={"oppfylt": "ja", "delvis_oppfylt": "mangler {mangler}", "ikke_oppfylt": "nei"},
    )
    assert dom(barn, journal=[notat(["B2"])]).begrunnelse == "mangler B1"


@pytest.mark.parametrize(
    ("sti", "endringer", "forventet"),
    [
        ("vedtak", {}, True),
        ("vedtak", {"vedtak": None}, False),
        ("vedtak.beregning", {}, False),
        ("journal", {"journal": []}, False),
        ("radgivning.forste_samtale", {"radgivning": {"kartlagt": []}}, False),
        ("radgivning.forste_samtale", {"radgivning": {"forste_samtale": "2024-04-01"}}, True),
        ("kontor", {"kontor": ""}, False),
        ("kontor", {"kontor": "Nav Gjøvik"}, True),
    ],
)
def test_finnes(tmp_path, sti, endringer, forventet):
    assert holder(betingelse(tmp_path, {"finnes": sti}), **endringer) is forventet


def test_finnes_tom_liste_i_element(tmp_path):
    k = betingelse(tmp_path, i_journal({"finnes": "j.barn"}))
    assert holder(k, journal=[notat(["B1"])])
    assert not holder(k, journal=[notat([])])


# --- dato, dager_mellom ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grenser", "dato", "forventet"),
    [
        ({"senest": "2024-03-18"}, "2024-03-18", True),
        ({"senest": "2024-03-18"}, "2024-03-19", False),
        ({"tidligst": "2024-03-18"}, "2024-03-18", True),
        ({"tidligst": "2024-03-18"}, "2024-03-17", False),
        ({"tidligst": "2024-03-01", "senest": "2024-03-31"}, "2024-03-31", True),
        ({"tidligst": "2024-03-01", "senest": "2024-03-31"}, "2024-04-01", False),
        ({"tidligst": "2024-03-01", "senest": "2024-03-31"}, "2024-02-29", False),
        ({"tidligst": "soknad.mottatt"}, "2024-03-04", True),
        ({"tidligst": "soknad.mottatt"}, "2024-03-03", False),
    ],
)
def test_dato_med_literal_og_sti_begge_ender_med(tmp_path, grenser, dato, forventet):
    k = betingelse(tmp_path, {"dato": {"felt": "vedtak.dato", **grenser}})
    assert holder(k, vedtak=vedtak(dato=dato)) is forventet


@pytest.mark.parametrize(
    ("hvis_mangler", "radgivning", "forventet"),
    [
        pytest.param(None, None, False, id="felt-mangler"),
        pytest.param(True, None, True, id="felt-mangler-hvis-mangler"),
        pytest.param(False, {"kartlagt": []}, False, id="felt-mangler-hvis-mangler-false"),
        pytest.param(None, {"forste_samtale": "2024-03-10"}, True, id="felt-finnes"),
        pytest.param(True, {"forste_samtale": "2024-05-10"}, False, id="felt-finnes-utenfor"),
    ],
)
def test_dato_hvis_feltet_mangler(tmp_path, hvis_mangler, radgivning, forventet):
    argumenter: dict[str, Any] = {"felt": "radgivning.forste_samtale", "senest": "vedtak.dato"}
    if hvis_mangler is not None:
        argumenter["hvis_mangler"] = hvis_mangler
    k = betingelse(tmp_path, {"dato": argumenter})
    assert holder(k, radgivning=radgivning) is forventet


@pytest.mark.parametrize(
    ("hvis_mangler", "radgivning", "forventet"),
    [
        pytest.param(False, None, False, id="grense-mangler"),
        pytest.param(True, None, True, id="grense-mangler-hvis-mangler"),
        pytest.param(True, {"forste_samtale": "2024-03-19"}, False, id="grense-finnes"),
        pytest.param(True, {"forste_samtale": "2024-03-18"}, True, id="grense-samme-dag"),
    ],
)
def test_dato_hvis_grensen_mangler(tmp_path, hvis_mangler, radgivning, forventet):
    k = betingelse(
        tmp_path,
        {
            "dato": {
                "felt": "vedtak.dato",
                "tidligst": "radgivning.forste_samtale",
                "hvis_mangler": hvis_mangler,
            }
        },
    )
    assert holder(k, radgivning=radgivning) is forventet


@pytest.mark.parametrize(
    ("grenser", "forventet"),
    [
        ({"hoyst": 14}, True),
        ({"hoyst": 13}, False),
        ({"minst": 14}, True),
        ({"minst": 15}, False),
        ({"minst": 14, "hoyst": 14}, True),
    ],
)
def test_dager_mellom(tmp_path, grenser, forventet):
    k = betingelse(
        tmp_path, {"dager_mellom": {"fra": "soknad.mottatt", "til": "vedtak.dato", **grenser}}
    )
    resultat = dom(k)  # mottatt 04.03.2024, vedtak 18.03.2024
    assert resultat.status == ("oppfylt" if forventet else "ikke_oppfylt")
    assert resultat.begrunnelse.endswith("14 dager fra 04.03.2024 til 18.03.2024")


def test_dager_mellom_med_literal_dato_og_manglende_dato(tmp_path):
    k = betingelse(
        tmp_path, {"dager_mellom": {"fra": "2024-01-01", "til": "vedtak.dato", "minst": 0}}
    )
    assert dom(k).begrunnelse == "ja: 77 dager fra 01.01.2024 til 18.03.2024"
    assert dom(k, vedtak=None).begrunnelse == "nei: ingen dokumentasjon funnet"


# --- antall_ulike, tall ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grenser", "forventet"),
    [({"minst": 2}, True), ({"minst": 3}, False), ({"hoyst": 2}, True), ({"hoyst": 1}, False)],
)
def test_antall_ulike_teller_ulike_verdier(tmp_path, grenser, forventet):
    k = betingelse(
        tmp_path,
        {
            "noen": {
                "liste": "kartlegginger",
                "som": "k",
                "hvor": {"antall_ulike": {"felt": "k.tema", **grenser}},
            }
        },
    )
    assert holder(k, kartlegginger=[kl(tema=["skole", "fritid", "skole"])]) is forventet


@pytest.mark.parametrize(
    ("grenser", "forventet"),
    [
        ({"minst": 9}, True),
        ({"minst": 10}, False),
        ({"hoyst": 9}, True),
        ({"hoyst": 8}, False),
        ({"minst": 9, "hoyst": 9}, True),
    ],
)
def test_tall(tmp_path, grenser, forventet):
    k = betingelse(
        tmp_path,
        {
            "noen": {
                "liste": "husstand.barn",
                "som": "b",
                "hvor": {
                    "og": [
                        {"lik": {"felt": "b.id", "verdi": "B1"}},
                        {"tall": {"felt": "b.alder", **grenser}},
                    ]
                },
            }
        },
    )
    assert holder(k) is forventet  # B1 er 9 år


def test_tall_desimaltall_og_manglende_verdi(tmp_path):
    k = betingelse(
        tmp_path,
        {
            "noen": {
                "liste": "vedtak.beregning.inntekter",
                "som": "i",
                "hvor": {"tall": {"felt": "i.belop", "minst": 100.5}},
                "bevis": "{i.type} {i.belop} kr",
            }
        },
    )
    inntekter = [{"type": "lonn", "belop": 100.5}, {"type": "barnetrygd", "belop": 100}]
    assert (
        dom(k, vedtak=vedtak(beregning={"inntekter": inntekter})).begrunnelse
        == "ja: lønn 100,50 kr"
    )
    assert not holder(k)


# --- tekst ----------------------------------------------------------------------------------------


def tekstkrav(**argumenter: Any) -> dict[str, Any]:
    return {"tekst": {"felt": "vedtak.tekst", **argumenter}}


@pytest.mark.parametrize(
    ("argumenter", "tekst", "forventet"),
    [
        pytest.param({"fraser": ["barnets beste"]}, "Barnets beste er vurdert.", True, id="frase"),
        pytest.param(
            {"fraser": ["barnets beste"]}, "BARNETS\nBESTE.", True, id="frase-stor-og-linjeskift"
        ),
        pytest.param({"fraser": ["barn"]}, "Barnets beste.", False, id="helt-ord"),
        pytest.param({"fraser": ["barn"]}, "Ett barn.", True, id="helt-ord-treff"),
        pytest.param(
            {"fraser": ["barnets beste"]}, "Barnets beste er ikke vurdert.", False, id="nektet"
        ),
        pytest.param({"fraser": ["barnets beste"]}, "Uten barnets beste.", False, id="nektet-uten"),
        pytest.param(
            {"fraser": ["barnets beste"], "ta_med_negerte": True},
            "Barnets beste er ikke vurdert.",
            True,
            id="ta-med-negerte",
        ),
        pytest.param({"regex": [r"barn\w* beste"]}, "Barnas beste.", True, id="regex"),
        pytest.param(
            {"regex": [r"barn\w* beste"]}, "Barnas beste? Ikke.", True, id="regex-setning"
        ),
        pytest.param({"regex": [r"^beste"]}, "Barnas beste.", False, id="regex-anker"),
        pytest.param({"regex": [r"barn\w* beste"]}, "Ikke barnas beste.", False, id="regex-nektet"),
        pytest.param(
            {"fraser": ["vekt"], "regex": [r"\bavvei"]},
            "Hensynene er avveid.",
            True,
            id="frase-eller-regex",
        ),
    ],
)
def test_tekst(tmp_path, argumenter, tekst, forventet):
    k = betingelse(tmp_path, tekstkrav(**argumenter))
    assert holder(k, vedtak=vedtak(tekst)) is forventet


def test_tekst_bevis_navngir_frasen_og_feltet_aldri_teksten(tmp_path):
    k = betingelse(tmp_path, tekstkrav(fraser=["barnets beste", "vekt"], regex=[r"avve\w+"]))
    resultat = dom(k, vedtak=vedtak("Kari sa: vekt på barnets beste er avveid."))
    assert resultat.begrunnelse == (
        "ja: «barnets beste», «vekt», mønsteret «avve\\w+» i vedtaksteksten"
    )
    assert "Kari" not in resultat.begrunnelse


def test_tekst_felt_som_mangler_holder_ikke(tmp_path):
    assert not holder(betingelse(tmp_path, tekstkrav(fraser=["x"])), vedtak=None)


def test_egne_negasjonsord(tmp_path):
    k = betingelse(tmp_path, tekstkrav(fraser=["barnets beste"]), negasjonsord=["aldri"])
    assert holder(k, vedtak=vedtak("Barnets beste er ikke vurdert."))
    assert not holder(k, vedtak=vedtak("Barnets beste er aldri vurdert."))


def test_et_tomt_negasjonsord_avvises_med_plassen_i_lista(tmp_path):
    fil = skriv(
        tmp_path,
        som_yaml(
            {
                "format": "revisjon-kriterier/1",
                "tittel": "Prøvesett",
                "negasjonsord": ["ikke", ""],
                "kriterier": [
                    {
                        "id": "T1",
                        "tittel": "Prøve",
                        "kilde": ["prøve"],
                        "vurdering": {"oppfylt": tekstkrav(fraser=["barnets beste"])},
                        "begrunnelse": BEGRUNNELSE,
                    }
                ],
            }
        ),
    )
    (problem,) = problemer(fil)
    assert problem.melding == "negasjonsord[1]: kan ikke være tom"
    assert problem.linje == linje_med(fil.read_text("utf-8"), "- ''")


# --- for_hvert --------------------------------------------------------------------------------------

FOR_HVERT_SAMTALE = {
    "vurdering": {
        "for_hvert": {
            "liste": "samtaler",
            "som": "s",
            "hvor": {"lik": {"felt": "s.status", "verdi": "gjennomfort"}},
        },
        "krav": {"lik": {"felt": "s.referat", "verdi": True}},
        "tekst_oppfylt": "{s.type} {s.dato}",
        "tekst_mangler": "{s.type} {s.dato} uten referat ({bevis})",
    },
    "begrunnelse": {
        "oppfylt": "{antall} av {antall}: {oppfylte}",
        "delvis_oppfylt": "{antall_oppfylt} av {antall}, {antall_mangler} mangler: {oppfylte} / {mangler}",
        "ikke_oppfylt": "0 av {antall}: {mangler} / {oppfylte}",
        "ikke_aktuelt": "ingen gjennomført samtale i {sak_id}",
    },
}


@pytest.mark.parametrize(
    ("samtaler", "status", "begrunnelse"),
    [
        pytest.param(
            [samtale(referat=True), samtale("annet", status="avlyst")],
            "oppfylt",
            "1 av 1: oppfølgingssamtale 06.03.2024",
            id="avlyst-filtrert-bort",
        ),
        pytest.param(
            [samtale(referat=True), samtale("hjemmebesok", dato="2024-03-07")],
            "delvis_oppfylt",
            "1 av 2, 1 mangler: oppfølgingssamtale 06.03.2024 / hjemmebesøk 07.03.2024 uten "
            "referat (ingen dokumentasjon funnet)",
            id="delvis",
        ),
        pytest.param(
            [samtale(referat=False), samtale("annet")],
            "ikke_oppfylt",
            "0 av 2: oppfølgingssamtale 06.03.2024 uten referat (ingen dokumentasjon funnet); "
            "annet 06.03.2024 uten referat (ingen dokumentasjon funnet) / ingen",
            id="ingen",
        ),
        pytest.param(
            [samtale(status="planlagt")],
            "ikke_aktuelt",
            "ingen gjennomført samtale i T-1",
            id="alle-filtrert-bort",
        ),
        pytest.param([], "ikke_aktuelt", "ingen gjennomført samtale i T-1", id="tom-liste"),
    ],
)
def test_for_hvert_med_hvor_filter_og_navngitte_verdier(tmp_path, samtaler, status, begrunnelse):
    k = kriterium(tmp_path, **FOR_HVERT_SAMTALE)
    resultat = dom(k, samtaler=samtaler)
    assert (resultat.status, resultat.begrunnelse) == (status, begrunnelse)


def test_for_hvert_uten_elementer_og_uten_egen_tekst(tmp_path):
    data = {**FOR_HVERT_SAMTALE, "begrunnelse": {**FOR_HVERT_SAMTALE["begrunnelse"]}}
    del data["begrunnelse"]["ikke_aktuelt"]
    resultat = dom(kriterium(tmp_path, **data), samtaler=[])
    assert (resultat.status, resultat.begrunnelse) == (
        "ikke_aktuelt",
        "Ingen elementer i samtaler å vurdere.",
    )


# --- krever, gjelder ------------------------------------------------------------------------------


def test_krever_gir_ikke_vurdert_aldri_stille_godkjenning(tmp_path):
    k = kriterium(
        tmp_path,
        krever=["radgivning.forste_samtale", "radgivning.kartlagt"],
        vurdering={"oppfylt": {"finnes": "vedtak"}},
    )
    assert (
        dom(k, radgivning={"kartlagt": ["gjeld"], "forste_samtale": "2024-04-01"}).status
        == "oppfylt"
    )
    resultat = dom(k, radgivning={"kartlagt": []})
    assert (resultat.status, resultat.begrunnelse) == (
        "ikke_vurdert",
        "Kan ikke vurderes: saken mangler radgivning.forste_samtale, radgivning.kartlagt.",
    )
    assert dom(k).status == "ikke_vurdert"


def test_krever_med_egen_tekst_og_gjelder_foran_krever(tmp_path):
    k = kriterium(
        tmp_path,
        gjelder={"har_barn": True},
        krever=["radgivning.forste_samtale"],
        vurdering={"oppfylt": {"finnes": "vedtak"}},
        begrunnelse={**BEGRUNNELSE, "ikke_vurdert": "Mangler første samtale i {sak_id}."},
    )
    assert dom(k).begrunnelse == "Mangler første samtale i T-1."
    assert dom(k, husstand={"voksne": 1, "barn": []}).status == "ikke_aktuelt"


@pytest.mark.parametrize(
    ("gjelder", "endringer", "status", "begrunnelse"),
    [
        pytest.param(
            {"tjeneste": ["okonomisk_radgivning", "opplysning_rad_veiledning"]},
            {},
            "ikke_aktuelt",
            "Gjelder bare økonomisk rådgivning og opplysning, råd og veiledning; saken gjelder "
            "økonomisk stønad.",
            id="tjeneste",
        ),
        pytest.param({"tjeneste": ["okonomisk_stonad"]}, {}, "oppfylt", None, id="tjeneste-treff"),
        pytest.param(
            {"har_barn": True},
            {"husstand": {"voksne": 2, "barn": []}},
            "ikke_aktuelt",
            "Husstanden har ingen barn.",
            id="har-barn",
        ),
        pytest.param(
            {"har_barn": False},
            {},
            "ikke_aktuelt",
            "Gjelder bare husstander uten barn.",
            id="uten-barn",
        ),
        pytest.param(
            {"har_vedtak": True},
            {"vedtak": None},
            "ikke_aktuelt",
            "Saken har ikke vedtak.",
            id="har-vedtak",
        ),
        pytest.param(
            {"har_vedtak": False},
            {},
            "ikke_aktuelt",
            "Gjelder bare saker uten vedtak.",
            id="uten-vedtak",
        ),
        pytest.param(
            {"i_kraft_fra": "2024-03-18"}, {}, "oppfylt", None, id="i-kraft-fra-samme-dag"
        ),
        pytest.param(
            {"i_kraft_fra": "2024-03-19"},
            {},
            "ikke_aktuelt",
            "Vedtaket er datert 18.03.2024, før kravet gjaldt fra 19.03.2024.",
            id="i-kraft-fra-dagen-etter",
        ),
        pytest.param(
            {"i_kraft_til": "2024-03-18"}, {}, "oppfylt", None, id="i-kraft-til-samme-dag"
        ),
        pytest.param(
            {"i_kraft_til": "2024-03-17"},
            {},
            "ikke_aktuelt",
            "Vedtaket er datert 18.03.2024, etter at kravet gjaldt til 17.03.2024.",
            id="i-kraft-til-dagen-for",
        ),
        pytest.param(
            {"i_kraft_fra": "2024-03-05"},
            {"vedtak": None},
            "ikke_aktuelt",
            "Søknaden er datert 04.03.2024, før kravet gjaldt fra 05.03.2024.",
            id="i-kraft-uten-vedtak-bruker-mottatt",
        ),
        pytest.param(
            {"i_kraft_fra": "2024-03-04", "i_kraft_til": "2024-03-04"},
            {"vedtak": None},
            "ikke_oppfylt",
            None,
            id="i-kraft-uten-vedtak-samme-dag",
        ),
        pytest.param(
            {"vilkar": {"finnes": "tiltak"}},
            {},
            "ikke_aktuelt",
            "Ingen tiltak i T-1.",
            id="vilkar",
        ),
        pytest.param(
            {"vilkar": {"finnes": "tiltak"}, "har_barn": True},
            {"tiltak": [{"dato": "2024-03-06", "type": "bti"}]},
            "oppfylt",
            None,
            id="vilkar-holder",
        ),
    ],
)
def test_gjelder(tmp_path, gjelder, endringer, status, begrunnelse):
    k = kriterium(
        tmp_path,
        gjelder=gjelder,
        vurdering={"oppfylt": {"finnes": "vedtak"}},
        begrunnelse={**BEGRUNNELSE, "ikke_aktuelt": "Ingen tiltak i {sak_id}."},
    )
    resultat = dom(k, **endringer)
    assert resultat.status == status
    if begrunnelse is not None:
        assert resultat.begrunnelse == begrunnelse


def test_vilkar_uten_egen_tekst(tmp_path):
    k = kriterium(
        tmp_path,
        gjelder={"vilkar": {"finnes": "tiltak"}},
        vurdering={"oppfylt": {"finnes": "vedtak"}},
    )
    assert dom(k).begrunnelse == "Vilkåret for kriteriet er ikke oppfylt."


def test_delvis_oppfylt_proves_etter_oppfylt(tmp_path):
    k = kriterium(
        tmp_path,
        vurdering={"oppfylt": {"finnes": "tiltak"}, "delvis_oppfylt": {"finnes": "journal"}},
        begrunnelse={**BEGRUNNELSE, "delvis_oppfylt": "delvis"},
    )
    assert dom(k, **ET_NOTAT, **ET_TILTAK).status == "oppfylt"
    assert dom(k, **ET_NOTAT).status == "delvis_oppfylt"
    assert dom(k).status == "ikke_oppfylt"


# --- texts: {bevis}, named values, formatting, codes as Norwegian words ---------------------------


@pytest.mark.parametrize(
    ("mal", "endringer", "forventet"),
    [
        pytest.param("{vedtak.dato}", {}, "18.03.2024", id="dato"),
        pytest.param("{soknad.forstegangssoker}", {}, "nei", id="sannhetsverdi"),
        pytest.param("{husstand.enslig_forsorger}", {}, "ikke oppgitt", id="mangler"),
        pytest.param("{radgivning.forste_samtale}", {}, "ikke oppgitt", id="mangler-forelder"),
        pytest.param("{soknad.gjelder}", {}, "ingen", id="tom-liste"),
        pytest.param("{husstand.voksne} voksen", {}, "1 voksen", id="tall"),
        pytest.param("{husstand.voksne|voksen|voksne}", {}, "1 voksen", id="tall-entall"),
        pytest.param(
            "{husstand.voksne|voksen|voksne}",
            {"husstand": {"voksne": 2, "barn": [{"id": "B1", "alder": 9}]}},
            "2 voksne",
            id="tall-flertall",
        ),
        pytest.param(
            "{husstand.voksne|den ene voksne|alle de # voksne}",
            {"husstand": {"voksne": 3, "barn": [{"id": "B1", "alder": 9}]}},
            "alle de 3 voksne",
            id="tall-med-plass",
        ),
        pytest.param("{sak_id} { kontor }", {"kontor": "Nav Gjøvik"}, "T-1 Nav Gjøvik", id="tekst"),
        pytest.param("{tjeneste}", {}, "økonomisk stønad", id="kode-tjeneste"),
        pytest.param(
            "{vedtak.utfall}",
            {"vedtak": {**vedtak(), "utfall": "delvis_innvilget"}},
            "delvis innvilget",
            id="kode-utfall",
        ),
        pytest.param(
            "{radgivning.kartlagt}",
            {"radgivning": {"kartlagt": ["utgifter_til_barn", "gjeld"]}},
            "utgifter_til_barn, gjeld",
            id="liste-fri-tekst",
        ),
    ],
)
def test_maler_fyller_inn_verdier(tmp_path, mal, endringer, forventet):
    k = kriterium(
        tmp_path,
        vurdering={"oppfylt": {"finnes": "vedtak"}},
        begrunnelse={"oppfylt": mal, "ikke_oppfylt": mal},
    )
    assert dom(k, **endringer).begrunnelse == forventet


def test_koder_vises_som_norske_ord_i_bevis(tmp_path):
    k = betingelse(
        tmp_path,
        {
            "noen": {
                "liste": "kartlegginger",
                "som": "k",
                "bevis": "{k.tema} fra {k.kilde}",
            }
        },
    )
    kartlegging = {**kl(), "tema": ["fritid", "barnets_synspunkter"], "kilde": "barnet"}
    assert (
        dom(k, kartlegginger=[kartlegging]).begrunnelse
        == "ja: fritid, barnets synspunkter fra barnet"
    )
    k2 = betingelse(
        tmp_path,
        kvantor("noen", bevis="{s.type}/{s.status}/{s.tolk}"),
    )
    samtaler = [
        samtale("hjemmebesok", status="ikke_mott", tolk="annen_familie"),
        samtale("radgivningssamtale"),
    ]
    assert dom(k2, samtaler=samtaler).begrunnelse == (
        "ja: hjemmebesøk/ikke møtt/annen familie, rådgivningssamtale/gjennomført/ikke oppgitt"
    )


def test_bevis_uten_funn_og_like_bevis_en_gang(tmp_path):
    k = betingelse(tmp_path, kvantor("noen", bevis="samtale {s.dato}"))
    assert dom(k, samtaler=[samtale(), samtale("annet")]).begrunnelse == "ja: samtale 06.03.2024"
    assert dom(k).begrunnelse == "nei: ingen dokumentasjon funnet"


# --- load errors ----------------------------------------------------------------------------------

T1 = """\
  - id: T1
    tittel: Prøve
    kilde: [prøve]
"""


def feil(navn: str, kropp: str, markor: str, sti: str, *hint: str, nr: int = 1) -> Any:
    """A criterion T1 whose body has one problem on the line with ``markor``."""
    return pytest.param(textwrap.dedent(kropp), markor, nr, sti, hint, id=navn)


LASTEFEIL = [
    feil(
        "ukjent-nokkel",
        """\
            vurdering:
              oppfylt:
                noen:
                  liste: samtaler
                  som: s
                  hvr:
                    finnes: s.tolk
        """,
        "hvr:",
        "vurdering.oppfylt.noen.hvr",
        "ukjent felt",
        "mente du «hvor»?",
    ),
    feil(
        "ukjent-nokkel-i-kriteriet",
        """\
            vurdring:
              oppfylt: {finnes: vedtak}
        """,
        "vurdring:",
        "vurdring",
        "ukjent felt; mente du «vurdering»?",
    ),
    feil(
        "ukjent-nokkel-i-gjelder",
        """\
            gjelder:
              har_barn: true
              tjenste:
                - okonomisk_stonad
            vurdering:
              oppfylt: {finnes: vedtak}
        """,
        "tjenste:",
        "gjelder.tjenste",
        "mente du «tjeneste»?",
    ),
    feil(
        "ukjent-nokkel-i-argumenter",
        """\
            vurdering:
              oppfylt:
                dato: {felt: vedtak.dato, senst: 2024-01-01}
        """,
        "senst",
        "vurdering.oppfylt.dato.senst",
        "mente du «senest»?",
    ),
    feil(
        "ukjent-operasjon",
        """\
            vurdering:
              oppfylt:
                og:
                  - finnes: vedtak
                  - lk: {felt: vedtak.utfall, verdi: innvilget}
        """,
        "lk:",
        "vurdering.oppfylt.og[1]",
        "ukjent operasjon «lk»; mente du «lik»?",
        "gyldige operasjoner: og, eller, ikke",
    ),
    feil(
        "ukjent-operasjon-i-hvor",
        """\
            vurdering:
              oppfylt:
                noen:
                  liste: samtaler
                  som: s
                  hvor:
                    finns: s.tolk
        """,
        "finns:",
        "vurdering.oppfylt.noen.hvor",
        "ukjent operasjon «finns»; mente du «finnes»?",
    ),
    feil(
        "to-nokler-i-en-betingelse",
        """\
            vurdering:
              oppfylt:
                finnes: vedtak
                lik: {felt: vedtak.utfall, verdi: innvilget}
        """,
        "lik:",
        "vurdering.oppfylt",
        "nøyaktig én nøkkel",
        "del den opp med «og»",
    ),
    feil(
        "betingelse-som-ikke-er-mapping",
        """\
            vurdering:
              oppfylt: finnes
        """,
        "oppfylt:",
        "vurdering.oppfylt",
        "skal være en betingelse",
    ),
    feil(
        "ugyldig-regex",
        """\
            vurdering:
              oppfylt:
                tekst:
                  felt: vedtak.tekst
                  regex:
                    - "barn"
                    - "barn(ets"
        """,
        "barn(ets",
        "vurdering.oppfylt.tekst.regex[1]",
        "ugyldig regulært uttrykk «barn(ets»: en parentes er ikke lukket (ved tegn 5)",
    ),
    feil(
        "ukjent-felt-i-sti",
        """\
            vurdering:
              oppfylt:
                dato:
                  felt: vedtak.dato
                  senest: vedtak.datoo
        """,
        "senest:",
        "vurdering.oppfylt.dato.senest",
        "«vedtak» har ikke feltet «datoo» (i «vedtak.datoo»); mente du «dato»?",
    ),
    feil(
        "ukjent-rotfelt",
        """\
            vurdering:
              oppfylt:
                finnes: vedtk.dato
        """,
        "vedtk",
        "vurdering.oppfylt.finnes",
        "saken har ikke feltet «vedtk» (i «vedtk.dato»); mente du «vedtak»?",
    ),
    feil(
        "ukjent-bundet-navn",
        """\
            vurdering:
              for_hvert: {liste: husstand.barn, som: barn}
              krav:
                tall:
                  felt: barnn.alder
                  minst: 7
              tekst_mangler: "{barn.id}"
        """,
        "barnn",
        "vurdering.krav.tall.felt",
        "mente du «barn»?",
    ),
    feil(
        "ukjent-felt-uten-forslag",
        """\
            vurdering:
              oppfylt:
                finnes: vedtak.xyzzy
        """,
        "xyzzy",
        "vurdering.oppfylt.finnes",
        "gyldige felt: dato, utfall",
    ),
    feil(
        "sti-inn-i-liste-uten-kvantor",
        """\
            vurdering:
              oppfylt:
                lik:
                  felt: samtaler.tolk
                  verdi: barn
        """,
        "samtaler.tolk",
        "vurdering.oppfylt.lik.felt",
        "«samtaler» er en liste og har ikke feltet «tolk»",
        "gå gjennom listen med noen/alle/ingen/for_hvert",
    ),
    feil(
        "liste-som-ikke-er-liste",
        """\
            vurdering:
              oppfylt:
                noen:
                  liste: vedtak
                  som: v
        """,
        "liste: vedtak",
        "vurdering.oppfylt.noen.liste",
        "«vedtak» er ikke en liste",
    ),
    feil(
        "som-skygger-for-felt",
        """\
            vurdering:
              oppfylt:
                noen:
                  liste: samtaler
                  som: vedtak
        """,
        "som: vedtak",
        "vurdering.oppfylt.noen.som",
        "navnet «vedtak» er et felt i saken",
        "så det ikke skygger for feltet",
    ),
    feil(
        "som-skygger-i-for-hvert",
        """\
            vurdering:
              for_hvert:
                liste: husstand.barn
                som: journal
              krav: {finnes: journal}
              tekst_mangler: x
        """,
        "som: journal",
        "vurdering.for_hvert.som",
        "skygger for feltet",
    ),
    feil(
        "som-allerede-bundet",
        """\
            vurdering:
              oppfylt:
                noen:
                  liste: samtaler
                  som: s
                  hvor:
                    noen:
                      liste: journal
                      som: s
        """,
        "som: s",
        "vurdering.oppfylt.noen.hvor.noen.som",
        "navnet «s» er allerede bundet her",
        nr=2,
    ),
    feil(
        "verdi-feltet-aldri-kan-ha",
        """\
            vurdering:
              oppfylt:
                noen:
                  liste: samtaler
                  som: s
                  hvor:
                    lik: {felt: s.tolk, verdi: barnn}
        """,
        "barnn",
        "vurdering.oppfylt.noen.hvor.lik.verdi",
        "«barnn» kan aldri stå i «s.tolk»; mente du «barn»?",
        "gyldige verdier: ikke_behov, profesjonell, barn",
    ),
    feil(
        "en-av-verdi-feltet-aldri-kan-ha",
        """\
            vurdering:
              oppfylt:
                en_av:
                  felt: vedtak.utfall
                  verdier:
                    - innvilget
                    - innvilga
        """,
        "innvilga",
        "vurdering.oppfylt.en_av.verdier[1]",
        "«innvilga» kan aldri stå i «vedtak.utfall»",
    ),
    feil(
        "inneholder-verdi-listen-aldri-kan-ha",
        """\
            vurdering:
              oppfylt:
                noen:
                  liste: kartlegginger
                  som: k
                  hvor:
                    inneholder:
                      felt: k.tema
                      verdi: barnets_synspunktr
        """,
        "barnets_synspunktr",
        "vurdering.oppfylt.noen.hvor.inneholder.verdi",
        "mente du «barnets_synspunkter»?",
    ),
    feil(
        "verdi-av-feil-type",
        """\
            vurdering:
              oppfylt:
                noen:
                  liste: samtaler
                  som: s
                  hvor:
                    lik:
                      felt: s.referat
                      verdi: ja
        """,
        "verdi: ja",
        "vurdering.oppfylt.noen.hvor.lik.verdi",
        "«ja» kan aldri stå i «s.referat», som er true eller false",
    ),
    feil(
        "tall-som-tekst",
        """\
            vurdering:
              oppfylt:
                noen:
                  liste: husstand.barn
                  som: b
                  hvor: {lik: {felt: b.id, verdi: 1}}
        """,
        "verdi: 1",
        "vurdering.oppfylt.noen.hvor.lik.verdi",
        "som er tekst",
    ),
    feil(
        "lik-paa-dato",
        """\
            vurdering:
              oppfylt:
                lik: {felt: vedtak.dato, verdi: 2024-03-18}
        """,
        "lik:",
        "vurdering.oppfylt.lik.verdi",
        "sammenlign datoer med «dato»",
    ),
    feil(
        "lik-paa-liste",
        """\
            vurdering:
              oppfylt:
                lik: {felt: soknad.gjelder, verdi: husleie}
        """,
        "lik:",
        "vurdering.oppfylt.lik.felt",
        "bruk «inneholder» for lister",
    ),
    feil(
        "inneholder-paa-enkeltverdi",
        """\
            vurdering:
              oppfylt:
                inneholder: {felt: vedtak.utfall, verdi: avslag}
        """,
        "inneholder:",
        "vurdering.oppfylt.inneholder.felt",
        "bruk «lik» for én verdi",
    ),
    feil(
        "inneholder-paa-liste-av-strukturer",
        """\
            vurdering:
              oppfylt:
                inneholder: {felt: husstand.barn, verdi: B1}
        """,
        "inneholder:",
        "vurdering.oppfylt.inneholder.felt",
        "«husstand.barn» er en liste av strukturer",
        "bruk «noen» med en betingelse på et felt i elementene",
    ),
    feil(
        "verdi-og-som-felt",
        """\
            vurdering:
              oppfylt:
                lik: {felt: vedtak.utfall, verdi: avslag, som_felt: vedtak.utfall}
        """,
        "lik:",
        "vurdering.oppfylt.lik",
        "oppgi enten «verdi» eller «som_felt»",
    ),
    feil(
        "dato-paa-felt-som-ikke-er-dato",
        """\
            vurdering:
              oppfylt:
                dato: {felt: vedtak.utfall, senest: vedtak.dato}
        """,
        "dato:",
        "vurdering.oppfylt.dato.felt",
        "«vedtak.utfall» er ikke en dato",
    ),
    feil(
        "umulig-dato",
        """\
            vurdering:
              oppfylt:
                dato:
                  felt: vedtak.dato
                  tidligst: 2024-02-30
        """,
        "2024-02-30",
        "vurdering.oppfylt.dato.tidligst",
        "«2024-02-30» er ikke en gyldig dato",
    ),
    feil(
        "dato-uten-grense",
        """\
            vurdering:
              oppfylt:
                dato: {felt: vedtak.dato}
        """,
        "dato:",
        "vurdering.oppfylt.dato",
        "oppgi «senest», «tidligst» eller begge",
    ),
    feil(
        "dager-mellom-fra-ikke-dato",
        """\
            vurdering:
              oppfylt:
                dager_mellom:
                  fra: soknad.gjelder
                  til: vedtak.dato
                  hoyst: 30
        """,
        "fra:",
        "vurdering.oppfylt.dager_mellom.fra",
        "er ikke en dato",
    ),
    feil(
        "tall-paa-tekst",
        """\
            vurdering:
              oppfylt:
                tall: {felt: sak_id, minst: 1}
        """,
        "tall:",
        "vurdering.oppfylt.tall.felt",
        "«sak_id» er ikke et tall",
    ),
    feil(
        "tall-minst-over-hoyst",
        """\
            vurdering:
              oppfylt:
                tall: {felt: husstand.voksne, minst: 3, hoyst: 2}
        """,
        "tall:",
        "vurdering.oppfylt.tall",
        "«minst» er større enn «hoyst»",
    ),
    feil(
        "antall-ulike-paa-enkeltverdi",
        """\
            vurdering:
              oppfylt:
                antall_ulike: {felt: vedtak.utfall, minst: 2}
        """,
        "antall_ulike:",
        "vurdering.oppfylt.antall_ulike.felt",
        "er ikke en liste",
    ),
    feil(
        "antall-uten-grenser",
        """\
            vurdering:
              oppfylt:
                antall: {liste: samtaler, som: s}
        """,
        "antall:",
        "vurdering.oppfylt.antall",
        "«antall» trenger «minst», «hoyst» eller begge",
    ),
    feil(
        "tekst-paa-ikke-tekst",
        """\
            vurdering:
              oppfylt:
                tekst: {felt: vedtak.dato, fraser: [barn]}
        """,
        "tekst:",
        "vurdering.oppfylt.tekst.felt",
        "er ikke tekst",
    ),
    feil(
        "tekst-uten-fraser",
        """\
            vurdering:
              oppfylt:
                tekst: {felt: vedtak.tekst}
        """,
        "tekst:",
        "vurdering.oppfylt.tekst",
        "oppgi «fraser», «regex» eller begge",
    ),
    feil(
        "fritekst-i-begrunnelse",
        """\
            vurdering:
              oppfylt: {finnes: vedtak}
            begrunnelse:
              oppfylt: "Vedtaket sier: {vedtak.tekst}"
              ikke_oppfylt: nei
        """,
        "{vedtak.tekst}",
        "begrunnelse.oppfylt",
        "«vedtak.tekst» er fritekst og kan inneholde personopplysninger",
    ),
    feil(
        "fritekst-i-bevis",
        """\
            vurdering:
              oppfylt:
                noen:
                  liste: tiltak
                  som: t
                  bevis: "tiltak {t.merknad}"
        """,
        "bevis:",
        "vurdering.oppfylt.noen.bevis",
        "«t.merknad» er fritekst",
    ),
    feil(
        "fritekst-i-tekst-mangler",
        """\
            vurdering:
              for_hvert: {liste: husstand.barn, som: barn}
              krav: {finnes: barn}
              tekst_mangler: "{barn.merknad}"
            begrunnelse: {oppfylt: ja, delvis_oppfylt: delvis, ikke_oppfylt: nei}
        """,
        "tekst_mangler:",
        "vurdering.tekst_mangler",
        "er fritekst",
    ),
    feil(
        "entall-og-flertall-etter-noe-som-ikke-er-et-antall",
        """\
            vurdering:
              oppfylt: {finnes: vedtak}
            begrunnelse:
              oppfylt: "{vedtak.dato|dag|dager}"
              ikke_oppfylt: nei
        """,
        "{vedtak.dato|",
        "begrunnelse.oppfylt",
        "entall og flertall passer bare etter et antall; «vedtak.dato» er ikke et antall",
    ),
    feil(
        "entall-uten-flertall",
        """\
            vurdering:
              oppfylt: {finnes: vedtak}
            begrunnelse:
              oppfylt: "{husstand.voksne|voksen}"
              ikke_oppfylt: nei
        """,
        "{husstand.voksne|",
        "begrunnelse.oppfylt",
        "skriv tallet med entall og flertall, for eksempel {antall|samtale|samtaler}",
    ),
    feil(
        "hel-struktur-i-mal",
        """\
            vurdering:
              oppfylt: {finnes: vedtak}
            begrunnelse:
              oppfylt: "{vedtak}"
              ikke_oppfylt: nei
        """,
        '"{vedtak}"',
        "begrunnelse.oppfylt",
        "er en hel struktur (en mapping",
    ),
    feil(
        "ulukket-krollparentes",
        """\
            vurdering:
              oppfylt: {finnes: vedtak}
            begrunnelse:
              oppfylt: ja
              ikke_oppfylt: "Vedtaket {vedtak.dato mangler"
        """,
        "ikke_oppfylt:",
        "begrunnelse.ikke_oppfylt",
        "en krøllparentes er ikke lukket",
    ),
    feil(
        "ulukket-krollparentes-foran-plassholder",
        """\
            vurdering:
              oppfylt: {finnes: vedtak}
            begrunnelse:
              oppfylt: "Vedtaket {vedtak.utfall {vedtak.dato}"
              ikke_oppfylt: nei
        """,
        "  oppfylt:",
        "begrunnelse.oppfylt",
        "en krøllparentes er ikke lukket",
        nr=2,
    ),
    feil(
        "ukjent-navn-i-mal",
        """\
            vurdering:
              for_hvert: {liste: husstand.barn, som: barn}
              krav: {finnes: barn}
              tekst_mangler: x
            begrunnelse:
              oppfylt: "{antal} barn"
              delvis_oppfylt: d
              ikke_oppfylt: n
        """,
        "{antal}",
        "begrunnelse.oppfylt",
        "navngitte verdier her: {antall}, {antall_oppfylt}",
    ),
    feil(
        "bevis-der-ingenting-er-funnet",
        """\
            gjelder: {har_barn: true}
            vurdering:
              oppfylt: {finnes: vedtak}
            begrunnelse:
              oppfylt: ja
              ikke_oppfylt: nei
              ikke_aktuelt: "{bevis}"
        """,
        "ikke_aktuelt:",
        "begrunnelse.ikke_aktuelt",
        "navngitte verdier her: ingen",
    ),
    feil(
        "mangler-delvis-tekst",
        """\
            vurdering:
              oppfylt: {finnes: tiltak}
              delvis_oppfylt: {finnes: journal}
            begrunnelse:
              oppfylt: ja
              ikke_oppfylt: nei
        """,
        "begrunnelse:",
        "begrunnelse",
        "kriteriet kan gi delvis_oppfylt; oppgi begrunnelse.delvis_oppfylt",
    ),
    feil(
        "mangler-delvis-tekst-for-hvert",
        """\
            vurdering:
              for_hvert: {liste: husstand.barn, som: barn}
              krav: {finnes: barn}
              tekst_mangler: "{barn.id}"
            begrunnelse:
              oppfylt: ja
              ikke_oppfylt: nei
        """,
        "begrunnelse:",
        "begrunnelse",
        "oppgi begrunnelse.delvis_oppfylt",
    ),
    feil(
        "for-hvert-uten-krav",
        """\
            vurdering:
              for_hvert: {liste: husstand.barn, som: barn}
              tekst_mangler: x
        """,
        "vurdering:",
        "vurdering",
        "«for_hvert» trenger «krav»",
    ),
    feil(
        "krever-ukjent-sti",
        """\
            krever:
              - radgivning.forste_samtale
              - radgivning.forste_samtal
            vurdering:
              oppfylt: {finnes: vedtak}
        """,
        "forste_samtal",
        "krever[1]",
        "mente du «forste_samtale»?",
        nr=2,
    ),
    feil(
        "ukjent-tjeneste",
        """\
            gjelder:
              tjeneste: [okonomisk_stonat]
            vurdering:
              oppfylt: {finnes: vedtak}
        """,
        "tjeneste:",
        "gjelder.tjeneste[0]",
        "mente du «okonomisk_stonad»?",
    ),
    feil(
        "gjelder-vilkar-med-feil",
        """\
            gjelder:
              vilkar:
                noen: {liste: samtaler, som: s, hvor: {finnes: s.tolken}}
            vurdering:
              oppfylt: {finnes: vedtak}
        """,
        "noen:",
        "gjelder.vilkar.noen.hvor.finnes",
        "mente du «tolk»?",
    ),
]


@pytest.mark.parametrize(("kropp", "markor", "nr", "sti", "hint"), LASTEFEIL)
def test_lastefeil_viser_fil_linje_kriterium_sti_og_hint(tmp_path, kropp, markor, nr, sti, hint):
    if "begrunnelse:" not in kropp:
        kropp += "begrunnelse: {oppfylt: ja, delvis_oppfylt: delvis, ikke_oppfylt: nei}\n"
    tekst = HODE + T1 + textwrap.indent(kropp, "    ")
    fil = skriv(tmp_path, tekst)
    linje = linje_med(tekst, markor, nr)
    funnet = problemer(fil)
    start = f"{fil}:{linje}: T1: {sti}: "
    treff = [p for p in funnet if str(p).startswith(start)]
    assert treff, f"ventet en feil som starter med «{start}», fikk {[str(p) for p in funnet]}"
    (problem,) = treff
    assert problem.felt == "T1"
    for del_ in hint:
        assert del_ in problem.melding


def test_alle_kriterier_med_feil_meldes_ikke_bare_det_forste(tmp_path):
    tekst = HODE + textwrap.dedent(
        """\
          - id: A
            tittel: a
            kilde: [a]
            vurdering: {oppfylt: {finnes: vedtk}}
            begrunnelse: {oppfylt: ja, ikke_oppfylt: nei}
          - id: B
            tittel: b
            kilde: [b]
            vurdering: {oppfylt: {finnes: journl}}
            begrunnelse: {oppfylt: ja, ikke_oppfylt: nei}
        """
    )
    fil = skriv(tmp_path, tekst)
    assert [(p.linje, p.felt) for p in problemer(fil)] == [
        (linje_med(tekst, "vedtk"), "A"),
        (linje_med(tekst, "journl"), "B"),
    ]


def test_kriterium_uten_id_navngis_med_nummer(tmp_path):
    tekst = HODE + "  - tittel: a\n    kilde: [a]\n    vurdering: {oppfylt: {finnes: vedtak}}\n"
    tekst += "    begrunnelse: {oppfylt: ja, ikke_oppfylt: nei}\n"
    fil = skriv(tmp_path, tekst)
    (problem,) = problemer(fil)
    assert str(problem) == f"{fil}:4: kriterium nr. 1: id: mangler; feltet er påkrevd"


ENKEL = """\
  - id: {id}
    tittel: t
    kilde: [k]
    vurdering: {{oppfylt: {{finnes: vedtak}}}}
    begrunnelse: {{oppfylt: ja, ikke_oppfylt: nei}}
"""


def test_duplisert_id_i_samme_fil(tmp_path):
    tekst = HODE + ENKEL.format(id="K1") + ENKEL.format(id="K2") + ENKEL.format(id="K1")
    fil = skriv(tmp_path, tekst)
    (problem,) = problemer(fil)
    assert str(problem).startswith(f"{fil}:{linje_med(tekst, 'id: K1', 2)}: K1: ")
    forste = linje_med(tekst, "id: K1")
    assert f"id-en er brukt på linje {forste} i samme fil; gi hvert kriterium" in problem.melding


def test_duplisert_id_i_to_filer(tmp_path):
    forste = skriv(tmp_path, HODE + ENKEL.format(id="K1") + ENKEL.format(id="K2"), "a.yaml")
    tekst = HODE + ENKEL.format(id="K3") + ENKEL.format(id="K2")
    andre = skriv(tmp_path, tekst, "b.yaml")
    (problem,) = problemer(forste, andre)
    assert str(problem).startswith(f"{andre}:{linje_med(tekst, 'id: K2')}: K2: ")
    assert f"id-en er brukt før (i {forste}:" in problem.melding
    # A directory is every .yaml file in it, sorted: the same problem.
    (problem,) = problemer(tmp_path)
    assert str(problem).startswith(f"{andre}:{linje_med(tekst, 'id: K2')}: K2: ")


def test_yaml_syntaksfeil(tmp_path):
    tekst = "format: revisjon-kriterier/1\ntittel: a: b\nkriterier: []\n"
    fil = skriv(tmp_path, tekst)
    (problem,) = problemer(fil)
    assert str(problem).startswith(f"{fil}:2: ugyldig YAML-syntaks")
    assert "kontroller innrykk, kolon og anførselstegn" in problem.melding
    assert problem.felt is None


def test_duplisert_yaml_nokkel(tmp_path):
    tekst = HODE + ENKEL.format(id="K1").replace("    kilde", "    tittel: igjen\n    kilde")
    fil = skriv(tmp_path, tekst)
    (problem,) = problemer(fil)
    assert str(problem) == (
        f"{fil}:{linje_med(tekst, 'tittel: igjen')}: "
        "nøkkelen «tittel» står to ganger i samme mapping; fjern den ene"
    )


@pytest.mark.parametrize("innhold", ["", "\n", "# bare en kommentar\n"])
def test_tom_fil(tmp_path, innhold):
    fil = skriv(tmp_path, innhold)
    (problem,) = problemer(fil)
    assert str(problem) == f"{fil}: filen er tom"


def test_feil_format_og_ingen_kriterier(tmp_path):
    fil = skriv(tmp_path, "format: revisjon-kriterier/2\ntittel: a\nkriterier: []\n")
    format_, kriterier = (str(p) for p in problemer(fil))
    assert format_.startswith(f"{fil}:1: format: ugyldig verdi")
    assert format_.endswith("gyldige verdier: revisjon-kriterier/1")
    assert kriterier == f"{fil}:3: kriterier: kan ikke være tom"


def test_mappe_uten_kriteriefiler(tmp_path):
    (problem,) = problemer(tmp_path)
    assert "ingen kriteriefiler (.yaml) funnet" in problem.melding


def test_standardsettet_lastes_uten_feil():
    (sett,) = last_kriterier()
    assert len(sett.kriterier) == 10
    assert len(sett.sha256) == 64


@pytest.mark.parametrize(
    ("monster", "melding"),
    [
        ("[a", "en [ er ikke lukket med ] (ved tegn 1)"),
        ("a)", "en ) har ingen ( foran seg (ved tegn 2)"),
        ("*a", "en gjentakelse (*, +, ? eller {…}) har ingenting foran seg (ved tegn 1)"),
        ("a**", "to gjentakelser står etter hverandre (ved tegn 3)"),
        ("\\q", "ukjent tegn etter \\; skriv \\\\ for en bakoverstrek (ved tegn 1)"),
        ("[z-a]", "tegnområdet går baklengs (ved tegn 2)"),
        ("a{2,1}", "i {m,n} er m større enn n (ved tegn 3)"),
        ("(?<=a+)b", "et tilbakeblikk (?<=…) må ha fast lengde"),
        ("(?P<x", "uttrykket slutter for tidlig (ved tegn 5)"),
        ("(?P<1>a)", "uttrykket kan ikke tolkes (ved tegn 5)"),
    ],
)
def test_ugyldig_regex_forklares_pa_norsk(monster: str, melding: str) -> None:
    import re

    from revisjon.kriteriesprak.regex import _regexfeil

    with pytest.raises(re.error) as feil:
        re.compile(monster)
    assert _regexfeil(feil.value) == melding


def test_belop_med_tusenskille_i_begrunnelsen():
    """«3 276 kr», never «3276 kr»; the separator is the no-break space of the report."""
    from revisjon.kriteriesprak.stier import formater

    assert formater(3276.0) == "3\u00a0276"
    assert formater(1234.5) == "1\u00a0234,50"
    assert formater(900.0) == "900"


@pytest.mark.parametrize(
    ("tekst", "vurdert", "forventet"),
    [
        ("i {vurdert|den ene saken|alle de # sakene}", "1", "i den ene saken"),
        ("i {vurdert|den ene saken|alle de # sakene}", "12", "i alle de 12 sakene"),
        ("i {vurdert|sak|saker}", "1", "i 1 sak"),
        ("i {vurdert|sak|saker}", "1\u00a0500", "i 1\u00a0500 saker"),
    ],
)
def test_rapporttekst_med_entall_og_flertall(tekst, vurdert, forventet):
    from revisjon.kriteriesprak.maler import fyll_rapporttekst, sjekk_rapporttekst

    assert sjekk_rapporttekst(tekst) is None
    assert fyll_rapporttekst(tekst, {"vurdert": vurdert}) == forventet


def test_rapporttekst_entall_og_flertall_bare_etter_et_antall():
    from revisjon.kriteriesprak.maler import sjekk_rapporttekst

    assert "«andel» er ikke et antall" in (sjekk_rapporttekst("{andel|sak|saker}") or "")
    assert "entall og flertall" in (sjekk_rapporttekst("{vurdert|sak}") or "")
