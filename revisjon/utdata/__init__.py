"""Output formats: one module per format, registered in ``RENDERERE``."""

from __future__ import annotations

from collections.abc import Callable

from revisjon.resultat import Kjoring
from revisjon.utdata import json_format, markdown
from revisjon.utdata.format import Format

__all__ = ["RENDERERE", "Format", "render"]

Renderer = Callable[[Kjoring], str]

RENDERERE: dict[Format, Renderer] = {
    Format.markdown: markdown.render,
    Format.json: json_format.render,
}
"""Every output format mapped to the function that writes it."""


def render(kjoring: Kjoring, format_: Format) -> str:
    return RENDERERE[format_](kjoring)
