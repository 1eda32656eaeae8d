"""Judging a whole run: every valid case against every criterion; every input accounted for.

Files are read and judged in chunks (``enhet.vurder_bit``), in this process or, for a run over
many files, in worker processes (``revisjon.vurdering.parallell``); either way only the verdicts
are kept, never the cases, and they come back in input order, so the result does not depend on
how it was made.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from pathlib import Path

from revisjon.feil import Avvisning
from revisjon.inntak.lesing import er_jsonl, finn_inndata
from revisjon.kriteriesprak.lasting import LastetSett
from revisjon.resultat import Kjoring
from revisjon.vurdering import parallell
from revisjon.vurdering.enhet import BIT, Enhet, Vurdert, samle, uten_syklusrydding, vurder_bit

PARALLELL_TERSKEL = 4000
"""Cases from which a run uses worker processes (a file is one case; a JSON Lines file is
estimated from its size, see ``JSONL_BYTE_PER_SAK``). Starting a spawned worker (a new
interpreter that imports the package and compiles the criteria) costs about a second of CPU;
measured on two cores, that pays from 3 500-4 000 cases. A forked worker costs far less, but the
threshold is kept for both, so that a run's path does not depend on the platform.
``REVISJON_ARBEIDERE=1`` turns worker processes off."""

JSONL_BYTE_PER_SAK = 5_000
"""How many cases a JSON Lines file is counted as, before it is read (its size in bytes over
this), when deciding whether a run is large enough for worker processes: a case with a few
journal notes is 5-10 kB."""


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
