"""Saksuttrekk, format 1: the case-extract contract (../shared/spec/saksuttrekk.md) as pydantic models.

Field names are fixed by the contract. Fields marked ``fritekst`` hold free text that may carry
personal details in spite of anonymisation; the criteria language refuses to print them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

FRITEKST: dict[str, Any] = {"fritekst": True}
KODE: dict[str, Any] = {"kode": True}
"""A text field holding an open set of codes (``ferie_for_alle``): a report writes its label
from ``KODENAVN``, or the code as it is when it has none."""


def _iso_dato(verdi: object) -> object:
    """Accept a date object (YAML) or an ISO ``YYYY-MM-DD`` string (JSON); nothing else."""
    # The JSON date first, tested as cheaply as can be: it is every date of every JSON case.
    if isinstance(verdi, str) and len(verdi) == 10 and verdi[4] == "-" == verdi[7]:
        try:
            return dt.date.fromisoformat(verdi)
        except ValueError:
            raise PydanticCustomError(
                "dato_umulig", "er ikke en gyldig dato (finnes ikke i kalenderen)"
            ) from None
    if isinstance(verdi, dt.datetime):
        raise PydanticCustomError("dato_format", "skal være en dato (ÅÅÅÅ-MM-DD) uten klokkeslett")
    if isinstance(verdi, dt.date):
        return verdi
    raise PydanticCustomError("dato_format", "skal være en dato på formen ÅÅÅÅ-MM-DD")


Dato = Annotated[dt.date, BeforeValidator(_iso_dato)]
"""A calendar date, written ISO ``YYYY-MM-DD``."""

Belop = Annotated[float, Field(ge=0, allow_inf_nan=False)]


def _tom_liste() -> Any:
    """The default of a list field: a new empty list for each case, shown as ``[]`` in the
    JSON Schema as a plain ``= []`` would be."""
    # pydantic copies a mutable default such as ``[]`` with copy.deepcopy (Python code) for
    # every model that leaves the field out; calling list() costs a fraction of that.
    return Field(default_factory=list, json_schema_extra={"default": []})


class Modell(BaseModel):
    """Common settings: unknown keys are errors, no silent type coercion, immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


Tjeneste = Literal["okonomisk_stonad", "opplysning_rad_veiledning", "okonomisk_radgivning"]


Tema = Literal[
    "fritid",
    "skole",
    "barnehage",
    "sfo",
    "helse",
    "bolig",
    "sosialt",
    "samvar",
    "utstyr",
    "internett",
    "okonomi",
    "barnets_synspunkter",
    "annet",
]


class Soknad(Modell):
    mottatt: Dato
    forstegangssoker: bool | None = None
    gjelder: list[str] = _tom_liste()


class Barn(Modell):
    id: str = Field(min_length=1)
    alder: int = Field(ge=0, le=17)
    delt_bosted: bool | None = None
    merknad: str | None = Field(default=None, json_schema_extra=FRITEKST)


class Husstand(Modell):
    voksne: int = Field(ge=1)
    enslig_forsorger: bool | None = None
    introduksjonsprogram: bool | None = None
    barn: list[Barn]


class Inntekt(Modell):
    type: str = Field(json_schema_extra=KODE)
    belop: Belop
    medregnet: bool | None = None


class Utgift(Modell):
    type: str = Field(json_schema_extra=KODE)
    belop: Belop
    barn: list[str] = _tom_liste()


class Beregning(Modell):
    inntekter: list[Inntekt] = _tom_liste()
    utgifter: list[Utgift] = _tom_liste()


class Vedtak(Modell):
    dato: Dato
    utfall: Literal["innvilget", "delvis_innvilget", "avslag", "henlagt"]
    hjemmel: list[str] = _tom_liste()
    tekst: str = Field(json_schema_extra=FRITEKST)
    beregning: Beregning | None = None


class Journalnotat(Modell):
    dato: Dato
    system: Literal["socio", "modia", "annet"]
    journaltype: str | None = None
    rolle: (
        Literal["saksbehandler", "veileder", "familieveileder", "gjeldsradgiver", "annet"] | None
    ) = None
    barn: list[str] = _tom_liste()
    tekst: str = Field(json_schema_extra=FRITEKST)


class Samtale(Modell):
    dato: Dato
    type: Literal[
        "kartleggingssamtale", "oppfolgingssamtale", "hjemmebesok", "radgivningssamtale", "annet"
    ]
    status: Literal["gjennomfort", "avlyst", "ikke_mott", "planlagt"] = "gjennomfort"
    tolk: (
        Literal["ikke_behov", "profesjonell", "barn", "annen_familie", "behov_ikke_dekket"] | None
    ) = None
    referat: bool | None = None


class Kartlegging(Modell):
    dato: Dato
    barn: str
    kilde: Literal["forelder", "barnet", "skole", "helsestasjon", "barnevern", "annet"]
    tema: list[Tema]
    skjema: str | None = None


class Brev(Modell):
    dato: Dato
    type: str
    besvart: bool | None = None


class Tiltak(Modell):
    dato: Dato
    type: str = Field(json_schema_extra=KODE)
    barn: list[str] = _tom_liste()
    merknad: str | None = Field(default=None, json_schema_extra=FRITEKST)


class Radgivning(Modell):
    forste_samtale: Dato | None = None
    kartlagt: list[str] = _tom_liste()


class Sak(Modell):
    """One anonymised case (sak): a family's application to the social services."""

    versjon: Literal[1]
    sak_id: str = Field(min_length=1)
    kontor: str | None = None
    enhet: str | None = None
    tjeneste: Tjeneste
    soknad: Soknad
    husstand: Husstand
    vedtak: Vedtak | None = None
    journal: list[Journalnotat] = _tom_liste()
    samtaler: list[Samtale] = _tom_liste()
    kartlegginger: list[Kartlegging] = _tom_liste()
    brev: list[Brev] = _tom_liste()
    tiltak: list[Tiltak] = _tom_liste()
    radgivning: Radgivning | None = None


def barnereferanser(sak: Sak) -> list[tuple[str, str]]:
    """Every child id the case refers to outside ``husstand.barn``, with its field path."""
    referanser: list[tuple[str, str]] = []
    for i, notat in enumerate(sak.journal):
        referanser += [(f"journal[{i}].barn", b) for b in notat.barn]
    for i, kartlegging in enumerate(sak.kartlegginger):
        referanser.append((f"kartlegginger[{i}].barn", kartlegging.barn))
    for i, tiltak in enumerate(sak.tiltak):
        referanser += [(f"tiltak[{i}].barn", b) for b in tiltak.barn]
    if sak.vedtak and sak.vedtak.beregning:
        for i, utgift in enumerate(sak.vedtak.beregning.utgifter):
            referanser += [(f"vedtak.beregning.utgifter[{i}].barn", b) for b in utgift.barn]
    return referanser


def refererte_barn(sak: Sak) -> set[str]:
    """The child ids of ``barnereferanser(sak)``, without building their field paths."""
    ider: set[str] = set()
    for notat in sak.journal:
        ider.update(notat.barn)
    for kartlegging in sak.kartlegginger:
        ider.add(kartlegging.barn)
    for tiltak in sak.tiltak:
        ider.update(tiltak.barn)
    if sak.vedtak and sak.vedtak.beregning:
        for utgift in sak.vedtak.beregning.utgifter:
            ider.update(utgift.barn)
    return ider


TJENESTENAVN: dict[str, str] = {
    "okonomisk_stonad": "økonomisk stønad",
    "opplysning_rad_veiledning": "opplysning, råd og veiledning",
    "okonomisk_radgivning": "økonomisk rådgivning",
}
"""The services as they are named in Norwegian text."""

KODENAVN: dict[str, str] = {
    **TJENESTENAVN,
    "kartleggingssamtale": "kartleggingssamtale",
    "oppfolgingssamtale": "oppfølgingssamtale",
    "hjemmebesok": "hjemmebesøk",
    "radgivningssamtale": "rådgivningssamtale",
    "gjennomfort": "gjennomført",
    "ikke_mott": "ikke møtt",
    "ikke_behov": "ikke behov",
    "annen_familie": "annen familie",
    "behov_ikke_dekket": "behov ikke dekket",
    "delvis_innvilget": "delvis innvilget",
    "barnets_synspunkter": "barnets synspunkter",
    "gjeldsradgiver": "gjeldsrådgiver",
    # open codes of tiltak, inntekter and utgifter (``KODE`` fields) as the extracts write them
    "ferie_for_alle": "Ferie for alle",
    "lonn": "lønn",
    "introduksjonsstonad": "introduksjonsstønad",
    "overgangsstonad": "overgangsstønad",
    "kontantstotte": "kontantstøtte",
    "julestonad": "julestønad",
    "barns_fritidsaktiviteter": "barns fritidsaktiviteter",
    "vinterklaer": "vinterklær",
    "strom": "strøm",
}
"""Enumerated codes as they read in Norwegian text (codes not listed read as written)."""
