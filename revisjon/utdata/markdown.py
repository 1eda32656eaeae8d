"""The Markdown findings report, rendered from the package template ``maler/funn.md.j2``."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import jinja2

from revisjon.resultat import STATUSTEKST, Kjoring

MAL = "funn.md.j2"
_SPESIAL = re.compile(r"([\\`*_{}\[\]<>|#!~])")


def md(tekst: object) -> str:
    """Text from a case or criteria file made safe inside a Markdown table cell or line."""
    enkel = " ".join(str(tekst).split())
    return _SPESIAL.sub(r"\\\1", enkel)


def _miljo() -> jinja2.Environment:
    miljo = jinja2.Environment(
        loader=jinja2.FunctionLoader(
            lambda navn: (resources.files("revisjon") / "maler" / navn).read_text("utf-8")
        ),
        autoescape=False,  # Markdown, not HTML: the md filter escapes what comes from input
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    miljo.filters["md"] = md
    miljo.filters["statustekst"] = lambda s: STATUSTEKST[s]
    miljo.filters["extract"] = lambda nokkel, kilde: kilde[nokkel]
    return miljo


def _kontekst(kjoring: Kjoring) -> dict[str, Any]:
    kriterier = []
    for info in kjoring.kriterier:
        antall = kjoring.antall(info.id)
        vurdert = antall["oppfylt"] + antall["delvis_oppfylt"] + antall["ikke_oppfylt"]
        saker = [(s, r) for s in kjoring.saker for r in s.resultater if r.kriterium == info.id]
        kriterier.append(
            {
                "info": info,
                "antall": antall,
                "vurdert": vurdert,
                "aktuelle": [(s, r) for s, r in saker if r.status != "ikke_aktuelt"],
                "ikke_aktuelle": [s for s, r in saker if r.status == "ikke_aktuelt"],
            }
        )
    return {
        "kjoring": kjoring,
        "kriterier": kriterier,
        "statuser": list(STATUSTEKST),
    }


def render(kjoring: Kjoring) -> str:
    return _miljo().get_template(MAL).render(_kontekst(kjoring))
