"""The reading of a text as an auditor reads it: are the children's interests assessed, and is
it visible how they were weighed?

The answer is a level (``NIVAER``):

- ``vektet``: a sentence weighs something that concerns the children – the weighing stands in a
  sentence that names a child or mentions the children's interests (scope ``samme_setning``), or
  in the sentence after one that does, and refers back to it ("Dette er avgjørende …", scope
  ``neste_setning``) – and the sentences about the children that lead up to it hold concrete
  content from the case.
- ``nevnt``: the children's interests are mentioned, or their situation is described with
  concrete content, but no weighing of them is visible; also the empty claim, weighing without
  any content from the case ("Barnets beste er vurdert og tillagt vekt, jf. …"), which is
  marked for the auditor's control.
- ``ingen``: nothing of this, or only negated mentions, left-out kinds of sentence (rules,
  the applicant's words, assessments promised for later), or weighing of other things.

A sentence "about the children" names a child or mentions their interests, and holds no
negated mention ("Barnas situasjon er ikke kartlagt, ettersom barna bor …" is not one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from revisjon.tekst.setningsanalyse import TOM, Setningsfunn

NIVAER = ("ingen", "nevnt", "vektet")
_NIVA = {niva: i for i, niva in enumerate(NIVAER)}
SAMME_SETNING, NESTE_SETNING = "samme_setning", "neste_setning"
NAER = 8
"""Sentences before a weighing in which its concrete content may stand (eight, so that the facts
of a letter's own «Fakta» section reach the weighing under «Vurdering»)."""


@dataclass(frozen=True, slots=True)
class Lesning:
    """The reading of one text: its level, the sentences (numbered from 1) that decided it, the
    phrases of the criteria file found there, and why an auditor should read it, if so."""

    niva: str
    setninger: tuple[int, ...] = ()
    uttrykk: tuple[str, ...] = ()
    til_kontroll: str | None = None
    nevnt: tuple[tuple[int, ...], tuple[str, ...]] = ((), ())
    """The sentences and phrases of level ``nevnt`` (K4 asks only for a mention)."""

    def har(self, krav: str) -> bool:
        """Whether the reading reaches the level ``krav``."""
        return _NIVA[self.niva] >= _NIVA[krav]

    def for_krav(self, krav: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
        """The sentences and phrases that show level ``krav`` (those of the reading's own level
        when it does not reach it: why it did not)."""
        if krav == "nevnt" and self.niva == "vektet":
            return self.nevnt
        return self.setninger, self.uttrykk

    def bevis(self, krav: str, sted: str) -> str:
        """Evidence for a verdict: «setning 3 og 4 i vedtaksteksten: «barn beste», «vekt»» –
        sentence numbers and phrases of the criteria file, never the text itself."""
        setninger, uttrykk = self.for_krav(krav)
        if not setninger:
            return ""
        fraser = ", ".join(f"«{u}»" for u in uttrykk)
        return f"{setningsnavn(setninger)} i {sted}" + (f": {fraser}" if fraser else "")


INGEN = Lesning("ingen")
"""The reading of a text with nothing about the children."""


def _nr(indekser: Sequence[int]) -> tuple[int, ...]:
    return tuple(sorted({i + 1 for i in indekser}))


def vurder(funn: Sequence[Setningsfunn], omfang: Sequence[str]) -> Lesning:
    """The level of a text from the findings of its sentences (see the module docstring)."""
    if all(f is TOM for f in funn):
        return INGEN  # most letters: no sentence holds anything the reading counts
    om = [f.om_barna for f in funn]
    if not any(om):
        # no sentence about the children: no mention, no weighing of them, nothing to control
        return _avvist(funn)
    situasjon = [f.situasjon for f in funn]
    nevnt_i = [i for i, f in enumerate(funn) if (om[i] and f.omtaler) or situasjon[i]]
    nevnt = (_nr(nevnt_i), _uttrykk(funn, nevnt_i, vekting=False))
    tom: list[int] | None = None
    for i, f in enumerate(funn):
        if not f.vekting:
            continue
        if SAMME_SETNING in omfang and om[i]:
            blokk, foran = _blokk(om, i), []
        elif NESTE_SETNING in omfang and f.tilbake and i > 0 and om[i - 1]:
            blokk, foran = [*_blokk(om, i - 1), i], [i - 1]
        else:
            continue
        konkret = [
            j
            for j in _naer(funn, om, i, blokk)
            if (funn[j].innhold or funn[j].fakta) and (om[j] or j == i)
        ]
        if konkret:
            sett = sorted({i, *foran, konkret[-1]})
            return Lesning("vektet", _nr(sett), _uttrykk(funn, sett, vekting=True), None, nevnt)
        if tom is None:
            tom = sorted({i, *blokk[-2:]})
    if tom is not None:
        return Lesning(
            "nevnt",
            _nr(tom),
            _uttrykk(funn, tom, vekting=True),
            f"tom påstand: {setningsnavn(_nr(tom))} sier at barnas beste er vurdert eller vektet, "
            "uten opplysninger fra saken",
            nevnt,
        )
    kontroll = _kontroll(funn, situasjon, nevnt_i)
    if nevnt_i:
        return Lesning("nevnt", nevnt[0], nevnt[1], kontroll, nevnt)
    return _avvist(funn, kontroll)


def _avvist(funn: Sequence[Setningsfunn], kontroll: str | None = None) -> Lesning:
    """Level ``ingen``, with the sentences whose mentions did not count (negated or left out)."""
    avvist = [i for i, f in enumerate(funn) if f.negerte_omtaler or f.utelatt_omtale]
    if not avvist and kontroll is None:
        return INGEN
    return Lesning("ingen", _nr(avvist), _uttrykk(funn, avvist, vekting=False), kontroll)


def _naer(
    funn: Sequence[Setningsfunn], om: Sequence[bool], i: int, blokk: Sequence[int]
) -> list[int]:
    """Where concrete content for a weighing in sentence ``i`` may stand: the sentences about
    the children that lead up to it, and any sentence about them up to ``NAER`` before it or
    the one after it."""
    return sorted({*blokk, *(j for j in range(max(0, i - NAER), min(len(funn), i + 2)) if om[j])})


def _blokk(om: Sequence[bool], i: int) -> list[int]:
    """The run of sentences about the children that ends with sentence ``i``."""
    start = i
    while start > 0 and om[start - 1]:
        start -= 1
    return list(range(start, i + 1)) if om[i] else [i]


def _uttrykk(
    funn: Sequence[Setningsfunn], indekser: Sequence[int], *, vekting: bool
) -> tuple[str, ...]:
    ut: list[str] = []
    for i in indekser:
        f = funn[i]
        ut += f.omtaler or f.negerte_omtaler
        if vekting:
            ut += f.vekting
    return tuple(dict.fromkeys(ut))


def setningsnavn(nr: Sequence[int]) -> str:
    """«setning 3», «setning 3 og 4», «setning 2, 3 og 5»."""
    tall = [str(n) for n in nr]
    if len(tall) == 1:
        return f"setning {tall[0]}"
    return f"setning {', '.join(tall[:-1])} og {tall[-1]}"


def _kontroll(
    funn: Sequence[Setningsfunn], situasjon: Sequence[bool], nevnt_i: Sequence[int]
) -> str | None:
    """Why a reading below ``vektet`` should be read by the auditor, or None."""
    for i in nevnt_i:
        if funn[i].usikker:
            return (
                f"nektelse som lesingen ikke kunne plassere: {setningsnavn([i + 1])} har en nektelse "
                "i leddet foran omtalen av barna"
            )
    for i, f in enumerate(funn):
        if f.utelatt_omtale == "regel":
            naboer = [j for j in (i - 1, i + 1) if 0 <= j < len(funn) and situasjon[j]]
            if naboer:
                return (
                    f"regelsetning ({setningsnavn([i + 1])}) ved siden av konkrete opplysninger om "
                    f"barna ({setningsnavn([naboer[0] + 1])})"
                )
    return None
