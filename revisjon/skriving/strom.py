"""Text to a stream (stdout), held back at first so a short text that fails midway writes
nothing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from revisjon.skriving.feil import som_skrivefeil

HOLD_TILBAKE = 1 << 20
"""Characters of output held back before the first write to a stream (stdout). An error while
the text is still being produced (in an own ``--mal`` template, say) then leaves nothing
half-written on screen or in a pipe, unless the output is already larger than this; larger output
is written piece by piece, so a report of any size needs no more memory than this."""


def skriv_strom(strom: TextIO, deler: Iterable[str], *, hold_tilbake: int = HOLD_TILBAKE) -> None:
    """Write the text in ``deler`` to ``strom`` (stdout) piece by piece, holding back the first
    ``hold_tilbake`` characters so a short text that fails midway writes nothing.

    A reader that has gone raises ``LukketUtdata``; any other write error (a full disk behind a
    redirection) a ``SkriveFeil``."""
    ventende: list[str] | None = []
    antall = 0
    for del_ in deler:
        if ventende is None:
            with som_skrivefeil("standard ut"):
                strom.write(del_)
            continue
        ventende.append(del_)
        antall += len(del_)
        if antall > hold_tilbake:
            with som_skrivefeil("standard ut"):
                strom.write("".join(ventende))
            ventende = None
    with som_skrivefeil("standard ut"):
        if ventende:
            strom.write("".join(ventende))
        strom.flush()
