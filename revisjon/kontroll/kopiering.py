"""``stikkprove --kopier-til DIR``: the chosen cases copied out, ready for ``revisjon vurder DIR``.

A case file (.yaml, .yml, .json) is copied byte for byte under the same path it has below the
argument it was found through (``saker/mai/a.yaml`` given as ``saker/`` → ``DIR/mai/a.yaml``; a
file given directly → ``DIR/a.yaml``). For a JSON Lines file, ``DIR`` gets a .jsonl file of the
same name with only the chosen lines, byte for byte and in their original order (a BOM on the
first line is dropped). For a workbook (.xlsx), ``DIR`` gets a workbook of the same name with
only the chosen cases, written anew in the same layout. ``DIR`` must be new or empty; it is filled in a temporary directory
beside it and renamed into place, so a failed copy leaves nothing half done.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from revisjon.feil import RevisjonFeil
from revisjon.inntak.lesing import finn_filer
from revisjon.resultat import SakResultat


def _relative_stier(stier: Sequence[Path]) -> dict[str, Path]:
    """Every case file's name (as the reader gives it) → its path below the copy directory."""
    ut: dict[str, Path] = {}
    for sti in stier:
        for fil in finn_filer([sti]):
            if isinstance(fil, Path):
                ut.setdefault(str(fil), fil.relative_to(sti) if sti.is_dir() else Path(fil.name))
    return ut


def kontroller_kopimappe(mappe: Path, stier: Sequence[Path]) -> None:
    """Refuse a copy directory that is among the inputs or already holds files."""
    mal = mappe.resolve()
    for sti in stier:
        kilde = sti.resolve()
        if mal == kilde or kilde in mal.parents or (kilde.is_dir() and mal in kilde.parents):
            raise RevisjonFeil(
                f"{mappe}: kopimappen overlapper med inndataene; velg en mappe utenfor dem"
            )
    if mappe.exists() and (not mappe.is_dir() or any(mappe.iterdir())):
        raise RevisjonFeil(
            f"{mappe}: finnes fra før og er ikke en tom mappe; velg en ny mappe for utvalget"
        )


def kopier_saker(valgt: Sequence[SakResultat], *, stier: Sequence[Path], mappe: Path) -> list[Path]:
    """Copy the chosen cases into ``mappe``; return the files written (relative to it)."""
    kontroller_kopimappe(mappe, stier)
    relative = _relative_stier(stier)
    linjer: dict[str, list[int]] = {}
    hele: list[str] = []
    arbeidsboker: dict[str, set[str]] = {}
    for sak in valgt:
        if sak.fil.lower().endswith(".xlsx"):
            if sak.fil not in arbeidsboker:
                hele.append(sak.fil)
            arbeidsboker.setdefault(sak.fil, set()).add(sak.sak_id)
        elif sak.linje is None:
            hele.append(sak.fil)
        else:
            linjer.setdefault(sak.fil, []).append(sak.linje)
    mal: dict[Path, str] = {}
    for fil in [*hele, *linjer]:
        rel = relative.get(fil)
        if rel is None:  # pragma: no cover - every case comes from a file finn_filer found
            raise RevisjonFeil(f"{fil}: finner ikke filen igjen blant inndataene")
        if rel in mal and mal[rel] != fil:
            raise RevisjonFeil(
                f"{fil} og {mal[rel]} ville fått samme navn ({rel}) i kopimappen; "
                "gi filene ulike navn eller trekk fra én mappe om gangen"
            )
        mal[rel] = fil
    mappe.parent.mkdir(parents=True, exist_ok=True)
    midlertidig = Path(tempfile.mkdtemp(prefix=f".{mappe.name}.", dir=mappe.parent))
    try:
        for rel, fil in sorted(mal.items()):
            ut = midlertidig / rel
            ut.parent.mkdir(parents=True, exist_ok=True)
            if fil in linjer:
                ut.write_bytes(_utvalgte_linjer(Path(fil), sorted(linjer[fil])))
            elif fil in arbeidsboker:
                _utvalgte_saker(fil, arbeidsboker[fil], ut)
            else:
                shutil.copyfile(fil, ut)
        if mappe.exists():
            mappe.rmdir()  # empty, checked above
        os.replace(midlertidig, mappe)
    except BaseException:
        shutil.rmtree(midlertidig, ignore_errors=True)
        raise
    return sorted(mal)


def _utvalgte_linjer(fil: Path, numre: list[int]) -> bytes:
    alle = fil.read_bytes().splitlines()
    valgte = [alle[nr - 1] for nr in numre]
    return b"".join(
        (linje[3:] if linje.startswith(b"\xef\xbb\xbf") else linje) + b"\n" for linje in valgte
    )


def _utvalgte_saker(fil: str, sak_ider: set[str], ut: Path) -> None:
    """The chosen cases of a workbook, written to a new workbook in the same layout."""
    from revisjon.inntak.lesing import InnlestSak, les_fil
    from revisjon.rapport.registreringsark import skriv_registreringsark

    valgte = [f.sak for f in les_fil(fil) if isinstance(f, InnlestSak) and f.sak.sak_id in sak_ider]
    if {s.sak_id for s in valgte} != sak_ider:
        raise RevisjonFeil(f"{fil}: arbeidsboken er endret under trekningen; trekk på nytt")
    skriv_registreringsark(ut, valgte)
