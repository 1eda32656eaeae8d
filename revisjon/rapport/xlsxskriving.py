"""Writing workbooks (.xlsx) safely: text stays text, and the file appears whole or not at all.

openpyxl stores a string that starts with ``=`` as a formula; a value from a case or a verdict
never becomes one here. Text that starts with ``=``, ``+``, ``-`` or ``@`` is also marked with
Excel's quote prefix, so that Excel keeps it as text when the cell is edited.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from revisjon.feil import RevisjonFeil
from revisjon.skriving import skriv_atomisk

FORMELTEGN = ("=", "+", "-", "@")


class Skrivefeil(RevisjonFeil):
    """A value that a workbook cannot hold as it is (the message names the case and field)."""


def datovalidering(*, eksempel: str) -> Any:
    """A date check for a column: any date after 1900, with a Norwegian message naming
    ``eksempel`` as a date to write."""
    from openpyxl.worksheet.datavalidation import DataValidation

    return DataValidation(
        type="date",
        operator="greaterThan",
        formula1="DATE(1900,1,1)",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ugyldig dato",
        error=f"Skriv en dato, for eksempel {eksempel}.",
    )


def sett_tekst(celle: Any, tekst: str, *, hvor: str) -> None:
    """Put ``tekst`` in ``celle`` as text, never as a formula. ``hvor`` names the value in an
    error message (case and field; never the value itself)."""
    from openpyxl.utils.exceptions import IllegalCharacterError

    try:
        celle.value = tekst
    except IllegalCharacterError:
        raise Skrivefeil(
            f"{hvor}: teksten har kontrolltegn som et regneark ikke kan lagre; fjern dem"
        ) from None
    celle.data_type = "s"
    if tekst.startswith(FORMELTEGN):
        celle.quotePrefix = True


def sett_verdi(celle: Any, verdi: Any, *, hvor: str) -> None:
    """A value of any kind in a cell: text through ``sett_tekst``, other values as they are."""
    if isinstance(verdi, str):
        sett_tekst(celle, verdi, hvor=hvor)
    else:
        celle.value = verdi


def sett_egenskaper(bok: Any, *, tittel: str, emne: str, beskrivelse: str) -> None:
    """The file's document properties: fixed texts only, never data from a case."""
    egenskaper = bok.properties
    egenskaper.title = tittel
    egenskaper.subject = emne
    egenskaper.description = beskrivelse
    egenskaper.creator = "revisjon"
    egenskaper.lastModifiedBy = "revisjon"


def lagre(bok: Any, ut: Path) -> None:
    """Save the workbook to ``ut`` atomically (a failed save leaves ``ut`` as it was)."""
    data = io.BytesIO()
    bok.save(data)
    skriv_atomisk(ut, data.getvalue())
