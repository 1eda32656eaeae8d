"""Sample sizes for attribute sampling: the AICPA/jfa oracles, exact arithmetic, the CLI."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from revisjon.feil import RevisjonFeil
from revisjon.kontroll.andel import som_brok, tak, tolk_andel
from revisjon.kontroll.sannsynlighet import (
    binomisk_hale_hoyst,
    hypergeometrisk_hale_hoyst,
    hypergeometrisk_ovre,
)
from revisjon.kontroll.utvalgsstorrelse import beskriv, utvalgsstorrelse
from tests.cli_hjelp import kjor

P = Fraction


@pytest.mark.parametrize(
    ("toleranse", "konfidens", "forventet", "populasjon", "antall"),
    [
        ("5%", "95%", "0", None, 59),
        ("10%", "95%", "0", None, 29),
        ("10%", "90%", "0", None, 22),
        ("5%", "95%", "1%", None, 93),
        ("10%", "95%", "2%", None, 46),
        ("5%", "95%", "0", 50, 31),
        ("5%", "95%", "0", 100, 45),
        # more rows of the AICPA table (5 % tolerable, 95 %): 2 % → 181, and 6 %/3 % → 195
        ("5%", "95%", "2%", None, 181),
        ("6%", "95%", "3%", None, 195),
    ],
)
def test_oraklene(toleranse, konfidens, forventet, populasjon, antall):
    plan = utvalgsstorrelse(
        toleranse=tolk_andel(toleranse, valg="t"),
        konfidens=tolk_andel(konfidens, valg="c"),
        forventet=tolk_andel(forventet, valg="e", null_tillatt=True),
        populasjon=populasjon,
    )
    assert plan.antall == antall


def test_planen_er_den_minste_som_holder():
    """n holds and n − 1 does not (with its own k = ⌈n·E⌉), checked straight from the tails."""
    for t, e in [(P(5, 100), P(1, 100)), (P(10, 100), P(2, 100)), (P(4, 100), P(0))]:
        n = utvalgsstorrelse(toleranse=t, konfidens=P(95, 100), forventet=e).antall
        alfa = P(5, 100)
        assert binomisk_hale_hoyst(tak(n * e), n, t, alfa)
        assert not any(binomisk_hale_hoyst(tak(m * e), m, t, alfa) for m in range(1, n))


def test_hypergeometrisk_med_populasjon_er_den_minste_som_holder():
    for populasjon in (20, 50, 100, 333):
        plan = utvalgsstorrelse(toleranse=P(1, 20), konfidens=P(19, 20), populasjon=populasjon)
        avvik = math.ceil(P(1, 20) * populasjon)
        assert plan.populasjonsavvik == avvik
        assert hypergeometrisk_hale_hoyst(0, populasjon, avvik, plan.antall, P(1, 20))
        assert not hypergeometrisk_hale_hoyst(0, populasjon, avvik, plan.antall - 1, P(1, 20))
        assert plan.antall <= populasjon


def test_ingen_flyttallsfelle_i_taket():
    """0.07 × 100 is 7.000000000000001 as floats; the population then holds 7 deviations, not 8."""
    assert math.ceil(0.07 * 100) == 8  # the trap
    assert tak(tolk_andel("0.07", valg="t") * 100) == 7
    plan = utvalgsstorrelse(
        toleranse=tolk_andel("7%", valg="t"), konfidens=P(95, 100), populasjon=100
    )
    assert plan.populasjonsavvik == 7
    assert som_brok(0.07) == P(7, 100)


@pytest.mark.parametrize(
    ("tekst", "verdi"),
    [
        ("0.05", P(1, 20)),
        ("0,05", P(1, 20)),
        ("5%", P(1, 20)),
        ("5 %", P(1, 20)),
        ("2,5%", P(1, 40)),
    ],
)
def test_tolk_andel(tekst, verdi):
    assert tolk_andel(tekst, valg="--toleranse") == verdi


@pytest.mark.parametrize("tekst", ["5", "0", "1", "-0.1", "fem", "", "100%"])
def test_tolk_andel_avviser(tekst):
    with pytest.raises(RevisjonFeil, match="--toleranse"):
        tolk_andel(tekst, valg="--toleranse")


def test_forventet_ma_vaere_under_toleransen():
    with pytest.raises(RevisjonFeil, match="lavere enn toleransegrensen"):
        utvalgsstorrelse(toleranse=P(1, 20), konfidens=P(19, 20), forventet=P(1, 20))


def test_umulig_med_liten_populasjon():
    # N = 10, T = 5 % → K = 1; expecting ⌈10 · 1 %⌉ = 1 deviation can never rule K = 1 out
    with pytest.raises(RevisjonFeil, match="gå gjennom alle sakene"):
        utvalgsstorrelse(
            toleranse=P(1, 20), konfidens=P(19, 20), forventet=P(1, 100), populasjon=10
        )


def test_hypergeometrisk_ovre_mot_rå_opptelling():
    alfa = P(1, 20)
    for populasjon, n, x in [(50, 10, 0), (50, 31, 2), (100, 45, 1), (30, 30, 3), (12, 5, 5)]:
        ventet = max(
            k
            for k in range(x, populasjon - (n - x) + 1)
            if sum(math.comb(k, i) * math.comb(populasjon - k, n - i) for i in range(x + 1))
            > alfa * math.comb(populasjon, n)
        )
        assert hypergeometrisk_ovre(x, n, populasjon, alfa) == ventet


def test_beskrivelsen_sier_tallet_forst():
    tekst = beskriv(utvalgsstorrelse(toleranse=P(1, 20), konfidens=P(19, 20), forventet=P(1, 100)))
    forste, *resten = tekst.splitlines()
    assert forste == "Utvalgsstørrelse: 93 saker"
    assert "binomisk" in resten[0]
    assert "1 eller færre avvik blant 93" in tekst


def test_store_utvalg_skrives_med_tusenskille():
    nb = "\u00a0"  # the no-break space between groups of digits
    tekst = beskriv(
        utvalgsstorrelse(
            toleranse=P(1, 500), konfidens=P(19, 20), forventet=P(1, 1000), populasjon=100_000
        )
    )
    assert tekst.startswith(f"Utvalgsstørrelse: 5{nb}833 saker\n")
    assert f"(populasjon 100{nb}000 saker; 200 avvik i populasjonen" in tekst
    assert f"6 eller færre avvik blant 5{nb}833 tilfeldig valgte saker" in tekst


def test_cli_utvalgsstorrelse():
    svar = kjor(
        "utvalgsstorrelse", "--toleranse", "5%", "--konfidens", "0.95", "--populasjon", "100"
    )
    assert svar.returncode == 0, svar.stderr
    assert svar.stdout.startswith("Utvalgsstørrelse: 45 saker\n")
    assert "hypergeometrisk" in svar.stdout
    svar = kjor("utvalgsstorrelse", "--toleranse", "10%", "--forventet", "2%")
    assert svar.stdout.startswith("Utvalgsstørrelse: 46 saker\n")


def test_cli_utvalgsstorrelse_feil_gir_kode_2_og_norsk_melding():
    svar = kjor("utvalgsstorrelse", "--toleranse", "5")
    assert svar.returncode == 2
    assert "mente du prosent" in svar.stderr
    assert "Traceback" not in svar.stderr
