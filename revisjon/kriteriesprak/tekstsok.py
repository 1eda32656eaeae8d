"""Finding phrases in free text, sentence by sentence, with sentence-level negation.

A sentence ends at ``.``, ``!`` or ``?`` followed by white space, at a blank line and before a
list item ("- ", "• ", "1. "); a single line break inside a sentence does not end it (vedtak texts
are wrapped). Common Norwegian abbreviations ("jf.", "f.eks.", "bl.a.", …) do not end a sentence. A sentence is
negated when it contains one of the negation words as a whole word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

FORKORTELSER = (
    "jf", "jfr", "f.eks", "bl.a", "ca", "dvs", "mv", "m.m", "nr", "pkt", "kr", "osv", "evt",
    "ev", "o.l", "pr", "iht", "ift", "vedr", "ref", "bl.annet", "mht", "m.fl", "inkl", "ekskl",
    "tlf", "kap", "avd", "sml", "a.a", "d.d", "d.s", "s",
)  # fmt: skip

_AVSNITT = re.compile(r"\n\s*\n|\n(?=[ \t]*(?:[-*•]|\d+[.)])[ \t])")
_SLUTT = re.compile(r"(?<=[.!?])\s+")
_FORKORTELSE_SLUTT = re.compile(
    r"(?:^|\s|\()(?:" + "|".join(re.escape(f) for f in FORKORTELSER) + r")\.$", re.IGNORECASE
)


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
            if forrige is not None and _FORKORTELSE_SLUTT.search(forrige):
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
