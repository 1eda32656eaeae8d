"""Judging many files on all cores: worker processes that each compile the criteria once.

The parent lists the files and sends them in chunks (``vurdering.BIT`` paths each) to a pool
of worker processes. Where ``fork`` is safe (Linux, and no other thread in the parent, whose
locks a child could inherit held), the workers are forked with the
parent's compiled criteria: no new interpreter, no imports, nothing compiled again. Elsewhere
they are started with ``spawn`` and each loads and compiles the criteria files in its
initializer, from their paths (compiled criteria cannot be sent), checking that each file is
the one the parent checked (same SHA-256). A worker reads and judges its chunk and sends back
only the verdicts and rejections and the files' checksums, never the cases (``arbeider``). The
parent takes the chunks back in the order it sent them, so the output is the same as from a run
in one process; a bounded number of chunks is in flight at a time.
A large JSON Lines file is split by the parent into pieces of whole lines that the workers read
themselves (``inntak.jsonldeler``: only the pieces' places go through the queues), so that the
workers share a large file (one national extract) as they share many small ones.

If worker processes cannot be started or one dies (``Prosessfeil``), the caller judges the
files in its own process instead.

The pool is the standard library's ``concurrent.futures.ProcessPoolExecutor``; only what goes
through it is the project's own (``arbeider``): a verdict sent once and then as a place in a
table cut the parent's unpacking from 7.9 to 2.3 µs a case, which is what the parent can spare
at two workers on 100 000 cases.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from multiprocessing.context import BaseContext
from typing import Literal

from revisjon.inntak.jsonldeler import JsonlDel, jsonl_deler
from revisjon.inntak.lesing import er_jsonl
from revisjon.kriteriesprak.lasting import LastetSett
from revisjon.kriteriesprak.regel import KompilertKriterium
from revisjon.vurdering import arbeider
from revisjon.vurdering.arbeider import Bitsvar, Kilde
from revisjon.vurdering.enhet import BIT, Enhet, Vurdert

I_ARBEID_PER_ARBEIDER = 4
"""Chunks sent ahead per worker: enough that no worker waits, few enough to bound memory."""


class Prosessfeil(Exception):
    """Worker processes could not be started, or one of them stopped."""


Startmetode = Literal["fork", "spawn"]


def startmetode() -> Startmetode:
    """``fork`` where it is safe: on Linux, when this process has no other thread. (macOS has
    fork, but its system libraries may start threads of their own; Python itself spawns there.)"""
    linux = sys.platform.startswith("linux")
    return "fork" if linux and threading.active_count() == 1 else "spawn"


def kriteriekilder(kriteriesett: Iterable[LastetSett]) -> list[Kilde] | None:
    """The criteria files a spawned worker loads to get the same criteria, or None when a set
    was not loaded from a file (then spawned workers cannot have it)."""
    kilder: list[Kilde] = []
    for sett in kriteriesett:
        if sett.sti is None:
            return None
        kilder.append((str(sett.sti), sett.sha256))
    return kilder


def _biter(enheter: Iterable[Enhet], storrelse: int) -> Iterator[list[Enhet]]:
    """Chunks of ``storrelse`` files, each piece of a JSON Lines file a chunk of its own."""
    bit: list[Enhet] = []
    vekt = 0
    for enhet in enheter:
        bit.append(enhet)
        vekt += storrelse if isinstance(enhet, JsonlDel) else 1
        if vekt >= storrelse:
            yield bit
            bit, vekt = [], 0
    if bit:
        yield bit


def _del_jsonl(enheter: Iterable[Enhet], filsummer: dict[str, str]) -> Iterator[Enhet]:
    """``enheter`` with each large JSON Lines file split into pieces that the workers read
    themselves (``jsonldeler``), so that they share it; its checksum is recorded here."""
    for enhet in enheter:
        if isinstance(enhet, str) and er_jsonl(enhet):
            yield from jsonl_deler(enhet, filsummer)
        else:
            yield enhet


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
        oppstart: tuple[list[Kilde], list[KompilertKriterium] | None, int] = (
            [],
            [k for s in kriteriesett for k in s.kriterier],
            os.getpid(),
        )
    elif (kilder := kriteriekilder(kriteriesett)) is not None:
        oppstart = (kilder, None, os.getpid())
    else:
        raise Prosessfeil("et kriteriesett er ikke lest fra fil")
    try:
        pool = ProcessPoolExecutor(
            max_workers=arbeidere,
            mp_context=kontekst,
            initializer=arbeider.start,
            initargs=oppstart,
        )
    except (OSError, ValueError) as feil:
        raise Prosessfeil(str(feil)) from feil
    ventende: deque[tuple[Future[Bitsvar], list[Enhet]]] = deque()
    utpakker = arbeider.Utpakker()

    def neste() -> list[Vurdert]:
        svar, sendt = ventende.popleft()
        vurderte, summer = utpakker.bit(svar.result(), sendt)
        for enhet, sjekksum in zip(sendt, summer, strict=True):
            if sjekksum is not None and isinstance(enhet, str):
                filsummer[enhet] = sjekksum
        return vurderte

    try:
        for del_ in _biter(_del_jsonl(enheter, filsummer), bit):
            with uten_avbrudd():  # the first submit forks the workers
                framtid = pool.submit(arbeider.vurder, del_)
            ventende.append((framtid, del_))
            if len(ventende) > I_ARBEID_PER_ARBEIDER * arbeidere:
                yield from neste()
        while ventende:
            yield from neste()
    except (BrokenProcessPool, OSError) as feil:
        _steng(pool)
        raise Prosessfeil(str(feil)) from feil
    except BaseException:
        # Ctrl-C (or the consumer gave up): the chunks in flight are not wanted, so the
        # workers are stopped at once instead of being waited for.
        _stopp(pool)
        raise
    _steng(pool)


@contextmanager
def uten_avbrudd() -> Iterator[None]:
    """Ctrl-C held back for a moment (in the main thread, where the platform can block a
    signal): an interrupt that comes while the pool forks its workers, when Python runs the
    parent's at-fork handlers (``logging`` releases its lock there), is printed as "Exception
    ignored" and lost, and the run would go on to the end. Held back, it comes as soon as the
    fork is done. The workers inherit the blocked signal; they ignore Ctrl-C anyway
    (``arbeider.folg_forelderen``)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "pthread_sigmask"
    ):
        yield
        return
    forrige = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, forrige)


def _steng(pool: ProcessPoolExecutor) -> None:
    """Shut the pool down when every chunk is answered, and wait for its workers."""
    pool.shutdown(wait=True, cancel_futures=True)


def _stopp(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now, without waiting for the chunks in flight. ``concurrent.futures``
    has no public way to end its processes; waiting with ``shutdown`` can hang when the
    interrupt came while the pool was starting (its manager thread half started). The workers
    would also stop when this process ends (``arbeider.folg_forelderen``)."""
    prosesser = list((getattr(pool, "_processes", None) or {}).values())
    for prosess in prosesser:
        prosess.terminate()
    with suppress(RuntimeError):
        pool.shutdown(wait=False, cancel_futures=True)
    for prosess in prosesser:
        prosess.join(timeout=5)
