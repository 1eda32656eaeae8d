"""Judging cases: every valid case against every criterion; every input accounted for.

Files are read and judged in chunks (``vurder_bit``), in this process or, for a run over many
files, in worker processes (``revisjon.parallell``); either way only the verdicts are kept, never
the cases, and they come back in input order, so the result does not depend on how it was made.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from revisjon.feil import Avvisning
from revisjon.inntak.lesing import (
    Innlest,
    InnlestSak,
    JsonlLinjer,
    er_jsonl,
    finn_inndata,
    les_fil,
    les_jsonl_linje,
)
from revisjon.kriteriesprak.lasting import LastetSett
from revisjon.kriteriesprak.regel import KompilertKriterium
from revisjon.resultat import Kjoring, KriterieInfo, Resultat, SakResultat, nytt_sakresultat

Vurdert = SakResultat | Avvisning
"""What a read input becomes: the verdicts on a valid case, or a rejection."""

Enhet = str | Avvisning | JsonlLinjer
"""A file to read (its path), an argument already rejected (missing, wrong file type), or lines
of a JSON Lines file already read."""

PARALLELL_TERSKEL = 4000
"""Cases from which a run uses worker processes (a file is one case; a JSON Lines file is
estimated from its size, see ``JSONL_BYTE_PER_SAK``). Starting a spawned worker (a new
interpreter that imports the package and compiles the criteria) costs about a second of CPU;
measured on two cores, that pays from 3 500-4 000 cases. A forked worker costs far less, but the
threshold is kept for both, so that a run's path does not depend on the platform.
``REVISJON_ARBEIDERE=1`` turns worker processes off."""

BIT = 500
"""Files (or JSON Lines lines) per chunk: what one worker reads and judges at a time. Each chunk
costs the parent a round trip (send, receive, unpack); at 500 that is a few per cent of its
work, and a run of 5 000 cases still gives every worker several chunks."""

JSONL_BYTE_PER_SAK = 5_000
"""How many cases a JSON Lines file is counted as, before it is read (its size in bytes over
this), when deciding whether a run is large enough for worker processes: a case with a few
journal notes is 5-10 kB."""


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
            sak.sak_id, innlest.fil, innlest.linje, sak.tjeneste, sak.enhet, vedtaksdato, resultater
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
    )


def les_enhet(enhet: Enhet, filsummer: dict[str, str]) -> Iterable[Innlest]:
    """The cases and rejections of one input of a chunk, in order; the SHA-256 of a file read
    is put in ``filsummer``."""
    if isinstance(enhet, Avvisning):
        return (enhet,)
    if isinstance(enhet, JsonlLinjer):
        return (e for nr, linje in enhet.linjer for e in les_jsonl_linje(enhet.fil, nr, linje))
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
    """The run from verdicts and rejections in input order; duplicate sak_ids reject every case
    that shares the id (each case with the id is rejected, naming the first)."""
    kjoring = Kjoring(kriterieinfo(kriteriesett))
    forste: dict[str, SakResultat] = {}
    dubletter: set[str] = set()
    for element in vurderte:
        if fremdrift is not None:
            fremdrift()
        if isinstance(element, Avvisning):
            kjoring.avviste.append(element)
            continue
        sak_id = element.sak_id
        if sak_id in forste:
            tidligere = forste[sak_id]
            if sak_id not in dubletter:
                dubletter.add(sak_id)
                kjoring.avviste.append(_dublett(tidligere.fil, tidligere.linje, sak_id, element))
            kjoring.avviste.append(_dublett(element.fil, element.linje, sak_id, tidligere))
            continue
        forste[sak_id] = element
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


def antall_arbeidere() -> int:
    """Worker processes to use: REVISJON_ARBEIDERE when set, else the cores this process may
    run on."""
    if verdi := os.environ.get("REVISJON_ARBEIDERE", "").strip():
        try:
            return max(1, int(verdi))
        except ValueError:
            return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


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


def vurder(
    stier: Iterable[Path],
    *,
    kriteriesett: list[LastetSett],
    fremdrift: Callable[[], None] | None = None,
    terskel: int = PARALLELL_TERSKEL,
    arbeidere: int | None = None,
    bit: int = BIT,
) -> Kjoring:
    """Read every case below ``stier`` and judge it against ``kriteriesett``.

    With more than ``terskel`` cases and more than one worker (``arbeidere``, by default one
    per core), the files are judged in worker processes, ``bit`` files or JSON Lines lines at
    a time; the result is the same.
    """
    with uten_syklusrydding():
        return _vurder(stier, kriteriesett, fremdrift, terskel, arbeidere, bit)


def _vurder(
    stier: Iterable[Path],
    kriteriesett: list[LastetSett],
    fremdrift: Callable[[], None] | None,
    terskel: int,
    arbeidere: int | None,
    bit: int,
) -> Kjoring:
    enheter = finn_inndata(stier)
    start: list[Enhet] = []
    saker = 0  # as estimated before reading
    for enhet in enheter:
        start.append(enhet)
        saker += _anslatt_antall(enhet)
        if saker > terskel:
            break
    antall = arbeidere if arbeidere is not None else antall_arbeidere()
    filsummer: dict[str, str] = {}
    if saker > terskel and antall > 1:
        from revisjon import parallell

        metode = parallell.startmetode()
        if parallell.kan_starte(kriteriesett, metode):
            try:
                kjoring = samle(
                    # the rest is listed while the workers judge the first files
                    parallell.vurder_parallelt(
                        chain(start, enheter),
                        kriteriesett,
                        filsummer,
                        arbeidere=antall,
                        bit=bit,
                        metode=metode,
                    ),
                    kriteriesett=kriteriesett,
                    fremdrift=fremdrift,
                )
                kjoring.filer = sorted(filsummer.items())
                return kjoring
            except parallell.Prosessfeil:
                # No worker processes here: judged in this process instead, from the start.
                filsummer.clear()
                start, enheter = [], finn_inndata(stier)
    kjoring = _vurder_her(chain(start, enheter), kriteriesett, filsummer, fremdrift)
    kjoring.filer = sorted(filsummer.items())
    return kjoring


def _anslatt_antall(enhet: str | Avvisning) -> int:
    """The cases an input is expected to hold: one per file, more in a large JSON Lines file."""
    if isinstance(enhet, str) and er_jsonl(enhet):
        try:
            return max(1, os.stat(enhet).st_size // JSONL_BYTE_PER_SAK)
        except OSError:
            return 1
    return 1


def _vurder_her(
    enheter: Iterable[Enhet],
    kriteriesett: list[LastetSett],
    filsummer: dict[str, str],
    fremdrift: Callable[[], None] | None,
) -> Kjoring:
    kriterier = [k for s in kriteriesett for k in s.kriterier]

    def vurderte() -> Iterator[Vurdert]:
        enhet = iter(enheter)
        while bit := list(islice(enhet, BIT)):
            vurdert, summer = vurder_bit(bit, kriterier)
            filsummer.update(summer)
            yield from vurdert

    return samle(vurderte(), kriteriesett=kriteriesett, fremdrift=fremdrift)
