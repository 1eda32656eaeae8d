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

SKILLETEGN = (
    r"[^\S\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]"
    r"|[\-./_\u00ad\u2010-\u2015\u2212\ufe58\ufe63\uff0d\uff0e\uff0f\uff3f"
    r"\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
"""What may stand between the digits of a written number: any space or tab except a line
break (NBSP, narrow NBSP, thin space …), a dash or minus, a dot, a slash, an underscore, and the
invisible format characters (zero-width space, soft hyphen, bidi marks)."""

MAKS_SKILLE = 3
"""Separator characters in a row between two digit groups («14.07.86 - 12345» has three)."""

_KLYNGE = re.compile(rf"\d+(?:(?:{SKILLETEGN}){{1,{MAKS_SKILLE}}}\d+)*")
_GRUPPE = re.compile(r"\d+")
_EKSPONENT = re.compile(b"De")
"""A digit followed by e or E, in the markers (a pattern, not ``in``: see "Which byte
operations" above)."""
_UNICODE_ESCAPE = re.compile(rb"\\u")
"""A ``\\u`` escape in raw JSON (a pattern, as ``_EKSPONENT``)."""

SIFFERSTART = b"\xd9\xdb\xdf\xe0\xe1\xea\xef\xf0"
"""The UTF-8 lead bytes of every Unicode decimal digit other than 0-9 (checked by a test)."""

_ELLEVE = b"D" * 11


def _merketabell(ekstra_skille: bytes = b"") -> bytes:
    """Bytes → markers: D digit, X maybe a non-ASCII digit, e exponent, . point, s maybe part
    of a separator (deleted before digit runs are looked for), _ other."""
    tabell = bytearray(b"_" * 256)
    for b in range(0x80, 0x100):  # every non-ASCII character may be a separator
        tabell[b] = ord("s")
    for b in b" \t-/_" + ekstra_skille:
        tabell[b] = ord("s")
    for b in b"0123456789":
        tabell[b] = ord("D")
    for b in SIFFERSTART:
        tabell[b] = ord("X")
    tabell[ord("e")] = tabell[ord("E")] = ord("e")
    tabell[ord(".")] = ord(".")
    return bytes(tabell)


_MERKER = _merketabell()
_MERKER_JSON = _merketabell(b"\\t")
"""In raw JSON a tab is written ``\\t`` and a slash may be ``\\/``: both bytes may separate."""


def _slettes(tabell: bytes) -> bytes:
    """The bytes that may be (part of) a separator or a point: deleted before digit runs are
    looked for, so that a written number becomes one run of D whatever stands between its
    digits (more than the exact search joins: this only says where to look)."""
    return bytes(b for b in range(256) if tabell[b] in b"s.")


_SLETT = _slettes(_MERKER)
_SLETT_JSON = _slettes(_MERKER_JSON)


def har_gyldige_kontrollsifre(elleve_siffer: str) -> bool:
    """True when the last two of 11 digits are valid mod-11 check digits (the K1 and K2 rules)."""
    # python-stdnum's validate() also rejects impossible birth dates; the contract counts any
    # number whose check digits hold, so synthetic and odd-dated numbers are caught too.
    return bool(
        fodselsnummer.calc_check_digit1(elleve_siffer[:9]) == elleve_siffer[9]
        and fodselsnummer.calc_check_digit2(elleve_siffer[:10]) == elleve_siffer[10]
    )


def nummer_i(tekst: str) -> Iterator[tuple[int, int]]:
    """(start, end) in ``tekst`` of every fødselsnummer or D-nummer written in it.

    A written number is 11 digits in one or more groups, with up to ``MAKS_SKILLE`` separator
    characters (``SKILLETEGN``) between two groups: «14078612345», «140786 12345»,
    «140786-12345», «14.07.86 12345», «14 07 86  123 45». The 11 digits must be whole groups:
    a longer run of digits («140786123456») is not one, but a number among other groups
    («2024-140786-12345») is.
    """
    merker = tekst.encode("utf-8", "surrogatepass").translate(_MERKER, _SLETT)
    if b"X" not in merker and merker.rfind(_ELLEVE) == -1:
        return  # the usual answer, found with byte operations only
    for klynge in _KLYNGE.finditer(tekst):
        grupper = [(g.start(), g.end()) for g in _GRUPPE.finditer(klynge.group())]
        for i, (start, _) in enumerate(grupper):
            antall = 0
            for gstart, gslutt in grupper[i:]:
                antall += gslutt - gstart
                if antall >= 11:
                    break
            if antall != 11:
                continue
            siffer = "".join(_GRUPPE.findall(klynge.group()[start:gslutt]))
            if har_gyldige_kontrollsifre(siffer):
                yield klynge.start() + start, klynge.start() + gslutt


def inneholder_fodselsnummer(tekst: str) -> bool:
    """True when ``tekst`` holds a fødselsnummer or D-nummer, written in any way ``nummer_i``
    finds."""
    return next(nummer_i(tekst), None) is not None


def fodselsnummer_linjer(tekst: str) -> list[int]:
    """The 1-based lines of ``tekst`` (a whole file: comments, tags, keys and values alike)
    where a fødselsnummer or D-nummer is written, each line once."""
    linjer = [tekst.count("\n", 0, start) + 1 for start, _ in nummer_i(tekst)]
    return list(dict.fromkeys(linjer))


def masker(tekst: str) -> str:
    """``tekst`` with every digit of every identity number in it replaced by «*», so that a
    file name can be shown."""
    for start, slutt in reversed(list(nummer_i(tekst))):
        tekst = tekst[:start] + re.sub(r"\d", "*", tekst[start:slutt]) + tekst[slutt:]
    return tekst


def json_kan_ha_fodselsnummer(raa: bytes) -> bool:
    """False only when the JSON text ``raa`` (UTF-8) certainly holds no identity number.

    Conservative: True means "look through the data". Every string, key and number that
    ``fodselsnummer_steder`` would report has, in the raw text, ten or more digits with only
    possible separators (and escapes of them) between them, which this function looks for.
    Escapes (``\\u``), exponents and digits other than 0-9 are not worked out here: they
    answer True.
    """
    merker = raa.translate(_MERKER_JSON, _SLETT_JSON)
    if b"X" in merker or _EKSPONENT.search(merker) or _UNICODE_ESCAPE.search(raa):
        return True
    # Ten digits: an integer value may have lost the leading zero of a number born on day 1-9.
    # (rfind, not «in»: see "Which byte operations" above.)
    return merker.rfind(_ELLEVE[:10]) != -1


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
