"""The case paths given on the command line, checked before anything is read or written."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from revisjon.feil import RevisjonFeil


def kontroller_stier(stier: Iterable[Path]) -> None:
    """Refuse a case path that does not exist: a typing error, not a run over no cases.

    A symlink that points nowhere exists as a name and is left to the reader, which lists it
    as a rejected input with its reason.
    """
    mangler = [sti for sti in stier if not os.path.lexists(sti)]
    if mangler:
        navn = ", ".join(str(sti) for sti in mangler)
        raise RevisjonFeil(
            f"{navn}: finnes ikke; kontroller stien (ingenting er lest eller skrevet)"
        )
