"""Field paths in criteria, checked against the case model at load; how the values they lead
to are written in text (``formater``) and compared (``normaliser``).

A path is dotted field names from the case root (``vedtak.dato``) or from a name bound by a
quantifier (``barn.id`` inside ``for_hvert: {liste: husstand.barn, som: barn}``). A bound name
alone is the item itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from revisjon.felttre import Felttype, felt_i, forslag
from revisjon.sak import Sak

RAD = Felttype(Sak)


class StiFeil(Exception):
    """A path that the case model does not have, or used where its type does not fit."""


@dataclass(frozen=True)
class Omfang:
    """The names in scope at one point of a criterion, with their types."""

    bundne: Mapping[str, Felttype]

    @classmethod
    def rot(cls) -> Omfang:
        return cls({})

    def med(self, navn: str, type_: Felttype) -> Omfang:
        if navn in felt_i(Sak):
            raise StiFeil(
                f"navnet «{navn}» er et felt i saken; velg et annet navn i «som» "
                "så det ikke skygger for feltet"
            )
        if navn in self.bundne:
            raise StiFeil(f"navnet «{navn}» er allerede bundet her; velg et annet navn i «som»")
        return Omfang({**self.bundne, navn: type_})

    def type_av(self, sti: str) -> Felttype:
        """The type ``sti`` leads to, or StiFeil naming the first unknown part."""
        deler = sti.split(".")
        if not all(deler):
            raise StiFeil(f"feltstien «{sti}» er ugyldig; skriv felt adskilt med punktum")
        forste, *resten = deler
        if forste in self.bundne:
            gjeldende = self.bundne[forste]
        else:
            rotfelt = felt_i(Sak)
            if forste not in rotfelt:
                kandidater = [*rotfelt, *self.bundne]
                tips = forslag(forste, kandidater)
                hint = f"; mente du «{tips}»?" if tips else ""
                raise StiFeil(f"saken har ikke feltet «{forste}» (i «{sti}»){hint}")
            gjeldende = rotfelt[forste]
        vei = forste
        for del_ in resten:
            modell = gjeldende.modell
            if modell is None:
                hva = "en liste" if gjeldende.er_liste else "en enkeltverdi"
                raise StiFeil(
                    f"«{vei}» er {hva} og har ikke feltet «{del_}» (i «{sti}»)"
                    + (
                        "; gå gjennom listen med noen/alle/ingen/for_hvert"
                        if gjeldende.er_liste
                        else ""
                    )
                )
            felt = felt_i(modell)
            if del_ not in felt:
                tips = forslag(del_, felt)
                hint = f"; mente du «{tips}»?" if tips else f"; gyldige felt: {', '.join(felt)}"
                raise StiFeil(f"«{vei}» har ikke feltet «{del_}» (i «{sti}»){hint}")
            gjeldende = felt[del_]
            vei = f"{vei}.{del_}"
        return gjeldende


_DATOER: dict[dt.date, str] = {}
"""Dates as text: a run has a few thousand distinct dates and writes each of them many times."""


def formater(verdi: Any) -> str:
    """A value as it is written in Norwegian text: dates dd.mm.åååå, lists joined."""
    if type(verdi) is str:
        return verdi
    if verdi is None:
        return "ikke oppgitt"
    if isinstance(verdi, bool):
        return "ja" if verdi else "nei"
    if isinstance(verdi, dt.date):
        tekst = _DATOER.get(verdi)
        if tekst is None:
            # As strftime("%d.%m.%Y") gives it (the year unpadded, as glibc does), faster.
            tekst = f"{verdi.day:02d}.{verdi.month:02d}.{verdi.year}"
            if len(_DATOER) < 50_000:
                _DATOER[verdi] = tekst
        return tekst
    if isinstance(verdi, float):
        # An amount as Norwegian text has it: «3 276», «1 234,50», groups split by a no-break
        # space (norsk.TUSENSKILLE) so the figure never breaks across two lines.
        if verdi.is_integer():
            return f"{int(verdi):,}".replace(",", "\u00a0")
        return f"{verdi:,.2f}".replace(",", "\u00a0").replace(".", ",")
    if isinstance(verdi, list | tuple):
        return ", ".join(map(formater, verdi)) if verdi else "ingen"
    return str(verdi)


NORMALISERT: dict[str, str] = {}
"""Codes and ids recur in every case; their normal form is looked up, not computed again."""


def normaliser(verdi: Any) -> Any:
    """Text compares without regard to case or surrounding white space."""
    if not isinstance(verdi, str):
        return verdi
    normal = NORMALISERT.get(verdi)
    if normal is None:
        normal = " ".join(verdi.split()).casefold()
        if len(verdi) <= 100:
            if len(NORMALISERT) >= 20_000:  # bounded: free text is not kept
                NORMALISERT.clear()
            NORMALISERT[verdi] = normal
    return normal
