"""Writing output safely: never over one of the run's inputs, never replacing what is not a
regular file, never half a file, and every failure as a clear message.

Every output of every command goes through here: ``kontroller_utfil`` before anything is
written (so a bad path fails before the first output), ``skriv_atomisk`` for a file,
``skriv_strom`` for stdout, ``ny_mappe`` for a folder that is filled and renamed into place.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

from revisjon.feil import RevisjonFeil

HOLD_TILBAKE = 1 << 20
"""Characters of output held back before the first write to a stream (stdout). An error while
the text is still being produced (in an own ``--mal`` template, say) then leaves nothing
half-written on screen or in a pipe, unless the output is already larger than this; larger output
is written piece by piece, so a report of any size needs no more memory than this."""

MERKE = ".revisjon-"
"""In the name of every temporary file and folder this tool makes
(``.rapport.md.revisjon-<pid>-<tilfeldig>.tmp``): the next run beside it recognises what a
killed run left behind and removes it."""

GAMMEL_REST = 24 * 3600
"""Seconds after which a leftover temporary file is removed even when its process id cannot be
checked (Windows) or has been reused."""

WINDOWS_LAAST = {5, 32, 33}
"""Windows error codes for access denied, a file in use by another process, and a locked
region: what replacing a report open in Word or Excel gives."""


class SkriveFeil(RevisjonFeil):
    """An output could not be written; what was there before is unchanged."""


class LukketUtdata(Exception):
    """The reader of stdout has gone (``| head``): stop quietly, as command-line tools do."""


def _aarsak(feil: OSError) -> str:
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
def _som_skrivefeil(ut: Path | str, *, fantes: bool = False) -> Iterator[None]:
    """Turn an operating-system error while writing ``ut`` into a ``SkriveFeil``."""
    try:
        yield
    except BrokenPipeError:
        raise LukketUtdata from None
    except OSError as feil:
        gammel = "; den gamle filen er uendret" if fantes else ""
        raise SkriveFeil(f"{ut}: kunne ikke skrives: {_aarsak(feil)}{gammel}") from None


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
    utstat = _stat(mal)
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


def _lever(pid: int) -> bool:
    """Whether a process with this id runs (always True where that cannot be asked safely:
    on Windows, ``os.kill`` ends the process)."""
    if sys.platform == "win32":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def rydd_rester(mappe: Path, navn: str) -> None:
    """Remove what a killed run left in ``mappe`` while writing ``navn``: temporary files and
    folders of this tool whose process is gone (or that are older than a day)."""
    prefiks = f".{navn}{MERKE}"
    try:
        rester = [p for p in mappe.iterdir() if p.name.startswith(prefiks)]
    except OSError:
        return
    for rest in rester:
        pid_tekst = rest.name[len(prefiks) :].split("-", 1)[0]
        try:
            gammel = time.time() - rest.lstat().st_mtime > GAMMEL_REST
        except OSError:
            continue
        if pid_tekst.isdigit() and int(pid_tekst) == os.getpid():
            continue
        if gammel or (pid_tekst.isdigit() and not _lever(int(pid_tekst))):
            try:
                if rest.is_dir() and not rest.is_symlink():
                    import shutil

                    shutil.rmtree(rest, ignore_errors=True)
                else:
                    rest.unlink()
            except OSError:
                pass


def midlertidig_navn(mal: Path, endelse: str = ".tmp") -> Path:
    """A fresh temporary name beside ``mal`` that ``rydd_rester`` recognises."""
    return mal.with_name(f".{mal.name}{MERKE}{os.getpid()}-{secrets.token_hex(4)}{endelse}")


def _skriv_deler(fil: TextIO, deler: Iterable[str], ut: Path, *, fantes: bool) -> None:
    """Write the pieces; an error producing a piece passes unchanged, a write error becomes a
    ``SkriveFeil``."""
    for del_ in deler:
        with _som_skrivefeil(ut, fantes=fantes):
            fil.write(del_)


def skriv_atomisk(ut: Path, tekst: str | Iterable[str]) -> None:
    """Write ``tekst`` (one string, or the text in pieces) to ``ut``.

    A regular file (or none yet) is written through a temporary file beside it and a rename, so
    no half file is left: if anything fails, ``ut`` is as it was. A symlink is followed and its
    target replaced. A new file gets the mode the user's umask gives; a replaced file keeps its
    mode (and, where allowed, its owner). A device or FIFO (``/dev/null``, a named pipe) is
    written to straight, never replaced by a file.
    """
    deler = (tekst,) if isinstance(tekst, str) else tekst
    mal = Path(os.path.realpath(ut))
    forrige = _stat(mal)
    if forrige is not None and stat.S_ISDIR(forrige.st_mode):
        raise SkriveFeil(f"{ut}: er en mappe; gi et filnavn")
    if forrige is not None and not stat.S_ISREG(forrige.st_mode):
        with _som_skrivefeil(ut):
            fil = open(mal, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        try:
            _skriv_deler(fil, deler, ut, fantes=False)
        finally:
            with _som_skrivefeil(ut):
                fil.close()
        return
    fantes = forrige is not None
    rydd_rester(mal.parent, mal.name)
    midlertidig = midlertidig_navn(mal)
    with _som_skrivefeil(ut, fantes=fantes):
        # 0o666: the operating system takes the umask off, as for any new file.
        fd = os.open(
            midlertidig, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666
        )
    fil = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
    try:
        if forrige is not None:
            _behold_eier_og_modus(midlertidig, forrige)
        _skriv_deler(fil, deler, ut, fantes=fantes)
        with _som_skrivefeil(ut, fantes=fantes):
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
    with _som_skrivefeil(mal):
        midlertidig.mkdir(0o777)
    return midlertidig


@contextmanager
def som_skrivefeil(ut: Path | str) -> Iterator[None]:
    """An operating-system error while writing ``ut`` (in a folder being filled) as a
    ``SkriveFeil``."""
    with _som_skrivefeil(ut):
        yield


def skriv_strom(strom: TextIO, deler: Iterable[str], *, hold_tilbake: int = HOLD_TILBAKE) -> None:
    """Write the text in ``deler`` to ``strom`` (stdout) piece by piece, holding back the first
    ``hold_tilbake`` characters so a short text that fails midway writes nothing.

    A reader that has gone raises ``LukketUtdata``; any other write error (a full disk behind a
    redirection) a ``SkriveFeil``."""
    ventende: list[str] | None = []
    antall = 0
    for del_ in deler:
        if ventende is None:
            with _som_skrivefeil("standard ut"):
                strom.write(del_)
            continue
        ventende.append(del_)
        antall += len(del_)
        if antall > hold_tilbake:
            with _som_skrivefeil("standard ut"):
                strom.write("".join(ventende))
            ventende = None
    with _som_skrivefeil("standard ut"):
        if ventende:
            strom.write("".join(ventende))
        strom.flush()
