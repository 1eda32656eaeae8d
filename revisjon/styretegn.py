"""Characters that change how text is shown instead of being shown: defined once, for the
terminal (shown escaped, ``revisjon.cli.terminal.synlig``) and the report (removed,
``revisjon.rapport.markdown.md``)."""

from __future__ import annotations

import re

STYRETEGN = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
"""C0 controls but tab and newline (ESC, CR, NUL …), DEL and C1 controls, bidi marks and
controls (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069), line and paragraph separators, and
the byte-order mark."""


def uten_styretegn(tekst: str) -> str:
    """``tekst`` with every control character removed."""
    return STYRETEGN.sub("", tekst)
