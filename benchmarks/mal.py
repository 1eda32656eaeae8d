#!/usr/bin/env python3
"""Mål hvor raskt revisjon vurderer en mappe med saker, mot gulvet: å bare lese og json.loads-e
de samme filene i én prosess.

Skriver ut gulvet, den fulle kjøringen (biblioteket: ``vurder`` med standardkriteriene, i en egen
prosess med import og lasting av kriteriene medregnet; med ``--cli`` også
``revisjon vurder MAPPE --format FORMAT -o FIL``, med ``--format`` markdown, json eller
jsonl), forholdet mellom dem, saker per sekund og
toppminnet: hovedprosessen, den største arbeidsprosessen (``resource.getrusage``) og summen av
prosessene målt underveis. Måler også hvor lang tid ``revisjon --help`` tar (beste og median).
Med ``--kald`` tømmes sidebufferen før hver måling (Linux, som root), så både gulvet og
kjøringen leser filene fra disken. Lag sakene med ``benchmarks/lag_saker.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from _norsk import NorskParser


def gulv(mappe: Path) -> tuple[float, int, int]:
    """Seconds to read and json.loads every case below ``mappe`` (one process): each .json file,
    and each line of each .jsonl file; the cases and the bytes."""
    start = time.perf_counter()
    antall = byte = 0
    for rot, _, filer in os.walk(mappe):
        for navn in filer:
            if navn.endswith(".json"):
                with open(os.path.join(rot, navn), "rb") as fil:
                    innhold = fil.read()
                json.loads(innhold)
                antall += 1
                byte += len(innhold)
            elif navn.endswith(".jsonl"):
                with open(os.path.join(rot, navn), "rb") as fil:
                    for linje in fil:
                        json.loads(linje)
                        antall += 1
                        byte += len(linje)
    return time.perf_counter() - start, antall, byte


def tom_sidebuffer() -> None:
    """Drop the page cache (Linux, as root), so that the next run reads the files from disk."""
    subprocess.run(["sync"], check=True)
    try:
        with open("/proc/sys/vm/drop_caches", "w") as fil:
            fil.write("3\n")
    except OSError as feil:
        sys.exit(f"kan ikke tømme sidebufferen ({feil.strerror}); --kald krever root på Linux")


def _prosesstre(rot: int) -> list[int]:
    """``rot`` and every process below it (Linux: /proc/PID/task/TID/children)."""
    tre, stabel = [], [rot]
    while stabel:
        pid = stabel.pop()
        tre.append(pid)
        try:
            for trad in os.scandir(f"/proc/{pid}/task"):
                with open(f"{trad.path}/children", "rb") as fil:
                    stabel += [int(barn) for barn in fil.read().split()]
        except OSError:
            continue
    return tre


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fil:
            return int(fil.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    """Proportional set size: the process's own pages, and its share of pages it shares with
    other processes (the modules' code in the worker processes), so a sum counts them once."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fil:
            for linje in fil:
                if linje.startswith(b"Pss:"):
                    return int(linje.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def kjor_malt(kommando: list[str], *, stille: bool = False) -> tuple[float, tuple[int, int], str]:
    """Run ``kommando``; its wall time, the peaks of the summed RSS and of the summed PSS of its
    process tree (sampled every 50 ms; 0 where /proc is missing) and its standard output."""
    topp = (0, 0)
    start = time.perf_counter()
    prosess = subprocess.Popen(
        kommando,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL if stille else None,
        text=True,
    )
    ferdig = threading.Event()

    def mal() -> None:
        nonlocal topp
        while not ferdig.wait(0.05):
            if os.path.isdir("/proc"):
                tre = _prosesstre(prosess.pid)
                topp = (
                    max(topp[0], sum(_rss(pid) for pid in tre)),
                    max(topp[1], sum(_pss(pid) for pid in tre)),
                )

    maler = threading.Thread(target=mal, daemon=True)
    maler.start()
    utdata, _ = prosess.communicate()
    tid = time.perf_counter() - start
    ferdig.set()
    maler.join()
    if prosess.returncode not in (0, 1):
        sys.exit(f"{' '.join(kommando)} avsluttet med kode {prosess.returncode}")
    return tid, topp, utdata


HJELPEGANGER = 5
"""``revisjon --help`` is measured at least this many times: one run is over in a fraction of a
second, so the spread between runs is large."""


def hjelpetid() -> float:
    """Wall time of ``revisjon --help`` in a new process, imports included."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "revisjon", "--help"], stdout=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - start


def _bibliotek(mappe: Path, arbeidere: int | None) -> None:
    """Child process: judge ``mappe`` with the library and print the figures as JSON."""
    start = time.perf_counter()
    from revisjon.kriteriesprak.lasting import last_kriterier
    from revisjon.vurdering.kjoring import vurder

    kjoring = vurder([mappe], kriteriesett=last_kriterier(), arbeidere=arbeidere)
    tid = time.perf_counter() - start
    selv = resource.getrusage(resource.RUSAGE_SELF)
    barn = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "tid": tid,
                "saker": len(kjoring.saker),
                "avvist": kjoring.antall_avviste_inndata,
                "rss_selv": selv.ru_maxrss * 1024,
                "rss_barn": barn.ru_maxrss * 1024,
                "cpu_selv": selv.ru_utime + selv.ru_stime,
                "cpu_barn": barn.ru_utime + barn.ru_stime,
            }
        )
    )


def _mb(byte: float) -> str:
    return f"{byte / 1e6:,.0f} MB".replace(",", " ")


def _tall(verdi: float, desimaler: int = 0) -> str:
    return f"{verdi:,.{desimaler}f}".replace(",", " ").replace(".", ",")


def _belastning() -> str:
    try:
        with open("/proc/loadavg") as fil:
            return "snitt over 1, 5 og 15 min: " + ", ".join(fil.read().split()[:3])
    except OSError:
        return "ukjent"


def _mal_cli(mappe: Path, format_: str, *, ganger: int, kald: bool) -> None:
    """``revisjon vurder MAPPE --format FORMAT -o FIL`` ``ganger`` times, each right after a
    floor of its own; every figure, and the median of the ratios."""
    forhold: list[float] = []
    with tempfile.TemporaryDirectory() as ut_mappe:
        ut = Path(ut_mappe) / f"resultat.{'md' if format_ == 'markdown' else format_}"
        cli = [sys.executable, "-m", "revisjon", "vurder", str(mappe)]
        cli += ["--format", format_, "-o", str(ut)]
        for nr in range(1, ganger + 1):
            if kald:
                tom_sidebuffer()
            gulvtid, antall, _ = gulv(mappe)
            if kald:
                tom_sidebuffer()
            tid, topp, _ = kjor_malt(cli, stille=True)
            forhold.append(tid / gulvtid)
            print(
                f"CLI --format {format_} ({nr}/{ganger}): {_tall(tid, 2)} s mot gulvet "
                f"{_tall(gulvtid, 2)} s: {_tall(tid / gulvtid, 2)} × gulvet "
                f"({_tall(antall / tid)} saker/s); toppminne {_mb(topp[0])} RSS, "
                f"{_mb(topp[1])} PSS summert; resultatfilen {_mb(ut.stat().st_size)}"
            )
    print(
        f"CLI --format {format_}: median {_tall(statistics.median(forhold), 2)} × gulvet, "
        f"spenn {_tall(min(forhold), 2)}–{_tall(max(forhold), 2)} ({ganger} kjøringer)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = NorskParser(
        prog="mal.py",
        description=(
            "Måler revisjon på sakene i MAPPE mot gulvet (bare lese og json.loads-e de samme "
            "filene i én prosess), og skriver ut gulvet, den fulle kjøringen, forholdet, saker per "
            "sekund, toppminnet og tiden for revisjon --help. Lag sakene med "
            "benchmarks/lag_saker.py."
        ),
    )
    parser.add_argument(
        "mappe", metavar="MAPPE", type=Path, help="mappen med saksfiler (.json eller .jsonl)"
    )
    parser.add_argument(
        "--ganger",
        type=int,
        default=3,
        help="hvor mange ganger hver måling gjøres; den beste tiden gjelder (standard: 3)",
    )
    parser.add_argument(
        "--arbeidere",
        type=int,
        default=None,
        help="arbeidsprosesser (standard: én per kjerne; 1 gir én prosess)",
    )
    parser.add_argument(
        "--cli",
        action="store_true",
        help="mål også 'revisjon vurder MAPPE --format json -o FIL' (rapporten medregnet)",
    )
    parser.add_argument(
        "--format",
        dest="formater",
        action="append",
        choices=["markdown", "json", "jsonl"],
        help=(
            "format for --cli (kan gis flere ganger; standard: json); hver CLI-måling gjøres "
            "--ganger ganger, hver rett etter sitt eget gulv, og medianen av forholdene skrives ut"
        ),
    )
    parser.add_argument(
        "--kald",
        action="store_true",
        help=(
            "tøm sidebufferen (sync; echo 3 > /proc/sys/vm/drop_caches, krever root) før hvert "
            "gulv og hver kjøring, så filene leses fra disken som første gang"
        ),
    )
    parser.add_argument("--kjor-bibliotek", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.kjor_bibliotek:
        _bibliotek(args.mappe, args.arbeidere)
        return 0
    if not args.mappe.is_dir():
        parser.error(f"{args.mappe} er ikke en mappe")
    if args.ganger < 1:
        parser.error("--ganger må være minst 1")

    kjerner = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    kommando = [sys.executable, os.path.abspath(__file__), str(args.mappe), "--kjor-bibliotek"]
    if args.arbeidere is not None:
        kommando += ["--arbeidere", str(args.arbeidere)]

    print(f"Belastning før målingene (uptime): {_belastning()}")
    if not args.kald:
        gulv(args.mappe)  # once first, so that both measurements read from the page cache
    beste_gulv: tuple[float, int, int] | None = None
    beste: tuple[float, tuple[int, int], dict[str, Any]] | None = None
    for _ in range(args.ganger):
        if args.kald:
            tom_sidebuffer()
        g = gulv(args.mappe)
        if beste_gulv is None or g[0] < beste_gulv[0]:
            beste_gulv = g
        if args.kald:
            tom_sidebuffer()
        _, topp, utdata = kjor_malt(kommando)
        tall = json.loads(utdata.strip().splitlines()[-1])
        if beste is None or tall["tid"] < beste[0]:
            beste = (tall["tid"], topp, tall)
    assert beste_gulv is not None and beste is not None
    gulvtid, antall, byte = beste_gulv
    tid, topp, tall = beste

    print(f"Mappe: {args.mappe}: {_tall(antall)} saker i JSON, {_mb(byte)}")
    print(
        f"Maskin: {kjerner} kjerner; arbeidsprosesser: "
        f"{args.arbeidere if args.arbeidere is not None else 'én per kjerne'}; "
        f"beste av {args.ganger} målinger; "
        f"{'kalde filer (sidebufferen tømt før hver måling)' if args.kald else 'filene i sidebufferen'}"
    )
    print(
        f"Gulv (lese + json.loads, én prosess): {_tall(gulvtid, 2)} s ({_tall(antall / gulvtid)} saker/s)"
    )
    print(
        f"Full vurdering (bibliotek, med import og kriterier): {_tall(tid, 2)} s "
        f"({_tall(tall['saker'] / tid)} saker/s; {_tall(tall['saker'])} vurdert, "
        f"{_tall(tall['avvist'])} avvist)"
    )
    print(f"Forhold: {_tall(tid / gulvtid, 2)} × gulvet")
    print(
        f"CPU-tid: hovedprosessen {_tall(tall['cpu_selv'], 1)} s, arbeidsprosessene "
        f"{_tall(tall['cpu_barn'], 1)} s"
    )
    print(
        f"Toppminne (getrusage): hovedprosessen {_mb(tall['rss_selv'])}, største arbeidsprosess "
        f"{_mb(tall['rss_barn'])}; summen av prosessene (målt hvert 50. ms) {_mb(topp[0])} "
        f"RSS, {_mb(topp[1])} PSS (delte sider telt én gang)"
    )
    hjelp = sorted(hjelpetid() for _ in range(max(args.ganger, HJELPEGANGER)))
    print(
        f"revisjon --help: beste {_tall(hjelp[0], 2)} s, median "
        f"{_tall(statistics.median(hjelp), 2)} s ({len(hjelp)} målinger)"
    )
    if args.cli:
        for format_ in args.formater or ["json"]:
            _mal_cli(args.mappe, format_, ganger=args.ganger, kald=args.kald)
    print(f"Belastning etter målingene (uptime): {_belastning()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
