"""The fast path for a JSON case: parsed and validated in compiled code, or left to the exact path.

Reading a JSON case the exact way (``json`` with a hook that refuses duplicate keys, then the
pydantic models in ``revisjon.sak``) costs about three times what parsing alone does, and a
run over a year of cases spends most of its time there. Nearly every case is valid, so this
module tries the cheap way first:

- ``jiter`` parses the bytes and refuses duplicate keys, ``NaN`` and ``Infinity`` (it is
  stricter than ``json`` on text: lone surrogates, invalid UTF-8 and a byte-order mark are
  refused too);
- ``msgspec`` converts the result into frozen structs that mirror the pydantic models field by
  field, with the same constraints (they are made from the models, not written twice).

Whatever the fast path does not accept (a parse error, a duplicate key, a value of the wrong
type, a constraint broken, something that may be an identity number, a child id that is
wrong) goes the exact path instead, which gives the Norwegian messages. So the fast path
never decides that a case is bad, only that it is good; tests check that it then gives the
same values as the models would.

The structs have the models' attribute names and value types (``list``, ``datetime.date``,
``None`` for fields left out), and criteria read a case only by attribute, so a struct stands
in for a ``Sak``.
"""

from __future__ import annotations

import datetime as dt
import sys
import types
from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Any, Literal, Union, cast, get_args, get_origin

import annotated_types
import jiter
import msgspec
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from revisjon.sak import Dato, Sak

_STORSTE_FLYTTALL = sys.float_info.max
"""``allow_inf_nan=False`` as a msgspec bound: infinity is above it, and NaN fails any bound."""


def _begrensning(felt: FieldInfo) -> msgspec.Meta | None:
    """The msgspec constraint with the same meaning as a pydantic field's metadata."""
    grenser: dict[str, Any] = {}
    for krav in felt.metadata:
        if isinstance(krav, annotated_types.Ge):
            grenser["ge"] = krav.ge
        elif isinstance(krav, annotated_types.Le):
            grenser["le"] = krav.le
        elif isinstance(krav, annotated_types.MinLen):
            grenser["min_length"] = krav.min_length
        elif getattr(krav, "allow_inf_nan", True) is False:
            grenser.setdefault("ge", -_STORSTE_FLYTTALL)
            grenser.setdefault("le", _STORSTE_FLYTTALL)
        elif felt.annotation is dt.date and krav in get_args(Dato)[1:]:
            continue  # a Dato: msgspec accepts only a YYYY-MM-DD that exists, as Dato does
        else:
            # A constraint added to the models must be given a meaning here, or the fast path
            # would accept what the models refuse.
            raise TypeError(f"hurtigveien kjenner ikke kravet {krav!r} på {felt}")
    return msgspec.Meta(**grenser) if grenser else None


def _type(annotasjon: Any, structer: dict[type[BaseModel], type[msgspec.Struct]]) -> Any:
    """A model annotation with every model in it replaced by its struct."""
    if isinstance(annotasjon, type) and issubclass(annotasjon, BaseModel):
        return _struct(annotasjon, structer)
    opphav = get_origin(annotasjon)
    if opphav is list:
        return list[_type(get_args(annotasjon)[0], structer)]  # type: ignore[misc]
    if opphav in (Union, types.UnionType):
        return Union[tuple(_type(a, structer) for a in get_args(annotasjon))]  # noqa: UP007
    if opphav is Literal or annotasjon in (str, int, float, bool, type(None), dt.date):
        return annotasjon
    if annotasjon == Dato:  # inside a union the model keeps the annotation whole
        return dt.date
    raise TypeError(f"hurtigveien kjenner ikke typen {annotasjon!r}")


def _struct(
    modell: type[BaseModel], structer: dict[type[BaseModel], type[msgspec.Struct]]
) -> type[msgspec.Struct]:
    """The frozen struct with ``modell``'s fields, types, constraints and defaults."""
    if modell in structer:
        return structer[modell]
    felter: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for navn, felt in modell.model_fields.items():
        type_ = _type(felt.annotation, structer)
        if (begrensning := _begrensning(felt)) is not None:
            type_ = Annotated[type_, begrensning]
        if felt.is_required():
            felter.append((navn, type_))
        elif felt.default_factory is not None:
            felter.append((navn, type_, msgspec.field(default_factory=felt.default_factory)))  # type: ignore[arg-type]
        else:
            felter.append((navn, type_, felt.default))
    struct = msgspec.defstruct(
        modell.__name__,
        felter,
        kw_only=True,
        frozen=True,
        forbid_unknown_fields=True,
        module=__name__,
    )
    structer[modell] = struct
    return struct


_LAGET: dict[type[BaseModel], type[msgspec.Struct]] = {}
SAKSTRUCT = _struct(Sak, _LAGET)
"""``Sak`` as a msgspec struct."""
STRUCTER: Mapping[type[BaseModel], type[msgspec.Struct]] = MappingProxyType(_LAGET)
"""Every model that a case is made of, with its struct (made once, when the module is loaded)."""


def rask_sak(raa: bytes) -> Sak | None:
    """The case in the JSON bytes ``raa`` (UTF-8, no byte-order mark), or None when it must go
    the exact path. The answer is a struct with ``Sak``'s attributes, typed as ``Sak``."""
    try:
        data = jiter.from_json(raa, allow_inf_nan=False, catch_duplicate_keys=True)
        return cast(Sak, msgspec.convert(data, SAKSTRUCT))
    except (ValueError, msgspec.ValidationError):
        return None
