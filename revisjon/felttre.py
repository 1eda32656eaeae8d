"""Walking the case model's type tree by field path, for did-you-mean and criteria checks."""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, Union

from pydantic import BaseModel


@dataclass(frozen=True)
class Felttype:
    """What a field path leads to: a model, a list of something, or a plain value."""

    annotasjon: Any
    fritekst: bool = False
    kode: bool = False
    """A text field that holds a code (``ferie_for_alle``): it reads as its Norwegian label."""

    @property
    def kjerne(self) -> Any:
        """The annotation without ``None`` and ``Annotated`` wrappers."""
        return _uten_valgfri(self.annotasjon)

    @property
    def modell(self) -> type[BaseModel] | None:
        k = self.kjerne
        return k if isinstance(k, type) and issubclass(k, BaseModel) else None

    @property
    def er_liste(self) -> bool:
        return typing.get_origin(self.kjerne) is list

    @property
    def element(self) -> Felttype:
        """The item type of a list field."""
        return Felttype(typing.get_args(self.kjerne)[0])

    @property
    def literalverdier(self) -> tuple[Any, ...]:
        k = self.kjerne
        return typing.get_args(k) if typing.get_origin(k) is Literal else ()

    @property
    def er_dato(self) -> bool:
        import datetime as dt

        return self.kjerne is dt.date


def _uten_valgfri(annotasjon: Any) -> Any:
    while True:
        origin = typing.get_origin(annotasjon)
        if origin is typing.Annotated:
            annotasjon = typing.get_args(annotasjon)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotasjon) if a is not type(None)]
            if len(args) != 1:
                return annotasjon
            annotasjon = args[0]
        else:
            return annotasjon


def _medlem_med_felt(annotasjon: Any, felt: str) -> type[BaseModel] | None:
    """In a union of models (a condition), the member that has ``felt``."""
    if typing.get_origin(annotasjon) not in (Union, types.UnionType):
        return None
    for medlem in typing.get_args(annotasjon):
        kjerne = _uten_valgfri(medlem)
        if (
            isinstance(kjerne, type)
            and issubclass(kjerne, BaseModel)
            and felt in kjerne.model_fields
        ):
            return kjerne
    return None


def felt_i(modell: type[BaseModel]) -> dict[str, Felttype]:
    """The fields of a model with their types."""
    ut: dict[str, Felttype] = {}
    for navn, info in modell.model_fields.items():
        ekstra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        ut[navn] = Felttype(
            info.annotation, fritekst=bool(ekstra.get("fritekst")), kode=bool(ekstra.get("kode"))
        )
    return ut


def forslag(ord_: str, kandidater: typing.Iterable[str]) -> str | None:
    """The closest candidate to a mistyped word, or None when nothing is close."""
    treff = difflib.get_close_matches(ord_, list(kandidater), n=1, cutoff=0.6)
    return treff[0] if treff else None


def modell_ved(rot: type[BaseModel], sti: typing.Sequence[str | int]) -> type[BaseModel] | None:
    """The model that holds the fields at ``sti`` (list indexes are stepped through)."""
    gjeldende = Felttype(rot)
    for ledd in sti:
        if isinstance(ledd, int):
            if not gjeldende.er_liste:
                return None
            gjeldende = gjeldende.element
            continue
        modell = gjeldende.modell or _medlem_med_felt(gjeldende.kjerne, ledd)
        if modell is None or ledd not in modell.model_fields:
            return None
        gjeldende = felt_i(modell)[ledd]
    return gjeldende.modell
