"""Judging many files on all cores: worker processes that each compile the criteria once.

The parent lists the files and sends them in chunks (``vurdering.BIT`` paths each) to a pool
of worker processes. Where ``fork`` is safe (Linux and other POSIX systems, and no other thread
in the parent, whose locks a child could inherit held), the workers are forked with the
parent's compiled criteria: no new interpreter, no imports, nothing compiled again. Elsewhere
they are started with ``spawn`` and each loads and compiles the criteria files in its
initializer, from their paths (compiled criteria cannot be sent), checking that each file is
the one the parent checked (same SHA-256). A worker reads and judges its chunk and sends back
only the verdicts and rejections (``SakResultat``, ``Avvisning``) and the files' checksums,
never the cases. The parent takes the chunks back in the order it sent them, so the output is
the same as from a run in one process; a bounded number of chunks is in flight at a time.
A JSON Lines file is read by the parent, block by block, and sent as pieces of lines, so that
the workers share a large file (one national extract) as they share many small ones.

If worker processes cannot be started or one dies (``Prosessfeil``), the caller judges the
files in its own process instead.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any, Literal

from revisjon.feil import Avvisning
from revisjon.inntak.lesing import JsonlLinjer, er_jsonl, jsonl_linjer
from revisjon.kriteriesprak.lasting import LastetSett, last_fil
from revisjon.kriteriesprak.regel import KompilertKriterium
from revisjon.resultat import Resultat, SakResultat
from revisjon.vurdering import BIT, Enhet, Vurdert, uten_syklusrydding, vurder_bit

Kilde = tuple[str, str]
"""A criteria file for the workers: its path and its SHA-256."""

Dom = tuple[str, str, str]
"""A verdict (``Resultat``) as a plain tuple: criterion, status, reason."""

Pakket = tuple[str, str, int | None, str, str | None, dt.date | None, tuple[int, ...]]
"""A ``SakResultat`` as a plain tuple (which pickles several times faster than a dataclass),
its verdicts as places in the chunk's list of distinct verdicts."""

Bitsvar = tuple[list[Dom], list[Pakket | Avvisning], dict[str, str]]
"""A chunk's answer: its distinct verdicts, its cases and rejections, the files' checksums."""

I_ARBEID_PER_ARBEIDER = 4
"""Chunks sent ahead per worker: enough that no worker waits, few enough to bound memory."""

LINJER_PER_BIT = 200
"""JSON Lines lines per chunk at most. Unlike a path, a line carries the case itself (several
kilobytes) through the parent and the queues, so a chunk of lines is kept smaller."""


class Prosessfeil(Exception):
    """Worker processes could not be started, or one of them stopped."""


Startmetode = Literal["fork", "spawn"]


def startmetode() -> Startmetode:
    """``fork`` where it is safe: the platform has it and this process has no other thread."""
    har_fork = "fork" in multiprocessing.get_all_start_methods()
    return "fork" if har_fork and threading.active_count() == 1 else "spawn"


def kriteriekilder(kriteriesett: Iterable[LastetSett]) -> list[Kilde] | None:
    """The criteria files a worker loads to get the same criteria, or None when a set was not
    loaded from a file (then the run stays in one process)."""
    kilder: list[Kilde] = []
    for sett in kriteriesett:
        if sett.sti is None:
            return None
        kilder.append((str(sett.sti), sett.sha256))
    return kilder


_KRITERIER: list[KompilertKriterium] = []
"""The criteria of this worker process, compiled once by ``_start``."""


def _start(kilder: list[Kilde], arvet: list[KompilertKriterium] | None) -> None:
    """Worker initializer: the criteria a forked worker inherited (``arvet``), or else the
    criteria files loaded and compiled."""
    if arvet is not None:
        _KRITERIER[:] = arvet
        gc.freeze()
        gc.enable()  # the parent had paused it (``uten_syklusrydding``); the child has it back
        return
    kriterier: list[KompilertKriterium] = []
    for sti, sha in kilder:
        sett, problemer = last_fil(Path(sti))
        if sett is None or sett.sha256 != sha:
            # The file changed since the parent checked it: stop; the parent judges the files
            # itself, with the criteria it checked.
            raise RuntimeError(f"{sti}: kriteriefilen er endret under kjøringen ({problemer})")
        kriterier += sett.kriterier
    _KRITERIER[:] = kriterier
    gc.freeze()  # the criteria and modules live as long as the process: no need to scan them


def _vurder(bit: list[Enhet]) -> Bitsvar:
    """Worker task: one chunk of files."""
    with uten_syklusrydding():  # a chunk's cases and verdicts hold no cycles either
        vurderte, filsummer = vurder_bit(bit, _KRITERIER)
    plass: dict[int, int] = {}  # id of a distinct verdict → its place in ``dommer``
    dommer: list[Dom] = []
    pakket: list[Pakket | Avvisning] = []
    for v in vurderte:
        if isinstance(v, Avvisning):
            pakket.append(v)
            continue
        indekser = []
        for r in v.resultater:
            assert r.overstyring is None  # overrides are applied to the whole run, afterwards
            i = plass.get(id(r))  # the verdicts are alive until the chunk is packed
            if i is None:
                i = plass[id(r)] = len(dommer)
                dommer.append((r.kriterium, r.status, r.begrunnelse))
            indekser.append(i)
        pakket.append(
            (v.sak_id, v.fil, v.linje, v.tjeneste, v.enhet, v.vedtaksdato, tuple(indekser))
        )
    return dommer, pakket, filsummer


class _Utpakker:
    """Builds the verdicts again in the parent, one object for each distinct verdict."""

    GRENSE = 50_000
    """Distinct verdicts remembered; past it the memory starts over (bounded, and the verdicts
    that recur, recur soon)."""

    def __init__(self) -> None:
        self.resultater: dict[Dom, Resultat] = {}
        self.felles: dict[Any, Any] = {}

    def bit(self, dommer: list[Dom], pakket: list[Pakket | Avvisning]) -> list[Vurdert]:
        """A chunk's verdicts and rejections, in its order."""
        tabell = [self._resultat(d) for d in dommer]
        felles = self.felles
        ut: list[Vurdert] = []
        for v in pakket:
            if isinstance(v, Avvisning):
                ut.append(v)
                continue
            sak_id, fil, linje, tjeneste, enhet, vedtaksdato, indekser = v
            ut.append(
                SakResultat(
                    sak_id,
                    fil,
                    linje,
                    felles.setdefault(tjeneste, tjeneste),
                    felles.setdefault(enhet, enhet),
                    felles.setdefault(vedtaksdato, vedtaksdato),
                    tuple(map(tabell.__getitem__, indekser)),
                )
            )
        return ut

    def _resultat(self, dom: Dom) -> Resultat:
        kjente = self.resultater
        resultat = kjente.get(dom)
        if resultat is None:
            if len(kjente) >= self.GRENSE:
                kjente.clear()
            resultat = kjente[dom] = Resultat(*dom)  # type: ignore[arg-type]
        return resultat


def _biter(enheter: Iterable[Enhet], storrelse: int) -> Iterator[list[Enhet]]:
    """Chunks of ``storrelse`` files, each piece of JSON Lines lines a chunk of its own."""
    bit: list[Enhet] = []
    vekt = 0
    for enhet in enheter:
        bit.append(enhet)
        vekt += storrelse if isinstance(enhet, JsonlLinjer) else 1
        if vekt >= storrelse:
            yield bit
            bit, vekt = [], 0
    if bit:
        yield bit


def _del_jsonl(
    enheter: Iterable[Enhet], filsummer: dict[str, str], storrelse: int
) -> Iterator[Enhet]:
    """``enheter`` with each JSON Lines file read here and split into pieces of ``storrelse``
    lines, so that the workers share a large file; the file's checksum is recorded here."""
    for enhet in enheter:
        if not (isinstance(enhet, str) and er_jsonl(enhet)):
            yield enhet
            continue
        linjer: list[tuple[int, bytes]] = []
        for linje in jsonl_linjer(enhet, filsummer):
            if isinstance(linje, Avvisning):
                if linjer:
                    yield JsonlLinjer(enhet, linjer)
                    linjer = []
                yield linje
                continue
            linjer.append(linje)
            if len(linjer) >= storrelse:
                yield JsonlLinjer(enhet, linjer)
                linjer = []
        if linjer:
            yield JsonlLinjer(enhet, linjer)


def kan_starte(kriteriesett: Iterable[LastetSett], metode: Startmetode) -> bool:
    """Whether workers started by ``metode`` can get these criteria: forked workers inherit
    them; spawned ones need every set to come from a file."""
    return metode == "fork" or kriteriekilder(kriteriesett) is not None


def vurder_parallelt(
    enheter: Iterable[Enhet],
    kriteriesett: list[LastetSett],
    filsummer: dict[str, str],
    *,
    arbeidere: int,
    bit: int = BIT,
    metode: Startmetode = "spawn",
) -> Iterator[Vurdert]:
    """The verdicts and rejections of ``enheter`` in input order, judged by ``arbeidere``
    worker processes started by ``metode`` (see ``kan_starte``); the checksums of the files
    read are put in ``filsummer``."""
    kontekst: BaseContext = multiprocessing.get_context(metode)
    if metode == "fork":
        # A forked child gets the arguments as they are in memory: nothing is pickled.
        oppstart: tuple[list[Kilde], list[KompilertKriterium] | None] = (
            [],
            [k for s in kriteriesett for k in s.kriterier],
        )
    elif (kilder := kriteriekilder(kriteriesett)) is not None:
        oppstart = (kilder, None)
    else:
        raise Prosessfeil("et kriteriesett er ikke lest fra fil")
    try:
        pool = ProcessPoolExecutor(
            max_workers=arbeidere,
            mp_context=kontekst,
            initializer=_start,
            initargs=oppstart,
        )
    except (OSError, ValueError) as feil:
        raise Prosessfeil(str(feil)) from feil
    ventende: deque[Future[Bitsvar]] = deque()
    utpakk = _Utpakker()

    def neste() -> list[Vurdert]:
        dommer, pakket, summer = ventende.popleft().result()
        filsummer.update(summer)
        return utpakk.bit(dommer, pakket)

    try:
        linjer = min(bit, LINJER_PER_BIT)
        for del_ in _biter(_del_jsonl(enheter, filsummer, linjer), bit):
            ventende.append(pool.submit(_vurder, del_))
            if len(ventende) > I_ARBEID_PER_ARBEIDER * arbeidere:
                yield from neste()
        while ventende:
            yield from neste()
    except (BrokenProcessPool, OSError) as feil:
        raise Prosessfeil(str(feil)) from feil
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
