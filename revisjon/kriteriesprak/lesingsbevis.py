"""The sentences behind a verdict that reads a free text, added to the verdict once it is given.

A criterion whose ``oppfylt`` or ``delvis_oppfylt`` reads a case-level text with a ``lesing``
(K2, K4, H2.3) gets, on each verdict, the path of the text (``tekstfelt``), the numbers of the
sentences that decided it (``setninger``) and, when the reading is borderline, why the auditor
should read it (``til_kontroll``). The engine gives the verdict; this adds the sentences from
the same reading (``Leser.les`` remembers its answer, so the text is not read twice). A reading
of a text inside a list (``noen`` over journal notes) is not added: which item decided is not
one text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from revisjon.kriteriesprak import modell as m
from revisjon.kriteriesprak.tekstlesing import leser
from revisjon.resultat import Resultat, nytt_resultat
from revisjon.sak import Sak
from revisjon.tekst import Leser

Vurderer = Callable[[Sak], Resultat]


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


def med_setninger(kriterium: m.Kriterium, tekstlesing: m.Tekstlesing, vurder: Vurderer) -> Vurderer:
    """``vurder`` with the sentences of its text reading on each verdict (``vurder`` itself
    when the criterion reads no text at case level)."""
    v = kriterium.vurdering
    oppfylt, delvis = _lest(v.oppfylt, tekstlesing), _lest(v.delvis_oppfylt, tekstlesing)
    per_status: dict[str, _Lest] = {}
    if oppfylt:
        per_status["oppfylt"] = oppfylt
    if delvis:
        per_status["delvis_oppfylt"] = delvis
    if oppfylt or delvis:
        per_status["ikke_oppfylt"] = delvis or oppfylt  # type: ignore[assignment]
    if not per_status:
        return vurder
    delte: dict[tuple[object, ...], Resultat] = {}

    def vurder_med_setninger(sak: Sak) -> Resultat:
        resultat = vurder(sak)
        lest = per_status.get(resultat.status)
        if lest is None:
            return resultat
        tekst = lest.hent(sak)
        setninger: tuple[int, ...] = ()
        kontroll: str | None = None
        if tekst:
            lesning = lest.leser.les(tekst)
            if resultat.status == "ikke_oppfylt" or lesning.har(lest.krav):
                setninger = lesning.for_krav(lest.krav)[0]
            kontroll = lesning.til_kontroll
        nokkel = (resultat.status, resultat.begrunnelse, setninger, kontroll)
        ny = delte.get(nokkel)
        if ny is None:
            if len(delte) >= 2_000:
                delte.clear()
            ny = delte[nokkel] = nytt_resultat(
                resultat.kriterium,
                resultat.status,
                resultat.begrunnelse,
                setninger,
                lest.felt,
                kontroll,
            )
        return ny

    vurder_med_setninger.__wrapped__ = vurder  # type: ignore[attr-defined]
    return vurder_med_setninger
