"""A worker process's side of a parallel run, and the parent's reading of what it sends.

A worker reads and judges chunks of inputs (``vurder``) and sends back only plain tuples, never
the cases: per case its facts and its verdicts as places in a table of distinct verdicts. The
table lives as long as the worker: a verdict is sent the first time the worker gives it, and
after that only its place. The parent keeps one table per worker (``Utpakker``) and fills it in
the order it takes the chunks back, which is the order it sent them; a worker takes its chunks
from the queue in that order too, so both sides add the same verdicts in the same order. When a
worker's table is full it starts a new one (a new *generasjon*), and so does the parent when it
meets the new generation.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from revisjon.feil import Avvisning
from revisjon.inntak import forhandslesing
from revisjon.inntak.lesing import er_jsonl
from revisjon.kriteriesprak.lasting import last_fil
from revisjon.kriteriesprak.regel import KompilertKriterium
from revisjon.resultat import Resultat, nytt_resultat, nytt_sakresultat
from revisjon.vurdering.enhet import Enhet, Vurdert, les_enhet, uten_syklusrydding

Kilde = tuple[str, str]
"""A criteria file for a spawned worker: its path and its SHA-256."""

Dom = tuple[str, str, str, tuple[int, ...], str | None, str | None]
"""A verdict (``Resultat``) as a plain tuple: criterion, status, reason, and the sentences,
text field and reason for control of a verdict that reads a text."""

Pakket = tuple[str, int, int | None, str, str | None, dt.date | None, tuple[int, ...], str | None]
"""A ``SakResultat`` as a plain tuple (which pickles several times faster than a dataclass):
its file as its input's place in the chunk (the parent has the path already), its verdicts as
places in the worker's table of verdicts."""

Bitsvar = tuple[int, int, list[Dom], list[Pakket | Avvisning], list[str | None]]
"""A chunk's answer: the worker (its process id), the generation of its table, the verdicts new
to the table, the chunk's cases and rejections, and the SHA-256 of each of its inputs (None for
an input that is not a file the worker read)."""

TABELLGRENSE = 20_000
"""Distinct verdicts in a worker's table before it starts a new one: the memory is bounded, and
the verdicts that recur («Husstanden har ingen barn.») recur soon."""


@dataclass
class _Arbeider:
    """The state of one worker process: its criteria and its table of verdicts sent."""

    kriterier: list[KompilertKriterium]
    plass: dict[int, int] = field(default_factory=dict)
    """id of a verdict sent → its place in the table."""
    levende: list[Resultat] = field(default_factory=list)
    """The verdicts in ``plass``, kept alive so that no id is reused while it is there."""
    generasjon: int = 0


_ARBEIDER: list[_Arbeider] = []
"""This worker process's state (one element), set by ``start``."""


FORELDERSJEKK = 0.5
"""Seconds between a worker's checks that its parent still runs (where the operating system
cannot be asked to stop the worker when the parent dies)."""

PR_SET_PDEATHSIG = 1
"""Linux ``prctl`` option: the signal this process gets when the thread that started it ends."""


def folg_forelderen(forelder: int) -> None:
    """Make this worker end by itself when the parent process ``forelder`` is gone (killed,
    say, so it never shut the pool down): on Linux the kernel sends SIGTERM at the parent's
    death; elsewhere a thread checks the parent's id twice a second. Ctrl-C is the parent's to
    handle (it shuts the pool down), so a worker ignores SIGINT instead of printing a
    traceback."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the thread below
            pass
        else:
            if os.getppid() != forelder:  # died before prctl took effect
                os._exit(1)
            return

    def vakt() -> None:  # pragma: no cover - not on Linux
        while os.getppid() == forelder:
            time.sleep(FORELDERSJEKK)
        os._exit(1)

    threading.Thread(target=vakt, name="forelder", daemon=True).start()


def start(
    kilder: list[Kilde], arvet: list[KompilertKriterium] | None, forelder: int | None = None
) -> None:
    """Worker initializer: follow the parent process ``forelder`` (``folg_forelderen``), and
    take the criteria a forked worker inherited (``arvet``), or else load and compile the
    criteria files; RuntimeError when a file is not the one the parent checked."""
    if forelder is not None:
        folg_forelderen(forelder)
    kriterier = arvet
    if kriterier is None:
        kriterier = []
        for sti, sha in kilder:
            sett, problemer = last_fil(Path(sti))
            if sett is None or sett.sha256 != sha:
                # The file changed since the parent checked it: stop; the parent judges the
                # files itself, with the criteria it checked.
                raise RuntimeError(f"{sti}: kriteriefilen er endret under kjøringen ({problemer})")
            kriterier += sett.kriterier
    _ARBEIDER[:] = [_Arbeider(kriterier)]
    gc.freeze()  # the criteria and modules live as long as the process: no need to scan them
    gc.enable()  # a forked worker inherits the parent's paused collector


def vurder(bit: list[Enhet]) -> Bitsvar:
    """Worker task: read and judge one chunk, and pack the answer."""
    arbeider = _ARBEIDER[0]
    if len(arbeider.levende) >= TABELLGRENSE:
        arbeider.plass, arbeider.levende = {}, []
        arbeider.generasjon += 1
    kriterier, plass, levende = arbeider.kriterier, arbeider.plass, arbeider.levende
    nye: list[Dom] = []
    pakket: list[Pakket | Avvisning] = []
    filsummer: dict[str, str] = {}
    forhandslesing.be_om([e for e in bit if isinstance(e, str) and not er_jsonl(e)])
    with uten_syklusrydding():  # a chunk's cases and verdicts hold no cycles either
        for nr, enhet in enumerate(bit):
            for element in les_enhet(enhet, filsummer):
                if isinstance(element, Avvisning):
                    pakket.append(element)
                    continue
                sak = element.sak
                indekser = []
                for kriterium in kriterier:
                    r = kriterium.vurder(sak)
                    i = plass.get(id(r))
                    if i is None:
                        i = plass[id(r)] = len(levende)
                        levende.append(r)
                        nye.append(
                            (
                                r.kriterium,
                                r.status,
                                r.begrunnelse,
                                r.setninger,
                                r.tekstfelt,
                                r.til_kontroll,
                            )
                        )
                    indekser.append(i)
                vedtaksdato = sak.vedtak.dato if sak.vedtak else None
                pakket.append(
                    (
                        sak.sak_id,
                        nr,
                        element.linje,
                        sak.tjeneste,
                        sak.enhet,
                        vedtaksdato,
                        tuple(indekser),
                        sak.kontor,
                    )
                )
    summer = [filsummer.get(e) if isinstance(e, str) else None for e in bit]
    return os.getpid(), arbeider.generasjon, nye, pakket, summer


class Utpakker:
    """The parent's side: the verdicts built again from the workers' answers, one object for
    each verdict a worker sent, and the facts of the cases shared where they are equal."""

    def __init__(self) -> None:
        self.tabeller: dict[int, tuple[int, list[Resultat]]] = {}
        self.felles: dict[Any, Any] = {}

    def bit(self, svar: Bitsvar, enheter: list[Enhet]) -> tuple[list[Vurdert], list[str | None]]:
        """A chunk's verdicts and rejections, in its order (``enheter``: the chunk sent), and
        the SHA-256 of each input. Answers are given in the order the chunks were sent."""
        pid, generasjon, nye, pakket, summer = svar
        tidligere = self.tabeller.get(pid)
        tabell = tidligere[1] if tidligere and tidligere[0] == generasjon else []
        tabell += [nytt_resultat(*d) for d in nye]  # type: ignore[arg-type]
        self.tabeller[pid] = (generasjon, tabell)
        felles = self.felles
        ut: list[Vurdert] = []
        for v in pakket:
            if isinstance(v, Avvisning):
                ut.append(v)
                continue
            sak_id, nr, linje, tjeneste, enhet, vedtaksdato, indekser, kontor = v
            kilde = enheter[nr]
            ut.append(
                nytt_sakresultat(
                    sak_id,
                    kilde if isinstance(kilde, str) else kilde.fil,
                    linje,
                    felles.setdefault(tjeneste, tjeneste),
                    felles.setdefault(enhet, enhet),
                    felles.setdefault(vedtaksdato, vedtaksdato),
                    tuple(map(tabell.__getitem__, indekser)),
                    felles.setdefault(kontor, kontor),
                )
            )
        return ut, summer
