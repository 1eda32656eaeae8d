"""Writing output files safely: atomically, and never over one of the run's inputs."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from revisjon.feil import RevisjonFeil


def kontroller_utfil(ut: Path, inndata: Iterable[Path]) -> None:
    """Refuse an output path that is, or lies among, the inputs of the run."""
    mal = ut.resolve()
    for sti in inndata:
        kilde = sti.resolve()
        if mal == kilde or (kilde.is_dir() and kilde in mal.parents):
            raise RevisjonFeil(
                f"{ut}: utfilen er en av inndataene eller ligger i en inndatamappe; "
                "velg en annen sti med -o/--ut"
            )


def skriv_atomisk(ut: Path, tekst: str) -> None:
    """Write ``tekst`` to ``ut`` through a temporary file and a rename, so no half file is left."""
    mappe = ut.resolve().parent
    if not mappe.is_dir():
        raise RevisjonFeil(f"{ut}: mappen {mappe} finnes ikke; opprett den eller velg en annen sti")
    fd, midlertidig = tempfile.mkstemp(prefix=f".{ut.name}.", suffix=".tmp", dir=mappe)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fil:
            fil.write(tekst)
        os.replace(midlertidig, ut)
    except BaseException:
        Path(midlertidig).unlink(missing_ok=True)
        raise
