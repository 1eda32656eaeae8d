"""Turning pydantic validation errors into Norwegian messages with field paths.

Input values are not echoed, since a misplaced value may hold personal data; the one exception
is a short lower-case word where an enumerated value was expected, which is what a typo is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from revisjon.felttre import felt_i, forslag, modell_ved
from revisjon.norsk import heltall

MAKS_FEIL_PER_SAK = 20
"""Problems listed for one case; the rest are counted."""

FODSELSNUMMER = (
    "inneholder noe som ligner et fødselsnummer eller D-nummer; saken er avvist uten å bli lest "
    "videre. Anonymiser uttrekket og fjern nummeret"
)
"""The message for an identity number in a case (the number itself is never shown)."""

_FELTNAVN = re.compile(r"[a-z_][a-z0-9_]{0,39}")
"""The shape of a field name, an operation or an enumerated value (``forste_samtale``): the
only input text a message may repeat. Anything else (a name such as «Ola Nordmann», digits)
is named by its kind and position instead."""


def er_feltnavn(tekst: object) -> bool:
    """Whether ``tekst`` is shaped like a field name and holds no run of six digits (so that
    no part of an identity number or a date of birth is repeated)."""
    return (
        isinstance(tekst, str)
        and _FELTNAVN.fullmatch(tekst) is not None
        and re.search(r"\d{6}", tekst) is None
    )


def vis_nokkel(nokkel: object) -> str:
    """«key» for a message, or «en nøkkel» when the key is not shaped like a field name."""
    return f"nøkkelen «{nokkel}»" if er_feltnavn(nokkel) else "en nøkkel"


_TYPER = {
    "int_type": "skal være et heltall",
    "int_parsing": "skal være et heltall",
    "int_from_float": "skal være et heltall",
    "float_type": "skal være et tall",
    "float_parsing": "skal være et tall",
    "bool_type": "skal være true eller false",
    "bool_parsing": "skal være true eller false",
    "string_type": "skal være tekst",
    "list_type": "skal være en liste",
    "model_type": "skal være en mapping (nøkkel: verdi)",
    "model_attributes_type": "skal være en mapping (nøkkel: verdi)",
    "dict_type": "skal være en mapping (nøkkel: verdi)",
    "missing": "mangler; feltet er påkrevd",
    "string_too_short": "kan ikke være tom",
    "finite_number": "skal være et endelig tall",
    "invalid_key": "nøkkelen skal være tekst",
    "string_unicode": "inneholder ugyldig Unicode (en enslig surrogat, \\ud800–\\udfff)",
}


def og_flere(vist: int, alle: int) -> str | None:
    """«… og 49 998 til» when ``alle`` problems were found and ``vist`` of them are shown."""
    return f"… og {heltall(alle - vist)} feil til" if alle > vist else None


def felt_sti(loc: Sequence[str | int]) -> str:
    """``('journal', 2, 'dato')`` → ``journal[2].dato``."""
    ut = ""
    for ledd in loc:
        if isinstance(ledd, int):
            ut += f"[{ledd}]"
        else:
            navn = str(ledd) if er_feltnavn(ledd) else UKJENT_NOKKEL
            ut += f".{navn}" if ut else navn
    return ut


UKJENT_NOKKEL = "(en nøkkel som ikke vises)"
"""A key in a field path that is not shaped like a field name: shown by its position only."""


def sti_fra_felt(felt: str | None) -> tuple[str | int, ...]:
    """The inverse of ``felt_sti``: ``journal[2].dato`` → ``('journal', 2, 'dato')``."""
    ut: list[str | int] = []
    for del_ in (felt or "").replace("]", "").split("."):
        navn, *indekser = del_.split("[")
        if navn and navn != "(toppnivå)":
            ut.append(navn)
        ut += [int(i) for i in indekser if i.isdigit()]
    return tuple(ut)


def _melding(feil: ErrorDetails, rot: type[BaseModel]) -> str:
    type_ = feil["type"]
    loc = feil["loc"]
    ctx: dict[str, Any] = dict(feil.get("ctx") or {})
    if type_ == "extra_forbidden":
        modell = modell_ved(rot, loc[:-1])
        gyldige = sorted(felt_i(modell)) if modell else []
        tips = forslag(str(loc[-1]), gyldige)
        hint = f"; mente du «{tips}»?" if tips else f"; gyldige felt her: {', '.join(gyldige)}"
        hva = (
            "ukjent felt"
            if er_feltnavn(loc[-1])
            else "ukjent nøkkel (ikke vist: den er ikke formet som et feltnavn)"
        )
        return hva + hint
    if type_ == "literal_error":
        verdier = [a or b for a, b in re.findall(r"'([^']*)'|(\d+)", str(ctx.get("expected", "")))]
        inn = feil.get("input")
        tips = forslag(inn, verdier) if isinstance(inn, str) else None
        vist = f" «{inn}»" if er_feltnavn(inn) else ""
        hint = f"; mente du «{tips}»?" if tips else ""
        return f"ugyldig verdi{vist}{hint}; gyldige verdier: {', '.join(verdier)}"
    if type_ == "union_tag_invalid":
        tag = str(ctx.get("tag", ""))
        gyldige = re.findall(r"'([^']*)'", str(ctx.get("expected_tags", "")))
        if tag == "<flere-nokler>":
            return "en betingelse skal ha nøyaktig én nøkkel (operasjonen); del den opp med «og»"
        tips = forslag(tag, gyldige)
        hint = f"; mente du «{tips}»?" if tips else ""
        vist = f" «{tag}»" if er_feltnavn(tag) else ""
        return f"ukjent operasjon{vist}{hint}; gyldige operasjoner: {', '.join(gyldige)}"
    if type_ == "union_tag_not_found":
        return "skal være en betingelse: en mapping med én operasjon, for eksempel «lik: …»"
    if type_ == "value_error":
        return str(feil["msg"]).removeprefix("Value error, ")
    if type_ == "string_pattern_mismatch":
        return f"har ugyldig form; skal passe mønsteret {ctx.get('pattern')}"
    if type_ == "too_short":
        return "kan ikke være tom"
    if type_ in ("greater_than_equal", "greater_than"):
        return f"må være minst {ctx.get('ge', ctx.get('gt'))}"
    if type_ in ("less_than_equal", "less_than"):
        return f"kan være høyst {ctx.get('le', ctx.get('lt'))}"
    if type_ in _TYPER:
        return _TYPER[type_]
    if type_.startswith("dato_"):
        return str(feil["msg"])
    return f"ugyldig verdi ({type_})"


def rens_loc(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """A pydantic location as a field path: union member names and tag repeats removed."""
    ut: list[str | int] = []
    for ledd in loc:
        if isinstance(ledd, str) and ("[" in ledd or ledd.startswith("function-")):
            continue  # a union member's type name, e.g. 'list[str]'
        if ut and ledd == ut[-1] and isinstance(ledd, str):
            continue  # a discriminated union repeats its tag before the field of that name
        ut.append(ledd)
    return tuple(ut)


def oversett(
    feil: ValidationError, rot: type[BaseModel], *, maks: int | None = None
) -> list[tuple[tuple[str | int, ...], str]]:
    """Every error as (field path, Norwegian message), in the order pydantic found them; only
    the first ``maks`` when given (``feil.error_count()`` says how many there are): a file with
    hundreds of thousands of unknown keys costs one message each, and the cost is bounded."""
    ut: list[tuple[tuple[str | int, ...], str]] = []
    for detalj in feil.errors(include_url=False)[:maks]:
        raa = detalj["loc"]
        if detalj["type"] == "extra_forbidden" and raa:
            # The last part is the user's own key («x[», «function-a»), not a union member's
            # name or a tag: it is kept as written.
            loc = (*rens_loc(raa[:-1]), raa[-1])
        else:
            loc = rens_loc(raa)
        detalj["loc"] = loc
        ut.append((loc, _melding(detalj, rot)))
    return ut
