"""Reading case extracts: files and directories in, validated cases or rejections out.

Each input is judged on its own: a bad file or a bad JSON Lines line becomes one or more
Avvisning values, and reading goes on with the next input.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from pydantic import ValidationError

from revisjon.feil import Avvisning
from revisjon.inntak.dekoding import BOM, DekodingFeil, dekod, sjekk_utf16
from revisjon.inntak.fodselsnummer import (
    fodselsnummer_steder,
    har_fodselsnummer,
    inneholder_fodselsnummer,
    json_kan_ha_fodselsnummer,
)
from revisjon.inntak.meldinger import (
    FODSELSNUMMER,
    MAKS_FEIL_PER_SAK,
    felt_sti,
    og_flere,
    oversett,
    sti_fra_felt,
    vis_nokkel,
)
from revisjon.inntak.rask import rask_sak
from revisjon.inntak.regneark import MAKS_REGNEARK, les_regneark
from revisjon.inntak.yamllast import (
    MAKS_NOSTING,
    FodselsnummerFeil,
    YamlDokument,
    YamlFeil,
    les_yaml,
)
from revisjon.sak import Sak, barnefeil

FILTYPER = (".yaml", ".yml", ".json", ".jsonl", ".xlsx")
HOPP_OVER = (".md", ".txt")
"""Documentation beside the cases in a directory: skipped, not rejected."""

MAKS_FILSTORRELSE = 32 * 1024 * 1024
"""Bytes in one case: a file, or a line of a JSON Lines file."""


class Lesbar(Protocol):
    """What ``_linjer`` reads from: a file, or a piece of one (``jsonldeler``)."""

    def read(self, n: int, /) -> bytes: ...


class InnlestSak(NamedTuple):
    """A valid case and where it came from (``linje`` is set for JSON Lines). A named tuple:
    one is made for every case read, and a tuple is made faster than a frozen dataclass."""

    sak: Sak
    fil: str
    linje: int | None = None


Innlest = InnlestSak | Avvisning


def finn_filer(stier: Iterable[Path]) -> Iterator[Path | Avvisning]:
    """Expand arguments into case files: directories recursively, in sorted path order."""
    for funnet in finn_inndata(stier):
        yield funnet if isinstance(funnet, Avvisning) else Path(funnet)


def finn_inndata(stier: Iterable[Path]) -> Iterator[str | Avvisning]:
    """``finn_filer`` with each file as its path string (as ``str(Path)`` writes it), for runs
    over many files.

    The order is that of ``sorted(Path.rglob("*"))`` (by path parts), found as the directories
    are read (``os.scandir``, entries sorted by name), so the first files come at once. Symbolic
    links to files are followed, links to directories are not, and hidden files and directories
    (``.name``) are left out, as is documentation (.md, .txt). What is neither (a FIFO, a device,
    a dangling link, a directory that cannot be read) and a path whose name holds an identity
    number are rejected with the reason, so that every entry is counted.
    """
    for sti in stier:
        if inneholder_fodselsnummer(str(sti)):
            yield Avvisning(str(sti), None, None, NAVN_MED_FNR)
        elif sti.is_dir():
            for fil in _filer_under(sti):
                if isinstance(fil, Avvisning):
                    yield fil
                    continue
                suffiks = _endelse(fil)
                if suffiks in HOPP_OVER or _er_laasefil(fil):
                    continue
                yield fil if suffiks in FILTYPER else _feil_filtype(Path(fil))
        elif sti.is_file():
            yield str(sti) if sti.suffix.lower() in FILTYPER else _feil_filtype(sti)
        elif os.path.lexists(sti):
            yield Avvisning(str(sti), None, None, _ikke_vanlig_fil(sti))
        else:
            yield Avvisning(str(sti), None, None, "finnes ikke; kontroller stien")


def _er_laasefil(sti: str) -> bool:
    """Excel's lock file beside an open workbook (``~$gjennomgang.xlsx``): not a workbook."""
    return "~$" in sti and os.path.basename(sti).startswith("~$")


NAVN_MED_FNR = (
    "navnet inneholder noe som ligner et fødselsnummer eller D-nummer; filen er ikke lest. "
    "Gi filen (eller mappen) et navn uten nummeret"
)


def _ikke_vanlig_fil(sti: str | Path) -> str:
    """Why an entry that is not a regular file or a directory is not read."""
    try:
        modus = os.stat(sti).st_mode
    except OSError:
        return "er en symbolsk lenke som ikke peker til noe som finnes; rett eller fjern lenken"
    if stat.S_ISDIR(modus):
        return "er en symbolsk lenke til en mappe; lenker til mapper følges ikke"
    if stat.S_ISFIFO(modus):
        hva = "en navngitt rørledning (FIFO)"
    elif stat.S_ISCHR(modus) or stat.S_ISBLK(modus):
        hva = "en enhetsfil"
    elif stat.S_ISSOCK(modus):
        hva = "en sokkel (socket)"
    else:
        hva = "ikke en vanlig fil"
    return f"er {hva}, ikke en vanlig fil; den er ikke lest"


def er_jsonl(sti: str) -> bool:
    """Whether a path (as ``finn_inndata`` gives it) names a JSON Lines file."""
    return _endelse(sti) == ".jsonl"


def _endelse(sti: str) -> str:
    """``Path(sti).suffix.lower()``, without building the Path."""
    # Nearly every file of a large run is .json, and the parent asks this of each of them:
    # known without taking the name apart (the name must have more than the ending).
    if sti.endswith(".json") and sti[-6:-5] not in ("", "/", os.sep):
        return ".json"
    navn = os.path.basename(sti)
    i = navn.rfind(".")
    return navn[i:].lower() if 0 < i < len(navn) - 1 else ""


def _filer_under(mappe: Path) -> Iterator[str | Avvisning]:
    """Every file below ``mappe`` that is not hidden or in a hidden directory, depth first with
    each directory's entries in name order (which is the order of the paths' parts), and a
    rejection for every entry that cannot be read as a file or a directory."""
    prefiks = str(mappe / "x")[:-1]  # "mappe/", or "" for "."
    stabel = [iter(_innhold(str(mappe), prefiks))]
    while stabel:
        for sti, art in stabel[-1]:
            if art is _MAPPE:
                stabel.append(iter(_innhold(sti, sti + "/")))
                break
            yield sti if art is _FIL else Avvisning(sti, None, None, str(art))
        else:
            stabel.pop()


_FIL = object()
_MAPPE = object()


def _innhold(mappe: str, prefiks: str) -> list[tuple[str, object]]:
    """The visible entries in ``mappe``, sorted by name: each a file, a real (not linked)
    directory, or the reason it is rejected (a str)."""
    try:
        with os.scandir(mappe) as innhold:
            oppforinger = sorted((o.name, o) for o in innhold if not o.name.startswith("."))
    except OSError as feil:
        return [(mappe, f"mappen kan ikke leses ({feil.strerror}); filene i den er ikke med")]
    ut: list[tuple[str, object]] = []
    # One search through all the names (a line break never joins two into one number) instead
    # of one per name: 0,2 s less for the parent of a run over 30 000 files.
    sok = inneholder_fodselsnummer("\n".join(navn for navn, _ in oppforinger))
    for navn, oppforing in oppforinger:
        sti = prefiks + navn
        if sok and inneholder_fodselsnummer(navn):
            ut.append((sti, NAVN_MED_FNR))
            continue
        try:
            if oppforing.is_dir(follow_symlinks=False):
                ut.append((sti, _MAPPE))
            elif oppforing.is_file():
                ut.append((sti, _FIL))
            else:
                ut.append((sti, _ikke_vanlig_fil(sti)))
        except OSError as feil:
            ut.append((sti, f"kan ikke leses ({feil.strerror})"))
    return ut


def _feil_filtype(fil: Path) -> Avvisning:
    return Avvisning(
        str(fil),
        None,
        None,
        f"ukjent filtype «{fil.suffix or '(ingen)'}»; saksuttrekk skal være "
        ".yaml, .yml, .json, .jsonl eller .xlsx",
    )


def les_saker(
    stier: Iterable[Path], *, filsummer: dict[str, str] | None = None
) -> Iterator[Innlest]:
    """Every case in ``stier``, validated, or the reasons it was rejected.

    When ``filsummer`` is given, the SHA-256 of every file read is recorded in it (for the
    report's traceability appendix), without reading any file twice.
    """
    for funnet in finn_inndata(stier):
        if isinstance(funnet, Avvisning):
            yield funnet
        else:
            yield from les_fil(funnet, filsummer=filsummer)


def les_fil(fil: Path | str, *, filsummer: dict[str, str] | None = None) -> Iterator[Innlest]:
    """The case(s) in one file (a path string as ``finn_inndata`` gives it, or a Path)."""
    navn = str(fil)
    suffiks = _endelse(navn)
    if suffiks == ".jsonl":
        yield from _les_jsonl(navn, filsummer)
        return
    if suffiks == ".xlsx":
        yield from _les_xlsx(navn, filsummer)
        return
    innhold = _les_med_grense(
        navn, MAKS_FILSTORRELSE, "for én sak; del den opp eller bruk .jsonl med én sak per linje"
    )
    if isinstance(innhold, Avvisning):
        yield innhold
        return
    if filsummer is not None:
        filsummer[navn] = hashlib.sha256(innhold).hexdigest()
    if suffiks == ".json":
        yield from _les_json(navn, innhold, linje=None)
        return
    try:
        tekst = dekod(innhold)
    except DekodingFeil as feil:
        yield Avvisning(navn, feil.linje, None, feil.melding)
        return
    yield from _fra_yaml(navn, tekst)


def _les_xlsx(navn: str, filsummer: dict[str, str] | None) -> Iterator[Innlest]:
    """The cases of a registration workbook (``revisjon.inntak.regneark``)."""
    innhold = _les_med_grense(
        navn, MAKS_REGNEARK, "for et regneark; del sakene på flere arbeidsbøker"
    )
    if isinstance(innhold, Avvisning):
        yield innhold
        return
    if filsummer is not None:
        filsummer[navn] = hashlib.sha256(innhold).hexdigest()
    for funnet in les_regneark(navn, innhold):
        yield funnet if isinstance(funnet, Avvisning) else InnlestSak(funnet, navn)


def _les_med_grense(navn: str, grense: int, rad: str) -> bytes | Avvisning:
    """The bytes of a file, or its rejection: unreadable, or over ``grense`` bytes (``rad``
    says for what, and what to do)."""
    try:
        innhold = _les_bytes(navn, grense=grense)
    except OSError as feil:
        return Avvisning(navn, None, None, f"kan ikke leses ({feil.strerror})")
    if isinstance(innhold, int):
        return Avvisning(
            navn, None, None, f"filen er på {innhold} byte, over grensen på {grense} byte {rad}"
        )
    return innhold


def _les_bytes(navn: str, grense: int = MAKS_FILSTORRELSE) -> bytes | int:
    """The bytes of a file, or only its size when that is over ``grense`` (such a file
    is not read); OSError when the file cannot be read."""
    # os.open and os.read, not open(): no file object is made, and the one fstat gives the size.
    try:
        fd = os.open(navn, os.O_RDONLY)
    except OSError:
        # A file that cannot be opened may still be over the limit, and then the limit is what
        # is named, as when the size was looked at before opening (os.stat needs no read access).
        if (storrelse := os.stat(navn).st_size) > grense:
            return storrelse
        raise
    try:
        storrelse = os.fstat(fd).st_size
        if storrelse > grense:
            return storrelse
        # read(n) allocates n bytes: ask for the size, and only a file that has grown since is
        # read on, and never past the limit.
        innhold = os.read(fd, storrelse + 1)
        if len(innhold) > storrelse:
            innhold += os.read(fd, grense + 1 - len(innhold))
    finally:
        os.close(fd)
    return len(innhold) if len(innhold) > grense else innhold


TOM_JSONL = "filen er tom; den skal ha én sak per linje"

BLOKK = 1 << 20
"""A JSON Lines file is read this many bytes at a time, so a large one is never held whole."""


def _les_jsonl(navn: str, filsummer: dict[str, str] | None) -> Iterator[Innlest]:
    for linje in jsonl_linjer(navn, filsummer):
        if isinstance(linje, Avvisning):
            yield linje
        else:
            yield from les_jsonl_linje(navn, *linje)


def les_jsonl_linje(navn: str, nr: int, radlinje: bytes) -> Iterator[Innlest]:
    """The case on line ``nr`` of a JSON Lines file, or why it was rejected."""
    return _les_json(navn, radlinje, linje=nr)


def _les_json(navn: str, innhold: bytes, linje: int | None) -> Iterator[Innlest]:
    """The case in the bytes of a .json file (``linje`` None) or of a line of a JSON Lines
    file: read the fast way when it can be, else the exact way, which names what is wrong."""
    raa = innhold.removeprefix(BOM)
    fnr_mulig = json_kan_ha_fodselsnummer(raa)
    if not fnr_mulig and (sak := _rask_sak(raa)) is not None:
        yield InnlestSak(sak, navn, linje)
        return
    try:
        tekst = dekod(innhold)
    except DekodingFeil as feil:
        if linje is None:
            yield Avvisning(navn, feil.linje, None, feil.melding)
        else:
            yield Avvisning(navn, linje, None, feil.melding, inndata=f"{navn}:{linje}")
        return
    yield from _fra_json(navn, tekst, linje=linje, fnr_mulig=fnr_mulig)


def jsonl_linjer(
    navn: str, filsummer: dict[str, str] | None
) -> Iterator[tuple[int, bytes] | Avvisning]:
    """The lines of a JSON Lines file that may hold a case, as (line number, bytes) with line
    break and byte-order mark removed, and the rejections of the file and of over-long lines,
    in file order; blank lines are passed over. The file is read block by block, and its
    SHA-256 is put in ``filsummer`` once it has been read to the end."""
    sjekksum = hashlib.sha256()
    try:
        with open(navn, "rb") as kilde:
            forste = kilde.read(BLOKK)
            sjekksum.update(forste)
            try:
                # Split into lines, UTF-16 would give one NUL-byte error per line. The test
                # looks at the start of the file (the first 512 bytes and any BOM).
                sjekk_utf16(forste)
            except DekodingFeil as feil:
                while blokk := kilde.read(BLOKK):
                    sjekksum.update(blokk)
                yield Avvisning(navn, feil.linje, None, feil.melding)
                return
            tomt = True
            for element in _linjene(navn, _linjer(forste, kilde, sjekksum), 1):
                tomt = False
                yield element
    except OSError as feil:
        yield Avvisning(navn, None, None, f"kan ikke leses ({feil.strerror})")
        return
    if filsummer is not None:
        filsummer[navn] = sjekksum.hexdigest()
    if tomt:
        yield Avvisning(navn, None, None, TOM_JSONL)


def _linjene(
    navn: str, radlinjer: Iterable[bytes | int], forste_nr: int
) -> Iterator[tuple[int, bytes] | Avvisning]:
    """The lines (from ``_linjer``, the first on line ``forste_nr``) that may hold a case, as
    (line number, bytes) with the byte-order mark of line 1 removed, and the rejections of
    over-long lines; blank lines are passed over."""
    for nr, radlinje in enumerate(radlinjer, start=forste_nr):
        if isinstance(radlinje, int):
            yield Avvisning(
                navn,
                nr,
                None,
                f"linjen er på {radlinje} byte, over grensen på {MAKS_FILSTORRELSE} byte "
                "for én sak",
                inndata=f"{navn}:{nr}",
            )
            continue
        if nr == 1 and radlinje.startswith(BOM):
            radlinje = radlinje[len(BOM) :]
        if radlinje.strip():
            yield nr, radlinje


def _linjer(forste: bytes, kilde: Lesbar, sjekksum: Any) -> Iterator[bytes | int]:
    """The lines of a file, split as ``bytes.splitlines()`` splits them (``\\n``, ``\\r\\n``,
    ``\\r``), read block by block; a line over MAKS_FILSTORRELSE is given as its length in
    bytes instead, and is not kept in memory. ``forste`` is the first block, already read."""
    rest = b""  # the start of a line whose end has not been read yet
    overlang = 0  # > 0: bytes so far of an over-long line that is being passed over
    hopp_lf = False  # an over-long line ended in \r: a \n that follows belongs to it
    blokk = forste
    while blokk:
        data = rest + blokk if rest else blokk
        if hopp_lf and data.startswith(b"\n"):
            data = data[1:]
        hopp_lf = False
        biter = data.splitlines(keepends=True)
        # The last piece may go on in the next block (one ending in \r may be half a \r\n).
        rest = b"" if not biter or biter[-1].endswith(b"\n") else biter.pop()
        for bit in biter:
            linje = _uten_linjeskift(bit)
            if overlang or len(linje) > MAKS_FILSTORRELSE:
                yield overlang + len(linje)
                overlang = 0
            else:
                yield linje
        if len(rest) - rest.endswith(b"\r") > MAKS_FILSTORRELSE:
            if rest.endswith(b"\r"):
                yield overlang + len(rest) - 1
                overlang, hopp_lf = 0, True
            else:
                overlang += len(rest)
            rest = b""
        blokk = kilde.read(BLOKK)
        sjekksum.update(blokk)
    linje = _uten_linjeskift(rest)
    if overlang or len(linje) > MAKS_FILSTORRELSE:
        yield overlang + len(linje)
    elif rest:
        yield linje


def _uten_linjeskift(linje: bytes) -> bytes:
    if linje.endswith(b"\r\n"):
        return linje[:-2]
    return linje[:-1] if linje.endswith((b"\n", b"\r")) else linje


def _rask_sak(raa: bytes) -> Sak | None:
    """A valid JSON case read the fast way (``rask.rask_sak``), or None: then the exact path
    reads it and names what is wrong, if anything is. Only for bytes that certainly hold no
    identity number (``json_kan_ha_fodselsnummer``)."""
    sak = rask_sak(raa)
    return None if sak is None or barnefeil(sak) else sak


class _DuplisertNokkel(ValueError):
    pass


def _ingen_dubletter(par: list[tuple[str, Any]]) -> dict[str, Any]:
    ut = dict(par)
    if len(ut) == len(par):
        return ut
    sett: set[str] = set()
    for nokkel, _ in par:
        if nokkel in sett:
            raise _DuplisertNokkel(
                f"{vis_nokkel(nokkel)} står to ganger i samme objekt; fjern den ene"
            )
        sett.add(nokkel)
    raise AssertionError("unreachable")  # pragma: no cover


_JSON = json.JSONDecoder(object_pairs_hook=_ingen_dubletter)
"""One decoder for every case (``json.loads`` with a hook builds a new one per call)."""


def _fra_json(navn: str, tekst: str, linje: int | None, fnr_mulig: bool) -> Iterator[Innlest]:
    inndata = f"{navn}:{linje}" if linje else navn
    if not tekst.strip():
        yield Avvisning(navn, linje, None, "filen er tom; den skal inneholde én sak")
        return
    try:
        data = _JSON.decode(tekst)
    except json.JSONDecodeError as feil:
        yield Avvisning(
            navn,
            linje or feil.lineno,
            None,
            f"ugyldig JSON ved kolonne {feil.colno}; kontroller komma, klammer og anførselstegn",
            inndata=inndata,
        )
        return
    except _DuplisertNokkel as feil:
        yield Avvisning(navn, linje, None, str(feil), inndata=inndata)
        return
    except ValueError:  # an integer with more digits than Python will convert
        yield Avvisning(
            navn, linje, None, "et tall i JSON-en har for mange siffer", inndata=inndata
        )
        return
    except RecursionError:
        yield Avvisning(navn, linje, None, _FOR_DYPT, inndata=inndata)
        return
    yield from _valider(
        navn,
        data,
        linje_av=lambda _sti: linje,
        jsonl_linje=linje,
        fnr_mulig=fnr_mulig,
    )


_FOR_DYPT = (
    f"JSON-en er nøstet for dypt; grensen er {MAKS_NOSTING} nivåer med objekter og lister "
    "inni hverandre"
)


def _dybde(data: Any) -> int:
    """How many objects and lists deep ``data`` is (walked without recursion; stops past the
    limit)."""
    dypest = 0
    stabel: list[tuple[Any, int]] = [(data, 1)]
    while stabel:
        verdi, dybde = stabel.pop()
        if isinstance(verdi, dict | list):
            dypest = max(dypest, dybde)
            if dypest > MAKS_NOSTING:
                break
            barn = verdi.values() if isinstance(verdi, dict) else verdi
            stabel.extend((b, dybde + 1) for b in barn if isinstance(b, dict | list))
    return dypest


def _fra_yaml(navn: str, tekst: str) -> Iterator[Innlest]:
    try:
        dokument: YamlDokument = les_yaml(tekst)
    except FodselsnummerFeil as feil:
        yield from _fnr_i_yaml(navn, tekst, feil.linjer)
        return
    except YamlFeil as feil:
        yield Avvisning(navn, feil.linje, None, feil.melding)
        return
    yield from _valider(navn, dokument.data, linje_av=dokument.linje, jsonl_linje=None)


def _fnr_i_yaml(navn: str, tekst: str, linjer: list[int]) -> Iterator[Avvisning]:
    """The rejections of a YAML case with an identity number: the fields that hold one when the
    text can be read, else (a comment, a tag, a number YAML reads otherwise) only the lines."""
    try:
        dokument = les_yaml(tekst, vakt=False)
    except YamlFeil:
        dokument = None
    steder = list(dict.fromkeys(fodselsnummer_steder(dokument.data))) if dokument else []
    if dokument is None or not steder:
        for linje in linjer:
            yield Avvisning(navn, linje, None, FNR_AVVIST)
        return
    for sti in steder:
        yield Avvisning(navn, dokument.linje(sti), felt_sti(sti) or "(toppnivå)", FNR_AVVIST)


FNR_AVVIST = FODSELSNUMMER


def _valider(
    navn: str,
    data: Any,
    *,
    linje_av: Any,
    jsonl_linje: int | None,
    fnr_mulig: bool = True,
) -> Iterator[Innlest]:
    inndata = f"{navn}:{jsonl_linje}" if jsonl_linje else navn

    def avvis(sti: tuple[str | int, ...], felt: str | None, melding: str) -> Avvisning:
        return Avvisning(navn, linje_av(sti), felt, melding, inndata=inndata)

    if not isinstance(data, dict):
        hva = "en liste" if isinstance(data, list) else "en enkeltverdi"
        yield avvis((), None, f"toppnivået er {hva}; en sak skal være en mapping (nøkkel: verdi)")
        return
    # The cheap tests first: the raw JSON bytes, then all the text at once; the walk that names
    # the fields only when one of them has found something.
    if (
        fnr_mulig
        and har_fodselsnummer(data)
        and (fnr_steder := list(dict.fromkeys(fodselsnummer_steder(data))))
    ):
        for sti in fnr_steder:
            yield avvis(sti, felt_sti(sti) or "(toppnivå)", FNR_AVVIST)
        return
    try:
        sak = Sak.model_validate(data)
    except ValidationError as feil:
        # A valid case is a handful of levels deep, so only a rejected one is measured: past
        # the limit, the limit is what the message names (YAML is measured as it is read).
        if _dybde(data) > MAKS_NOSTING:
            yield avvis((), None, _FOR_DYPT)
            return
        problemer = oversett(feil, Sak, maks=MAKS_FEIL_PER_SAK)
        for loc, melding in problemer:
            yield avvis(loc, felt_sti(loc) or None, melding)
        if flere := og_flere(len(problemer), feil.error_count()):
            yield avvis((), None, flere)
        return
    problemer_barn = barnefeil(sak)
    for felt, melding in problemer_barn:
        yield avvis(sti_fra_felt(felt), felt, melding)
    if not problemer_barn:
        yield InnlestSak(sak, navn, jsonl_linje)


def valider_sak(navn: str, data: Any) -> InnlestSak | list[Avvisning]:
    """A case given as data (a criteria test's inline case): validated exactly like a file."""
    funnet = list(_valider(navn, data, linje_av=lambda _sti: None, jsonl_linje=None))
    saker = [f for f in funnet if isinstance(f, InnlestSak)]
    return saker[0] if saker else [f for f in funnet if isinstance(f, Avvisning)]
