#!/usr/bin/env python3
"""Mål hvor godt K2 leser vedtakstekster: samsvar med revisors blinde merking i
utviklingssettet (tests/data/vedtakstekster/*.yaml), samlet, per status, per målform, og en
forvekslingstabell.

Hver tekst leses slik en bruker får den lest: standardsettets kriterier lastes, og K2 vurderer
en minimal sak (økonomisk stønad, to barn, vedtak med teksten). Filene er YAML-lister av
{id, malform, tekst, forventet, grunn, fenomen}. Skriver ut tallene og tekstene K2 leste
annerledes enn revisor (id, forventet, fikk, setninger), ikke teksten selv.

    python benchmarks/tekstlesing.py [FIL ...] [--kriterium K2]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from revisjon.kriteriesprak.lasting import last_kriterier
from revisjon.resultat import Resultat
from revisjon.sak import Sak

ROT = Path(__file__).resolve().parent.parent
SETT = sorted((ROT / "tests" / "data" / "vedtakstekster").glob("*.yaml"))
STATUSER = ("oppfylt", "delvis_oppfylt", "ikke_oppfylt")


def les_tekster(filer: Iterable[Path]) -> list[dict[str, Any]]:
    """The labelled texts of the files, in order."""
    ut: list[dict[str, Any]] = []
    for fil in filer:
        ut += yaml.safe_load(fil.read_text("utf-8")) or []
    return ut


def sak_for(tekst: str) -> Sak:
    """The smallest case K2 applies to, with ``tekst`` as the decision letter."""
    return Sak.model_validate(
        {
            "versjon": 1,
            "sak_id": "TEKST-1",
            "tjeneste": "okonomisk_stonad",
            "soknad": {"mottatt": "2024-03-04", "forstegangssoker": False},
            "husstand": {"voksne": 1, "barn": [{"id": "B1", "alder": 9}, {"id": "B2", "alder": 4}]},
            "vedtak": {"dato": "2024-03-18", "utfall": "innvilget", "tekst": tekst},
        },
        strict=False,
    )


def vurder(tekster: Sequence[dict[str, Any]], kriterium: str = "K2") -> list[Resultat]:
    """The verdict of ``kriterium`` (default set) on each text."""
    (sett,) = last_kriterier()
    (k,) = [k for k in sett.kriterier if k.id == kriterium]
    return [k.vurder(sak_for(t["tekst"])) for t in tekster]


def samsvar(tekster: Sequence[dict[str, Any]], dommer: Sequence[Resultat]) -> dict[str, Any]:
    """Agreement overall, per label, per målform, and the confusion table (expected, got)."""
    par = [
        (t["forventet"], d.status, t.get("malform", "?"))
        for t, d in zip(tekster, dommer, strict=True)
    ]

    def andel(utvalg: list[tuple[str, str, str]]) -> tuple[int, int]:
        return sum(f == g for f, g, _ in utvalg), len(utvalg)

    return {
        "samlet": andel(par),
        "per_status": {s: andel([p for p in par if p[0] == s]) for s in STATUSER},
        "per_malform": {
            m: andel([p for p in par if p[2] == m]) for m in sorted({p[2] for p in par})
        },
        "tabell": Counter((f, g) for f, g, _ in par),
    }


def _prosent(del_: tuple[int, int]) -> str:
    riktig, antall = del_
    return f"{riktig} av {antall} ({100 * riktig / antall:.1f} %)" if antall else "ingen"


def skriv(
    tall: dict[str, Any], tekster: Sequence[dict[str, Any]], dommer: Sequence[Resultat]
) -> None:
    print(f"Samsvar samlet: {_prosent(tall['samlet'])}")
    for s, d in tall["per_status"].items():
        print(f"  forventet {s}: {_prosent(d)}")
    for m, d in tall["per_malform"].items():
        print(f"  målform {m}: {_prosent(d)}")
    bredde = max(len(s) for s in STATUSER) + 2
    print("\nForvekslingstabell (rad: revisor, kolonne: K2)")
    print(" " * bredde + "".join(s.rjust(bredde) for s in STATUSER))
    for f in STATUSER:
        print(f.ljust(bredde) + "".join(str(tall["tabell"][f, g]).rjust(bredde) for g in STATUSER))
    avvik = [(t, d) for t, d in zip(tekster, dommer, strict=True) if t["forventet"] != d.status]
    if avvik:
        print("\nLest annerledes enn revisor:")
        for t, d in avvik:
            kontroll = f"; til kontroll: {d.til_kontroll}" if d.til_kontroll else ""
            print(
                f"  {t['id']}: forventet {t['forventet']}, fikk {d.status}, setninger {list(d.setninger)}{kontroll}"
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("filer", nargs="*", type=Path, default=SETT)
    parser.add_argument("--kriterium", default="K2")
    a = parser.parse_args(argv)
    tekster = les_tekster(a.filer)
    dommer = vurder(tekster, a.kriterium)
    skriv(samsvar(tekster, dommer), tekster, dommer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
