"""Clauses of a sentence and where a negation reaches, so that "Selv om du ikke har søkt om
dette, har vi lagt vekt på barnas beste" is not read as negated.

A sentence is cut into clauses before each subjunction ("at", "selv om", "fordi", "når", "men"),
before a coordinator that follows a comma (", og"), after a colon, and at the comma that closes
a clause the sentence starts with ("Selv om …, har vi …"). A question word does not start a
clause: "Hva som er det beste for barna, er ikke vurdert" is one clause, so its negation
reaches the mention.

A negation word negates its whole clause; a word such as "uten" negates only what follows it,
up to the next comma or "og"/"eller". A field of a form answered with a negation negates its
label ("Barnets beste: Ikke vurdert"). The words are counted: two negations cancel ("kan ikke se
bort fra", "Det er ikke slik at … ikke"). Phrases such as "ikke bare" and "ikke minst" hold a
negation word without negating. A negated clause that ends in a word such as "slik" or
"dokumentert" carries its negation into the at-clause that follows ("Det er ikke dokumentert at
…"); otherwise an at-clause after a negated clause is read as not negated, and marked
``usikker``: the negation may be meant for it ("Nav kan ikke se at barnas beste tilsier …").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from revisjon.tekst.fraser import Frasesett, Ord, ingen_barn

_GRENSE = frozenset({",", "og", "eller"})
"""Where the reach of a rightward negation ("uten") ends."""
_VERB = frozenset({"ville", "vil", "kan", "kunne", "skal", "skulle", "må", "måtte"})
"""Where it ends too, at the verb of the clause ("Å bli utan straum i februar ville vere
skadeleg for han"), unless a question or relative word came first ("utan å vurdere kva som vil
vere best for barna")."""
_INNFELT = frozenset({"som", "om", "hva", "kva", "hvordan", "korleis"})


@dataclass(frozen=True, slots=True)
class Negasjonsregler:
    """The negation lexicon and clause boundaries, compiled (see the module docstring)."""

    ord: Frasesett
    hoyre: Frasesett
    ikke_nektende: Frasesett
    inn_i_at: Frasesett
    leddskille: Frasesett
    etter_komma: Frasesett


@dataclass(frozen=True, slots=True)
class Leddlesing:
    """Per word of a sentence: its clause, whether it is negated, whether that is uncertain."""

    ledd: tuple[int, ...]
    negert: tuple[bool, ...]
    usikker: tuple[bool, ...]


def _starter(fraser: Frasesett, tekst: Ord) -> set[int]:
    return {s for _, s, _ in fraser.finn(tekst, ingen_barn)}


def grenser(regler: Negasjonsregler, tekst: Ord) -> list[int]:
    """The first word of each clause (0 first)."""
    ord_ = tekst.ord
    skille = _starter(regler.leddskille, tekst)
    etter_komma = _starter(regler.etter_komma, tekst)
    starter = [0]
    fremskutt = 0 in skille  # the sentence starts with a subordinate clause
    for i in range(1, len(ord_)):
        if i in skille or (i in etter_komma and ord_[i - 1] == ","):
            if i - 1 > starter[-1]:
                starter.append(i)
            fremskutt = False
        elif ord_[i - 1] in (",", ":") and (fremskutt or ord_[i - 1] == ":"):
            starter.append(i)
            fremskutt = False
    return starter


def les_ledd(regler: Negasjonsregler, tekst: Ord) -> Leddlesing:
    """Clauses and negation of the words of one sentence."""
    ord_ = tekst.ord
    n = len(ord_)
    starter = grenser(regler, tekst)
    ledd = [0] * n
    for nr, start in enumerate(starter):
        for i in range(start, starter[nr + 1] if nr + 1 < len(starter) else n):
            ledd[i] = nr
    opphevet = {i for _, s, e in regler.ikke_nektende.finn(tekst, ingen_barn) for i in range(s, e)}
    hele = [0] * len(starter)
    negasjoner = set()
    for _, s, _ in regler.ord.finn(tekst, ingen_barn):
        if s not in opphevet:
            hele[ledd[s]] += 1
            negasjoner.add(s)
    for nr in range(1, len(starter)):
        # a form's field answered with a negation ("Barnets beste: Ikke vurdert") negates its label
        if ord_[starter[nr] - 1] == ":" and starter[nr] in negasjoner and hele[nr - 1] == 0:
            hele[nr - 1] += 1
    antall = [hele[ledd[i]] for i in range(n)]
    for _, s, e in regler.hoyre.finn(tekst, ingen_barn):
        if s in opphevet:
            continue
        j, innfelt = e, False
        while j < n and ledd[j] == ledd[s] and ord_[j] not in _GRENSE:
            innfelt = innfelt or ord_[j] in _INNFELT
            if ord_[j] in _VERB and not innfelt:
                break
            antall[j] += 1
            j += 1
        if j < n and ledd[j] != ledd[s] and ord_[j] == "at":  # "uten at …"
            _baer_over(antall, ledd, j, n)
    usikker = [False] * n
    for nr in range(1, len(starter)):
        start = starter[nr]
        if ord_[start] != "at" or hele[nr - 1] % 2 == 0:
            continue
        if _slutter_med(regler.inn_i_at, tekst, starter[nr - 1], start):
            _baer_over(antall, ledd, start, n)
        else:
            for i in range(start, n):
                if ledd[i] != nr:
                    break
                usikker[i] = True
    return Leddlesing(tuple(ledd), tuple(a % 2 == 1 for a in antall), tuple(usikker))


def _baer_over(antall: list[int], ledd: Sequence[int], start: int, n: int) -> None:
    """Carry one negation into the clause that begins at ``start``."""
    for i in range(start, n):
        if ledd[i] != ledd[start]:
            break
        antall[i] += 1


def _slutter_med(fraser: Frasesett, tekst: Ord, start: int, slutt: int) -> bool:
    """Whether one of ``fraser`` ends the clause from ``start`` to ``slutt`` (a comma may
    follow)."""
    while slutt > start and tekst.ord[slutt - 1] == ",":
        slutt -= 1
    del_ = Ord(tekst.ord[start:slutt], tekst.nokler[start:slutt])
    return any(e == len(del_) for _, _, e in fraser.finn(del_, ingen_barn))
