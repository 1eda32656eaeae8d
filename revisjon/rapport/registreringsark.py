"""Writing the registration workbook: empty (``revisjon regneark mal``) or with cases in it.

The layout is ``revisjon.inntak.regnearkoppsett`` (generated from the case model), the same the
reader uses, so a workbook written here reads back as the cases it was written from. What a
workbook cannot hold exactly is refused with a message rather than changed: an empty text, a
list item with the list separator in it or space around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from revisjon.feil import Avvisning
from revisjon.inntak.regnearkoppsett import (
    JA,
    LISTESKILLE,
    NEI,
    VEILEDNING,
    Ark,
    Art,
    Kolonne,
    oppsett,
)
from revisjon.rapport.registreringsveiledning import skriv_veiledning
from revisjon.rapport.xlsxskriving import (
    Skrivefeil,
    datovalidering,
    lagre,
    sett_egenskaper,
    sett_tekst,
)
from revisjon.sak import Sak

TOMME_RADER = 5_000
"""Rows below the last written one that still get the drop-down lists and formats."""
DATOFORMAT = "dd.mm.yyyy"


def skriv_registreringsark(ut: Path, saker: Iterable[Sak] = ()) -> int:
    """Write the workbook with ``saker`` (none: an empty template) to ``ut``; the number of
    cases written. Raise Skrivefeil (nothing written) for a value a workbook cannot hold."""
    from openpyxl import Workbook

    bok = Workbook()
    veiledning: Any = bok.active
    veiledning.title = VEILEDNING
    skriv_veiledning(veiledning)
    alle = oppsett()
    ark = {a.navn: bok.create_sheet(a.navn) for a in alle}
    neste = dict.fromkeys(ark, 3)  # row 1 headings, row 2 help
    antall = 0
    for sak in saker:
        antall += 1
        for arkoppsett in alle:
            for post in _poster(sak, arkoppsett.liste):
                rad = neste[arkoppsett.navn]
                neste[arkoppsett.navn] += 1
                _skriv_rad(ark[arkoppsett.navn], rad, arkoppsett, sak.sak_id, post)
    for arkoppsett in alle:
        _hode(ark[arkoppsett.navn], arkoppsett, neste[arkoppsett.navn])
    sett_egenskaper(
        bok,
        tittel="Registrering av saker for revisjon",
        emne="Saksuttrekk, format 1",
        beskrivelse="Arbeidsbok for å registrere gjennomgåtte saker; les inn med revisjon vurder.",
    )
    lagre(bok, ut)
    return antall


def _poster(sak: Any, liste: tuple[str, ...]) -> list[Any]:
    """The records of a sheet in one case: the case itself, or the items of a list in it."""
    if not liste:
        return [sak]
    verdi = sak
    for ledd in liste:
        verdi = getattr(verdi, ledd, None)
        if verdi is None:
            return []
    return list(verdi)


def _felt(post: Any, sti: tuple[str, ...]) -> Any:
    for ledd in sti:
        post = getattr(post, ledd, None)
        if post is None:
            return None
    return post


def _skriv_rad(ark: Any, rad: int, oppsett_: Ark, sak_id: str, post: Any) -> None:
    for i, kolonne in enumerate(oppsett_.kolonner, start=1):
        hvor = f"sak «{sak_id}», {oppsett_.navn}, {kolonne.overskrift}"
        verdi = sak_id if i == 1 else _celleverdi(kolonne, _felt(post, kolonne.sti), hvor)
        if verdi is None:
            continue
        celle = ark.cell(row=rad, column=i)
        if isinstance(verdi, str):
            sett_tekst(celle, verdi, hvor=hvor)
        else:
            celle.value = verdi
        if kolonne.art is Art.dato:
            celle.number_format = DATOFORMAT
        elif kolonne.art is Art.tekst or kolonne.art is Art.liste:
            celle.number_format = "@"


def _celleverdi(kolonne: Kolonne, verdi: Any, hvor: str) -> Any:
    """A field's value as its cell holds it (None: the cell is left empty)."""
    if verdi is None:
        return None
    art = kolonne.art
    if art is Art.janei:
        return JA if verdi else NEI
    if art is Art.kodeflagg:
        return JA if kolonne.kode in verdi else None
    if art is Art.liste:
        for del_ in verdi:
            if not del_ or del_ != del_.strip() or LISTESKILLE in del_:
                raise Skrivefeil(
                    f"{hvor}: et element i listen er tomt, har mellomrom først eller sist, eller "
                    f"inneholder «{LISTESKILLE}», og kan ikke skrives i én celle; rett saken"
                )
        return f"{LISTESKILLE} ".join(verdi) or None
    if isinstance(verdi, str) and not verdi:
        raise Skrivefeil(f"{hvor}: tom tekst kan ikke skilles fra en tom celle; fjern feltet")
    return verdi


def _hode(ark: Any, oppsett_: Ark, siste: int) -> None:
    """Headings and help, frozen; drop-down lists, formats and widths for the columns."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils.cell import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    fet = Font(bold=True)
    kursiv = Font(italic=True, color="555555")
    paakrevd = PatternFill("solid", fgColor="FFF2CC")
    ombrutt = Alignment(wrap_text=True, vertical="top")
    slutt = siste + TOMME_RADER
    for i, kolonne in enumerate(oppsett_.kolonner, start=1):
        bokstav = get_column_letter(i)
        hode = ark.cell(row=1, column=i)
        sett_tekst(hode, kolonne.overskrift, hvor=oppsett_.navn)
        hode.font = fet
        if kolonne.paakrevd:
            hode.fill = paakrevd
        hjelp = ark.cell(row=2, column=i)
        sett_tekst(hjelp, kolonne.hjelpetekst, hvor=oppsett_.navn)
        hjelp.font = kursiv
        hjelp.alignment = ombrutt
        ark.column_dimensions[bokstav].width = 60 if kolonne.fritekst else 18
        omrade = f"{bokstav}3:{bokstav}{slutt}"
        if verdier := kolonne.nedtrekk():
            validering = DataValidation(
                type="list",
                formula1='"' + ",".join(verdier) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Ugyldig verdi",
                error=f"Velg en av verdiene i listen: {', '.join(verdier)}.",
                promptTitle=kolonne.overskrift[:32],
                prompt=kolonne.hjelp[:255],
                showInputMessage=True,
            )
        elif kolonne.art is Art.dato:
            validering = datovalidering(eksempel="18.03.2024")
        else:
            continue
        validering.add(omrade)
        ark.add_data_validation(validering)
    ark.freeze_panes = "B3"
    ark.row_dimensions[2].height = 60


def skriv_saker(ut: Path, stier: Sequence[Path]) -> tuple[int, list[Avvisning]]:
    """Read the cases below ``stier`` and write them to the workbook ``ut``: the number written
    and the inputs rejected (not written). Cases that share a sak_id are all left out, as
    ``revisjon vurder`` would reject them."""
    from revisjon.inntak.lesing import InnlestSak, les_saker

    avviste: list[Avvisning] = []
    saker: dict[str, list[InnlestSak]] = {}
    for funnet in les_saker(stier):
        if isinstance(funnet, Avvisning):
            avviste.append(funnet)
        else:
            saker.setdefault(funnet.sak.sak_id, []).append(funnet)
    for sak_id, like in saker.items():
        if len(like) > 1:
            steder = ", ".join(f"{s.fil}:{s.linje}" if s.linje else s.fil for s in like)
            avviste += [
                Avvisning(
                    s.fil,
                    s.linje,
                    "sak_id",
                    f"sak_id «{sak_id}» finnes i flere saker ({steder}); ingen av dem er "
                    "skrevet. Gi hver sak en unik sak_id",
                    inndata=f"{s.fil}:{s.linje}" if s.linje else s.fil,
                )
                for s in like
            ]
    antall = skriv_registreringsark(ut, (s[0].sak for s in saker.values() if len(s) == 1))
    return antall, avviste
