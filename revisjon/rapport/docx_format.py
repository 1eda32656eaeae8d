"""The report as a Word document (``vurder --format docx -o rapport.docx``), through pandoc.

pandoc comes with the pypandoc-binary package, so nothing needs installing on the machine. The
Markdown report is read into pandoc's document tree, given what Word needs (column widths so a
reason column is wide and a hash column wraps, the title in the document properties, nb-NO), and
written with the reference document shipped in the package (``maler/referanse.docx``: styles,
language, page numbers; built by ``tools/lag_referanse_docx.py``) or an office's own
(``--referanse-docx``).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from revisjon.feil import RevisjonFeil
from revisjon.rapport import markdown
from revisjon.rapport.bygging import Rapport

SPRAK = "nb-NO"
BREIE = {"Begrunnelse": 0.55, "Årsak": 0.5, "SHA-256": 0.62}
"""Columns that get a fixed share of the page width; the other columns share the rest."""


def _tekst(node: Any) -> str:
    """The plain text of a piece of pandoc's tree."""
    if isinstance(node, dict):
        if node.get("t") == "Str":
            return str(node["c"])
        if node.get("t") == "Space":
            return " "
        return _tekst(node.get("c", []))
    if isinstance(node, list):
        return "".join(_tekst(n) for n in node)
    return ""


def _bredder(overskrifter: list[str]) -> list[float] | None:
    faste = {i: BREIE[o] for i, o in enumerate(overskrifter) if o in BREIE}
    if not faste:
        return None
    rest = (1.0 - sum(faste.values())) / max(1, len(overskrifter) - len(faste))
    return [faste.get(i, rest) for i in range(len(overskrifter))]


def _tabeller(node: Any) -> None:
    """Fixed column widths for the tables with a wide column (``BREIE``), in place."""
    if isinstance(node, list):
        for n in node:
            _tabeller(n)
        return
    if not isinstance(node, dict):
        return
    if node.get("t") == "Table":
        _attr, _tittel, kolonner, hode, *_ = node["c"]
        rader = hode[1]
        overskrifter = [_tekst(celle[4]) for celle in rader[0][1]] if rader else []
        bredder = _bredder(overskrifter)
        if bredder and len(bredder) == len(kolonner):
            for kolonne, bredde in zip(kolonner, bredder, strict=True):
                kolonne[1] = {"t": "ColWidth", "c": bredde}
    _tabeller(node.get("c"))


def _tre(tekst: str, tittel: str) -> dict[str, Any]:
    import pypandoc

    tre: dict[str, Any] = json.loads(pypandoc.convert_text(tekst, "json", format="gfm"))
    blokker = tre["blocks"]
    # The title goes to the document properties and the Title style, not a first heading too.
    if blokker and blokker[0]["t"] == "Header" and blokker[0]["c"][0] == 1:
        blokker.pop(0)
    _tabeller(blokker)
    tre["meta"]["title"] = {"t": "MetaString", "c": tittel}
    tre["meta"]["lang"] = {"t": "MetaString", "c": SPRAK}
    return tre


def referansedokument() -> Path:
    """The reference document shipped in the package."""
    return Path(str(resources.files("revisjon.rapport") / "maler" / "referanse.docx"))


def til_docx(tekst: str, *, tittel: str, referanse: Path | None = None) -> bytes:
    """The Markdown report ``tekst`` as the bytes of a .docx file."""
    import pypandoc

    mal = referanse or referansedokument()
    if not mal.is_file():
        raise RevisjonFeil(f"{mal}: referansedokumentet finnes ikke (--referanse-docx)")
    tre = _tre(tekst, tittel)
    with tempfile.TemporaryDirectory() as mappe:
        ut = Path(mappe) / "rapport.docx"
        try:
            pypandoc.convert_text(
                json.dumps(tre),
                "docx",
                format="json",
                outputfile=str(ut),
                extra_args=["--reference-doc", str(mal)],
            )
        except RuntimeError as feil:
            raise RevisjonFeil(
                f"{mal}: pandoc kunne ikke lage Word-dokumentet med dette referansedokumentet "
                f"({str(feil).strip().splitlines()[-1] if str(feil).strip() else feil})"
            ) from None
        return ut.read_bytes()


def strom(
    rapport: Rapport, *, mal: Path | None = None, referanse: Path | None = None
) -> Iterator[bytes]:
    """The report as a Word document, in one piece (a .docx is a zip archive, written whole)."""
    tekst = "".join(markdown.strom(rapport, mal=mal))
    yield til_docx(tekst, tittel=rapport.fulltittel, referanse=referanse)
