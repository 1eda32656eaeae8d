"""Finding Norwegian national identity numbers (fødselsnummer, D-nummer) in raw case data.

Anything shaped like one (11 digits, optionally a space after the six date digits, whose two
check digits are valid) rejects the whole case. Only the field path is ever reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from stdnum.no import fodselsnummer

_KANDIDAT = re.compile(r"(?<!\d)(\d{6}) ?(\d{5})(?!\d)")


def har_gyldige_kontrollsifre(elleve_siffer: str) -> bool:
    """True when the last two of 11 digits are valid mod-11 check digits (the K1 and K2 rules)."""
    # python-stdnum's validate() also rejects impossible birth dates; the contract counts any
    # number whose check digits hold, so synthetic and odd-dated numbers are caught too.
    return bool(
        fodselsnummer.calc_check_digit1(elleve_siffer[:9]) == elleve_siffer[9]
        and fodselsnummer.calc_check_digit2(elleve_siffer[:10]) == elleve_siffer[10]
    )


def inneholder_fodselsnummer(tekst: str) -> bool:
    """True when ``tekst`` holds 11 digits shaped like a fødselsnummer or D-nummer."""
    return any(
        har_gyldige_kontrollsifre(treff.group(1) + treff.group(2))
        for treff in _KANDIDAT.finditer(tekst)
    )


def finn_fodselsnummer(data: Any, sti: str = "") -> Iterator[str]:
    """Yield the field path of every key or value in ``data`` that holds an identity number."""
    if isinstance(data, dict):
        for nokkel, verdi in data.items():
            under = f"{sti}.{nokkel}" if sti else str(nokkel)
            if inneholder_fodselsnummer(str(nokkel)):
                yield sti or "(toppnivå)"
            yield from finn_fodselsnummer(verdi, under)
    elif isinstance(data, list):
        for i, verdi in enumerate(data):
            yield from finn_fodselsnummer(verdi, f"{sti}[{i}]")
    elif (
        isinstance(data, str | int | float)
        and not isinstance(data, bool)
        and inneholder_fodselsnummer(str(data))
    ):
        yield sti or "(toppnivå)"
