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


def _tom_liste(tittel: str, beskrivelse: str) -> Any:
    """The default of a list field: a new empty list for each case, shown as ``[]`` in the
    JSON Schema as a plain ``= []`` would be."""
    # pydantic copies a mutable default such as ``[]`` with copy.deepcopy (Python code) for
    # every model that leaves the field out; calling list() costs a fraction of that.
    return Field(
        default_factory=list,
        title=tittel,
        description=beskrivelse,
        json_schema_extra={"default": []},
    )


def _felt(tittel: str, beskrivelse: str, **valg: Any) -> Any:
    """A field with its Norwegian name (``title``) and help text (``description``): what the
    registration workbook (``revisjon regneark``) shows as column heading and help."""
    return Field(title=tittel, description=beskrivelse, **valg)


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
    mottatt: Dato = _felt("Søknad mottatt", "Datoen søknaden kom inn.")
    forstegangssoker: bool | None = _felt(
        "Førstegangssøker", "Om søkeren søker for første gang.", default=None
    )
    gjelder: list[str] = _tom_liste(
        "Søknaden gjelder", "Hva det søkes om, med frie ord (for eksempel livsopphold, husleie)."
    )


class Barn(Modell):
    id: str = _felt(
        "Barne-id", "Pseudonym for barnet, unikt i saken (for eksempel B1).", min_length=1
    )
    alder: int = _felt("Alder", "Alder i hele år da søknaden kom inn (0–17).", ge=0, le=17)
    delt_bosted: bool | None = _felt("Delt bosted", "Om barnet har delt bosted.", default=None)
    merknad: str | None = _felt(
        "Merknad",
        "Kort merknad fra den som går gjennom saken (ingen navn).",
        default=None,
        json_schema_extra=FRITEKST,
    )


class Husstand(Modell):
    voksne: int = _felt("Voksne", "Antall voksne i husstanden (minst 1).", ge=1)
    enslig_forsorger: bool | None = _felt(
        "Enslig forsørger", "Om søkeren er enslig forsørger.", default=None
    )
    introduksjonsprogram: bool | None = _felt(
        "Introduksjonsprogram",
        "Om en av foreldrene er i introduksjonsprogram for flyktninger.",
        default=None,
    )
    barn: list[Barn] = _felt("Barn", "Barna i husstanden; kan være ingen.")


class Inntekt(Modell):
    type: str = _felt(
        "Type",
        "Hva inntekten er (fritt ord; barnetrygd og kontantstotte kjennes igjen).",
        json_schema_extra=KODE,
    )
    belop: Belop = _felt("Beløp", "Kroner per måned (minst 0).")
    medregnet: bool | None = _felt(
        "Medregnet", "Om inntekten er regnet med i beregningen.", default=None
    )


class Utgift(Modell):
    type: str = _felt(
        "Type", "Hva utgiften er (fritt ord, for eksempel husleie).", json_schema_extra=KODE
    )
    belop: Belop = _felt("Beløp", "Kroner per måned (minst 0).")
    barn: list[str] = _tom_liste("Barn", "Barna utgiften gjelder (barne-id-er).")


class Beregning(Modell):
    inntekter: list[Inntekt] = _tom_liste("Inntekter", "Inntektene i beregningen.")
    utgifter: list[Utgift] = _tom_liste("Utgifter", "Utgiftene i beregningen.")


class Vedtak(Modell):
    dato: Dato = _felt(
        "Vedtaksdato", "Datoen vedtaket ble fattet; tom så lenge det ikke er vedtak."
    )
    utfall: Literal["innvilget", "delvis_innvilget", "avslag", "henlagt"] = _felt(
        "Utfall", "Vedtakets utfall."
    )
    hjemmel: list[str] = _tom_liste("Hjemmel", "Hjemmelen slik den står i vedtaket.")
    tekst: str = _felt(
        "Vedtakstekst", "Vedtakets begrunnelse slik den er skrevet.", json_schema_extra=FRITEKST
    )
    beregning: Beregning | None = _felt(
        "Beregning", "Beregningen av økonomisk stønad.", default=None
    )


class Journalnotat(Modell):
    dato: Dato = _felt("Dato", "Datoen på notatet.")
    system: Literal["socio", "modia", "annet"] = _felt("System", "Fagsystemet notatet står i.")
    journaltype: str | None = _felt(
        "Journaltype", "Notattypen slik fagsystemet kaller den.", default=None
    )
    rolle: (
        Literal["saksbehandler", "veileder", "familieveileder", "gjeldsradgiver", "annet"] | None
    ) = _felt("Rolle", "Rollen til den som skrev notatet.", default=None)
    barn: list[str] = _tom_liste("Barn", "Barna notatet gjelder (barne-id-er).")
    tekst: str = _felt("Tekst", "Notatet slik det er skrevet.", json_schema_extra=FRITEKST)


class Samtale(Modell):
    dato: Dato = _felt("Dato", "Datoen for samtalen eller møtet.")
    type: Literal[
        "kartleggingssamtale", "oppfolgingssamtale", "hjemmebesok", "radgivningssamtale", "annet"
    ] = _felt("Type", "Hva slags samtale eller møte.")
    status: Literal["gjennomfort", "avlyst", "ikke_mott", "planlagt"] = _felt(
        "Status", "Om samtalen ble gjennomført (tom: gjennomført).", default="gjennomfort"
    )
    tolk: (
        Literal["ikke_behov", "profesjonell", "barn", "annen_familie", "behov_ikke_dekket"] | None
    ) = _felt("Tolk", "Hvem som tolket, om det var behov for tolk.", default=None)
    referat: bool | None = _felt(
        "Referat", "Om det som ble sagt er skrevet ned (forvaltningsloven § 11 d).", default=None
    )


class Kartlegging(Modell):
    dato: Dato = _felt("Dato", "Datoen for kartleggingen.")
    barn: str = _felt("Barn", "Barnet som er kartlagt (barne-id).")
    kilde: Literal["forelder", "barnet", "skole", "helsestasjon", "barnevern", "annet"] = _felt(
        "Kilde", "Hvem opplysningene kom fra."
    )
    tema: list[Tema] = _felt("Tema", "Temaene kartleggingen dekker.")
    skjema: str | None = _felt("Skjema", "Kartleggingsskjemaet som er brukt.", default=None)


class Brev(Modell):
    dato: Dato = _felt("Dato", "Datoen brevet ble sendt.")
    type: str = _felt(
        "Type", "Hva brevet gjelder (fritt ord; sporsmal_om_barn er brevet som spør om barna)."
    )
    besvart: bool | None = _felt("Besvart", "Om familien har svart.", default=None)


class Tiltak(Modell):
    dato: Dato = _felt("Dato", "Datoen for tiltaket.")
    type: str = _felt(
        "Type",
        "Hva slags tiltak (fritt ord, for eksempel familieveileder).",
        json_schema_extra=KODE,
    )
    barn: list[str] = _tom_liste("Barn", "Barna tiltaket gjelder (barne-id-er).")
    merknad: str | None = _felt(
        "Merknad", "Kort merknad (ingen navn).", default=None, json_schema_extra=FRITEKST
    )


class Radgivning(Modell):
    forste_samtale: Dato | None = _felt(
        "Første rådgivningssamtale", "Datoen for den første rådgivningssamtalen.", default=None
    )
    kartlagt: list[str] = _tom_liste(
        "Kartlagt i rådgivningen", "Hva som er kartlagt (for eksempel inntekter, gjeld)."
    )


class Sak(Modell):
    """One anonymised case (sak): a family's application to the social services."""

    versjon: Literal[1] = _felt("Formatversjon", "Versjonen av saksformatet (1).")
    sak_id: str = _felt(
        "Sak-id",
        "Anonymisert id for saken, unik i gjennomgangen (for eksempel GJ-ØS-07).",
        min_length=1,
    )
    kontor: str | None = _felt("Kontor", "Nav-kontoret.", default=None)
    enhet: str | None = _felt(
        "Enhet", "Enheten eller avdelingen som behandlet saken.", default=None
    )
    tjeneste: Tjeneste = _felt("Tjeneste", "Tjenesten saken gjelder.")
    soknad: Soknad = _felt("Søknad", "Søknaden.")
    husstand: Husstand = _felt("Husstand", "Husstanden.")
    vedtak: Vedtak | None = _felt(
        "Vedtak", "Vedtaket; tomt så lenge det ikke er fattet.", default=None
    )
    journal: list[Journalnotat] = _tom_liste("Journal", "Journalnotatene.")
    samtaler: list[Samtale] = _tom_liste("Samtaler", "Samtaler og møter.")
    kartlegginger: list[Kartlegging] = _tom_liste(
        "Kartlegginger", "Strukturerte kartlegginger av et barns situasjon."
    )
    brev: list[Brev] = _tom_liste("Brev", "Brev sendt til familien.")
    tiltak: list[Tiltak] = _tom_liste("Tiltak", "Oppfølging og henvisninger.")
    radgivning: Radgivning | None = _felt(
        "Rådgivning",
        "Rådgivningen (opplysning, råd og veiledning; økonomisk rådgivning).",
        default=None,
    )


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


def barnefeil(sak: Sak) -> list[tuple[str, str]]:
    """Child ids that are duplicated in husstand.barn or referred to without being there."""
    alle = sak.husstand.barn
    if len(ider := {b.id for b in alle}) == len(alle) and ider >= refererte_barn(sak):
        return []  # the usual answer, found without building a field path
    # The ids are named by where they stand, never by their text (an id may be a name).
    problemer: list[tuple[str, str]] = []
    sett: dict[str, int] = {}
    for i, barn in enumerate(sak.husstand.barn):
        if barn.id in sett:
            problemer.append(
                (
                    f"husstand.barn[{i}].id",
                    f"barne-id-en er brukt før, i husstand.barn[{sett[barn.id]}].id; gi hvert "
                    "barn en unik id",
                )
            )
        sett.setdefault(barn.id, i)
    for felt, barne_id in barnereferanser(sak):
        if barne_id not in sett:
            problemer.append(
                (
                    felt,
                    "viser til et barn som ikke finnes i husstand.barn "
                    f"({len(sett)} barn der); legg barnet til eller rett id-en",
                )
            )
    return problemer


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
