"""Writing output safely: never over one of the run's inputs, never replacing what is not a
regular file, never half a file, and every failure as a clear message.

Every output of every command goes through here: ``kontroller_utfil`` before anything is
written (so a bad path fails before the first output), ``skriv_atomisk`` for a file,
``skriv_strom`` for stdout, ``ny_mappe`` for a folder that is filled and renamed into place.
"""

from revisjon.skriving.feil import LukketUtdata, SkriveFeil, som_skrivefeil
from revisjon.skriving.fil import kontroller_utfil, ny_mappe, skriv_atomisk
from revisjon.skriving.rester import MERKE, midlertidig_navn, rydd_rester
from revisjon.skriving.strom import HOLD_TILBAKE, skriv_strom

__all__ = [
    "HOLD_TILBAKE",
    "MERKE",
    "LukketUtdata",
    "SkriveFeil",
    "kontroller_utfil",
    "midlertidig_navn",
    "ny_mappe",
    "rydd_rester",
    "skriv_atomisk",
    "skriv_strom",
    "som_skrivefeil",
]
