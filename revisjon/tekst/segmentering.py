"""Splitting a free text into numbered sentences, the way a reader of a decision letter sees them.

A sentence ends at ``.``, ``!`` or ``?`` followed by white space, at a blank line, and before a
list item ("- ", "• ", "1. Tekst", "a) "). A single line break inside a sentence does not end it
(letters are wrapped), except after a heading: a short line without end punctuation that starts
with a capital letter and stands after the end of a sentence ("Vurdering av barnets beste") is a
sentence of its own, of kind ``overskrift``. Common abbreviations ("jf.", "f.eks.", "t.d.",
"bl.a.") never end a sentence; those that often stand last ("kr.", "art.", "mnd.", "osv.") end it
when the next word starts with a capital letter; an ordinal ("18. mars", "4. klasse") does not
end it before a small letter.

Every part of the package counts sentences by ``del_opp``, so the sentence numbers a verdict
names are the numbers of ``setninger`` (the working paper shows those texts).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

FORKORTELSER = frozenset(
    [
        "jf",
        "jfr",
        "jmf",
        "f.eks",
        "bl.a",
        "bl.anna",
        "m.a",
        "t.d",
        "ca",
        "dvs",
        "nr",
        "hovednr",
        "saksnr",
        "journalnr",
        "rundskr",
        "hhv",
        "pkt",
        "evt",
        "ev",
        "pr",
        "iht",
        "ift",
        "vedr",
        "ref",
        "mht",
        "inkl",
        "ekskl",
        "tlf",
        "kap",
        "avd",
        "sml",
        "s",
        "pga",
        "p.g.a",
        "kl",
        "ang",
        "iflg",
        "ifb",
        "f.o.m",
        "t.o.m",
        "o.a",
    ]
)
"""Abbreviations that are always followed by more of the sentence."""

FORKORTELSER_SIST = frozenset(
    [
        "kr",
        "art",
        "mv",
        "m.m",
        "osv",
        "o.l",
        "m.fl",
        "a.a",
        "mnd",
        "md",
        "stk",
        "jan",
        "feb",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "okt",
        "nov",
        "des",
        "mill",
        "mrd",
        "sotjl",
        "sostjl",
        "stjl",
        "fvl",
        "ftrl",
    ]
)
"""Abbreviations that may end a sentence ("… 3 532 kr. Barnets beste …")."""

ARTER = ("vanlig", "overskrift", "punkt", "belop")
"""Structural kinds: running text, a heading, a list item, and a line of figures
("Barn 6–10 år: kr 4 050") that names a child only as a rate in a budget."""

_PUNKT = re.compile(r"^\s*(?:[-*•–]\s+|\d{1,2}[.)]\s+(?=\D)|[a-zæøå][)]\s+)")
_BELOP = re.compile(r"(?:\bkr\.?|\bnok)\s?\d[\d .,]*(?:,-)?\s*\.?$|\d[\d .,]*\s?kr\.?$", re.I)
_OVERSKRIFT_ORD = 8
_FELT = re.compile(r"^(?:\S+\s+){0,2}\S+:\s+(?:kr\.?\s*)?\S*\d", re.I)
"""A line that opens with a short label and a colon, followed by a figure ("Husstand: 1 voksen,
2 barn (4 og 11 år)", "Barn 0–5 år: kr 3 276")."""
_VERB = frozenset(
    [
        "er",
        "har",
        "blir",
        "vil",
        "skal",
        "kan",
        "må",
        "var",
        "vert",
        "blei",
        "ble",
        "du",
        "vi",
        "deg",
        "oss",
    ]
)
"""Words a heading does not have: a line with one is a sentence without its full stop."""


class Setning(NamedTuple):
    """One sentence: its text (white space folded) and its structural kind (``ARTER``)."""

    tekst: str
    art: str


_LENGSTE_FORKORTELSE = max(map(len, FORKORTELSER | FORKORTELSER_SIST))
_KAN_FORTSETTE = FORKORTELSER | FORKORTELSER_SIST
"""Last words after which a sentence may go on (a number may too): for the rest
``_fortsetter`` is not asked."""


def _fortsetter(ord_: str, neste: str) -> bool:
    """Whether ``neste`` continues a sentence whose last word, before its full stop and in
    lower case, is ``ord_``."""
    if ord_ in FORKORTELSER:
        return True
    forste = neste[:1]
    if 0 < len(ord_) <= 2 and ord_.isdecimal() and not forste.isupper():
        return True  # "18. mars", "3. ledd"
    return ord_ in FORKORTELSER_SIST and not forste.isupper()


def _del_enhet(enhet: str) -> list[str]:
    """A paragraph or list item (white space folded) split into sentences."""
    ut: list[str] = []
    kort = _LENGSTE_FORKORTELSE + 1
    # Folded text has no line break, so one marks the candidate ends: replacements and a split
    # in C (0.6 µs for a letter of five sentences, against 4 µs for a split on a look-behind
    # pattern and 5.9 µs for one Python step per match); «!» and «?» are rare, so they are
    # looked for first.
    if "!" in enhet or "?" in enhet:
        enhet = enhet.replace("! ", "!\n").replace("? ", "?\n")
    for bit in enhet.replace(". ", ".\n").split("\n"):
        if ut and (forrige := ut[-1])[-1] == ".":
            # the last word starts after the last space or a later «(»: looking for «(» only
            # in the last word, not in the whole sentence
            start = forrige.rfind(" ") + 1
            start = max(start, forrige.rfind("(", start) + 1)
            # the usual case, tested first: a last word longer than any abbreviation ends it
            if (
                len(forrige) - start <= kort
                and ((ord_ := forrige[start:-1].lower()) in _KAN_FORTSETTE or ord_.isdecimal())
                and _fortsetter(ord_, bit)
            ):
                ut[-1] = f"{forrige} {bit}"
                continue
        if bit:
            ut.append(bit)
    return ut


def _er_overskrift(linje: str, forrige_sluttet: bool) -> bool:
    """A short line without end punctuation, starting with a capital, after a sentence end."""
    return (
        forrige_sluttet
        and linje[:1].isupper()
        and linje[-1:] not in ".!?:;,"
        and len(ord_ := linje.lower().split()) <= _OVERSKRIFT_ORD
        and not any(o in _VERB or (len(o) > 5 and o.endswith(("es", "ast"))) for o in ord_)
    )


def _er_feltlinje(linje: str) -> bool:
    """A line of a form or a budget: a short label, a colon and a figure, no verb, no full stop."""
    if ":" not in linje or linje[-1:] in ".!?" or not _FELT.match(linje):
        return False
    ord_ = linje.lower().split()
    return len(ord_) <= _FELTLINJE_ORD and not any(o in _VERB for o in ord_)


_FELTLINJE_ORD = 14


def _etter_overskrift(neste: str) -> bool:
    """Whether the line after a heading-like line lets it be a heading: none (a blank line or
    the end), or a line that starts a sentence in normal case ("BARNETS\nBESTE." is a sentence
    wrapped in capitals)."""
    if not neste:
        return True
    return (neste[:1].isupper() and not neste.isupper() and len(neste.split()) > 1) or bool(
        _PUNKT.match(neste)
    )


def _foldet(linje: str) -> str:
    """``linje`` with its white space folded to single spaces and stripped."""
    linje = linje.strip()
    # Every white space character but the plain space is unprintable, so a printable line
    # without a double space is folded already (0.3 µs against 2 µs for split and join on a
    # line of 380 characters).
    if linje.isprintable() and "  " not in linje:
        return linje
    return " ".join(linje.split())


def _enheter(tekst: str) -> list[tuple[str, str]]:
    """The text as (kind, folded text) units: headings, list items and running paragraphs."""
    enheter: list[tuple[str, str]] = []
    linjer: list[str] = []
    art = "vanlig"

    def lukk() -> None:
        nonlocal linjer, art
        if linjer:
            enheter.append((art, " ".join(linjer)))
        linjer, art = [], "vanlig"

    forrige_sluttet = True
    alle = tekst.splitlines()
    for nr, raa in enumerate(alle):
        linje = _foldet(raa)
        if not linje:
            lukk()
            forrige_sluttet = True
            continue
        if _er_feltlinje(linje):
            # its own unit: a budget line run on into the next is not a sentence about anyone
            lukk()
            enheter.append(("belop", linje))
            forrige_sluttet = True
            continue
        if _PUNKT.match(raa):
            lukk()
            art = "punkt"
            linjer.append(_foldet(_PUNKT.sub("", raa, count=1)))
        elif _er_overskrift(linje, forrige_sluttet) and _etter_overskrift(
            _foldet(alle[nr + 1]) if nr + 1 < len(alle) else ""
        ):
            lukk()
            enheter.append(("overskrift", linje))
            forrige_sluttet = True
            continue
        else:
            linjer.append(linje)
        forrige_sluttet = linje[-1:] in ".!?:"
    lukk()
    return enheter


@lru_cache(maxsize=2048)
def del_opp(tekst: str) -> tuple[Setning, ...]:
    """The sentences of ``tekst`` in order, numbered from 1 by their place in the tuple."""
    ut: list[Setning] = []
    for art, enhet in _enheter(tekst):
        if art in ("overskrift", "belop"):
            ut.append(_setning(Setning, (enhet, art)))
            continue
        for bit in _del_enhet(enhet):
            belop = (":" in bit or art == "punkt") and len(bit.split()) <= 12
            ut.append(_setning(Setning, (bit, "belop" if belop and _BELOP.search(bit) else art)))
    return tuple(ut)


_setning = tuple.__new__
"""``Setning`` built as ``Setning._make`` builds it, without the call through its ``__new__``
(0.1 against 0.28 µs a sentence)."""


def setninger(tekst: str) -> list[str]:
    """The sentences of ``tekst`` (white space folded), in order: sentence ``n`` of a verdict's
    ``setninger`` is ``setninger(tekst)[n - 1]``. For the auditor's working paper; a report or
    a log never shows these texts."""
    return [s.tekst for s in del_opp(tekst)]
