"""Judging cases: every valid case against every criterion; every input accounted for."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from revisjon.feil import Avvisning
from revisjon.inntak.lesing import Innlest, InnlestSak, les_saker
from revisjon.kriteriesprak.lasting import LastetSett
from revisjon.kriteriesprak.regel import KompilertKriterium
from revisjon.resultat import Kjoring, KriterieInfo, SakResultat


def vurder_sak(innlest: InnlestSak, kriterier: Iterable[KompilertKriterium]) -> SakResultat:
    """All verdicts on one case."""
    sak = innlest.sak
    return SakResultat(
        sak_id=sak.sak_id,
        fil=innlest.fil,
        linje=innlest.linje,
        tjeneste=sak.tjeneste,
        enhet=sak.enhet,
        vedtaksdato=sak.vedtak.dato if sak.vedtak else None,
        resultater=tuple(k.vurder(sak) for k in kriterier),
    )


def kriterieinfo(sett: Iterable[LastetSett]) -> list[KriterieInfo]:
    return [
        KriterieInfo(k.id, k.kilde.tittel, tuple(k.kilde.kilde), s.fil)
        for s in sett
        for k in s.kriterier
    ]


def vurder_innlest(
    innlest: Iterable[Innlest],
    *,
    kriteriesett: list[LastetSett],
    fremdrift: Callable[[], None] | None = None,
) -> Kjoring:
    """Judge a stream of read cases; duplicate sak_ids reject every case that shares the id."""
    kriterier = [k for s in kriteriesett for k in s.kriterier]
    kjoring = Kjoring(kriterieinfo(kriteriesett))
    forste: dict[str, SakResultat] = {}
    dubletter: set[str] = set()
    for element in innlest:
        if fremdrift is not None:
            fremdrift()
        if isinstance(element, Avvisning):
            kjoring.avviste.append(element)
            continue
        sak_id = element.sak.sak_id
        if sak_id in forste:
            tidligere = forste[sak_id]
            if sak_id not in dubletter:
                dubletter.add(sak_id)
                kjoring.avviste.append(_dublett(tidligere.fil, tidligere.linje, sak_id, element))
            kjoring.avviste.append(_dublett(element.fil, element.linje, sak_id, tidligere))
            continue
        forste[sak_id] = vurder_sak(element, kriterier)
    kjoring.saker = [r for r in forste.values() if r.sak_id not in dubletter]
    return kjoring


def _dublett(
    fil: str, linje: int | None, sak_id: str, annen: InnlestSak | SakResultat
) -> Avvisning:
    sted = f"{annen.fil}:{annen.linje}" if annen.linje else annen.fil
    return Avvisning(
        fil,
        linje,
        "sak_id",
        f"sak_id «{sak_id}» finnes også i {sted}; ingen av sakene er vurdert. "
        "Gi hver sak en unik sak_id",
        inndata=f"{fil}:{linje}" if linje else fil,
    )


def vurder(
    stier: Iterable[Path],
    *,
    kriteriesett: list[LastetSett],
    fremdrift: Callable[[], None] | None = None,
) -> Kjoring:
    """Read every case below ``stier`` and judge it against ``kriteriesett``."""
    filsummer: dict[str, str] = {}
    kjoring = vurder_innlest(
        les_saker(stier, filsummer=filsummer), kriteriesett=kriteriesett, fremdrift=fremdrift
    )
    kjoring.filer = sorted(filsummer.items())
    return kjoring
