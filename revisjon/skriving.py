"""Writing output files safely: atomically, and never over one of the run's inputs."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from revisjon.feil import RevisjonFeil

HOLD_TILBAKE = 1 << 20
"""Characters of output held back before the first write to a stream (stdout). An error while
the text is still being produced (in an own ``--mal`` template, say) then leaves nothing
half-written on screen or in a pipe, unless the output is already larger than this; larger output
is written piece by piece, so a report of any size needs no more memory than this."""


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


def skriv_atomisk(ut: Path, tekst: str | bytes | Iterable[str] | Iterable[bytes]) -> None:
    """Write ``tekst`` (one string, or the text in pieces; or bytes, for a Word document) to
    ``ut`` through a temporary file and a rename, so no half file is left: if producing a piece
    fails, ``ut`` is as it was."""
    deler: Iterable[str | bytes] = (tekst,) if isinstance(tekst, str | bytes) else tekst
    mappe = ut.resolve().parent
    if not mappe.is_dir():
        raise RevisjonFeil(f"{ut}: mappen {mappe} finnes ikke; opprett den eller velg en annen sti")
    fd, midlertidig = tempfile.mkstemp(prefix=f".{ut.name}.", suffix=".tmp", dir=mappe)
    try:
        with os.fdopen(fd, "wb") as fil:
            for del_ in deler:
                fil.write(del_.encode() if isinstance(del_, str) else del_)
        os.replace(midlertidig, ut)
    except BaseException:
        Path(midlertidig).unlink(missing_ok=True)
        raise


def skriv_strom(strom: TextIO, deler: Iterable[str], *, hold_tilbake: int = HOLD_TILBAKE) -> None:
    """Write the text in ``deler`` to ``strom`` (stdout) piece by piece, holding back the first
    ``hold_tilbake`` characters so a short text that fails midway writes nothing."""
    ventende: list[str] | None = []
    antall = 0
    for del_ in deler:
        if ventende is None:
            strom.write(del_)
            continue
        ventende.append(del_)
        antall += len(del_)
        if antall > hold_tilbake:
            strom.write("".join(ventende))
            ventende = None
    if ventende:
        strom.write("".join(ventende))
    strom.flush()
