#!/usr/bin/env python3
"""Mål hvor lang tid det tar å lese en arbeidsbok (.xlsx) med mange saker.

Lager sakene med lag_saker.py (samme syntetiske saker som de andre målingene), skriver dem i
registreringsarbeidsboken (revisjon regneark) og leser den inn igjen slik revisjon vurder gjør,
med hver sak kontrollert mot saksmodellen. Skriver antall saker, filstørrelse og sekunder.
Målet er noen få sekunder for 2 000 saker.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from _norsk import NorskParser
from lag_saker import lag_sak

from revisjon.feil import Avvisning
from revisjon.inntak.lesing import les_fil
from revisjon.rapport.registreringsark import skriv_registreringsark
from revisjon.sak import Sak


def main(argv: list[str] | None = None) -> int:
    parser = NorskParser(description=__doc__)
    parser.add_argument("--antall", type=int, default=2000, help="antall saker (standard 2000)")
    parser.add_argument("--frø", type=int, default=1, help="frø for sakene (standard 1)")
    parser.add_argument("--ganger", type=int, default=3, help="målinger av lesingen (standard 3)")
    valg = parser.parse_args(argv)
    saker = [Sak.model_validate(lag_sak(nr, valg.frø)) for nr in range(valg.antall)]
    with tempfile.TemporaryDirectory() as mappe:
        fil = Path(mappe) / "saker.xlsx"
        start = time.perf_counter()
        skriv_registreringsark(fil, saker)
        skriving = time.perf_counter() - start
        print(
            f"{valg.antall} saker, {fil.stat().st_size / 1e6:.1f} MB, skrevet på {skriving:.2f} s"
        )
        tider: list[float] = []
        cpu: list[float] = []
        for _ in range(valg.ganger):
            start, start_cpu = time.perf_counter(), time.process_time()
            funnet = list(les_fil(fil))
            tider.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        avvist = sum(isinstance(f, Avvisning) for f in funnet)
        print(
            f"lest {len(funnet) - avvist} saker ({avvist} avvist) på "
            f"{min(tider):.2f} s (beste av {valg.ganger}; alle: "
            + ", ".join(f"{t:.2f}" for t in tider)
            + f"); prosessortid {min(cpu):.2f} s (på en delt maskin er den det sikreste målet)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
