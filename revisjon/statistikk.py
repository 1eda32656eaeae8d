"""Honest statistics for small samples: the share met and its exact (Clopper-Pearson) interval.

Computed from exact binomial tail sums found by bisection, so no statistics library is needed
and the figures match the published tables (1 of 10 at 95 % → 0.25 %–44.50 %).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass


def _binomial_hale(x: int, n: int, p: float, *, ovre: bool) -> float:
    """P(X >= x) when ``ovre``, else P(X <= x), for X ~ Bin(n, p)."""
    if p <= 0.0:
        return 1.0 if (not ovre or x <= 0) else 0.0
    if p >= 1.0:
        return 1.0 if (ovre or x >= n) else 0.0
    omrade = range(x, n + 1) if ovre else range(0, x + 1)
    logp, logq = math.log(p), math.log1p(-p)
    return math.fsum(
        math.exp(
            math.lgamma(n + 1)
            - math.lgamma(k + 1)
            - math.lgamma(n - k + 1)
            + k * logp
            + (n - k) * logq
        )
        for k in omrade
    )


def _halver(f: Callable[[float], float], mal: float, stigende: bool) -> float:
    """The p where f(p) crosses ``mal``; f rises with p when ``stigende``, else falls."""
    lav, hoy = 0.0, 1.0
    for _ in range(80):  # 2**-80 is far below the precision of a double near the answer
        midt = (lav + hoy) / 2
        if (f(midt) < mal) == stigende:
            lav = midt
        else:
            hoy = midt
    return (lav + hoy) / 2


def clopper_pearson(x: int, n: int, konfidens: float = 0.95) -> tuple[float, float]:
    """The two-sided exact confidence interval for a binomial share x/n, as fractions."""
    if n <= 0 or not 0 <= x <= n:
        raise ValueError("krever 0 <= x <= n og n > 0")
    alfa = 1 - konfidens
    nedre = 0.0 if x == 0 else _halver(lambda p: _binomial_hale(x, n, p, ovre=True), alfa / 2, True)
    ovre = (
        1.0 if x == n else _halver(lambda p: _binomial_hale(x, n, p, ovre=False), alfa / 2, False)
    )
    return nedre, ovre


def ensidig_ovre(x: int, n: int, konfidens: float = 0.95) -> float:
    """The one-sided upper limit of a binomial share (Clopper-Pearson)."""
    if x == n:
        return 1.0
    return _halver(lambda p: _binomial_hale(x, n, p, ovre=False), 1 - konfidens, False)


@dataclass(frozen=True)
class Andel:
    """How many of the assessed cases met a criterion, and what the sample can support."""

    oppfylt: int
    vurdert: int
    konfidens: float

    @property
    def andel(self) -> float | None:
        return self.oppfylt / self.vurdert if self.vurdert else None

    @property
    def intervall(self) -> tuple[float, float] | None:
        return clopper_pearson(self.oppfylt, self.vurdert, self.konfidens) if self.vurdert else None
