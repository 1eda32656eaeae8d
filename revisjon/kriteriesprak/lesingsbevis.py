"""The sentences behind a verdict that reads a free text, added to the verdict once it is given.

A criterion whose ``oppfylt`` or ``delvis_oppfylt`` reads a case-level text with a ``lesing``
(K2, K4, H2.3) gets, on each verdict, the path of the text (``tekstfelt``), the numbers of the
sentences that decided it (``setninger``) and, when the reading is borderline, why the auditor
should read it (``til_kontroll``). The engine gives the verdict; this adds the sentences from
the same reading (``Leser.les`` remembers its answer, so the text is not read twice); the
generated ``vurder`` gives such a verdict through ``Lesingsbevis.resultat``. A reading
of a text inside a list (``noen`` over journal notes) is not added: which item decided is not
one text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from revisjon.kriteriesprak import modell as m
from revisjon.kriteriesprak.tekstlesing import leser
from revisjon.resultat import Resultat, nytt_resultat
from revisjon.sak import Sak
from revisjon.tekst import Leser


@dataclass(frozen=True)
class _Lest:
    felt: str
    deler: tuple[str, ...]
    leser: Leser
    krav: str

    def hent(self, sak: Sak) -> str | None:
        verdi: object = sak
        for del_ in self.deler:
            verdi = getattr(verdi, del_, None)
            if verdi is None:
                return None
        return verdi if isinstance(verdi, str) else None


def _lesinger(b: m.Betingelse | None) -> Iterator[m.TekstArgumenter]:
    """The readings in a condition at case level (not inside a quantifier)."""
    if isinstance(b, m.Tekst) and b.tekst.lesing is not None:
        yield b.tekst
    elif isinstance(b, m.Og):
        for d in b.og:
            yield from _lesinger(d)
    elif isinstance(b, m.Eller):
        for d in b.eller:
            yield from _lesinger(d)


def _lest(b: m.Betingelse | None, tekstlesing: m.Tekstlesing) -> _Lest | None:
    """The highest reading of ``b`` (``vektet`` before ``nevnt``)."""
    alle = sorted(_lesinger(b), key=lambda a: a.krav != "vektet")
    if not alle:
        return None
    a = alle[0]
    assert a.lesing is not None
    return _Lest(a.felt, tuple(a.felt.split(".")), leser(tekstlesing, a.lesing), a.krav)


class Lesingsbevis:
    """The sentences of a criterion's text reading, put on its verdicts: the generated
    ``vurder`` gives a verdict of a status that reads a text (``statuser``) through this
    (``resultat``) instead of building it itself."""

    GRENSE = 2_000
    """Verdicts remembered; past it the memory starts over (bounded)."""

    def __init__(self, kriterium: str, per_status: dict[str, _Lest]) -> None:
        self.kriterium = kriterium
        self.per_status = per_status
        self.delte: dict[tuple[object, ...], Resultat] = {}

    @property
    def statuser(self) -> frozenset[str]:
        return frozenset(self.per_status)

    def resultat(self, status: m.Status, begrunnelse: str, sak: Sak) -> Resultat:
        """The verdict with the sentences that decided it; the same object for equal ones."""
        lest = self.per_status[status]
        tekst = lest.hent(sak)
        setninger: tuple[int, ...] = ()
        kontroll: str | None = None
        if tekst:
            lesning = lest.leser.les(tekst)
            if status == "ikke_oppfylt" or lesning.har(lest.krav):
                setninger = lesning.for_krav(lest.krav)[0]
            kontroll = lesning.til_kontroll
        nokkel = (status, begrunnelse, setninger, kontroll)
        ny = self.delte.get(nokkel)
        if ny is None:
            if len(self.delte) >= self.GRENSE:
                self.delte.clear()
            ny = self.delte[nokkel] = nytt_resultat(
                self.kriterium, status, begrunnelse, setninger, lest.felt, kontroll
            )
        return ny


def lesingsbevis(kriterium: m.Kriterium, tekstlesing: m.Tekstlesing) -> Lesingsbevis | None:
    """The sentences for the verdicts of ``kriterium``, or None when it reads no text at case
    level. ``oppfylt`` and ``delvis_oppfylt`` name the sentences of their own reading;
    ``ikke_oppfylt`` those of the lowest reading (why it did not reach it)."""
    v = kriterium.vurdering
    oppfylt, delvis = _lest(v.oppfylt, tekstlesing), _lest(v.delvis_oppfylt, tekstlesing)
    per_status: dict[str, _Lest] = {}
    if oppfylt:
        per_status["oppfylt"] = oppfylt
    if delvis:
        per_status["delvis_oppfylt"] = delvis
    if lavest := delvis or oppfylt:
        per_status["ikke_oppfylt"] = lavest
    return Lesingsbevis(kriterium.id, per_status) if per_status else None
