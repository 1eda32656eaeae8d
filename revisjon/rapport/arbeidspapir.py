"""The working paper (``vurder --arbeidspapir FIL.xlsx``): one row per case and criterion, for
the auditor to check the verdicts and note where they differ.

Rows flagged for review (``til_kontroll``) come first. The four auditor columns are empty; a
filled-in working paper is read back as overrides (``--overstyringer FIL.xlsx``, see
``arbeidspapirlesing``). The working paper holds case text (the sentences a text criterion
rested on), so it is marked internal on its first sheet and in its file properties, and it is
written only when asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from revisjon.kriteriesprak.modell import STATUSER
from revisjon.rapport.xlsxskriving import datovalidering, lagre, sett_egenskaper, sett_tekst
from revisjon.resultat import Kjoring, Resultat

INTERNT = "Arbeidspapir – inneholder sakstekst, skal ikke publiseres"
OM_ARK = "Om arbeidspapiret"
FUNN = "Funn"

KOLONNER = (
    ("sak_id", "Sak-id"),
    ("kontor", "Kontor"),
    ("kriterium", "Kriterium"),
    ("tittel", "Tittel"),
    ("status", "Status"),
    ("begrunnelse_verktoy", "Begrunnelse"),
    ("til_kontroll", "Til kontroll"),
    ("grunn", "Grunn til kontroll"),
    ("setninger", "Avgjørende setninger"),
    ("status_revisor", "Revisors status"),
    ("begrunnelse", "Revisors begrunnelse"),
    ("av", "Av"),
    ("dato", "Dato"),
)
"""(key, heading) of every column, in order. The reader finds the columns by heading."""
REVISOR = ("status_revisor", "begrunnelse", "av", "dato")
"""The auditor's columns: an override is read from a row where one of them is filled in."""
OVERSKRIFT = dict(KOLONNER)


@dataclass(frozen=True)
class Sakstekst:
    """What the working paper shows of a case beyond its verdicts, gathered by reading the
    cases again (``revisjon.jobb``): the office, and per criterion the decisive sentences."""

    kontor: str | None
    setninger: Mapping[str, tuple[str, ...]]


def til_kontroll(resultat: Resultat) -> str | None:
    """Why a verdict should be checked by the auditor (set by the text reading), or None."""
    return resultat.til_kontroll


def tekststed(resultat: Resultat) -> tuple[str | None, tuple[int, ...]]:
    """The text field a verdict read (``vedtak.tekst``) and its decisive sentences (1-based
    numbers in ``revisjon.tekst.setninger`` of that text)."""
    return resultat.tekstfelt, resultat.setninger


def _rader(
    kjoring: Kjoring, titler: Mapping[str, str], tekster: Mapping[str, Sakstekst]
) -> list[dict[str, Any]]:
    rader: list[dict[str, Any]] = []
    for sak in kjoring.saker:
        tekst = tekster.get(sak.sak_id)
        for r in sak.resultater:
            o = r.overstyring
            grunn = til_kontroll(r)
            setninger = tekst.setninger.get(r.kriterium, ()) if tekst else ()
            rader.append(
                {
                    "sak_id": sak.sak_id,
                    "kontor": tekst.kontor if tekst else None,
                    "kriterium": r.kriterium,
                    "tittel": titler.get(r.kriterium),
                    "status": o.opprinnelig_status if o else r.status,
                    "begrunnelse_verktoy": o.opprinnelig_begrunnelse if o else r.begrunnelse,
                    "til_kontroll": "ja" if grunn else None,
                    "grunn": grunn,
                    "setninger": "\n".join(setninger) or None,
                    # An override from an earlier round stays in the auditor's columns.
                    "status_revisor": r.status if o else None,
                    "begrunnelse": o.begrunnelse if o else None,
                    "av": o.av if o else None,
                    "dato": o.dato if o else None,
                }
            )
    # Rows to check first; otherwise in the run's order (sorted() is stable).
    return sorted(rader, key=lambda rad: rad["til_kontroll"] is None)


def skriv_arbeidspapir(
    ut: Path,
    kjoring: Kjoring,
    *,
    titler: Mapping[str, str],
    tekster: Mapping[str, Sakstekst],
) -> int:
    """Write the working paper to ``ut``; the number of rows."""
    from openpyxl import Workbook

    bok = Workbook()
    om: Any = bok.active
    om.title = OM_ARK
    _om_arket(om)
    funn = bok.create_sheet(FUNN)
    rader = _rader(kjoring, titler, tekster)
    _skriv_funn(funn, rader, statuser=STATUSER)
    sett_egenskaper(
        bok,
        tittel=INTERNT,
        emne="Arbeidspapir fra revisjon vurder",
        beskrivelse=f"{INTERNT}. Revisors kontroll av vurderingene, én rad per sak og kriterium.",
    )
    bok.properties.category = "Internt"
    bok.properties.keywords = "internt; arbeidspapir; skal ikke publiseres"
    lagre(bok, ut)
    return len(rader)


def _om_arket(ark: Any) -> None:
    from openpyxl.styles import Alignment, Font

    tekster = (
        INTERNT,
        "Arbeidspapiret har én rad per sak og kriterium, med verktøyets status og begrunnelse. "
        "Rader merket «Til kontroll» står først. For kriterier som leser tekst står de "
        "avgjørende setningene fra saken i kolonnen «Avgjørende setninger».",
        "Der du er uenig i en vurdering: velg «Revisors status», og skriv «Revisors "
        "begrunnelse», «Av» (initialer eller rolle) og «Dato». Rader du lar stå tomme, endrer "
        "ingenting.",
        "Les inn vurderingene dine med revisjon vurder … --overstyringer dette-arbeidspapiret.xlsx; "
        "rapporten viser overstyringene.",
        "Ikke endre kolonnene Sak-id og Kriterium, og ikke skriv fødselsnummer eller navn.",
    )
    for rad, tekst in enumerate(tekster, start=1):
        celle = ark.cell(row=rad, column=1)
        sett_tekst(celle, tekst, hvor=OM_ARK)
        celle.alignment = Alignment(wrap_text=True, vertical="top")
        if rad == 1:
            celle.font = Font(bold=True, size=14, color="C00000")
    ark.column_dimensions["A"].width = 110


def _skriv_funn(ark: Any, rader: Sequence[dict[str, Any]], *, statuser: Sequence[str]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils.cell import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for i, (_, overskrift) in enumerate(KOLONNER, start=1):
        celle = ark.cell(row=1, column=i)
        sett_tekst(celle, overskrift, hvor=FUNN)
        celle.font = Font(bold=True)
    ombrutt = Alignment(wrap_text=True, vertical="top")
    for r, rad in enumerate(rader, start=2):
        for i, (nokkel, _) in enumerate(KOLONNER, start=1):
            verdi = rad[nokkel]
            if verdi is None:
                continue
            celle = ark.cell(row=r, column=i)
            if isinstance(verdi, dt.date):
                celle.value = verdi
                celle.number_format = "dd.mm.yyyy"
            else:
                sett_tekst(celle, str(verdi), hvor=f"{FUNN}, rad {r}")
            if nokkel in ("begrunnelse_verktoy", "setninger", "begrunnelse"):
                celle.alignment = ombrutt
    siste = len(rader) + 1
    bokstav = {nokkel: get_column_letter(i) for i, (nokkel, _) in enumerate(KOLONNER, start=1)}
    validering = DataValidation(
        type="list",
        formula1='"' + ",".join(statuser) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ugyldig status",
        error=f"Velg en av statusene: {', '.join(statuser)}.",
    )
    validering.add(f"{bokstav['status_revisor']}2:{bokstav['status_revisor']}{max(siste, 2)}")
    ark.add_data_validation(validering)
    dato = datovalidering(eksempel="12.09.2024")
    dato.add(f"{bokstav['dato']}2:{bokstav['dato']}{max(siste, 2)}")
    ark.add_data_validation(dato)
    ark.auto_filter.ref = f"A1:{get_column_letter(len(KOLONNER))}{siste}"
    ark.freeze_panes = "A2"
    bredder = {"tittel": 40, "begrunnelse_verktoy": 60, "setninger": 60, "begrunnelse": 40}
    for nokkel, b in bokstav.items():
        ark.column_dimensions[b].width = bredder.get(nokkel, 16)
