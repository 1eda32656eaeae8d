"""Output formats: one module per format, registered in ``RENDERERE``.

A renderer gives the output in pieces, so a run of any size is written without holding the
whole text in memory. The format modules (and jinja2 with them) are imported when a report is
written, not when the package is imported, so that ``revisjon --help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from revisjon.rapport.format import Format

if TYPE_CHECKING:
    from revisjon.rapport.bygging import Rapport

__all__ = ["RENDERERE", "Format", "render", "render_deler"]

Renderer = Callable[..., Iterator[str] | Iterator[bytes]]
"""Writes a report in pieces: ``renderer(rapport, mal=template_or_None, referanse=docx_or_None)``;
text formats give text, Word gives bytes."""


def _markdown(
    rapport: Rapport, *, mal: Path | None = None, referanse: Path | None = None
) -> Iterator[str]:
    from revisjon.rapport import markdown

    return markdown.strom(rapport, mal=mal)


def _json(
    rapport: Rapport, *, mal: Path | None = None, referanse: Path | None = None
) -> Iterator[str]:
    from revisjon.rapport import json_format

    return json_format.strom(rapport, mal=mal)


def _jsonl(
    rapport: Rapport, *, mal: Path | None = None, referanse: Path | None = None
) -> Iterator[str]:
    from revisjon.rapport import json_format

    return json_format.linjer(rapport, mal=mal)


def _docx(
    rapport: Rapport, *, mal: Path | None = None, referanse: Path | None = None
) -> Iterator[bytes]:
    from revisjon.rapport import docx_format

    return docx_format.strom(rapport, mal=mal, referanse=referanse)


RENDERERE: dict[Format, Renderer] = {
    Format.markdown: _markdown,
    Format.json: _json,
    Format.jsonl: _jsonl,
    Format.docx: _docx,
}
"""Every output format mapped to the function that writes it."""


def render_deler(
    rapport: Rapport, format_: Format, *, mal: Path | None = None, referanse: Path | None = None
) -> Iterator[str] | Iterator[bytes]:
    """The report in ``format_``, in pieces to write one after the other; ``mal`` is an own
    jinja2 template (Markdown, and the Markdown a Word document is made from), ``referanse`` a
    Word reference document. An own template is read and checked before this returns."""
    return RENDERERE[format_](rapport, mal=mal, referanse=referanse)


def render(rapport: Rapport, format_: Format, *, mal: Path | None = None) -> str:
    """The whole report in a text format as one text (``render_deler`` joined)."""
    if format_ is Format.docx:
        raise ValueError("Word er ikke et tekstformat; bruk render_deler")
    return "".join(d for d in render_deler(rapport, format_, mal=mal) if isinstance(d, str))
