"""Finding Norwegian national identity numbers (fødselsnummer, D-nummer) in raw case data.

Anything shaped like one (11 digits, optionally a space after the six date digits, whose two
check digits are valid) rejects the whole case. Only the field path is ever reported. A number
value (not text) of 10 digits is also checked with the leading zero that a number type (JSON, a
spreadsheet export) drops from a fødselsnummer born on day 1-9 of a month.
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


def _tall_inneholder_fodselsnummer(tall: int) -> bool:
    """An integer value: 11 digits, or 10 where a number type dropped the leading zero."""
    # str() of a huge integer can raise (and no such number holds an isolated 11-digit run).
    return 10**9 <= abs(tall) < 10**11 and inneholder_fodselsnummer(str(abs(tall)).zfill(11))


def finn_fodselsnummer(data: Any, sti: str = "") -> Iterator[str]:
    """Yield the field path of every key or value in ``data`` that holds an identity number.

    ``journal[2].tekst``; ``sti`` is put in front; ``(toppnivå)`` for the top level.
    """
    for steg in fodselsnummer_steder(data):
        felt = ""
        for ledd in steg:
            felt += f"[{ledd}]" if isinstance(ledd, int) else (f".{ledd}" if felt else ledd)
        if sti and felt:
            felt = sti + felt if felt.startswith("[") else f"{sti}.{felt}"
        yield felt or sti or "(toppnivå)"


def fodselsnummer_steder(data: Any) -> Iterator[tuple[str | int, ...]]:
    """Yield the path of every key or value in ``data`` that holds an identity number.

    A key that holds one is reported as the mapping it is in (the key itself is never shown),
    and nothing below it is searched. The walk is iterative, so deep nesting cannot overflow.
    """
    stabel: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stabel:
        verdi, sti = stabel.pop()
        if verdi is _NOKKELTREFF:
            yield sti
        elif isinstance(verdi, dict):
            stabel.extend(
                reversed(
                    [
                        (_NOKKELTREFF, sti) if _inneholder(nokkel) else (barn, (*sti, str(nokkel)))
                        for nokkel, barn in verdi.items()
                    ]
                )
            )
        elif isinstance(verdi, list):
            stabel.extend(reversed([(barn, (*sti, i)) for i, barn in enumerate(verdi)]))
        elif _inneholder(verdi):
            yield sti


_NOKKELTREFF = object()
"""Marks a key that holds a number, so that it is reported in document order."""


def _inneholder(verdi: Any) -> bool:
    if isinstance(verdi, bool):
        return False
    if isinstance(verdi, int):
        return _tall_inneholder_fodselsnummer(verdi)
    if isinstance(verdi, float) and verdi.is_integer():
        return _tall_inneholder_fodselsnummer(int(verdi)) or inneholder_fodselsnummer(str(verdi))
    if isinstance(verdi, str | float):
        return inneholder_fodselsnummer(str(verdi))
    return False
