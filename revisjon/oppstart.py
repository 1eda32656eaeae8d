"""``revisjon init``: a new audit folder with criteria to adapt, a case folder and a guide."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from revisjon.feil import RevisjonFeil
from revisjon.kriteriesprak.lasting import standard_kriteriefil

MALFILER = {
    "VEILEDNING.md": "VEILEDNING.md",
    "saker/README.md": "saker-README.md",
    "oppdrag.yaml": "oppdrag.yaml",
    "organisasjon.md": "organisasjon.md",
    "datakilder.md": "datakilder.md",
    "uttalelse.md": "uttalelse.md",
}


def opprett_revisjon(mappe: Path) -> list[Path]:
    """Create the folder layout of a new audit in ``mappe``; return the files written.

    Refuses a folder that exists and is not empty, so nothing of the auditor's is overwritten.
    """
    if mappe.exists() and (not mappe.is_dir() or any(mappe.iterdir())):
        raise RevisjonFeil(f"{mappe}: finnes allerede og er ikke tom; velg en ny mappe")
    laget: list[Path] = []
    (mappe / "kriterier").mkdir(parents=True, exist_ok=True)
    (mappe / "saker").mkdir(exist_ok=True)
    kilde = standard_kriteriefil()
    mal = mappe / "kriterier" / kilde.name
    shutil.copyfile(kilde, mal)
    laget.append(mal)
    tester = kilde.parent / "tester"
    if tester.is_dir():
        shutil.copytree(tester, mappe / "kriterier" / "tester")
        laget += sorted(p for p in (mappe / "kriterier" / "tester").rglob("*") if p.is_file())
    for ut, inn in MALFILER.items():
        tekst = (resources.files("revisjon") / "maler" / "init" / inn).read_text("utf-8")
        (mappe / ut).write_text(tekst, encoding="utf-8")
        laget.append(mappe / ut)
    from revisjon.skjema import Skjemanavn, skjema_json

    (mappe / "oppdrag.schema.json").write_text(skjema_json(Skjemanavn.oppdrag), encoding="utf-8")
    laget.append(mappe / "oppdrag.schema.json")
    return laget
