#!/usr/bin/env python3
"""Mål de håndskrevne delene mot biblioteket som ellers ville vært standardvalget.

Tallene her står i modulenes docstrings som grunnen til at delen er håndskrevet:

- JSON-resultatet (``revisjon.rapport.json_format``) mot ``msgspec`` og ``json.dumps(indent=2)``;
- norske tall (``revisjon.norsk``) mot Babel;
- YAML med linjenumre (``revisjon.inntak.yamllast``) mot ruamel.yaml;
- trendgrafen (``revisjon.kontroll.graf``) mot matplotlib (importtid og størrelse);
- simplemmas ordbøker for nb og nn (``revisjon.tekst.ord``): de medfølgende filene dekodet i hver
  prosess mot simplemmas egne MARISA-trær lagret i brukerens hurtigbuffer.

Bibliotekene som ikke er avhengigheter (Babel, ruamel.yaml, matplotlib), måles bare når de er
installert: ``pip install babel ruamel.yaml matplotlib``.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent


def _tid(funksjon: Callable[[], object], ganger: int = 5) -> float:
    """The best of ``ganger`` runs, in seconds."""
    beste = float("inf")
    for _ in range(ganger):
        start = time.perf_counter()
        funksjon()
        beste = min(beste, time.perf_counter() - start)
    return beste


def _importtid(modul: str) -> float | None:
    if importlib.util.find_spec(modul.split(".")[0]) is None:
        return None
    kode = f"import time; t = time.perf_counter(); import {modul}; print(time.perf_counter() - t)"
    ut = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True)
    return float(ut.stdout)


def json_skriver(antall: int = 20_000) -> None:
    import msgspec

    from revisjon.rapport.json_format import _liste

    saker = [
        {
            "sak_id": f"GJ-ØS-{i}",
            "fil": f"saker/{i // 1000}/sak-{i}.json",
            "linje": None,
            "tjeneste": "okonomisk_stonad",
            "enhet": "Skaffe arbeid over 30",
            "vedtaksdato": "2024-02-18",
            "resultater": [
                {"kriterium": f"K{k}", "status": "ikke_oppfylt", "begrunnelse": "Vedtaket «x»."}
                for k in range(1, 11)
            ],
        }
        for i in range(antall)
    ]
    egen = "".join(_liste(saker, 1))

    def med_msgspec() -> str:
        # per case, so the result can still be written piece by piece
        deler = [
            msgspec.json.format(msgspec.json.encode(s), indent=2).decode().replace("\n", "\n    ")
            for s in saker
        ]
        return "[\n    " + ",\n    ".join(deler) + "\n  ]"

    lik = med_msgspec() == egen
    fasit = json.dumps(saker, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    print(f"JSON, {antall} saker:")
    print(f"  egen skriver       {_tid(lambda: ''.join(_liste(saker, 1))):.3f} s")
    print(
        f"  msgspec per sak    {_tid(med_msgspec):.3f} s  (samme tekst: {'ja' if lik else 'nei'})"
    )
    print(
        f"  json.dumps(indent) {_tid(lambda: json.dumps(saker, ensure_ascii=False, indent=2)):.3f} s"
    )
    print(f"  egen = json.dumps: {'ja' if egen == fasit else 'nei'}")


def norske_tall(antall: int = 100_000) -> None:
    from revisjon import norsk

    print(f"Norske tall, {antall} prosenter:")
    print(
        f"  revisjon.norsk.prosent  {_tid(lambda: [norsk.prosent(i / antall) for i in range(antall)], 3):.3f} s"
    )
    if (tid := _importtid("babel.numbers")) is None:
        print("  Babel: ikke installert")
        return
    from babel.numbers import format_percent

    def babel() -> None:
        for i in range(antall):
            format_percent(i / antall, "#,##0.0\u00a0%", locale="nb_NO")

    print(f"  babel.format_percent    {_tid(babel, 3):.3f} s  (import {tid:.3f} s)")
    print(
        f"  0,0525 → egen {norsk.prosent(0.0525)!r}, Babel {format_percent(0.0525, '#,##0.0 %', locale='nb_NO')!r}"
    )


def yaml_linjer(ganger: int = 500) -> None:
    from revisjon.inntak.yamllast import les_yaml

    tekst = (ROT / "eksempler" / "os-01.yaml").read_text("utf-8")
    print(f"YAML med linjenumre, {ganger} × eksempler/os-01.yaml:")
    print(
        f"  revisjon.inntak.yamllast {_tid(lambda: [les_yaml(tekst) for _ in range(ganger)], 3):.3f} s"
    )
    if importlib.util.find_spec("ruamel") is None:
        print("  ruamel.yaml: ikke installert")
        return
    from ruamel.yaml import YAML

    rundtur = YAML(typ="rt")
    print(
        f"  ruamel.yaml (rt, linjer) {_tid(lambda: [rundtur.load(tekst) for _ in range(ganger)], 3):.3f} s"
    )


def graf() -> None:
    linjer = len((ROT / "revisjon" / "kontroll" / "graf.py").read_text("utf-8").splitlines())
    print(
        f"Trendgraf: revisjon.kontroll.graf er {linjer} linjer, import {_importtid('revisjon.kontroll.graf'):.3f} s"
    )
    if (tid := _importtid("matplotlib.pyplot")) is None:
        print("  matplotlib: ikke installert")
        return
    import matplotlib

    storrelse = sum(
        f.stat().st_size for f in Path(matplotlib.__file__).parent.rglob("*") if f.is_file()
    )
    print(f"  matplotlib.pyplot: import {tid:.3f} s, {storrelse / 1e6:.0f} MB installert")


_ORDBOK = """
import resource, sys, time
from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory
from revisjon.tekst.ord import _TrieFabrikk
for_ = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
fabrikk = DefaultDictionaryFactory() if sys.argv[1] == "fil" else _TrieFabrikk()
for sprak in ("nb", "nn"):
    fabrikk.get_dictionary(sprak).get("barnas")
tid = time.perf_counter() - start
print(tid, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - for_) / 1024)
"""


def ordboker() -> None:
    """Each way measured in a new process, as a ``revisjon vurder`` or a spawned worker meets it;
    the trie is measured after one run has put it in the cache."""
    print("Ordbøker nb + nn, lastet i en ny prosess:")
    for art, navn in (
        ("fil", "dekodet fra simplemmas filer"),
        ("tre", "MARISA-tre fra hurtigbufferen"),
    ):
        subprocess.run([sys.executable, "-c", _ORDBOK, art], check=True, capture_output=True)
        svar = subprocess.run(
            [sys.executable, "-c", _ORDBOK, art], check=True, capture_output=True, text=True
        )
        sekunder, megabyte = map(float, svar.stdout.split())
        print(f"  {navn:32} {sekunder:.3f} s, {megabyte:.0f} MB mer minne")


if __name__ == "__main__":
    json_skriver()
    norske_tall()
    yaml_linjer()
    graf()
    ordboker()
