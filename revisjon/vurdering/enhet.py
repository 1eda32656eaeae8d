"""Judging one chunk of inputs: read each file, judge each valid case against every criterion.

This is the part a worker process and the parent share (``vurder_bit``, ``les_enhet``); the run
over all inputs, here or in workers, is ``revisjon.vurdering.kjoring``.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from revisjon.feil import Avvisning
from revisjon.inntak.jsonldeler import JsonlDel, les_del
from revisjon.inntak.lesing import (
    Innlest,
    InnlestSak,
    les_fil,
)
from revisjon.kriteriesprak.lasting import LastetSett
from revisjon.kriteriesprak.regel import KompilertKriterium
from revisjon.resultat import (
    Kjoring,
    KriterieInfo,
    Resultat,
    SakResultat,
    Sorteringsnokkel,
    naturlig_sakorden,
    nytt_sakresultat,
)

Vurdert = SakResultat | Avvisning
"""What a read input becomes: the verdicts on a valid case, or a rejection."""

Enhet = str | Avvisning | JsonlDel
"""A file to read (its path), an argument already rejected (missing, wrong file type), or a
piece of a large JSON Lines file."""

BIT = 500
"""Files (or JSON Lines lines) per chunk: what one worker reads and judges at a time. Each chunk
costs the parent a round trip (send, receive, unpack); at 500 that is a few per cent of its
work, and a run of 5 000 cases still gives every worker several chunks."""


@dataclass
class Felles:
    """Equal verdicts and facts shared as one object: a case's verdicts repeat across cases
    («Husstanden har ingen barn.»), and a run keeps them all."""

    verdier: dict[Any, Any] = field(default_factory=dict)

    def __call__(self, verdi: Any) -> Any:
        return self.verdier.setdefault(verdi, verdi)


def vurder_sak(
    innlest: InnlestSak, kriterier: Iterable[KompilertKriterium], felles: Felles | None = None
) -> SakResultat:
    """All verdicts on one case."""
    sak = innlest.sak
    resultater: tuple[Resultat, ...] = tuple(k.vurder(sak) for k in kriterier)
    vedtaksdato = sak.vedtak.dato if sak.vedtak else None
    if felles is None:
        return SakResultat(
            sak.sak_id,
            innlest.fil,
            innlest.linje,
            sak.tjeneste,
            sak.enhet,
            vedtaksdato,
            resultater,
            sak.kontor,
        )
    # The verdicts are shared already (``KompilertKriterium`` gives one object per distinct
    # verdict); the facts about the case are shared here.
    return nytt_sakresultat(
        sak.sak_id,
        innlest.fil,
        innlest.linje,
        felles(sak.tjeneste),
        felles(sak.enhet),
        felles(vedtaksdato),
        resultater,
        felles(sak.kontor),
    )


def les_enhet(enhet: Enhet, filsummer: dict[str, str]) -> Iterable[Innlest]:
    """The cases and rejections of one input of a chunk, in order; the SHA-256 of a file read
    is put in ``filsummer``."""
    if isinstance(enhet, Avvisning):
        return (enhet,)
    if isinstance(enhet, JsonlDel):
        return les_del(enhet)
    return les_fil(enhet, filsummer=filsummer)


def vurder_bit(
    enheter: Sequence[Enhet], kriterier: Sequence[KompilertKriterium]
) -> tuple[list[Vurdert], dict[str, str]]:
    """Read and judge a chunk of files: the verdicts and rejections in input order, and the
    SHA-256 of every file read."""
    felles = Felles()
    vurderte: list[Vurdert] = []
    filsummer: dict[str, str] = {}
    for enhet in enheter:
        for element in les_enhet(enhet, filsummer):
            vurderte.append(
                element
                if isinstance(element, Avvisning)
                else vurder_sak(element, kriterier, felles)
            )
    return vurderte, filsummer


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
    felles = Felles()
    return samle(
        (
            vurder_sak(element, kriterier, felles) if isinstance(element, InnlestSak) else element
            for element in innlest
        ),
        kriteriesett=kriteriesett,
        fremdrift=fremdrift,
    )


def samle(
    vurderte: Iterable[Vurdert],
    *,
    kriteriesett: list[LastetSett],
    fremdrift: Callable[[], None] | None = None,
) -> Kjoring:
    """The run from verdicts and rejections (cases in natural sak_id order, rejections by file
    and line); duplicate sak_ids reject every case
    that shares the id (each case with the id is rejected, naming the first)."""
    kjoring = Kjoring(kriterieinfo(kriteriesett))
    forste: dict[str, tuple[Sorteringsnokkel, int, SakResultat]] = {}
    dubletter: set[str] = set()
    for element in vurderte:
        if fremdrift is not None:
            fremdrift()
        if isinstance(element, Avvisning):
            kjoring.avviste.append(element)
            continue
        sak_id = element.sak_id
        if sak_id in forste:
            tidligere = forste[sak_id][2]
            if sak_id not in dubletter:
                dubletter.add(sak_id)
                kjoring.avviste.append(_dublett(tidligere.fil, tidligere.linje, sak_id, element))
            kjoring.avviste.append(_dublett(element.fil, element.linje, sak_id, tidligere))
            continue
        # the key is made as each case comes in, while the workers are still judging, not
        # all at the end (1.4 µs a case: 0.14 s after the last case of 100 000)
        forste[sak_id] = (naturlig_sakorden(element), len(forste), element)
    # Sorted here, where every run's cases are collected: the report, the CSV and the JSON list
    # them in the same order whatever the order of the paths on the command line. Equal keys
    # keep the order the cases came in (the place in ``forste``), and no two cases are ever
    # compared themselves.
    kjoring.saker = [
        r for _, _, r in sorted(par for par in forste.values() if par[2].sak_id not in dubletter)
    ]
    kjoring.avviste.sort(key=lambda a: (a.fil, a.linje or 0))
    return kjoring


def _dublett(
    fil: str, linje: int | None, sak_id: str, annen: InnlestSak | SakResultat
) -> Avvisning:
    sted = f"{annen.fil}:{annen.linje}" if annen.linje else annen.fil
    return Avvisning(
        fil,
        linje,
        "sak_id",
        f"samme sak_id finnes også i {sted}; ingen av sakene er vurdert. "
        "Gi hver sak en unik sak_id",
        inndata=f"{fil}:{linje}" if linje else fil,
    )


FRYS_FRA = 200_000
"""Objects made during a pause of the cycle collector from which they are frozen at its end."""


@contextmanager
def uten_syklusrydding() -> Iterator[None]:
    """Python's cycle collector paused while the verdicts pile up, and resumed after.

    The verdicts hold no reference cycles, so the collector finds nothing in them; but as their
    number grows it walks all of them again and again (in a run of 100 000 cases, a tenth of
    the main process's work). Garbage without cycles is freed at once as before.

    What was made during the pause is all in the collector's youngest generation, and resumed
    as it is, the collector would walk all of it at the next allocation (a tenth of a second
    after 100 000 cases) and again in each older generation later. After a large pause the
    objects are therefore moved out of its sight first (``gc.freeze``); they are still freed
    when no longer used. A run makes next to no cyclic garbage (measured: none in 1 000 cases),
    so freezing keeps nothing alive that the collector would have freed.
    """
    var_pa = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if var_pa:
            if gc.get_count()[0] > FRYS_FRA:
                gc.freeze()
            gc.enable()
