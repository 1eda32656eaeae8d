"""Regular expressions from criteria files, compiled in one place with a linear-time engine.

A criteria file's ``regex`` runs on every sentence of every case; with Python's backtracking
engine a pattern such as ``(a+)+$`` can take hours on one long text. RE2 (``google-re2``)
matches in time linear in the text, whatever the pattern, and lacks exactly the constructs that
need backtracking (back-references, look-around): those are refused with a message saying so.
A pattern is first read by Python's parser too, so that the ordinary mistakes (an unclosed
parenthesis, a repeat with nothing before it) keep their Norwegian explanations.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import re2  # type: ignore[import-untyped]

_REGEXFEIL = (
    ("missing ), unterminated subpattern", "en parentes er ikke lukket"),
    ("unbalanced parenthesis", "en ) har ingen ( foran seg"),
    ("unterminated character set", "en [ er ikke lukket med ]"),
    ("nothing to repeat", "en gjentakelse (*, +, ? eller {…}) har ingenting foran seg"),
    ("multiple repeat", "to gjentakelser står etter hverandre"),
    ("bad escape", "ukjent tegn etter \\; skriv \\\\ for en bakoverstrek"),
    ("bad character range", "tegnområdet går baklengs"),
    ("min repeat greater than max repeat", "i {m,n} er m større enn n"),
    ("look-behind requires fixed-width pattern", "et tilbakeblikk (?<=…) må ha fast lengde"),
    ("invalid group reference", "viser til en gruppe som ikke finnes"),
    ("unknown extension", "ukjent (?…)-form"),
    ("missing", "uttrykket slutter for tidlig"),
)
"""Python's messages for invalid regular expressions (``re.error.msg``, English) in Norwegian,
by how they start; the last entry catches the other «missing …» messages."""

_UTEN_LINEAR = (
    (re.compile(r"\(\?<?[=!]"), "blikk fremover eller bakover ((?=…), (?!…), (?<=…), (?<!…))"),
    (re.compile(r"\\[1-9]|\(\?P=|\\g<"), "tilbakereferanser (\\1, (?P=navn))"),
    (re.compile(r"\(\?>|[*+?}][+]"), "atomiske grupper og besittende gjentakelser"),
    (re.compile(r"\(\?\("), "betingede grupper ((?(1)…))"),
)
"""Constructs Python has and RE2 does not, and how they are named in the message."""


_KLASSER = {
    "w": r"\pL\pN_",
    "d": r"\p{Nd}",
    "s": r"\t\n\v\f\r\x{1c}-\x{1f}\x{85}\p{Z}",
}
"""Python's ``\\w``, ``\\d`` and ``\\s`` match letters, digits and spaces of every script
(«ø», a no-break space); RE2's match ASCII only. Written out, a pattern means the same in both."""


def _unicodeklasser(monster: str) -> str:
    """``monster`` with ``\\w``, ``\\d``, ``\\s`` (and, outside a set, ``\\W``, ``\\D``,
    ``\\S``) written as the Unicode classes Python means by them."""
    ut: list[str] = []
    i, i_sett, sett_start = 0, False, -1
    while i < len(monster):
        tegn = monster[i]
        if tegn == "\\" and i + 1 < len(monster):
            neste = monster[i + 1]
            klasse = _KLASSER.get(neste.lower())
            if klasse and (neste.islower() or not i_sett):
                if i_sett:
                    ut.append(klasse)
                else:
                    ut.append(f"[{'' if neste.islower() else '^'}{klasse}]")
            else:
                ut.append(tegn + neste)
            i += 2
            continue
        if tegn == "[" and not i_sett:
            i_sett, sett_start = True, i
        elif tegn == "]" and i_sett and i > sett_start + 1 + (monster[sett_start + 1] == "^"):
            i_sett = False
        ut.append(tegn)
        i += 1
    return "".join(ut)


class RegexFeil(ValueError):
    """A pattern that cannot be used; the message is Norwegian and says why."""


def _regexfeil(feil: re.error) -> str:
    """Why a regular expression is invalid, in Norwegian, with the place when it is known."""
    grunn = next(
        (norsk for engelsk, norsk in _REGEXFEIL if feil.msg.startswith(engelsk)),
        "uttrykket kan ikke tolkes",
    )
    return f"{grunn} (ved tegn {feil.pos + 1})" if feil.pos is not None else grunn


@lru_cache(maxsize=1024)
def kompiler_regex(monster: str) -> Any:
    """``monster`` compiled for case-insensitive search in linear time (an ``re2`` pattern, with
    ``search`` as ``re.Pattern``); raise RegexFeil with a Norwegian reason when it is invalid or
    needs what a linear-time engine cannot do."""
    try:
        re.compile(monster)
    except re.error as feil:
        raise RegexFeil(_regexfeil(feil)) from None
    valg = re2.Options()
    valg.case_sensitive = False
    valg.log_errors = False  # RE2 would write the pattern to stderr
    try:
        return re2.compile(_unicodeklasser(monster), valg)
    except re2.error:
        mangler = next((hva for form, hva in _UTEN_LINEAR if form.search(monster)), None)
        grunn = f"bruker {mangler}" if mangler else "bruker en form"
        raise RegexFeil(
            f"{grunn}, som ikke kan kjøres på begrenset tid; skriv mønsteret uten (regulære "
            "uttrykk kjøres med en lineær motor, RE2, så ingen tekst kan få søket til å henge)"
        ) from None
