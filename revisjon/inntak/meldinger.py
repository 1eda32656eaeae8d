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

MAKS_FEIL_PER_SAK = 20
"""Problems listed for one case; the rest are counted."""

FODSELSNUMMER = (
    "inneholder noe som ligner et fødselsnummer eller D-nummer; saken er avvist uten å bli lest "
    "videre. Anonymiser uttrekket og fjern nummeret"
)
"""The message for an identity number in a case (the number itself is never shown)."""

_TRYGT_ORD = re.compile(r"^[a-z0-9_]{1,40}$")
_TRYGG_NOKKEL = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")


def vis_nokkel(nokkel: object) -> str:
    """«key» for a message, or «en nøkkel» when the key is not a plain snake_case name.

    A key that is free text (a name) or digits (an identity number) is not echoed.
    """
    if (
        isinstance(nokkel, str)
        and _TRYGG_NOKKEL.fullmatch(nokkel)
        and not re.search(r"\d{6}", nokkel)
    ):
        return f"nøkkelen «{nokkel}»"
    return "en nøkkel"


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


def felt_sti(loc: Sequence[str | int]) -> str:
    """``('journal', 2, 'dato')`` → ``journal[2].dato``."""
    ut = ""
    for ledd in loc:
        if isinstance(ledd, int):
            ut += f"[{ledd}]"
        else:
            ut += f".{ledd}" if ut else str(ledd)
    return ut


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
        return "ukjent felt" + hint
    if type_ == "literal_error":
        verdier = [a or b for a, b in re.findall(r"'([^']*)'|(\d+)", str(ctx.get("expected", "")))]
        inn = feil.get("input")
        tips = forslag(inn, verdier) if isinstance(inn, str) else None
        vist = f" «{inn}»" if isinstance(inn, str) and _TRYGT_ORD.match(inn) else ""
        hint = f"; mente du «{tips}»?" if tips else ""
        return f"ugyldig verdi{vist}{hint}; gyldige verdier: {', '.join(verdier)}"
    if type_ == "union_tag_invalid":
        tag = str(ctx.get("tag", ""))
        gyldige = re.findall(r"'([^']*)'", str(ctx.get("expected_tags", "")))
        if tag == "<flere-nokler>":
            return "en betingelse skal ha nøyaktig én nøkkel (operasjonen); del den opp med «og»"
        tips = forslag(tag, gyldige)
        hint = f"; mente du «{tips}»?" if tips else ""
        return f"ukjent operasjon «{tag}»{hint}; gyldige operasjoner: {', '.join(gyldige)}"
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
    feil: ValidationError, rot: type[BaseModel]
) -> list[tuple[tuple[str | int, ...], str]]:
    """Every error as (field path, Norwegian message), in the order pydantic found them."""
    ut: list[tuple[tuple[str | int, ...], str]] = []
    for detalj in feil.errors(include_url=False):
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
