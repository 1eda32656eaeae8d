"""Tolerable deviation: the one-sided upper limit per criterion, the verdict, the report block,
the JSON keys, and ``toleranse`` in the criteria file."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from revisjon.jobb import Oppsett, lag_rapport
from revisjon.kontroll.stikkprove import Stikkprove, trekk_stikkprove
from revisjon.kontroll.toleranse import avviksgrense
from revisjon.kriteriesprak.lasting import standard_kriteriefil
from revisjon.rapport.format import Format
from revisjon.rapport.statistikk import ensidig_ovre
from tests.cli_hjelp import kjor
from tests.conftest import EKSEMPLER, lag_sak

P = Fraction
D = dt.date(2024, 6, 1)


def test_orakel_0_av_10_gir_25_89_prosent():
    assert ensidig_ovre(0, 10, 0.95) == pytest.approx(0.2589, abs=5e-5)
    a = avviksgrense(
        kriterium="K1", tittel="t", avvik=0, vurdert=10, grense=P(1, 10), konfidens=0.95
    )
    assert a.ovre == pytest.approx(0.2589, abs=5e-5)
    assert a.metode == "clopper-pearson"
    assert a.ovre_tekst == "25,9\u00a0%"  # one decimal, rounded up
    assert a.vurdering == "ikke_vist"


@pytest.mark.parametrize(
    ("avvik", "vurdert", "grense", "vurdering"),
    [
        (0, 59, P(5, 100), "innenfor"),  # the sample size for 5 %/95 %
        (0, 58, P(5, 100), "ikke_vist"),  # one case short
        (1, 93, P(5, 100), "innenfor"),
        (2, 93, P(5, 100), "ikke_vist"),
        (3, 10, P(10, 100), "over"),
        (1, 10, P(10, 100), "ikke_vist"),  # exactly at the tolerance is not «over»
        (0, 0, P(10, 100), "ikke_vurdert"),
    ],
)
def test_vurderingen_er_eksakt(avvik, vurdert, grense, vurdering):
    a = avviksgrense(
        kriterium="K", tittel="t", avvik=avvik, vurdert=vurdert, grense=grense, konfidens=0.95
    )
    assert a.vurdering == vurdering
    if vurdert:
        assert (a.ovre is not None and a.ovre < float(grense)) == (vurdering == "innenfor")


def test_hypergeometrisk_med_populasjon():
    # N = 50, 31 cases, no deviation: the sample size for 5 %/95 %; K = ⌈2.5⌉ = 3 is ruled out
    a = avviksgrense(
        kriterium="K",
        tittel="t",
        avvik=0,
        vurdert=31,
        grense=P(1, 20),
        konfidens=0.95,
        populasjon=50,
    )
    assert a.metode == "hypergeometrisk"
    assert a.vurdering == "innenfor"
    assert a.ovre == pytest.approx(2 / 50)
    b = avviksgrense(
        kriterium="K",
        tittel="t",
        avvik=0,
        vurdert=30,
        grense=P(1, 20),
        konfidens=0.95,
        populasjon=50,
    )
    assert b.vurdering == "ikke_vist"
    # the finite population makes the limit tighter than Clopper-Pearson
    c = avviksgrense(
        kriterium="K", tittel="t", avvik=0, vurdert=31, grense=P(1, 20), konfidens=0.95
    )
    assert c.vurdering == "ikke_vist" and c.ovre is not None and c.ovre > a.ovre


def test_tekstene_er_klare():
    inn = avviksgrense(
        kriterium="K", tittel="t", avvik=0, vurdert=59, grense=P(1, 20), konfidens=0.95
    )
    assert inn.tekst.replace("\u00a0", " ") == (
        "Innenfor: med 95 % sikkerhet er avviksandelen under toleransegrensen på 5,0 % "
        "(den øvre grensen er så vidt under)."
    )
    klart = avviksgrense(
        kriterium="K", tittel="t", avvik=0, vurdert=100, grense=P(1, 20), konfidens=0.95
    )
    assert klart.tekst.replace("\u00a0", " ").startswith(
        "Innenfor: med 95 % sikkerhet er avviksandelen under 3,0 %, altså under toleransegrensen på 5,0 %"
    )
    over = avviksgrense(
        kriterium="K", tittel="t", avvik=4, vurdert=10, grense=P(1, 10), konfidens=0.95
    )
    assert (
        over.tekst.replace("\u00a0", " ")
        == "Over: avviksandelen i utvalget (40,0 %) er høyere enn toleransegrensen på 10,0 %."
    )


def test_toleranse_i_rapporten_og_json():
    _, deler = lag_rapport(Oppsett(stier=[EKSEMPLER], dato=D, toleranse=P(1, 10)))
    tekst = "".join(deler)
    blokk = tekst.split("Toleransegrense for avvik", 1)[1].split("## 7 Konklusjon")[0]
    assert (
        "| Kriterium | Avvik | Vurdert | Avviksandel | Øvre grense | Metode | Toleransegrense | Vurdering |"
        in blokk
    )
    assert blokk.count("| Clopper-Pearson | 10,0\u00a0% |") == 10
    assert "ikke dokumentert som tilfeldig" in blokk
    _, deler = lag_rapport(
        Oppsett(stier=[EKSEMPLER], dato=D, toleranse=P(1, 10), format=Format.json)
    )
    tekst = "".join(deler)
    data = json.loads(tekst)
    t = data["kriterier"][0]["toleranse"]
    assert set(t) == {
        "grense", "konfidens", "avvik", "vurdert", "avviksandel", "ovre_grense", "metode",
        "populasjon", "vurdering", "tekst",
    }  # fmt: skip
    assert t["grense"] == 0.1
    k1 = data["kriterier"][0]["antall"]
    assert t["avvik"] == k1["delvis_oppfylt"] + k1["ikke_oppfylt"]


def test_uten_toleranse_er_rapporten_uendret():
    _, deler = lag_rapport(Oppsett(stier=[EKSEMPLER], dato=D))
    tekst = "".join(deler)
    assert "Toleransegrense" not in tekst
    _, deler = lag_rapport(Oppsett(stier=[EKSEMPLER], dato=D, format=Format.json))
    tekst = "".join(deler)
    data = json.loads(tekst)
    assert all(k["toleranse"] is None for k in data["kriterier"])
    assert data["utvalg"] is None
    assert data["rapportdato"] == "2024-06-01"


def test_toleranse_fra_kriteriefilen(tmp_path: Path):
    data = yaml.safe_load(standard_kriteriefil().read_text(encoding="utf-8"))
    data["toleranse"] = 0.05
    data.pop("tester", None)
    fil = tmp_path / "k.yaml"
    fil.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rapport, _ = lag_rapport(Oppsett(stier=[EKSEMPLER], kriterier=[fil], dato=D))
    assert rapport.toleranse is not None
    assert {a.grense for a in rapport.toleranse.kriterier} == {P(1, 20)}
    # --toleranse overrides the file
    rapport, _ = lag_rapport(Oppsett(stier=[EKSEMPLER], kriterier=[fil], dato=D, toleranse=P(1, 5)))
    assert rapport.toleranse is not None
    assert {a.grense for a in rapport.toleranse.kriterier} == {P(1, 5)}


def test_hypergeometrisk_i_rapporten_med_fullstendig_tilfeldig_utvalg(tmp_path: Path):
    """Every case is of the same kind, so K5 (no child as interpreter) is assessed in all of
    them: the population from the manifest then gives the hypergeometric limit."""
    mappe = tmp_path / "saker"
    mappe.mkdir()
    for i in range(50):
        sak = lag_sak(
            sak_id=f"S-{i:02d}",
            samtaler=[{"dato": "2024-03-06", "type": "kartleggingssamtale", "tolk": "ikke_behov"}],
        )
        (mappe / f"s{i:02d}.json").write_text(json.dumps(sak), encoding="utf-8")
    kopi = tmp_path / "kopi"
    trekk_stikkprove(
        Stikkprove(
            stier=[mappe], antall=31, seed="s", manifest=tmp_path / "u.yaml", kopier_til=kopi
        )
    )
    rapport, deler = lag_rapport(
        Oppsett(stier=[kopi], dato=D, utvalg=tmp_path / "u.yaml", toleranse=P(1, 20))
    )
    tekst = "".join(deler)
    assert rapport.toleranse is not None
    k5 = rapport.toleranse.for_kriterium("K5")
    assert k5 is not None
    assert (k5.vurdert, k5.avvik, k5.metode, k5.populasjon) == (31, 0, "hypergeometrisk", 50)
    assert k5.vurdering == "innenfor"
    assert "hypergeometrisk med populasjonen på 50 saker" in tekst


def test_cli_vurder_toleranse():
    svar = kjor("vurder", "eksempler/", "--toleranse", "5%", "--dato", "2024-06-01")
    assert svar.returncode == 0, svar.stderr
    assert "Toleransegrense for avvik" in svar.stdout
    assert "toleranse = 0.05" in svar.stdout  # the traceability appendix
    svar = kjor("vurder", "eksempler/", "--toleranse", "fem")
    assert svar.returncode == 2 and "--toleranse: «fem» er ikke et tall" in svar.stderr
