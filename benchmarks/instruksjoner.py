#!/usr/bin/env python3
"""Tell instruksjoner per sak med valgrind (callgrind): gulvet, inntaket, kriteriene og hele
vurderingen i én prosess.

Tider på en delt maskin varierer med 20–50 %; antall utførte instruksjoner gjør det ikke, så
dette er målestokken for om en endring gjorde arbeidet per sak mindre. Hver del kjøres to ganger
under valgrind, med N saker og med 0, og forskjellen delt på N er det den koster per sak (import
og oppstart trekkes dermed fra). SHA-256 telles høyere under valgrind enn på maskinen (valgrind
bruker ikke prosessorens SHA-instruksjoner), så «hele vurderingen» er litt for høy.

Krever valgrind (Debian-pakken ``valgrind``). Lag sakene med ``benchmarks/lag_saker.py``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _norsk import NorskParser

DELER = {
    "gulv": "lese og json.loads",
    "inntak": "les_fil: lesing, JSON, fødselsnummer, validering",
    "kriterier": "standardkriteriene på innleste saker",
    "vurder": "hele vurderingen i én prosess (med SHA-256)",
}


def kjor_del(del_: str, filer: list[str]) -> None:
    """The measured work itself: run inside valgrind by ``tell``."""
    if del_ == "gulv":
        for fil in filer:
            with open(fil, "rb") as kilde:
                json.loads(kilde.read())
        return
    from revisjon.inntak.lesing import InnlestSak, les_fil
    from revisjon.kriteriesprak.lasting import last_kriterier

    sett = last_kriterier()
    if del_ == "vurder":
        from revisjon.vurdering.kjoring import vurder

        if filer:
            vurder([Path(f) for f in filer], kriteriesett=sett, arbeidere=1)
        return
    saker = [s for f in filer for s in les_fil(f) if isinstance(s, InnlestSak)]
    if del_ == "kriterier":
        kriterier = [k for s in sett for k in s.kriterier]
        for sak in saker:
            for kriterium in kriterier:
                kriterium.vurder(sak.sak)


def tell(del_: str, filer: list[str]) -> int:
    """Instructions valgrind counts for one run of ``del_`` over ``filer``."""
    with tempfile.TemporaryDirectory() as mappe:
        liste = Path(mappe) / "filer.json"
        liste.write_text(json.dumps(filer))
        kommando = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={mappe}/cg.out",
            sys.executable,
            __file__,
            "--kjor",
            del_,
            str(liste),
        ]
        kjort = subprocess.run(kommando, capture_output=True, text=True, check=False)
    if kjort.returncode != 0:
        raise SystemExit(f"målingen av «{del_}» stoppet (kode {kjort.returncode}):\n{kjort.stderr}")
    ut = kjort.stderr
    treff = re.search(r"Collected : (\d+)", ut)
    if treff is None:
        raise SystemExit(f"fant ikke antallet instruksjoner i valgrinds utdata:\n{ut}")
    return int(treff.group(1))


def per_sak(del_: str, filer: list[str]) -> float:
    """What ``del_`` costs per case: the run with the cases less the run without (for the
    criteria: less reading the same cases)."""
    if del_ == "kriterier":
        return (tell("kriterier", filer) - tell("inntak", filer)) / len(filer)
    return (tell(del_, filer) - tell(del_, [])) / len(filer)


def main(argv: list[str] | None = None) -> int:
    parser = NorskParser(
        prog="instruksjoner.py",
        description="Teller instruksjoner per sak med valgrind for gulvet og delene av vurderingen.",
    )
    parser.add_argument(
        "mappe", metavar="MAPPE", type=Path, nargs="?", help="mappen med saksfiler (.json)"
    )
    parser.add_argument(
        "-n", type=int, default=300, help="antall saker som telles (standard: 300; tar minutter)"
    )
    parser.add_argument("--kjor", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.kjor:
        kjor_del(args.kjor[0], json.loads(Path(args.kjor[1]).read_text()))
        return 0
    if args.mappe is None:
        parser.error("disse argumentene mangler: MAPPE")
    if shutil.which("valgrind") is None:
        print("valgrind finnes ikke; installer Debian-pakken valgrind", file=sys.stderr)
        return 2
    filer = sorted(str(p) for p in args.mappe.rglob("*.json"))[: args.n]
    if not filer:
        print(f"{args.mappe}: ingen .json-filer", file=sys.stderr)
        return 2
    print(f"{len(filer)} saker fra {args.mappe}; instruksjoner per sak:")
    gulv = 0.0
    for del_, beskrivelse in DELER.items():
        antall = per_sak(del_, filer)
        gulv = gulv or antall
        tall = f"{antall:,.0f}".replace(",", " ")
        forhold = f"{antall / gulv:.1f}".replace(".", ",")
        print(f"  {beskrivelse:50s} {tall:>12s}  ({forhold} × gulvet)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
