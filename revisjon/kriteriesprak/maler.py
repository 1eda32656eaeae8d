"""Finding-text templates: ``{felt.sti}`` and named values, checked; free text refused.

``mal_deler`` splits a template into its literal text and checked placeholders; the code
generator (``kodegen.Kodeskriver.mal``) writes the filling out.

A count may carry its noun in the singular and the plural: ``{antall|samtale|samtaler}`` gives
«1 samtale» and «3 samtaler»; with ``#`` in either form the number stands only where ``#`` does
(«{antall|den ene samtalen|alle de # samtalene}»).

A template may name fields of the case (dates, ids, ages, codes) but never a free-text field
(journal text, vedtak text, notes), since those may hold personal details.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from revisjon.felttre import Felttype, forslag
from revisjon.kriteriesprak.stier import Omfang, StiFeil
from revisjon.sak import KODENAVN

_PLASS = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Plass:
    """A checked placeholder: a named value, or a field path (``kode``: a code read as words)."""

    navn: str
    navngitt: bool
    kode: bool = False
    former: tuple[str, str] | None = None
    """The noun after the count, in the singular and the plural (``{antall|sak|saker}``)."""


TALLNAVN = frozenset(
    {
        "antall",
        "antall_oppfylt",
        "antall_mangler",
        *("oppfylt", "delvis_oppfylt", "ikke_oppfylt"),
        "ikke_aktuelt",
        "ikke_vurdert",
        "vurdert",
    }
)
"""The named values that are counts (and so may carry singular and plural forms)."""


def tall_med_ord(tall: str, entall: str, flertall: str) -> str:
    """A count (as text) with its noun: «1 samtale», «3 samtaler», or the form with the number
    at ``#`` («den ene samtalen», «alle de 3 samtalene»)."""
    form = entall if tall == "1" else flertall
    if "#" in entall or "#" in flertall:  # the author places the number (or leaves it out)
        return form.replace("#", tall)
    return f"{tall} {form}"


def _navn_og_former(innhold: str) -> tuple[str, tuple[str, str] | None]:
    """``antall|samtale|samtaler`` → (``antall``, (``samtale``, ``samtaler``))."""
    navn, *former = (d.strip() for d in innhold.split("|"))
    if not former:
        return navn, None
    if len(former) != 2 or not all(former):
        raise StiFeil(
            f"i teksten: «{{{innhold}}}»: skriv tallet med entall og flertall, for eksempel "
            "{antall|samtale|samtaler}"
        )
    return navn, (former[0], former[1])


def _ikke_tall(navn: str) -> StiFeil:
    return StiFeil(
        f"i teksten: «{{{navn}|…}}»: entall og flertall passer bare etter et antall; «{navn}» er "
        "ikke et antall"
    )


def mal_deler(tekst: str, omfang: Omfang, navngitte: Sequence[str]) -> tuple[str | Plass, ...]:
    """The literal text and placeholders of ``tekst``, every ``{…}`` checked in ``omfang``
    (empty literal parts left out)."""
    deler: list[str | Plass] = []
    start = 0
    for treff in _PLASS.finditer(tekst):
        _uten_krollparentes(tekst[start : treff.start()])
        deler.append(tekst[start : treff.start()])
        navn, former = _navn_og_former(treff.group(1))
        if navn in navngitte:
            if former is not None and navn not in TALLNAVN:
                raise _ikke_tall(navn)
            deler.append(Plass(navn, navngitt=True, former=former))
        else:
            try:
                type_ = omfang.type_av(navn)
            except StiFeil as feil:
                tilgjengelig = ", ".join(f"{{{n}}}" for n in navngitte) or "ingen"
                raise StiFeil(
                    f"i teksten: {feil} (navngitte verdier her: {tilgjengelig})"
                ) from None
            if type_.fritekst:
                raise StiFeil(
                    f"i teksten: «{navn}» er fritekst og kan inneholde personopplysninger; "
                    "den kan ikke stå i en begrunnelse"
                )
            if _er_struktur(type_):
                raise StiFeil(
                    f"i teksten: «{navn}» er en hel struktur (en mapping, eller en liste av "
                    "journalnotater, samtaler, barn …) og kan inneholde fritekst; velg et felt i "
                    "den, eller bruk «for_hvert»/«noen» med «bevis»"
                )
            if former is not None and (type_.kjerne is not int or type_.er_liste):
                raise _ikke_tall(navn)
            deler.append(Plass(navn, navngitt=False, kode=_er_kode(type_), former=former))
        start = treff.end()
    _uten_krollparentes(tekst[start:])
    deler.append(tekst[start:])
    return tuple(d for d in deler if d != "")


def _uten_krollparentes(bit: str) -> None:
    """Text between placeholders: a lone ``{`` or ``}`` is a placeholder left unclosed."""
    if "{" in bit or "}" in bit:
        raise StiFeil("i teksten: en krøllparentes er ikke lukket (skriv {felt.sti})")


def _er_struktur(type_: Felttype) -> bool:
    """Whether a placeholder would print more than one plain value: a model (``{vedtak}``), a
    mapping, or a list of models or mappings (``{journal}``, ``{husstand.barn}``). A list of
    ids or codes (``{j.barn}``, ``{soknad.gjelder}``) prints as the plain values joined."""
    if type_.modell is not None or typing.get_origin(type_.kjerne) is dict:
        return True
    if type_.er_liste:
        element = type_.element
        return element.er_liste or _er_struktur(element) or element.kjerne in (object, Any)
    return type_.kjerne in (object, Any)


def _er_kode(type_: Felttype) -> bool:
    return bool(
        type_.kode or type_.literalverdier or (type_.er_liste and type_.element.literalverdier)
    )


def kodenavn(verdi: object) -> object:
    """Enumerated codes (``oppfolgingssamtale``) read as words (``oppfølgingssamtale``)."""
    if isinstance(verdi, list):
        return [KODENAVN.get(v, v) for v in verdi]
    return KODENAVN.get(verdi, verdi) if isinstance(verdi, str) else verdi


RAPPORTNAVN = (
    "oppfylt",
    "delvis_oppfylt",
    "ikke_oppfylt",
    "ikke_aktuelt",
    "ikke_vurdert",
    "vurdert",
    "andel",
    "intervall",
    "grad",
    "kriteriegrader",
)
"""The named values a report text (assessment, conclusion, recommendation) may use."""


def sjekk_rapporttekst(tekst: str) -> str | None:
    """A problem with a report text's ``{…}`` names, or None when it is fine."""
    for treff in _PLASS.finditer(tekst):
        try:
            navn, former = _navn_og_former(treff.group(1))
        except StiFeil as feil:
            return str(feil)
        if former is not None and navn in RAPPORTNAVN and navn not in TALLNAVN:
            return str(_ikke_tall(navn))
        if navn not in RAPPORTNAVN:
            tips = forslag(navn, RAPPORTNAVN)
            hint = f"mente du «{{{tips}}}»? " if tips else ""
            return (
                f"i teksten: ukjent verdi «{{{navn}}}»; {hint}"
                f"tillatt her: {', '.join('{' + n + '}' for n in RAPPORTNAVN)}"
            )
    rest = _PLASS.sub("", tekst)
    if "{" in rest or "}" in rest:
        return "i teksten: en krøllparentes er ikke lukket"
    return None


def fyll_rapporttekst(tekst: str, verdier: Mapping[str, str]) -> str:
    """A checked report text with its named values filled in."""

    def fyll(treff: re.Match[str]) -> str:
        navn, former = _navn_og_former(treff.group(1))
        return verdier[navn] if former is None else tall_med_ord(verdier[navn], *former)

    return _PLASS.sub(fyll, tekst)
