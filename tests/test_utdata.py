"""The outputs: the JSON contract, the Markdown report (golden file), and safe escaping."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revisjon.feil import Avvisning
from revisjon.kriteriesprak.modell import STATUSER
from revisjon.rapport import RENDERERE, Format
from revisjon.rapport.markdown import md, mdblokk
from revisjon.resultat import Kjoring, Resultat, SakResultat
from revisjon.vurdering.kjoring import vurder
from tests.conftest import DATA, ROT, skriv_rapport

FASIT = DATA / "fasit" / "funn-eksempler.md"


def test_hvert_format_har_en_renderer():
    assert set(RENDERERE) == set(Format)


@pytest.fixture
def eksempelkjoring(standardsett, monkeypatch):
    monkeypatch.chdir(ROT)  # relative paths in the output, as a user running from the repo sees
    from pathlib import Path

    return vurder([Path("eksempler")], kriteriesett=standardsett)


def test_json_kontrakten(eksempelkjoring, standardsett):
    data = json.loads(skriv_rapport(eksempelkjoring, standardsett, Format.json))
    assert data["format"] == "revisjon-resultat/1"
    assert set(data) >= {"format", "kriterier", "saker", "avviste"}
    for kriterium in data["kriterier"]:
        assert set(kriterium) >= {"id", "tittel", "kilde", "antall"}
        assert list(kriterium["antall"]) == list(STATUSER)
        assert sum(kriterium["antall"].values()) == len(data["saker"])
    forste = data["saker"][0]
    assert set(forste) >= {"sak_id", "fil", "tjeneste", "resultater"}
    # natural sak_id order: GJ-RV-01 first, the .jsonl's GJ-ØS-12 last
    assert forste["sak_id"] == "GJ-RV-01"
    assert data["saker"][-1]["sak_id"] == "GJ-ØS-12"
    assert data["saker"][-1]["fil"] == "eksempler/flere-saker.jsonl"
    assert data["saker"][-1]["linje"] == 1
    assert forste["kontor"] is None or isinstance(forste["kontor"], str)
    for resultat in forste["resultater"]:
        assert list(resultat)[:3] == ["kriterium", "status", "begrunnelse"]
        assert resultat["status"] in STATUSER
        # a verdict that reads a text also names it, its sentences and any reason to read it
        if resultat["kriterium"] in ("K2", "K4") and resultat["status"] != "ikke_aktuelt":
            assert list(resultat)[3:] == ["tekstfelt", "setninger", "til_kontroll"]
            assert resultat["tekstfelt"] == "vedtak.tekst"
            assert all(isinstance(n, int) and n >= 1 for n in resultat["setninger"])
        else:
            assert len(resultat) == 3
    assert data["avviste"] == []


def test_json_avviste_har_null_der_linje_og_felt_ikke_er_kjent():
    kjoring = Kjoring(
        kriterier=[],
        avviste=[
            Avvisning("a.yaml", None, None, "filen er tom"),
            Avvisning("b.jsonl", 3, "sak_id", "x"),
        ],
    )
    assert json.loads(skriv_rapport(kjoring, [], Format.json))["avviste"] == [
        {"fil": "a.yaml", "linje": None, "felt": None, "melding": "filen er tom"},
        {"fil": "b.jsonl", "linje": 3, "felt": "sak_id", "melding": "x"},
    ]


def test_markdown_rapporten_mot_fasit(eksempelkjoring, standardsett, oppdater_fasit):
    tekst = skriv_rapport(eksempelkjoring, standardsett, Format.markdown)
    if oppdater_fasit:
        FASIT.write_text(tekst, encoding="utf-8")
    assert tekst == FASIT.read_text("utf-8"), "kjør pytest --oppdater-fasit og se over diffen"


def test_markdown_er_lik_for_like_inndata(standardsett, eksempelkjoring):
    from pathlib import Path

    andre = vurder([Path("eksempler")], kriteriesett=standardsett)
    assert skriv_rapport(andre, standardsett, Format.markdown) == skriv_rapport(
        eksempelkjoring, standardsett, Format.markdown
    )


@pytest.mark.parametrize(
    ("inn", "ut"),
    [
        ("GJ|1", "GJ\\|1"),
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("[lenke](http://x)", "\\[lenke\\](http://x)"),
        ("# overskrift", "\\# overskrift"),
        ("```kode", "\\`\\`\\`kode"),
        ("linje1\nlinje2", "linje1 linje2"),
        ("versjon 0.1.0", "versjon 0.1.0"),
        ("*fet* _kursiv_", "\\*fet\\* \\_kursiv\\_"),
        ("  mye \t\r\n  luft\u2028 ", "mye luft"),
        # the no-break space of a count (1 500) is kept, so Word and PDF keep the count whole
        ("i 1\u00a0500 saker", "i 1\u00a0500 saker"),
        ("\u00a0kant\u00a0", "kant"),
    ],
)
def test_tekst_fra_inndata_kan_ikke_bryte_markdown(inn, ut):
    assert md(inn) == ut


@pytest.mark.parametrize(
    ("inn", "ut"),
    [("1. punkt", "1\\. punkt"), ("- punkt", "\\- punkt"), ("+ x", "\\+ x"), ("# x", "\\# x")],
)
def test_tekst_som_starter_en_linje_kan_ikke_bli_liste_eller_overskrift(inn, ut):
    assert mdblokk(inn) == ut


def test_sak_id_med_tabelltegn_bryter_ikke_tabellen(standardsett):
    kjoring = Kjoring(
        kriterier=[],
        saker=[
            SakResultat(
                "A|B",
                "a.yaml",
                None,
                "okonomisk_stonad",
                None,
                None,
                tuple(Resultat(k.id, "oppfylt", "ok") for k in standardsett[0].kriterier),
            )
        ],
    )
    tekst = skriv_rapport(kjoring, standardsett, Format.markdown)
    rader = [r for r in tekst.splitlines() if r.startswith("| A")]
    assert rader[0] == "| A\\|B | oppfylt | ok |"
    assert rader[-1] == "| A\\|B | " + " | ".join(["O"] * 10) + " |"


_JSONVERDI = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=()), max_size=20),
    lambda barn: (
        st.lists(barn, max_size=4)
        | st.tuples(barn, barn)
        | st.dictionaries(st.text(max_size=8) | st.integers(), barn, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(verdi=_JSONVERDI, niva=st.integers(min_value=0, max_value=3))
def test_json_teksten_er_som_json_dumps(verdi: object, niva: int) -> None:
    """A case's piece of the result is exactly what ``json.dumps(indent=2)`` writes, indented
    ``niva`` levels: quotes, control characters, line separators, empty lists and maps. (Cases
    hold no floats, and no lone surrogates: intake rejects them.)"""
    from revisjon.rapport.json_format import _verdi

    forventet = json.dumps(verdi, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * niva)
    assert _verdi(verdi, niva) == forventet
