"""One workbook cell as a case field's value: the forms Excel stores, turned into what a case
file would hold, and nothing judged that the case model judges.

A date cell gives a date, a yes/no cell «ja»/«nei», a list cell its items. A value the model
would refuse is passed on as it is, so the model's own message names the problem; only what
the model cannot see is caught here: a formula, a list-of-codes cell that is not «ja», and a
number where text is expected (Excel drops leading zeros from «00123» when it stores a number).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from revisjon.inntak.regnearkoppsett import JA, LISTESKILLE, NEI, Art, Kolonne

_NORSK_DATO = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_HELTALL = re.compile(r"[+-]?\d+")
_DESIMALTALL = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


class Cellefeil(Exception):
    """A cell whose value cannot be a field's value, with the message that says why."""

    def __init__(self, melding: str) -> None:
        self.melding = melding
        super().__init__(melding)


TALL_FOR_TEKST = (
    "er lagret som et tall, ikke som tekst, så innledende nuller kan ha falt bort; "
    "formater cellen som tekst og skriv verdien inn på nytt"
)


def kolonnenavn(indeks: int) -> str:
    """The column letters of a 0-based column index (0 → A)."""
    # here, not at the top: importing openpyxl costs 0.25 s, which only a run reading a
    # workbook should pay
    from openpyxl.utils.cell import get_column_letter

    return get_column_letter(indeks + 1)


def celleverdi(kolonne: Kolonne, celle: Any) -> Any:
    """The value of a filled cell (``celle.value`` is neither None nor empty) for its column."""
    if getattr(celle, "data_type", None) == "f":
        raise Cellefeil("cellen har en formel; skriv inn selve verdien i stedet")
    return _verdi(kolonne.art, celle.value)


def _verdi(art: Art, verdi: Any) -> Any:
    erstatt = _ARTER.get(art)
    return erstatt(verdi) if erstatt is not None else verdi


def _tekst(verdi: Any) -> Any:
    if isinstance(verdi, int | float) and not isinstance(verdi, bool):
        raise Cellefeil(TALL_FOR_TEKST)
    return verdi


def _liste(verdi: Any) -> Any:
    verdi = _tekst(verdi)
    if not isinstance(verdi, str):
        return verdi
    return [del_.strip() for del_ in verdi.split(LISTESKILLE) if del_.strip()]


def _dato(verdi: Any) -> Any:
    if isinstance(verdi, dt.datetime):
        return verdi.date() if verdi.time() == dt.time() else verdi
    if isinstance(verdi, str) and (treff := _NORSK_DATO.fullmatch(verdi.strip())):
        dag, maned, ar = treff.groups()
        return f"{ar}-{int(maned):02}-{int(dag):02}"
    return verdi


def _heltall(verdi: Any) -> Any:
    if isinstance(verdi, float) and verdi.is_integer():
        return int(verdi)
    if isinstance(verdi, str) and _HELTALL.fullmatch(verdi.strip()):
        return int(verdi.strip())
    return verdi


def _tall(verdi: Any) -> Any:
    if isinstance(verdi, str):
        uten_mellomrom = re.sub(r"[\s\u00a0\u202f]", "", verdi)
        if _DESIMALTALL.fullmatch(uten_mellomrom):
            return float(uten_mellomrom.replace(",", "."))
    return verdi


def _janei(verdi: Any) -> Any:
    if isinstance(verdi, str) and verdi.strip().lower() in (JA, NEI):
        return verdi.strip().lower() == JA
    return verdi


def _kodeflagg(verdi: Any) -> bool:
    if verdi is True or (isinstance(verdi, str) and verdi.strip().lower() == JA):
        return True
    if verdi is False or (isinstance(verdi, str) and verdi.strip().lower() == NEI):
        return False
    raise Cellefeil("skal være «ja» eller stå tom")


_ARTER = {
    Art.tekst: _tekst,
    Art.liste: _liste,
    Art.dato: _dato,
    Art.heltall: _heltall,
    Art.tall: _tall,
    Art.janei: _janei,
    Art.kodeflagg: _kodeflagg,
}
