"""Write errors as the user reads them: what the operating system said, in Norwegian, with
what to do."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from revisjon.feil import RevisjonFeil

WINDOWS_LAAST = {5, 32, 33}
"""Windows error codes for access denied, a file in use by another process, and a locked
region: what replacing a report open in Word or Excel gives."""


class SkriveFeil(RevisjonFeil):
    """An output could not be written; what was there before is unchanged."""


class LukketUtdata(Exception):
    """The reader of stdout has gone (``| head``): stop quietly, as command-line tools do."""


def aarsak(feil: OSError) -> str:
    """What an operating-system error means for the user, in Norwegian, with what to do."""
    if getattr(feil, "winerror", None) in WINDOWS_LAAST:
        return (
            "filen er i bruk av et annet program (er den åpen i Word eller Excel?); "
            "lukk den og prøv igjen"
        )
    kode = feil.errno
    if kode in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "disken er full (eller lagringskvoten er brukt opp); frigjør plass og prøv igjen"
    if kode == errno.EFBIG:
        return "filen ble større enn grensen for filstørrelse; skriv til et annet sted"
    if kode in (errno.EACCES, errno.EPERM):
        return (
            "ingen tilgang til å skrive her (skrivebeskyttet fil eller mappe, eller filen er "
            "låst av et annet program); velg en annen sti"
        )
    if kode == errno.EROFS:
        return "filsystemet er skrivebeskyttet; velg en annen sti"
    if kode == errno.EISDIR:
        return "er en mappe; gi et filnavn"
    if kode in (errno.ENOENT, errno.ENOTDIR):
        return "mappen finnes ikke; opprett den eller velg en annen sti"
    if kode == errno.ENAMETOOLONG:
        return "navnet er for langt"
    navn = errno.errorcode.get(kode or 0, "ukjent")
    return f"systemfeil {navn}"


@contextmanager
def som_skrivefeil(ut: Path | str, *, fantes: bool = False) -> Iterator[None]:
    """Turn an operating-system error while writing ``ut`` into a ``SkriveFeil`` (saying the
    old file is unchanged when ``fantes``); a reader of stdout that has gone into
    ``LukketUtdata``."""
    try:
        yield
    except BrokenPipeError:
        raise LukketUtdata from None
    except OSError as feil:
        gammel = "; den gamle filen er uendret" if fantes else ""
        raise SkriveFeil(f"{ut}: kunne ikke skrives: {aarsak(feil)}{gammel}") from None
