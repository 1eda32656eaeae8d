"""JSON Schemas for case files and criteria files, from the pydantic models.

For editors (yaml-language-server's ``# yaml-language-server: $schema=…``) and for validating
case files outside the tool. Docstring descriptions are left out: they are written for
programmers, in English; titles and field names are what an auditor sees.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

UTKAST = "https://json-schema.org/draft/2020-12/schema"


class Skjemanavn(StrEnum):
    saksuttrekk = "saksuttrekk"
    kriterier = "kriterier"
    oppdrag = "oppdrag"


def _uten_beskrivelser(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _uten_beskrivelser(v) for k, v in node.items() if k != "description"}
    if isinstance(node, list):
        return [_uten_beskrivelser(v) for v in node]
    return node


def skjema(navn: Skjemanavn) -> dict[str, Any]:
    """The JSON Schema named ``navn``."""
    # Imported here, not at the top: the CLI imports this module for ``Skjemanavn`` at start-up.
    from revisjon.kriteriesprak.modell import Kriteriesett
    from revisjon.sak import Sak

    if navn is Skjemanavn.oppdrag:
        from revisjon.rapport.oppdrag import Oppdrag

        data = _uten_beskrivelser(Oppdrag.model_json_schema())
        tittel, beskrivelse = (
            "Oppdragsfil, revisjon-oppdrag/1",
            "Bestilling, prosjektgruppe og revisors egne kapitler i rapporten.",
        )
    elif navn is Skjemanavn.saksuttrekk:
        data = _uten_beskrivelser(Sak.model_json_schema())
        tittel, beskrivelse = (
            "Saksuttrekk, format 1",
            "Én anonymisert sak fra Navs sosiale tjenester.",
        )
    else:
        data = _uten_beskrivelser(Kriteriesett.model_json_schema())
        sak = _uten_beskrivelser(Sak.model_json_schema())
        # A criteria test's inline case is a case file: complete it like one.
        data["$defs"].update(sak.pop("$defs"))
        data["$defs"]["Sak"] = sak
        data["$defs"]["Kriterietest"]["properties"]["sak"] = {
            "anyOf": [{"$ref": "#/$defs/Sak"}, {"type": "null"}]
        }
        tittel, beskrivelse = (
            "Kriteriefil, revisjon-kriterier/1",
            "Revisjonskriterier for revisjon.",
        )
    return {"$schema": UTKAST, **data, "title": tittel, "description": beskrivelse}


def skjema_json(navn: Skjemanavn) -> str:
    return json.dumps(skjema(navn), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
