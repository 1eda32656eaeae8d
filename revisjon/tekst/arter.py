"""Kinds of sentence a reading leaves out: a rule quoted from a law or guideline, the applicant's
own words, an assessment promised for later.

A kind is data (the criteria file, or the package's defaults in ``standard.yaml``): phrases that
mark it when they open the sentence (``start``: "Etter … §", "Ifølge"), phrases that mark it
anywhere (``overalt``: "Det følger av"), and groups of phrases that mark it together
(``sammen``: a modal "skal/må" and a legal reference "jf.", "§", "…loven", in one clause:
"at gutten ikke skal gå alene hjem …, og går foran at SFO ikke dekkes etter
sosialtjenesteloven" is not a rule), unless the sentence
has a word that ties it to this case (``ikke_hvis``: "du", "vi", "i din sak"). A kind reaches
the whole sentence (``setning``), from the clause where it is found to the end of the sentence
(``fra_leddet``: "Vi har vurdert barnas beste, og det skal vurderes på nytt når …" keeps its
first clause), or only that clause (``leddet``: "Selv om du ikke har søkt om det, har vi av
hensyn til barna …" keeps the main clause).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from revisjon.tekst.fraser import Frasesett, Ord, ingen_barn

_FORAN = frozenset({"«", '"', "(", "-", "–", "og", "men"})
"""Words and marks that may stand before the opening phrase of a kind."""


@dataclass(frozen=True, slots=True)
class Setningsart:
    """One kind of sentence, compiled."""

    navn: str
    start: Frasesett
    overalt: Frasesett
    sammen: tuple[Frasesett, ...]
    ikke_hvis: Frasesett
    omfang: str = "setning"
    """``setning``, ``fra_leddet`` or ``leddet`` (see the module docstring)."""

    def finn(self, tekst: Ord, ledd: Sequence[int]) -> range | None:
        """The words the kind reaches in this sentence, or None when it is not this kind."""
        ord_ = tekst.ord
        forste = 0
        while forste < len(ord_) and ord_[forste] in _FORAN:
            forste += 1
        if any(s == forste for _, s, _ in self.start.finn(tekst, ingen_barn)):
            treff = [forste]
        else:
            treff = []
        treff += [s for _, s, _ in self.overalt.finn(tekst, ingen_barn)]
        if self.sammen and not self.ikke_hvis.finn(tekst, ingen_barn):
            grupper = [
                {ledd[s]: s for _, s, _ in gruppe.finn(tekst, ingen_barn)} for gruppe in self.sammen
            ]
            felles = set.intersection(*(set(g) for g in grupper))
            if felles:
                treff.append(min(g[nr] for g in grupper for nr in felles))
        if not treff:
            return None
        if self.omfang == "setning":
            return range(len(ord_))
        nr = ledd[min(treff)]
        fra = next(i for i, n in enumerate(ledd) if n == nr)
        if self.omfang == "fra_leddet":
            return range(fra, len(ord_))
        til = next((i for i in range(fra, len(ord_)) if ledd[i] != nr), len(ord_))
        return range(fra, til)
