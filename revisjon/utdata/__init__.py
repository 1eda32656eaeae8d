"""Output formats: one module per format, registered in ``RENDERERE``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from revisjon.rapport import Rapport
from revisjon.utdata import json_format, markdown
from revisjon.utdata.format import Format

__all__ = ["RENDERERE", "Format", "render"]

Renderer = Callable[..., str]
"""Writes a report: ``renderer(rapport, mal=template_path_or_None)``."""

RENDERERE: dict[Format, Renderer] = {
    Format.markdown: markdown.render,
    Format.json: json_format.render,
}
"""Every output format mapped to the function that writes it."""


def render(rapport: Rapport, format_: Format, *, mal: Path | None = None) -> str:
    """The report in ``format_``; ``mal`` is an own jinja2 template (Markdown only)."""
    return RENDERERE[format_](rapport, mal=mal)
