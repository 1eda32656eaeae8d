"""Finding Norwegian national identity numbers (fødselsnummer, D-nummer) in raw case data.

Anything shaped like one (11 digits, optionally a space after the six date digits, whose two
check digits are valid) rejects the whole case. Only the field path is ever reported. A number
value (not text) of 10 digits is also checked with the leading zero that a number type (JSON, a
spreadsheet export) drops from a fødselsnummer born on day 1-9 of a month.

Speed: Python's regular expressions test every position of a text, which on a case of a few
kilobytes costs more than parsing it. So digit runs are first found with byte operations
(``bytes.translate`` and ``find``), and the exact pattern is only tried where a run of six or
more digits starts. For JSON, ``json_kan_ha_fodselsnummer`` looks at the raw bytes once and
answers "certainly not" for nearly every case, so the walk through the data is skipped.

Which byte operations: ``x in raa`` for one byte is a ``memchr`` and nearly free, but for two
bytes CPython compares position by position, as slowly as ``translate``. A compiled pattern that
starts with one fixed byte (``De``, backslash-u) skips to that byte in a tight loop, three times
faster than ``in``; one that starts with a set (``[0-9]``) tests every position, slower still.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from stdnum.no import fodselsnummer

_KANDIDAT = re.compile(r"(?<!\d)(\d{6}) ?(\d{5})(?!\d)")
_KANDIDAT_ASCII = re.compile(rb"(?<![0-9])([0-9]{6}) ?([0-9]{5})(?![0-9])")
_EKSPONENT = re.compile(b"De")
"""A digit followed by e or E, in the markers (a pattern, not ``in``: see "Which byte
operations" above)."""
_UNICODE_ESCAPE = re.compile(rb"\\u")
"""A ``\\u`` escape in raw JSON (a pattern, as ``_EKSPONENT``)."""

SIFFERSTART = b"\xd9\xdb\xdf\xe0\xe1\xea\xef\xf0"
"""The UTF-8 lead bytes of every Unicode decimal digit other than 0-9 (checked by a test)."""


def _merketabell() -> bytes:
    """Bytes → markers: D digit, X maybe a non-ASCII digit, e exponent, . point, space, _ other."""
    tabell = bytearray(b"_" * 256)
    for b in b"0123456789":
        tabell[b] = ord("D")
    for b in SIFFERSTART:
        tabell[b] = ord("X")
    tabell[ord("e")] = tabell[ord("E")] = ord("e")
    tabell[ord(".")] = ord(".")
    tabell[ord(" ")] = ord(" ")
    return bytes(tabell)


_MERKER = _merketabell()


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
    raa = tekst.encode("utf-8", "surrogatepass")
    merker = raa.translate(_MERKER)
    if b"X" in merker:  # digits other than 0-9: the plain, slower search
        return any(
            har_gyldige_kontrollsifre(treff.group(1) + treff.group(2))
            for treff in _KANDIDAT.finditer(tekst)
        )
    return any(_kandidat_ved(raa, start) for start, _ in _seks_eller_flere(merker))


def _seks_eller_flere(merker: bytes) -> Iterator[tuple[int, int]]:
    """(start, end) of every maximal run of six or more digit markers, the last first.

    Searched from the end: ``rfind`` of six bytes is about twice as fast as ``find`` here (the
    forward search sets up the two-way algorithm for a long text; the backward one skips). The
    last six-digit match in the part searched ends where its run ends, so only the start is
    looked for, digit by digit; runs are short.
    """
    ende = len(merker)
    while (funnet := merker.rfind(b"DDDDDD", 0, ende)) != -1:
        start = funnet
        while start and merker[start - 1] == 0x44:  # "D"
            start -= 1
        yield start, funnet + 6
        ende = start


def _kandidat_ved(raa: bytes, start: int) -> bool:
    """Whether a digit run that starts at ``start`` of ASCII-digit text is an identity number."""
    treff = _KANDIDAT_ASCII.match(raa, start)
    return treff is not None and har_gyldige_kontrollsifre(
        (treff.group(1) + treff.group(2)).decode("ascii")
    )


def json_kan_ha_fodselsnummer(raa: bytes) -> bool:
    """False only when the JSON text ``raa`` (UTF-8) certainly holds no identity number.

    Conservative: True means "look through the data". Every string, key and number that
    ``fodselsnummer_steder`` would report has, in the raw text, a run of six or more digits
    that this function looks at. Escapes (``\\u``), exponents and digits other than 0-9 are
    not worked out here: they answer True.
    """
    merker = raa.translate(_MERKER)
    if b"X" in merker or _EKSPONENT.search(merker) or _UNICODE_ESCAPE.search(raa):
        return True
    for start, slutt in _seks_eller_flere(merker):
        lengde = slutt - start
        if lengde in (10, 11):  # an integer of 10 or 11 digits, or text with 11
            return True
        if (start > 0 and merker[start - 1] == 0x2E) or merker[slutt : slutt + 1] == b".":
            return True  # a number with a decimal point: its shortest form may differ
        if lengde == 6 and _kandidat_ved(raa, start):  # «DDMMÅÅ NNNNN»
            return True
    return False


def har_fodselsnummer(data: Any) -> bool:
    """Whether anything in ``data`` holds an identity number (``fodselsnummer_steder`` is not
    empty), found with one search through all the text instead of one per value."""
    tekster: list[str] = []
    stabel: list[Any] = [data]
    while stabel:
        verdi = stabel.pop()
        if isinstance(verdi, str):
            tekster.append(verdi)
        elif isinstance(verdi, dict):
            for nokkel, barn in verdi.items():
                if isinstance(nokkel, str):
                    tekster.append(nokkel)
                elif _inneholder(nokkel):
                    return True
                stabel.append(barn)
        elif isinstance(verdi, list):
            stabel.extend(verdi)
        elif _inneholder(verdi):
            return True
    # A line break is neither a digit nor the one space the pattern allows: no match spans two.
    return inneholder_fodselsnummer("\n".join(tekster))


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
