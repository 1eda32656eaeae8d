"""The case-file format for people: ``docs/saksuttrekk.md``, generated from the model.

The field tables (name, what it holds, required or not, allowed values, default) are read
from the pydantic models in ``revisjon.sak``, so the document cannot drift from what the tool
accepts; only what each field means is written here, once per field (``BETYDNING``), and a
field without a meaning stops the generation. ``revisjon skjema saksuttrekk --format markdown``
writes the document; a test checks that the committed file is what it writes.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from revisjon.sak import Sak

BETYDNING: dict[str, str] = {
    "Sak.versjon": "Formatets versjon. Alltid 1.",
    "Sak.sak_id": "Sakens anonymiserte id. Må være unik i en kjøring (ellers avvises alle sakene med id-en).",
    "Sak.kontor": "Navkontoret.",
    "Sak.enhet": "Enheten eller avdelingen som behandlet saken.",
    "Sak.tjeneste": "Tjenesten saken gjelder.",
    "Sak.soknad": "Søknaden.",
    "Sak.husstand": "Husstanden.",
    "Sak.vedtak": "Vedtaket. Mangler så lenge det ikke er fattet vedtak.",
    "Sak.journal": "Journalnotater, i hvilken som helst rekkefølge.",
    "Sak.samtaler": "Samtaler og møter med familien.",
    "Sak.kartlegginger": "Strukturerte kartlegginger av et barns situasjon (kartleggingsskjema).",
    "Sak.brev": "Brev sendt til familien.",
    "Sak.tiltak": "Oppfølging og henvisninger.",
    "Sak.radgivning": "Rådgivningen, for opplysning, råd og veiledning og økonomisk rådgivning.",
    "Soknad.mottatt": "Datoen søknaden kom inn.",
    "Soknad.forstegangssoker": "Om søkeren søker for første gang.",
    "Soknad.gjelder": "Hva det søkes om, med egne ord (for eksempel `husleie`).",
    "Husstand.voksne": "Antall voksne i husstanden.",
    "Husstand.enslig_forsorger": "Om søkeren er enslig forsørger.",
    "Husstand.introduksjonsprogram": "Om en av de voksne er i introduksjonsprogrammet.",
    "Husstand.barn": "Barna i husstanden (kan være tom).",
    "Barn.id": "Barnets pseudonym (for eksempel `B1`), unikt i saken. Andre felt viser til barnet med denne id-en.",
    "Barn.alder": "Alder i hele år da søknaden kom inn.",
    "Barn.delt_bosted": "Om barnet har delt bosted.",
    "Barn.merknad": "Kort merknad fra den som laget uttrekket (ingen navn).",
    "Vedtak.dato": "Vedtaksdatoen.",
    "Vedtak.utfall": "Utfallet.",
    "Vedtak.hjemmel": "Hjemmel slik den står i vedtaket.",
    "Vedtak.tekst": "Vedtakets begrunnelse slik den er skrevet.",
    "Vedtak.beregning": "Beregningen av stønaden (økonomisk stønad).",
    "Beregning.inntekter": "Inntektene i beregningen.",
    "Beregning.utgifter": "Utgiftene i beregningen.",
    "Inntekt.type": "Hva slags inntekt, med egne ord; `barnetrygd` og `kontantstotte` gjenkjennes.",
    "Inntekt.belop": "Kroner per måned.",
    "Inntekt.medregnet": "Om inntekten er regnet med som inntekt i beregningen.",
    "Utgift.type": "Hva slags utgift, med egne ord (for eksempel `barns_fritidsaktiviteter`).",
    "Utgift.belop": "Kroner per måned.",
    "Utgift.barn": "Barna utgiften gjelder (id-er fra `husstand.barn`).",
    "Journalnotat.dato": "Notatets dato.",
    "Journalnotat.system": "Fagsystemet notatet er hentet fra.",
    "Journalnotat.journaltype": "Journaltypen slik fagsystemet kaller den.",
    "Journalnotat.rolle": "Rollen til den som skrev notatet.",
    "Journalnotat.barn": "Barna notatet gjelder (id-er fra `husstand.barn`).",
    "Journalnotat.tekst": "Notatets tekst.",
    "Samtale.dato": "Samtalens dato.",
    "Samtale.type": "Hva slags samtale.",
    "Samtale.status": "Om samtalen ble holdt.",
    "Samtale.tolk": "Tolk i samtalen.",
    "Samtale.referat": "Om det som ble sagt, er skrevet ned (forvaltningsloven § 11 d).",
    "Kartlegging.dato": "Kartleggingens dato.",
    "Kartlegging.barn": "Barnet som er kartlagt (id fra `husstand.barn`).",
    "Kartlegging.kilde": "Hvem opplysningene kom fra.",
    "Kartlegging.tema": "Temaene som er kartlagt (en lukket liste, så en skrivefeil ikke går som tema).",
    "Kartlegging.skjema": "Hvilket kartleggingsskjema som er brukt.",
    "Brev.dato": "Brevets dato.",
    "Brev.type": "Hva slags brev, med egne ord; `sporsmal_om_barn` er brevet som spør om barna.",
    "Brev.besvart": "Om brevet er besvart.",
    "Tiltak.dato": "Tiltakets dato.",
    "Tiltak.type": "Hva slags tiltak, med egne ord (for eksempel `familieveileder`, `barnevern`).",
    "Tiltak.barn": "Barna tiltaket gjelder (id-er fra `husstand.barn`).",
    "Tiltak.merknad": "Kort merknad.",
    "Radgivning.forste_samtale": "Datoen for den første rådgivningssamtalen.",
    "Radgivning.kartlagt": "Hva som er kartlagt i rådgivningen (for eksempel `inntekter`, `gjeld`).",
}
"""What each field means, in the user's words: ``Modell.felt`` → one or two sentences."""

INNLEDNING = """\
# Saksuttrekket (format 1)

<!-- Generert av `revisjon skjema saksuttrekk --format markdown` fra saksmodellen
     (revisjon/sak.py og revisjon/saksdok.py). Ikke rediger for hånd. -->

Dette er filformatet `revisjon` leser: én anonymisert sak fra Navs sosiale tjenester, slik
revisor eller den som gjør internkontroll henter den ut av fagsystemene. Feltnavnene er faste.

## Filer

- Én sak per fil med endelsen `.yaml`, `.yml` eller `.json`, eller mange saker i én `.jsonl`-fil
  (JSON Lines: én sak per linje). En feil på én linje avviser bare den linjen.
- En mappe betyr alle slike filer under den. Skjulte filer og `.md`/`.txt` hoppes over.
- Filene må være UTF-8 (med eller uten BOM). En fil i Windows-1252 eller UTF-16 avvises med en
  melding om hva den ser ut til å være. Lagre den på nytt som UTF-8: i Notisblokk med
  **Fil → Lagre som → Koding: UTF-8**; i Excel med **Lagre som → CSV UTF-8** før filen gjøres om;
  på Linux og macOS med `iconv -f WINDOWS-1252 -t UTF-8 inn.yaml > ut.yaml`.
- Datoer skrives `ÅÅÅÅ-MM-DD`. Nøkler er små bokstaver med understrek.
- En ukjent nøkkel er en feil (med forslag når et kjent navn ligger nær), så en skrivefeil aldri
  får bevis til å forsvinne i det stille. Det samme gjelder feil type, en verdi utenfor området
  og en barne-id som ikke finnes i `husstand.barn`.

## Personvern

Uttrekket skal være anonymisert. Noe som ligner et fødselsnummer eller D-nummer (11 siffer med
gyldige kontrollsifre) hvor som helst i saken avviser hele saken. Meldingen sier hvilken fil og
hvilket felt, aldri nummeret. Felt merket *fritekst* nedenfor vises aldri i rapporten.

## Felt

«Må med» betyr at saken avvises uten feltet. Et felt som ikke må med, kan utelates (eller være
`null`); en liste som utelates, er tom. Tabellene er laget fra saksmodellen i verktøyet.
Eksempler på hele saker står i `eksempler/` (for eksempel `eksempler/os-01.yaml`), og
`revisjon skjema saksuttrekk > saksuttrekk.schema.json` gir det samme som JSON-skjema for editoren.
"""


def _typenavn(annotasjon: Any) -> tuple[str, list[type[BaseModel]]]:
    """What a field holds, in words, and the models it refers to (documented below it)."""
    opprinnelse = typing.get_origin(annotasjon)
    argumenter = typing.get_args(annotasjon)
    if opprinnelse is typing.Annotated:
        return _typenavn(argumenter[0])
    if opprinnelse in (typing.Union, types.UnionType):
        deler = [a for a in argumenter if a is not type(None)]
        return _typenavn(deler[0]) if len(deler) == 1 else ("flere typer", [])
    if opprinnelse is Literal:
        return "en av: " + ", ".join(f"`{a}`" for a in argumenter), []
    if opprinnelse is list:
        navn, modeller = _typenavn(argumenter[0])
        return (f"liste; hvert element {navn}" if modeller else f"liste av {navn}"), modeller
    if isinstance(annotasjon, type) and issubclass(annotasjon, BaseModel):
        navn = annotasjon.__name__
        return f"som [{navn}](#{navn.lower()})", [annotasjon]
    enkle: dict[Any, str] = {
        str: "tekst",
        bool: "`true` eller `false`",
        int: "heltall",
        float: "tall",
        dt.date: "dato (ÅÅÅÅ-MM-DD)",
    }
    return enkle.get(annotasjon, str(annotasjon)), []


def _grenser(felt: FieldInfo) -> str:
    tekster = []
    for m in felt.metadata:
        for attributt, ord_ in (("ge", "minst"), ("le", "høyst"), ("min_length", "minst tegn:")):
            if (verdi := getattr(m, attributt, None)) is not None:
                tekster.append(f"{ord_} {verdi}")
    return ", ".join(tekster)


def _standard(felt: FieldInfo) -> str:
    if felt.is_required():
        return "må med"
    if felt.default_factory is not None:
        return "kan utelates (tom liste)"
    if felt.default is None:
        return "kan utelates"
    return f"kan utelates (standard `{felt.default}`)"


def _tabell(modell: type[BaseModel]) -> tuple[str, list[type[BaseModel]]]:
    linjer = [
        f"### {modell.__name__}",
        "",
        "| felt | innhold | må med? | betyr |",
        "|---|---|---|---|",
    ]
    under: list[type[BaseModel]] = []
    for navn, felt in modell.model_fields.items():
        noekkel = f"{modell.__name__}.{navn}"
        if noekkel not in BETYDNING:
            raise KeyError(f"{noekkel}: feltet mangler en forklaring i revisjon/saksdok.py")
        innhold, modeller = _typenavn(felt.annotation)
        if grenser := _grenser(felt):
            innhold += f" ({grenser})"
        ekstra = felt.json_schema_extra
        if isinstance(ekstra, dict) and ekstra.get("fritekst"):
            innhold += ", *fritekst*"
        linjer.append(f"| `{navn}` | {innhold} | {_standard(felt)} | {BETYDNING[noekkel]} |")
        under += modeller
    return "\n".join(linjer) + "\n", under


def saksuttrekk_markdown() -> str:
    """The whole document: the introduction and one field table per part of a case."""
    deler = [INNLEDNING]
    sett: set[type[BaseModel]] = set()
    ko: list[type[BaseModel]] = [Sak]
    while ko:
        modell = ko.pop(0)
        if modell in sett:
            continue
        sett.add(modell)
        tekst, under = _tabell(modell)
        deler.append(tekst)
        ko += under
    ubrukte = sorted(set(BETYDNING) - {f"{m.__name__}.{f}" for m in sett for f in m.model_fields})
    if ubrukte:
        raise KeyError(f"forklaringer for felt modellen ikke har: {', '.join(ubrukte)}")
    return "\n".join(deler)
