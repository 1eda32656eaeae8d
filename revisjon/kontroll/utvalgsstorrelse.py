"""Attribute-sampling sample size (``revisjon utvalgsstorrelse``), as the AICPA tables and the
audit tools (ACL SIZE, IDEA, jfa ``planning``) compute it.

The sample size is the smallest n such that, if the sample holds at most k = ⌈n·E⌉ deviations
(E = expected deviation rate), the probability of seeing so few when the true rate is the
tolerable rate T is at most 1 − C:

* binomial (the AICPA tables): P(X <= k | n, T) <= 1 − C;
* hypergeometric, when the population size N is given: the population then holds
  K = ⌈T·N⌉ deviations (the smallest count that is not tolerable), and
  P(X <= k | N, K, n) <= 1 − C.

Everything is exact (fractions and integers). For a fixed k the tail falls as n grows, so each
run of n with the same k is searched by bisection.

Oracles: 5 %/95 % → 59; 10 %/95 % → 29; 10 %/90 % → 22; 5 %/95 % with E = 1 % → 93;
10 %/95 % with E = 2 % → 46; 5 %/95 % with N = 50 → 31, N = 100 → 45.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from revisjon import norsk
from revisjon.feil import RevisjonFeil
from revisjon.kontroll.andel import tak
from revisjon.kontroll.sannsynlighet import binomisk_hale_hoyst, hypergeometrisk_hale_hoyst

MAKS_UTVALG = 10_000
"""Binomial sample sizes are searched up to this; beyond it the plan is not practical anyway."""


@dataclass(frozen=True)
class Utvalgsplan:
    """A sample size and what it can show."""

    antall: int
    tillatte_avvik: int
    toleranse: Fraction
    konfidens: Fraction
    forventet: Fraction
    populasjon: int | None
    populasjonsavvik: int | None
    """K = ⌈T·N⌉ for the hypergeometric plan."""

    @property
    def metode(self) -> Literal["binomisk", "hypergeometrisk"]:
        return "binomisk" if self.populasjon is None else "hypergeometrisk"


def _forste_som_holder(
    holder: Callable[[int, int], bool], forventet: Fraction, hoyest: int
) -> tuple[int, int] | None:
    """The smallest n <= ``hoyest`` with ``holder(n, ⌈n·E⌉)``, and that k."""
    k = 0 if forventet == 0 else 1
    while True:
        if forventet == 0:
            fra, til = 1, hoyest
        else:  # ⌈n·E⌉ = k exactly when (k − 1)/E < n <= k/E
            fra, til = math.floor((k - 1) / forventet) + 1, min(hoyest, math.floor(k / forventet))
        fra = max(fra, k + 1)  # with n <= k every outcome has at most k deviations
        if fra > hoyest:
            return None
        if fra <= til and holder(til, k):
            lav, hoy = fra, til
            while lav < hoy:
                midt = (lav + hoy) // 2
                if holder(midt, k):
                    hoy = midt
                else:
                    lav = midt + 1
            return lav, k
        if forventet == 0:
            return None
        k += 1


def utvalgsstorrelse(
    *,
    toleranse: Fraction,
    konfidens: Fraction,
    forventet: Fraction = Fraction(0),
    populasjon: int | None = None,
) -> Utvalgsplan:
    """The attribute-sampling sample size; raise RevisjonFeil when no sample size can do it."""
    if not 0 < toleranse < 1:
        raise RevisjonFeil("--toleranse må være over 0 og under 1")
    if not 0 < konfidens < 1:
        raise RevisjonFeil("--konfidens må være over 0 og under 1, for eksempel 0.95")
    if not 0 <= forventet < toleranse:
        raise RevisjonFeil(
            f"--forventet ({norsk.prosent(float(forventet))}) må være lavere enn toleransegrensen "
            f"({norsk.prosent(float(toleranse))}); ellers kan ikke noe utvalg vise at avviksandelen "
            "er under grensen"
        )
    if populasjon is not None and populasjon < 1:
        raise RevisjonFeil("--populasjon må være minst 1")
    alfa = 1 - konfidens
    if populasjon is None:
        funnet = _forste_som_holder(
            lambda n, k: binomisk_hale_hoyst(k, n, toleranse, alfa), forventet, MAKS_UTVALG
        )
        if funnet is None:
            raise RevisjonFeil(
                f"utvalget måtte vært over {norsk.heltall(MAKS_UTVALG)} saker; velg en høyere "
                "toleransegrense, en lavere forventet avviksandel eller et lavere konfidensnivå"
            )
        return Utvalgsplan(funnet[0], funnet[1], toleranse, konfidens, forventet, None, None)
    avvik = tak(toleranse * populasjon)
    funnet = _forste_som_holder(
        lambda n, k: hypergeometrisk_hale_hoyst(k, populasjon, avvik, n, alfa),
        forventet,
        populasjon,
    )
    if funnet is None:
        raise RevisjonFeil(
            f"med {norsk.heltall(populasjon)} saker i populasjonen og en forventet avviksandel på "
            f"{norsk.prosent(float(forventet))} kan ikke noe utvalg vise at avviksandelen er under "
            f"{norsk.prosent(float(toleranse))}; gå gjennom alle sakene, eller velg en høyere "
            "toleransegrense"
        )
    return Utvalgsplan(funnet[0], funnet[1], toleranse, konfidens, forventet, populasjon, avvik)


def beskriv(plan: Utvalgsplan) -> str:
    """The plan in plain Norwegian, the sample size on the first line."""
    t = norsk.konfidens(float(plan.toleranse))
    c = norsk.konfidens(float(plan.konfidens))
    e = norsk.konfidens(float(plan.forventet))
    antall = norsk.heltall(plan.antall)
    linjer = [f"Utvalgsstørrelse: {antall} saker"]
    if plan.populasjon is None:
        linjer.append("Metode: binomisk attributtutvalg (som AICPA-tabellene)")
    else:
        linjer.append(
            f"Metode: hypergeometrisk attributtutvalg (populasjon {norsk.heltall(plan.populasjon)} "
            f"saker; {norsk.heltall(plan.populasjonsavvik or 0)} avvik i populasjonen svarer til "
            "toleransegrensen)"
        )
    linjer.append(f"Toleransegrense {t}, konfidensnivå {c}, forventet avviksandel {e}.")
    funn = (
        "ingen avvik"
        if plan.tillatte_avvik == 0
        else f"{norsk.heltall(plan.tillatte_avvik)} eller færre avvik"
    )
    linjer.append(
        f"Finner dere {funn} blant {antall} tilfeldig "
        f"valgte saker, kan dere med {c} sikkerhet si at avviksandelen er under {t}."
    )
    if plan.populasjon is not None and plan.antall == plan.populasjon:
        linjer.append("Utvalget er hele populasjonen: gå gjennom alle sakene.")
    return "\n".join(linjer) + "\n"
