"""Shares and levels read exactly: ``0.05``, ``0,05``, ``5 %`` → Fraction(1, 20).

Sample sizes and tolerance verdicts are decided by exact comparisons, so a share is kept as a
fraction of the decimal the user wrote, never as its binary approximation.
"""

from __future__ import annotations

import math
from fractions import Fraction

from revisjon.feil import RevisjonFeil


def tolk_andel(tekst: str, *, valg: str, null_tillatt: bool = False) -> Fraction:
    """A share strictly between 0 and 1 (0 allowed when ``null_tillatt``), written as a decimal
    fraction (``0.05`` or ``0,05``) or as a percentage (``5%``, ``5 %``)."""
    renset = tekst.strip().replace(",", ".").replace(" ", "")
    prosent = renset.endswith("%")
    try:
        verdi = Fraction(renset.removesuffix("%"))
    except (ValueError, ZeroDivisionError):
        raise RevisjonFeil(
            f"{valg}: «{tekst}» er ikke et tall; skriv for eksempel 0.05 eller 5%"
        ) from None
    if prosent:
        verdi /= 100
    nedre_ok = verdi >= 0 if null_tillatt else verdi > 0
    if not (nedre_ok and verdi < 1):
        omrade = "fra og med 0" if null_tillatt else "over 0"
        hint = " (mente du prosent? skriv da for eksempel 5%)" if not prosent and verdi >= 1 else ""
        raise RevisjonFeil(f"{valg}: «{tekst}» må være {omrade} og under 1 (100 %){hint}")
    return verdi


def som_brok(verdi: float) -> Fraction:
    """A float from a file or an option as the decimal it was written as: 0.05 → 1/20 (not
    0.05000000000000000277…); ``repr`` gives the shortest decimal that reads back the same."""
    return Fraction(repr(verdi))


def tak(verdi: Fraction) -> int:
    """Exact ceiling (``math.ceil`` on a Fraction is exact; on a float it is the trap)."""
    return math.ceil(verdi)
