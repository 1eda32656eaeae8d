"""Finding phrases in free text, sentence by sentence, with sentence-level negation.

A sentence ends at ``.``, ``!`` or ``?`` followed by white space, at a blank line and before a
list item ("- ", "• ", "1. Tekst"); a single line break inside a sentence does not end it (vedtak
texts are wrapped), nor does an ordinal before a small letter ("18. mars", "3. ledd"). Common
Norwegian abbreviations ("jf.", "f.eks.", "bl.a.", …) do not end a sentence; those that often
stand last in one ("kr.", "osv.", "m.m.") end it when the next word starts with a capital letter.
A sentence is negated when it contains one of the negation words as a whole word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

FORKORTELSER = (
    "jf", "jfr", "f.eks", "bl.a", "ca", "dvs", "nr", "pkt", "evt", "ev", "pr", "iht", "ift",
    "vedr", "ref", "bl.annet", "mht", "inkl", "ekskl", "tlf", "kap", "avd", "sml", "s",
)  # fmt: skip
"""Abbreviations that are always followed by more of the sentence."""

FORKORTELSER_SIST = ("kr", "art", "mv", "m.m", "osv", "o.l", "m.fl", "a.a", "d.d", "d.s")
"""Abbreviations (or words) that may end a sentence ("… 3 532 kr. Barnets beste …")."""

_AVSNITT = re.compile(r"\n\s*\n|\n(?=[ \t]*(?:[-*•][ \t]|\d+[.)][ \t]+(?=[^\sa-zæøå])))")
_SLUTT = re.compile(r"(?<=[.!?])\s+")


def _slutter_med(forkortelser: Sequence[str]) -> re.Pattern[str]:
    ord_ = "|".join(re.escape(f) for f in forkortelser)
    return re.compile(r"(?:^|\s|\()(?:" + ord_ + r")\.$", re.IGNORECASE)


_FORKORTELSE_SLUTT = _slutter_med(FORKORTELSER)
_FORKORTELSE_SIST = _slutter_med(FORKORTELSER_SIST)
_ORDENSTALL = re.compile(r"(?:^|\s|\()\d{1,2}\.$")


def _fortsetter(forrige: str, neste: str) -> bool:
    """Whether ``neste`` continues the sentence ``forrige``, which ends in a full stop."""
    if _FORKORTELSE_SLUTT.search(forrige):
        return True
    if _ORDENSTALL.search(forrige) and neste[:1].islower():
        return True  # "18. mars", "3. ledd"
    return bool(_FORKORTELSE_SIST.search(forrige)) and not neste[:1].isupper()


@lru_cache(maxsize=512)
def setninger(tekst: str) -> tuple[str, ...]:
    """The sentences of ``tekst``, white space folded."""
    ut: list[str] = []
    for avsnitt in _AVSNITT.split(tekst):
        forrige: str | None = None
        for bit in _SLUTT.split(avsnitt):
            bit = " ".join(bit.split())
            if not bit:
                continue
            if forrige is not None and _fortsetter(forrige, bit):
                forrige = f"{forrige} {bit}"
                ut[-1] = forrige
            else:
                forrige = bit
                ut.append(bit)
    return tuple(ut)


def frase_monster(frase: str) -> re.Pattern[str]:
    """A whole-word, case-insensitive pattern for a phrase; any white space between words."""
    ord_ = [re.escape(o) for o in frase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(ord_) + r"(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Tekstsok:
    """A compiled search: labelled patterns, and the negation words that void a sentence."""

    monstre: tuple[tuple[str, re.Pattern[str]], ...]
    negasjon: re.Pattern[str]
    ta_med_negerte: bool = False

    @classmethod
    def lag(
        cls,
        *,
        fraser: Sequence[str],
        regex: Sequence[str],
        negasjonsord: Sequence[str],
        ta_med_negerte: bool,
    ) -> Tekstsok:
        monstre = [(f"«{f}»", frase_monster(f)) for f in fraser]
        monstre += [(f"mønsteret «{r}»", re.compile(r, re.IGNORECASE)) for r in regex]
        negasjon = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(o) for o in negasjonsord) + r")(?!\w)",
            re.IGNORECASE,
        )
        return cls(tuple(monstre), negasjon, ta_med_negerte)

    def treff(self, tekst: str) -> list[str]:
        """Labels of the patterns found in a sentence that counts (not negated, unless allowed)."""
        funnet: list[str] = []
        for setning in setninger(tekst):
            if not self.ta_med_negerte and self.negasjon.search(setning):
                continue
            for etikett, monster in self.monstre:
                if etikett not in funnet and monster.search(setning):
                    funnet.append(etikett)
        return funnet
