"""Reading cases from a registration workbook (.xlsx, the layout of ``regnearkoppsett``).

Each case is assembled from its row on «Saker» and its rows on the other sheets (linked by
Sak-id) into the same data a YAML case file gives, and validated by the same model
(``revisjon.sak.Sak``). A problem names the sheet, the cell and the field
(``gjennomgang.xlsx:Barn!C7: alder: …``) and rejects only the case the row belongs to. A problem
with the file itself (an unknown sheet or column, a fødselsnummer in a sheet name or the file's
properties) rejects every case in it: what it holds cannot be read with certainty.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from revisjon.feil import Avvisning
from revisjon.felttre import forslag
from revisjon.inntak.fodselsnummer import fodselsnummer_steder, har_fodselsnummer
from revisjon.inntak.meldinger import FODSELSNUMMER, MAKS_FEIL_PER_SAK, oversett, sti_fra_felt
from revisjon.inntak.regnearkceller import Cellefeil, celleverdi, kolonnenavn
from revisjon.inntak.regnearkoppsett import (
    SAK_ID,
    SAKSARK,
    VEILEDNING,
    Ark,
    Art,
    Kolonne,
    ark_etter_navn,
    konstanter,
)
from revisjon.sak import Sak, barnefeil

MAKS_REGNEARK = 256 * 1024 * 1024
"""Bytes in one workbook (it holds many cases, compressed)."""


@dataclass
class _Sak:
    """A case being assembled: its data as a case file would hold it, where each field came
    from (field path → cell), and the problems found in its cells."""

    rad: int
    data: dict[str, Any]
    rader: dict[tuple[str | int, ...], tuple[Ark, int, dict[str, str]]] = field(
        default_factory=dict
    )
    """Field path of each record → (its sheet, its row, the column letter of each heading)."""
    feil: list[tuple[str, str | None, str]] = field(default_factory=list)
    """(cell, field, message) for problems found before validation."""
    fnr: bool = False
    uleselig: set[tuple[str | int, ...]] = field(default_factory=set)
    """Field paths whose cell could not be read: the model's «mangler» there says nothing."""

    def avvisninger(self, navn: str) -> list[Avvisning]:
        inndata = f"{navn}:{SAKSARK}!A{self.rad}"
        return [Avvisning(navn, None, f, m, inndata=inndata, celle=c) for c, f, m in self.feil]


class Regnearkfeil(Exception):
    """The file cannot be read as a registration workbook; every case in it is rejected."""

    def __init__(self, problemer: list[tuple[str | None, str]]) -> None:
        self.problemer = problemer
        super().__init__(problemer)


def les_regneark(navn: str, innhold: bytes) -> Iterator[Sak | Avvisning]:
    """The cases in a workbook's bytes, validated, or the reasons each was rejected."""
    try:
        yield from _les(navn, innhold)
    except Regnearkfeil as feil:
        for celle, melding in feil.problemer:
            yield Avvisning(navn, None, None, melding, celle=celle)


def _apne(innhold: bytes) -> Any:
    import openpyxl  # here, not at the top: only a run that reads a workbook pays for it

    try:
        return openpyxl.load_workbook(
            io.BytesIO(innhold), read_only=True, data_only=False, keep_links=False
        )
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as feil:
        raise Regnearkfeil(
            [
                (
                    None,
                    "kan ikke leses som en Excel-arbeidsbok (.xlsx)"
                    f" ({type(feil).__name__}); lagre den på nytt som .xlsx fra Excel",
                )
            ]
        ) from None


def _les(navn: str, innhold: bytes) -> Iterator[Sak | Avvisning]:
    bok = _apne(innhold)
    try:
        _sjekk_metadata(bok)
        oppsett = ark_etter_navn()
        _sjekk_arknavn(bok.sheetnames, oppsett)
        if VEILEDNING in bok.sheetnames:
            _sjekk_fritt_ark(bok[VEILEDNING], VEILEDNING)
        saker: dict[str, _Sak] = {}
        dubletter: dict[str, list[int]] = {}
        foreldrelose: list[Avvisning] = []
        for arknavn in [SAKSARK, *(n for n in bok.sheetnames if n not in (SAKSARK, VEILEDNING))]:
            ark = oppsett[arknavn]
            for rad, sak_id, verdier, flettet, bokstaver in _rader(bok[arknavn], ark, navn):
                if ark.liste == ():
                    _ny_sak(saker, dubletter, rad, sak_id, verdier, flettet, ark, bokstaver)
                elif sak_id in saker:
                    _legg_til_rad(saker[sak_id], rad, verdier, flettet, ark, bokstaver)
                elif sak_id not in dubletter:
                    foreldrelose.append(_foreldrelos(navn, ark, rad, sak_id, verdier))
    finally:
        bok.close()
    if not saker and not dubletter and not foreldrelose:
        yield Avvisning(navn, None, None, "regnearket har ingen saker på arket «Saker»")
    for sak_id, sak in saker.items():
        if sak_id in dubletter:
            rader = dubletter[sak_id]
            for rad in rader:
                andre = ", ".join(str(r) for r in rader if r != rad)
                yield Avvisning(
                    navn,
                    None,
                    "sak_id",
                    f"samme sak_id står også på rad {andre} på arket Saker; ingen av "
                    "sakene er vurdert. Gi hver sak en unik sak_id",
                    inndata=f"{navn}:{SAKSARK}!A{rad}",
                    celle=f"{SAKSARK}!A{rad}",
                )
            continue
        yield from _ferdig(navn, sak)
    yield from foreldrelose


def _sjekk_metadata(bok: Any) -> None:
    """The file's document properties (title, author, keywords, …) and custom properties."""
    egenskaper = bok.properties
    verdier: dict[str, Any] = {
        navn: getattr(egenskaper, navn, None)
        for navn in (
            "title",
            "subject",
            "creator",
            "keywords",
            "description",
            "lastModifiedBy",
            "category",
            "contentStatus",
            "identifier",
            "language",
            "revision",
            "version",
        )
    }
    for egen in getattr(bok, "custom_doc_props", None) or ():
        verdier[f"egendefinert «{egen.name}»"] = (egen.name, getattr(egen, "value", None))
    treff = [n for n, v in verdier.items() if v is not None and har_fodselsnummer([v])]
    if treff:
        raise Regnearkfeil(
            [
                (
                    None,
                    f"filens egenskaper ({', '.join(treff)}) inneholder noe som ligner et "
                    "fødselsnummer eller D-nummer; ingen saker er lest. Fjern det under "
                    "Fil > Info > Egenskaper",
                )
            ]
        )


def _sjekk_arknavn(arknavn: Sequence[str], oppsett: dict[str, Ark]) -> None:
    problemer: list[tuple[str | None, str]] = []
    for navn in arknavn:
        if har_fodselsnummer([navn]):
            problemer.append(
                (
                    None,
                    "navnet på et ark inneholder noe som ligner et fødselsnummer eller "
                    "D-nummer; ingen saker er lest. Gi arket et annet navn",
                )
            )
        elif navn not in oppsett and navn != VEILEDNING:
            tips = forslag(navn, [*oppsett, VEILEDNING])
            hint = f"mente du «{tips}»?" if tips else f"kjente ark: {', '.join(oppsett)}"
            problemer.append(
                (navn, f"arket «{navn}» er ukjent; {hint} Ingen saker i filen er lest")
            )
    if SAKSARK not in arknavn and not problemer:
        problemer.append((None, "arket «Saker» mangler; det skal ha én rad per sak"))
    if problemer:
        raise Regnearkfeil(problemer)


def _sjekk_fritt_ark(ark: Any, navn: str) -> None:
    """A sheet that is not read as data («Veiledning») may still hold an identity number."""
    for r, rad in enumerate(ark.iter_rows(values_only=True), start=1):
        if har_fodselsnummer([v for v in rad if v is not None]):
            raise Regnearkfeil(
                [
                    (
                        f"{navn}!{r}:{r}",
                        "inneholder noe som ligner et fødselsnummer eller D-nummer; ingen "
                        "saker er lest. Fjern nummeret",
                    )
                ]
            )


def _flettede(ark: Any) -> list[tuple[int, int, int, int, str]]:
    """The merged ranges of a sheet, as (first row, last row, first column, last column,
    range), read from the sheet's XML: openpyxl's read-only sheets do not give them."""
    from openpyxl.utils.cell import range_boundaries

    arkiv = ark.parent._archive
    xml: bytes = arkiv.read(ark._worksheet_path)
    if b"mergeCell" not in xml:
        return []
    ut: list[tuple[int, int, int, int, str]] = []
    for treff in re.finditer(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"', xml):
        omrade = treff.group(1).decode("ascii")
        k1, r1, k2, r2 = range_boundaries(omrade)
        if r1 is not None and r2 is not None and k1 is not None and k2 is not None:
            ut.append((r1, r2, k1, k2, omrade))
    return ut


def _rader(
    ark: Any, oppsett: Ark, navn: str
) -> Iterator[tuple[int, str | None, list[tuple[Kolonne, Any, str]], list[str], dict[str, str]]]:
    """Each data row of a sheet: its number, its Sak-id (as text), its filled cells as
    (column, cell, place), its merged ranges, and the column letter of each heading."""
    flettede = _flettede(ark)
    rader = ark.iter_rows()
    overskrifter = next(rader, ())
    kolonner = _kolonner(overskrifter, oppsett, flettede)
    if SAK_ID not in {k.overskrift for k in kolonner.values()}:
        raise Regnearkfeil(
            [(f"{oppsett.navn}!1:1", f"arket «{oppsett.navn}» mangler kolonnen «{SAK_ID}»")]
        )
    sak_id_hjelp = oppsett.etter_overskrift[SAK_ID].hjelpetekst
    bokstaver = {k.overskrift: kolonnenavn(i) for i, k in kolonner.items()}
    for r, rad in enumerate(rader, start=2):
        celler = [(i, c) for i, c in enumerate(rad) if c.value is not None and c.value != ""]
        if not celler:
            continue
        if r == 2 and any(c.value == sak_id_hjelp for _, c in celler):
            continue  # the help row under the headings
        verdier: list[tuple[Kolonne, Any, str]] = []
        sak_id: str | None = None
        uten_overskrift: list[str] = []
        for i, celle in celler:
            sted = f"{oppsett.navn}!{kolonnenavn(i)}{r}"
            kolonne = kolonner.get(i)
            if kolonne is None:
                uten_overskrift.append(sted)
                continue
            verdier.append((kolonne, celle, sted))
            if kolonne.overskrift == SAK_ID:
                sak_id = str(celle.value) if not isinstance(celle.value, str) else celle.value
        flettet = [f"{oppsett.navn}!{o}" for r1, r2, _, _, o in flettede if r1 <= r <= r2]
        yield r, sak_id, verdier, [*flettet, *(f"uten:{s}" for s in uten_overskrift)], bokstaver


def _kolonner(
    overskrifter: Sequence[Any], oppsett: Ark, flettede: list[tuple[int, int, int, int, str]]
) -> dict[int, Kolonne]:
    """The columns of a sheet by position, from its heading row."""
    problemer: list[tuple[str | None, str]] = []
    ut: dict[int, Kolonne] = {}
    sett: dict[str, str] = {}
    for r1, _, _, _, omrade in flettede:
        if r1 == 1:
            problemer.append(
                (f"{oppsett.navn}!{omrade}", "overskriftene er flettet; opphev flettingen")
            )
    for i, celle in enumerate(overskrifter):
        verdi = celle.value
        if verdi is None or verdi == "":
            continue
        sted = f"{oppsett.navn}!{kolonnenavn(i)}1"
        if not isinstance(verdi, str) or har_fodselsnummer([verdi]):
            problemer.append((sted, "overskriften skal være navnet på en kolonne (tekst)"))
            continue
        overskrift = verdi.strip()
        kolonne = oppsett.etter_overskrift.get(overskrift)
        if kolonne is None:
            tips = forslag(overskrift, oppsett.etter_overskrift)
            hint = (
                f"mente du «{tips}»?"
                if tips
                else f"kjente kolonner: {', '.join(oppsett.etter_overskrift)}"
            )
            vist = f"«{overskrift}»" if len(overskrift) <= 60 else "her"
            problemer.append(
                (sted, f"kolonnen {vist} er ukjent; {hint} Ingen saker i filen er lest")
            )
        elif overskrift in sett:
            problemer.append(
                (sted, f"kolonnen «{overskrift}» står også i {sett[overskrift]}; fjern den ene")
            )
        else:
            sett[overskrift] = sted
            ut[i] = kolonne
    if problemer:
        raise Regnearkfeil(problemer)
    return ut


def _ny_sak(
    saker: dict[str, _Sak],
    dubletter: dict[str, list[int]],
    rad: int,
    sak_id: str | None,
    verdier: list[tuple[Kolonne, Any, str]],
    flettet: list[str],
    ark: Ark,
    bokstaver: dict[str, str],
) -> None:
    nokkel = sak_id if sak_id is not None else f"(uten sak_id, rad {rad})"
    if nokkel in saker:
        dubletter.setdefault(nokkel, [saker[nokkel].rad]).append(rad)
        return
    sak = _Sak(rad, {**konstanter(), "soknad": {}, "husstand": {"barn": []}})
    if sak_id is None:
        sak.feil.append((f"{SAKSARK}!A{rad}", "sak_id", "mangler; hver sak skal ha en sak_id"))
    saker[nokkel] = sak
    _fyll(sak, (), rad, verdier, flettet, ark, bokstaver)


def _legg_til_rad(
    sak: _Sak,
    rad: int,
    verdier: list[tuple[Kolonne, Any, str]],
    flettet: list[str],
    ark: Ark,
    bokstaver: dict[str, str],
) -> None:
    liste = _liste(sak.data, ark.liste)
    sti: tuple[str | int, ...] = (*ark.liste, len(liste))
    liste.append({})
    _fyll(sak, sti, rad, verdier, flettet, ark, bokstaver)


def _liste(data: dict[str, Any], sti: tuple[str, ...]) -> list[Any]:
    """The list at ``sti`` in a case's data, made (with the records above it) when missing."""
    gjeldende = data
    for ledd in sti[:-1]:
        gjeldende = gjeldende.setdefault(ledd, {})
    liste: list[Any] = gjeldende.setdefault(sti[-1], [])
    return liste


def _fyll(
    sak: _Sak,
    rot: tuple[str | int, ...],
    rad: int,
    verdier: list[tuple[Kolonne, Any, str]],
    flettet: list[str],
    ark: Ark,
    bokstaver: dict[str, str],
) -> None:
    """Put a row's cells into the case's data below ``rot`` (the row's record)."""
    post: Any = sak.data
    for ledd in rot:  # a key of a record, or a place in a list
        post = post[ledd]
    sak.rader[rot] = (ark, rad, bokstaver)
    for sti in ark.kodeflagg:
        _under(post, sti[:-1]).setdefault(sti[-1], [])
    for omrade in flettet:
        if omrade.startswith("uten:"):
            sak.feil.append(
                (omrade[5:], None, "cellen står i en kolonne uten overskrift; flytt verdien")
            )
        else:
            sak.feil.append(
                (
                    omrade,
                    None,
                    "cellene er flettet; opphev flettingen og skriv verdien i hver celle",
                )
            )
    if har_fodselsnummer([c.value for _, c, _ in verdier]):
        steder = {s[0] for s in fodselsnummer_steder([c.value for _, c, _ in verdier])}
        for i in sorted(int(s) for s in steder):
            kolonne, _, sted = verdier[i]
            sak.feil.append((sted, kolonne.felt, FODSELSNUMMER))
        sak.fnr = True
        return
    for kolonne, celle, sted in verdier:
        if kolonne.overskrift == SAK_ID and rot != ():
            continue  # the link, not a field of the row's record
        loc = (*rot, *kolonne.sti)
        try:
            verdi = celleverdi(kolonne, celle)
        except Cellefeil as feil:
            sak.feil.append((sted, kolonne.felt, feil.melding))
            sak.uleselig.add(loc)
            continue
        if kolonne.art is Art.kodeflagg:
            if verdi:
                _under(post, kolonne.sti[:-1])[kolonne.sti[-1]].append(kolonne.kode)
            continue
        _under(post, kolonne.sti[:-1])[kolonne.sti[-1]] = verdi


def _under(post: dict[str, Any], sti: tuple[str, ...]) -> dict[str, Any]:
    for ledd in sti:
        post = post.setdefault(ledd, {})
    return post


def _foreldrelos(
    navn: str, ark: Ark, rad: int, sak_id: str | None, verdier: list[tuple[Kolonne, Any, str]]
) -> Avvisning:
    sted = f"{ark.navn}!A{rad}"
    if sak_id is None:
        melding = "raden har ingen sak_id; skriv sak_id-en til saken raden hører til"
    elif har_fodselsnummer([sak_id]):
        melding = FODSELSNUMMER
    else:
        # the id itself is not repeated (messages never echo a sak_id, see README)
        melding = (
            "saken med sak_id-en på denne raden står ikke på arket Saker; legg saken til der "
            "eller rett sak_id-en"
        )
    return Avvisning(navn, None, "sak_id", melding, inndata=f"{navn}:{sted}", celle=sted)


def _ferdig(navn: str, sak: _Sak) -> Iterator[Sak | Avvisning]:
    """The assembled case validated, or the reasons it is rejected."""
    if sak.fnr:
        yield from (a for a in sak.avvisninger(navn) if a.melding == FODSELSNUMMER)
        return
    try:
        modell = Sak.model_validate(sak.data)
    except ValidationError as feil:
        for loc, melding in oversett(feil, Sak):
            if not any(loc[: len(u)] == u for u in sak.uleselig):
                sak.feil.append(_plassert(sak, loc, melding))
        modell = None
    if modell is not None and not sak.feil:
        problemer = barnefeil(modell)
        sak.feil += [_plassert(sak, sti_fra_felt(felt), melding) for felt, melding in problemer]
        if not problemer:
            yield modell
            return
    avvisninger = sak.avvisninger(navn)
    yield from avvisninger[:MAKS_FEIL_PER_SAK]
    if len(avvisninger) > MAKS_FEIL_PER_SAK:
        a = avvisninger[0]
        yield Avvisning(
            navn,
            None,
            None,
            f"… og {len(avvisninger) - MAKS_FEIL_PER_SAK} feil til",
            inndata=a.inndata,
            celle=f"{SAKSARK}!A{sak.rad}",
        )


def _plassert(sak: _Sak, loc: tuple[str | int, ...], melding: str) -> tuple[str, str | None, str]:
    """(cell, field, message) for a problem at a field path: the cell of the field's column on
    the row of the nearest record, or that row's first cell."""
    for n in range(len(loc), -1, -1):
        if (rad := sak.rader.get(loc[:n])) is None:
            continue
        ark, nr, bokstaver = rad
        navn = tuple(str(d) for d in loc[n:] if isinstance(d, str))
        for m in range(len(navn), 0, -1):
            kolonne = ark.etter_sti.get(navn[:m])
            if kolonne is not None and kolonne.overskrift in bokstaver:
                celle = f"{ark.navn}!{bokstaver[kolonne.overskrift]}{nr}"
                return celle, ".".join(navn), _janei(melding)
        return f"{ark.navn}!A{nr}", ".".join(navn) or None, _janei(melding)
    return f"{SAKSARK}!A{sak.rad}", None, melding  # pragma: no cover - () is always there


def _janei(melding: str) -> str:
    """A yes/no cell is «ja» or «nei» in the workbook, not true or false as in YAML."""
    return "skal være «ja» eller «nei»" if melding == "skal være true eller false" else melding
