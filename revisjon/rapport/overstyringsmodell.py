"""One auditor override as read from a file (YAML or a working paper), and where it stands.

Both readers (``overstyring`` for YAML, ``arbeidspapirlesing`` for a workbook) give these
records; ``overstyring.bruk_overstyringer`` checks and applies them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import AfterValidator, Field

from revisjon.feil import Avvisning
from revisjon.kriteriesprak.modell import Status
from revisjon.sak import Dato, Modell


def _ikke_blank(verdi: str) -> str:
    if not verdi.strip():
        raise ValueError("kan ikke være tom")
    return verdi


Utfylt = Annotated[str, Field(min_length=1), AfterValidator(_ikke_blank)]
"""Text that must say something: empty or only white space is an error."""


class OverstyringInn(Modell):
    sak_id: str = Field(min_length=1)
    kriterium: str = Field(min_length=1)
    status: Status
    begrunnelse: Utfylt
    av: Utfylt
    dato: Dato


@dataclass(frozen=True)
class Sted:
    """Where an override stands: its line (YAML), or its cells (a workbook: field → cell,
    ``""`` for the row)."""

    linje: int | None = None
    celler: Mapping[str, str] = field(default_factory=dict)

    def avvisning(self, fil: str, felt: str | None, melding: str) -> Avvisning:
        celle = self.celler.get(felt or "", self.celler.get("")) if self.celler else None
        return Avvisning(fil, self.linje, felt, melding, celle=celle)
