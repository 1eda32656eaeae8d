"""The assignment file (``oppdrag.yaml``): who ordered the audit, who did it, and the parts of
the report the auditor writes.

``revisjon init`` writes one to fill in; ``revisjon vurder --oppdrag FIL`` reads it. Its JSON
Schema is ``revisjon skjema oppdrag``. The auditor's own sections are Markdown, inline or in a
file next to the assignment file (``{fil: organisasjon.md}``), and are merged into the report at
their RSK 001 places: about the entity in the introduction, other data sources in the method
chapter, the kommunedirektør's response as the last appendix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from revisjon.feil import Avvisning, FilFeil
from revisjon.inntak.datafil import les_dokument, valider
from revisjon.inntak.fodselsnummer import finn_fodselsnummer
from revisjon.sak import Dato, Modell


class OppdragFeil(FilFeil):
    """An assignment file that cannot be used."""

    oppsummering = "Oppdragsfilen kan ikke brukes; rett feilene over og prøv igjen."


Oppdragstype = Literal["forvaltningsrevisjon", "internkontroll"]


class Bestilling(Modell):
    """Who ordered the audit: the body, the meeting and its case number."""

    organ: str = Field(default="kontrollutvalget", min_length=1)
    mote: Dato | None = None
    sak: str | None = None


class Periode(Modell):
    fra: Dato
    til: Dato


class Fil(Modell):
    """A Markdown section kept in its own file, relative to the assignment file."""

    fil: str = Field(min_length=1)


Del = str | Fil


class Deler(Modell):
    """The sections the auditor writes, each Markdown."""

    organisasjon: Del | None = None
    """About the entity audited (the introduction)."""
    datakilder: Del | None = None
    """Sources beside the case review: interviews, documents (the method chapter)."""
    uttalelse: Del | None = None
    """The kommunedirektør's response to the draft (the last appendix)."""


class Oppdrag(Modell):
    """One assignment file, ``revisjon-oppdrag/1``."""

    format: Literal["revisjon-oppdrag/1"]
    type: Oppdragstype = "forvaltningsrevisjon"
    kommune: str | None = Field(default=None, min_length=1)
    kontor: str | None = Field(default=None, min_length=1)
    """The Nav office, as internal control names itself («Nav Gjøvik»)."""
    tittel: str | None = Field(default=None, min_length=1)
    revisjonsenhet: str | None = Field(default=None, min_length=1)
    bestilling: Bestilling | None = None
    prosjektleder: str | None = Field(default=None, min_length=1)
    oppdragsansvarlig: str | None = Field(default=None, min_length=1)
    kvalitetssikrer: str | None = Field(default=None, min_length=1)
    periode: Periode | None = None
    """When the project was carried out."""
    faktakontroll: Dato | None = None
    """The day the draft went to the administration for fact-checking."""
    sted: str | None = Field(default=None, min_length=1)
    """The place the report is signed («Lillehammer»)."""
    anbefalinger_til: str | None = Field(default=None, min_length=1)
    """Whom the recommendations address (default: «kommunen»)."""
    deler: Deler = Deler()


class LestOppdrag(Modell):
    """An assignment with its sections read: the Markdown itself, not the file names."""

    data: Oppdrag
    fil: str
    organisasjon: str | None = None
    datakilder: str | None = None
    uttalelse: str | None = None

    @property
    def mottaker(self) -> str:
        return self.data.anbefalinger_til or "kommunen"

    @property
    def navn(self) -> list[tuple[str, str]]:
        """The people who sign the report, with their roles, as the report ends."""
        d = self.data
        roller = [
            (d.oppdragsansvarlig, "oppdragsansvarlig revisor"),
            (d.prosjektleder, "prosjektansvarlig revisor"),
        ]
        return [(navn, rolle) for navn, rolle in roller if navn]

    def mangler(self) -> list[str]:
        """The parts the auditor has not filled in, as the report names them."""
        d = self.data
        sjekk = [
            (d.kommune if d.type == "forvaltningsrevisjon" else d.kontor or d.kommune, "kommune"),
            (d.bestilling if d.type == "forvaltningsrevisjon" else True, "bestilling"),
            (d.prosjektleder, "prosjektleder"),
            (
                d.oppdragsansvarlig if d.type == "forvaltningsrevisjon" else True,
                "oppdragsansvarlig",
            ),
            (d.kvalitetssikrer, "kvalitetssikrer"),
            (d.periode, "periode"),
            (d.faktakontroll if d.type == "forvaltningsrevisjon" else True, "faktakontroll"),
            (d.sted, "sted"),
            (self.organisasjon, "om virksomheten"),
            (self.datakilder, "andre datakilder"),
            (
                self.uttalelse if d.type == "forvaltningsrevisjon" else True,
                "kommunedirektørens uttalelse",
            ),
        ]
        return [navn for verdi, navn in sjekk if not verdi]


MANGLER_UTEN_OPPDRAG = [
    "kommune",
    "bestilling",
    "prosjektleder",
    "oppdragsansvarlig",
    "kvalitetssikrer",
    "periode",
    "faktakontroll",
    "sted",
    "om virksomheten",
    "andre datakilder",
    "kommunedirektørens uttalelse",
]
"""What a report without an assignment file lacks, in the order ``LestOppdrag.mangler`` names it."""


def _del(fil: Path, del_: Del | None, felt: str) -> str | None:
    if del_ is None or isinstance(del_, str):
        return del_
    sti = fil.parent / del_.fil
    try:
        return sti.read_text("utf-8")
    except FileNotFoundError:
        raise OppdragFeil(
            [Avvisning(str(fil), None, f"deler.{felt}.fil", f"filen «{del_.fil}» finnes ikke")]
        ) from None
    except UnicodeDecodeError:
        raise OppdragFeil(
            [
                Avvisning(
                    str(fil), None, f"deler.{felt}.fil", f"«{del_.fil}» er ikke lagret som UTF-8"
                )
            ]
        ) from None


def les_oppdrag(fil: Path) -> LestOppdrag:
    """The assignment in ``fil`` with its sections read; raise OppdragFeil on any problem."""
    _, dokument = les_dokument(fil, feilklasse=OppdragFeil, som_json=False)
    if fnr := list(finn_fodselsnummer(dokument.data)):
        raise OppdragFeil(
            [
                Avvisning(
                    str(fil), None, f, "inneholder noe som ligner et fødselsnummer; fjern det"
                )
                for f in fnr
            ]
        )
    data = valider(fil, dokument, Oppdrag, feilklasse=OppdragFeil)
    return LestOppdrag(
        data=data,
        fil=str(fil),
        organisasjon=_del(fil, data.deler.organisasjon, "organisasjon"),
        datakilder=_del(fil, data.deler.datakilder, "datakilder"),
        uttalelse=_del(fil, data.deler.uttalelse, "uttalelse"),
    )
