"""Output files: checked before anything is written, never over an input, never replacing what
is not a regular file, never half written.

Hand-written because the library once standard for atomic writes, ``atomicwrites``, is archived
by its author (2022) and, like ``os.replace`` alone, would turn a device, a FIFO or a symlink
into a regular file; the rules here (write through to devices and FIFOs, follow a link, keep a
replaced file's mode, never over an input) are the part that matters, under 150 lines.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from revisjon.skriving.feil import SkriveFeil, som_skrivefeil
from revisjon.skriving.rester import midlertidig_navn, rydd_rester


def _samme_fil(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _stat(sti: Path) -> os.stat_result | None:
    try:
        return sti.stat()
    except (OSError, ValueError):
        return None


def kontroller_utfil(ut: Path, inndata: Iterable[Path]) -> None:
    """Refuse an output path that cannot be a file to write (empty, a folder, in a folder that
    does not exist or cannot be written), or that is one of the run's inputs or lies in an
    input folder (``inndata``: cases, criteria, overrides, manifests, templates)."""
    if not str(ut).strip() or str(ut) == ".":
        raise SkriveFeil("utfilen har ikke noe navn; gi et filnavn, for eksempel -o rapport.md")
    mal = ut.resolve()
    utstat = _stat(ut)  # through a link, and /dev/stdout to the pipe or terminal it stands for
    for sti in inndata:
        kilde = sti.resolve()
        kildestat = _stat(kilde)
        samme = mal == kilde or (
            utstat is not None and kildestat is not None and _samme_fil(utstat, kildestat)
        )
        if samme or (
            kildestat is not None and stat.S_ISDIR(kildestat.st_mode) and kilde in mal.parents
        ):
            raise SkriveFeil(
                f"{ut}: utfilen er en av inndataene ({sti}) eller ligger i en inndatamappe; "
                "ingenting er skrevet. Velg en annen sti"
            )
    if utstat is not None and stat.S_ISDIR(utstat.st_mode):
        raise SkriveFeil(f"{ut}: er en mappe; gi et filnavn, for eksempel {ut / 'rapport.md'}")
    if utstat is not None and not stat.S_ISREG(utstat.st_mode):
        return  # a device or a FIFO is written straight to (``skriv_atomisk``)
    mappe = mal.parent
    if not mappe.is_dir():
        raise SkriveFeil(f"{ut}: mappen {mappe} finnes ikke; opprett den eller velg en annen sti")
    if not os.access(mappe, os.W_OK) or (utstat is not None and not os.access(mal, os.W_OK)):
        hva = "filen" if utstat is not None and os.access(mappe, os.W_OK) else f"mappen {mappe}"
        raise SkriveFeil(f"{ut}: {hva} er skrivebeskyttet; velg en annen sti")


def _skriv_deler(fil: BinaryIO, deler: Iterable[str | bytes], ut: Path, *, fantes: bool) -> None:
    """Write the pieces (text as UTF-8); an error producing a piece passes unchanged, a write
    error becomes a ``SkriveFeil``."""
    for del_ in deler:
        data = del_.encode("utf-8") if isinstance(del_, str) else del_
        with som_skrivefeil(ut, fantes=fantes):
            fil.write(data)


def skriv_atomisk(ut: Path, tekst: str | bytes | Iterable[str] | Iterable[bytes]) -> None:
    """Write ``tekst`` (one string, or the text in pieces; or bytes, for a Word document) to
    ``ut``.

    A regular file (or none yet) is written through a temporary file beside it and a rename, so
    no half file is left: if anything fails, ``ut`` is as it was. A symlink is followed and its
    target replaced. A new file gets the mode the user's umask gives; a replaced file keeps its
    mode (and, where allowed, its owner). A device or FIFO (``/dev/null``, a named pipe) is
    written to straight, never replaced by a file.
    """
    deler: Iterable[str | bytes] = (tekst,) if isinstance(tekst, str | bytes) else tekst
    forrige = _stat(ut)
    if forrige is not None and stat.S_ISDIR(forrige.st_mode):
        raise SkriveFeil(f"{ut}: er en mappe; gi et filnavn")
    if forrige is not None and not stat.S_ISREG(forrige.st_mode):
        # Opened by the name given: /dev/stdout is a link to a pipe that has no path of its own.
        with som_skrivefeil(ut):
            fil = open(ut, "wb")  # noqa: SIM115
        try:
            _skriv_deler(fil, deler, ut, fantes=False)
        finally:
            with som_skrivefeil(ut):
                fil.close()
        return
    mal = Path(os.path.realpath(ut))
    fantes = forrige is not None
    rydd_rester(mal.parent, mal.name)
    midlertidig = midlertidig_navn(mal)
    with som_skrivefeil(ut, fantes=fantes):
        # 0o666: the operating system takes the umask off, as for any new file.
        fd = os.open(
            midlertidig, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666
        )
    fil = os.fdopen(fd, "wb")
    try:
        if forrige is not None:
            _behold_eier_og_modus(midlertidig, forrige)
        _skriv_deler(fil, deler, ut, fantes=fantes)
        with som_skrivefeil(ut, fantes=fantes):
            fil.flush()
            os.fsync(fil.fileno())
            fil.close()
            os.replace(midlertidig, mal)
    except BaseException:
        with suppress(OSError):
            fil.close()  # what could not be written is given up with the temporary file
        midlertidig.unlink(missing_ok=True)
        raise


def _behold_eier_og_modus(sti: Path, forrige: os.stat_result) -> None:
    """Give the new file the old file's mode, and its owner where this process may."""
    with suppress(OSError):
        os.chmod(sti, stat.S_IMODE(forrige.st_mode))
    if hasattr(os, "chown"):
        with suppress(OSError):
            os.chown(sti, forrige.st_uid, forrige.st_gid)


def ny_mappe(mal: Path) -> Path:
    """A new temporary folder beside ``mal`` (with the mode the umask gives, like any folder),
    to fill and then rename to ``mal``; what a killed run left there is removed first."""
    rydd_rester(mal.parent, mal.name)
    midlertidig = midlertidig_navn(mal, endelse="")
    with som_skrivefeil(mal):
        midlertidig.mkdir(0o777)
    return midlertidig
