"""The statistics behind every figure in the report, and the Norwegian way of writing them.

The interval oracles are the published Clopper-Pearson values (1 of 10 at 95 % → 0.25 %–44.50 %)
and the closed forms that exist at the edges (0 of n and n of n). Every limit is also checked
against its definition, with binomial tails summed exactly with integers and fractions.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from fractions import Fraction

import pytest

from revisjon import norsk
from revisjon.norsk import intervall, nedre_grense, ovre_grense, prosent
from revisjon.rapport.statistikk import Andel, clopper_pearson, ensidig_ovre

# --- Clopper-Pearson ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "n", "konfidens", "nedre", "ovre"),
    [
        (1, 10, 0.95, 0.0025, 0.4450),  # the oracle: 0.25 %–44.50 %
        (0, 10, 0.95, 0.0000, 0.3085),  # the oracle: 0 %–30.85 %
        (10, 10, 0.95, 0.6915, 1.0000),
        (5, 10, 0.95, 0.1871, 0.8129),
        (3, 10, 0.95, 0.0667, 0.6525),
        (0, 1, 0.95, 0.0000, 0.9750),
        (1, 1, 0.95, 0.0250, 1.0000),
        (0, 10, 0.90, 0.0000, 0.2589),  # the two-sided 90 % upper limit is the one-sided 95 % one
        (1, 10, 0.90, 0.0051, 0.3942),
        (1, 10, 0.99, 0.0005, 0.5443),
    ],
)
def test_intervallet_mot_oraklene(x, n, konfidens, nedre, ovre):
    lav, hoy = clopper_pearson(x, n, konfidens)
    assert round(lav, 4) == nedre
    assert round(hoy, 4) == ovre


@pytest.mark.parametrize("n", [1, 2, 5, 10, 24, 100, 1000])
@pytest.mark.parametrize("konfidens", [0.9, 0.95, 0.99])
def test_kantene_har_lukket_form(n, konfidens):
    """0 of n: upper = 1 - (alpha/2)^(1/n); n of n: lower = (alpha/2)^(1/n)."""
    halv_alfa = (1 - konfidens) / 2
    assert clopper_pearson(0, n, konfidens)[0] == 0.0
    assert clopper_pearson(0, n, konfidens)[1] == pytest.approx(1 - halv_alfa ** (1 / n), abs=1e-9)
    assert clopper_pearson(n, n, konfidens)[0] == pytest.approx(halv_alfa ** (1 / n), abs=1e-9)
    assert clopper_pearson(n, n, konfidens)[1] == 1.0


def test_ensidig_ovre_grense():
    assert round(ensidig_ovre(0, 10), 4) == 0.2589  # 25.89 %
    assert ensidig_ovre(0, 10) == pytest.approx(1 - 0.05 ** (1 / 10), abs=1e-12)
    assert ensidig_ovre(10, 10) == 1.0
    # one-sided at 95 % is the upper end of the two-sided 90 % interval
    for x in range(10):
        assert ensidig_ovre(x, 10) == pytest.approx(clopper_pearson(x, 10, 0.90)[1], abs=1e-12)


def _hale(x: int, n: int, p: Fraction, *, ovre: bool) -> Fraction:
    """P(X >= x) or P(X <= x) for X ~ Bin(n, p), exactly."""
    omrade = range(x, n + 1) if ovre else range(0, x + 1)
    return sum((math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in omrade), Fraction(0))


@pytest.mark.parametrize(("x", "n"), [(1, 10), (3, 10), (7, 12), (11, 12), (16, 22), (2, 40)])
def test_grensene_oppfyller_definisjonen(x, n):
    """At the lower limit P(X >= x) = alpha/2; at the upper limit P(X <= x) = alpha/2."""
    lav, hoy = clopper_pearson(x, n)
    assert float(_hale(x, n, Fraction(lav), ovre=True)) == pytest.approx(0.025, abs=1e-10)
    assert float(_hale(x, n, Fraction(hoy), ovre=False)) == pytest.approx(0.025, abs=1e-10)


@pytest.mark.parametrize(("x", "n"), [(0, 7), (2, 7), (5, 9), (13, 30)])
def test_intervallet_er_speilsymmetrisk(x, n):
    lav, hoy = clopper_pearson(x, n)
    speil_lav, speil_hoy = clopper_pearson(n - x, n)
    assert lav == pytest.approx(1 - speil_hoy, abs=1e-12)
    assert hoy == pytest.approx(1 - speil_lav, abs=1e-12)


def test_hoyere_konfidens_gir_bredere_intervall():
    smal, middels, bred = (clopper_pearson(3, 10, k) for k in (0.9, 0.95, 0.99))
    assert bred[0] < middels[0] < smal[0] < 0.3 < smal[1] < middels[1] < bred[1]


@pytest.mark.parametrize(("x", "n"), [(-1, 10), (11, 10), (0, 0), (0, -1)])
def test_ugyldige_tall_avvises(x, n):
    with pytest.raises(ValueError):
        clopper_pearson(x, n)
    with pytest.raises(ValueError):
        ensidig_ovre(x, n)


@pytest.mark.parametrize("x", [0, 1, 5000, 50000, 99999, 100000])
def test_store_utvalg_er_raske_og_riktige(x):
    """The limits come from the incomplete beta function, not from summing n terms."""
    n = 100_000
    start = time.perf_counter()
    lav, hoy = clopper_pearson(x, n)
    brukt = time.perf_counter() - start
    assert brukt < 0.25, f"{brukt:.3f} s for n = {n}"  # about 20 ms; summing took seconds
    p = x / n
    assert lav <= p <= hoy
    if 1000 <= x <= n - 1000:  # the normal approximation is good here
        halv = 1.96 * math.sqrt(p * (1 - p) / n)
        assert lav == pytest.approx(p - halv, rel=0.02, abs=1e-6)
        assert hoy == pytest.approx(p + halv, rel=0.02, abs=1e-6)


def test_andel():
    andel = Andel(oppfylt=1, vurdert=10, konfidens=0.95)
    assert andel.andel == 0.1
    assert andel.intervall == clopper_pearson(1, 10)
    tom = Andel(oppfylt=0, vurdert=0, konfidens=0.95)
    assert tom.andel is None
    assert tom.intervall is None


# --- Norwegian formats --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("andel", "desimaler", "tekst"),
    [
        (0.3085, 1, "30,9\u00a0%"),
        (0.1235, 1, "12,4\u00a0%"),  # half up from the decimal value, not its binary approximation
        (0.285, 1, "28,5\u00a0%"),
        (0.3, 1, "30,0\u00a0%"),
        (0.0, 1, "0,0\u00a0%"),
        (1.0, 1, "100,0\u00a0%"),
        (2 / 3, 1, "66,7\u00a0%"),
        (0.95, 0, "95\u00a0%"),
        (None, 1, "–"),
    ],
)
def test_prosent(andel, desimaler, tekst):
    assert norsk.prosent(andel, desimaler) == tekst


@pytest.mark.parametrize(
    ("grenser", "tekst"),
    [
        (clopper_pearson(1, 10), "0,2\u00a0%–44,6\u00a0%"),  # 0.2529 %–44.5016 %, rounded outwards
        (clopper_pearson(0, 10), "0,0\u00a0%–30,9\u00a0%"),  # 30.8497 % is not «under 30,8 %»
        (clopper_pearson(10, 10), "69,1\u00a0%–100,0\u00a0%"),
        ((0.25, 0.75), "25,0\u00a0%–75,0\u00a0%"),
        (None, "–"),
    ],
)
def test_intervall_avrundes_utover(grenser, tekst):
    assert norsk.intervall(grenser) == tekst


@pytest.mark.parametrize(
    ("x", "n"), [(x, n) for n in (1, 7, 10, 12, 22, 57) for x in range(0, n + 1, max(1, n // 6))]
)
def test_avrundet_intervall_dekker_alltid_det_beregnede(x, n):
    lav, hoy = clopper_pearson(x, n)
    tekst_lav, tekst_hoy = norsk.intervall((lav, hoy)).split("–")
    assert _tall(tekst_lav) <= lav * 100 <= _tall(tekst_lav) + 0.1
    assert _tall(tekst_hoy) - 0.1 <= hoy * 100 <= _tall(tekst_hoy)


def _tall(prosenttekst: str) -> float:
    return float(prosenttekst.removesuffix("\u00a0%").replace(",", "."))


@pytest.mark.parametrize(
    ("niva", "tekst"),
    [
        (0.95, "95\u00a0%"),
        (0.9, "90\u00a0%"),
        (0.99, "99\u00a0%"),
        (0.975, "97,5\u00a0%"),
        (0.5, "50\u00a0%"),
    ],
)
def test_konfidensnivaet_skrives_med_de_desimalene_det_trenger(niva, tekst):
    assert norsk.konfidens(niva) == tekst


@pytest.mark.parametrize(
    ("dato", "tekst"),
    [(dt.date(2024, 2, 18), "18.02.2024"), (dt.date(2024, 10, 1), "01.10.2024"), (None, "–")],
)
def test_dato(dato, tekst):
    assert norsk.dato(dato) == tekst


def test_heltall():
    # a no-break space between groups of three digits, so a count never splits over two lines
    assert norsk.heltall(1234) == "1\u00a0234"
    assert norsk.heltall(100000) == "100\u00a0000"
    assert norsk.heltall(1234567) == "1\u00a0234\u00a0567"
    assert norsk.heltall(999) == "999"
    assert norsk.heltall(12) == "12"
    assert norsk.heltall(0) == "0"


def test_prosenttegnet_star_etter_hardt_mellomrom():
    """«30,9 %» never breaks between the number and the sign in Word or PDF."""
    assert prosent(0.3085) == "30,9\u00a0%"
    assert " " not in prosent(0.5) and " " not in intervall((0.1, 0.2))


@pytest.mark.parametrize(
    ("x", "n", "side", "grense"),
    [
        (0, 12, "ovre", "22,1\u00a0%"),  # the oracle: 0 of 12, one-sided 95 %
        (0, 10, "ovre", "25,9\u00a0%"),  # 1 - 0.05 ** (1 / 10)
        (12, 12, "nedre", "77,9\u00a0%"),
        (10, 10, "nedre", "74,1\u00a0%"),
    ],
)
def test_ensidig_grense_nar_ingen_eller_alle_er_i_orden(x, n, side, grense):
    ensidig = Andel(x, n, 0.95).ensidig
    assert ensidig is not None and ensidig.side == side
    tekst = ovre_grense(ensidig.grense) if side == "ovre" else nedre_grense(ensidig.grense)
    assert tekst == grense
    # the two-sided limit is a 97.5 % bound: 0 of 12 gives 26,5 %, not the 95 % bound
    if x == 0:
        assert ovre_grense(clopper_pearson(0, n)[1]) != grense


def test_ingen_ensidig_grense_nar_noen_er_i_orden():
    assert Andel(3, 10, 0.95).ensidig is None
    assert Andel(0, 0, 0.95).ensidig is None
