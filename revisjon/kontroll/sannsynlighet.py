"""Exact tail tests for attribute sampling, in integer arithmetic.

``P(X <= k) <= alfa`` is decided without floating point: with p = a/b and alfa = c/d the binomial
test is ``d * sum C(n,i) a^i (b-a)^(n-i) <= c * b^n``, and the hypergeometric one is
``d * sum C(K,i) C(N-K,n-i) <= c * C(N,n)``. These decide sample sizes and tolerance verdicts,
so a boundary case never flips on a rounding error.
"""

from __future__ import annotations

from fractions import Fraction
from math import comb


def binomisk_hale_hoyst(k: int, n: int, p: Fraction, alfa: Fraction) -> bool:
    """Whether P(X <= k) <= alfa for X ~ Bin(n, p), 0 < p < 1."""
    if k >= n:
        return alfa >= 1
    if k < 0:
        return True
    a, b = p.numerator, p.denominator
    sum_ = sum(comb(n, i) * a**i * (b - a) ** (n - i) for i in range(k + 1))
    return bool(alfa.denominator * sum_ <= alfa.numerator * b**n)


def hypergeometrisk_hale_hoyst(k: int, populasjon: int, avvik: int, n: int, alfa: Fraction) -> bool:
    """Whether P(X <= k) <= alfa when n of ``populasjon`` items are drawn without replacement
    and ``avvik`` of them are deviations."""
    if k < 0:
        return True
    storst = min(k, avvik, n)
    sum_ = sum(comb(avvik, i) * comb(populasjon - avvik, n - i) for i in range(storst + 1))
    return bool(alfa.denominator * sum_ <= alfa.numerator * comb(populasjon, n))


def hypergeometrisk_ovre(x: int, n: int, populasjon: int, alfa: Fraction) -> int:
    """The one-sided upper confidence limit for the number of deviations in the population:
    the largest K not rejected, i.e. with P(X <= x | K) > alfa (exact, by bisection on K,
    since the tail falls as K grows)."""
    lav = x  # K = x is never rejected: at least x deviations were seen
    hoy = populasjon - (n - x)  # the n - x items found in order are not deviations
    while lav < hoy:
        midt = (lav + hoy + 1) // 2
        if hypergeometrisk_hale_hoyst(x, populasjon, midt, n, alfa):
            hoy = midt - 1
        else:
            lav = midt
    return lav
