"""Output formats: one module per format, registered in ``RENDERERE``.

The format modules (and jinja2 with them) are imported when a report is written, not when the
package is imported, so that ``revisjon --help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from revisjon.utdata.format import Format

if TYPE_CHECKING:
    from revisjon.rapport import Rapport

__all__ = ["RENDERERE", "Format", "render"]

Renderer = Callable[..., str]
"""Writes a report: ``renderer(rapport, mal=template_path_or_None)``."""


def _markdown(rapport: Rapport, *, mal: Path | None = None) -> str:
    from revisjon.utdata import markdown

    return markdown.render(rapport, mal=mal)


def _json(rapport: Rapport, *, mal: Path | None = None) -> str:
    from revisjon.utdata import json_format

    return json_format.render(rapport, mal=mal)


RENDERERE: dict[Format, Renderer] = {
    Format.markdown: _markdown,
    Format.json: _json,
}
"""Every output format mapped to the function that writes it."""


def render(rapport: Rapport, format_: Format, *, mal: Path | None = None) -> str:
    """The report in ``format_``; ``mal`` is an own jinja2 template (Markdown only)."""
    return RENDERERE[format_](rapport, mal=mal)
