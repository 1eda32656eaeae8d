"""The sample manifest (``revisjon-utvalg/1``): what was drawn, from what, and how.

``revisjon stikkprove`` writes it (YAML, or JSON when the file name ends in ``.json``);
``revisjon vurder --utvalg`` and ``stikkprove --ekskluder`` read it. Keys (see README.md):
format, verktoy, metode, rangering, seed, antall, lagdelt_etter, filtre, ekskludert, inndata,
lest, avvist, populasjon {antall, sha256, lag}, valgt.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field

from revisjon import __version__
from revisjon.feil import FilFeil
from revisjon.inntak.datafil import Lest, les_og_valider
from revisjon.kontroll.utvalg import Filtre, Lagdeling, Trekning
from revisjon.sak import Dato, Modell

FORMAT: Literal["revisjon-utvalg/1"] = "revisjon-utvalg/1"
METODE: Literal["sha256-rangering"] = "sha256-rangering"
RANGERING = (
    'stigende SHA-256 (heksadesimal) av UTF-8-bytene i f"{seed}\\n{sak_id}"; '
    "de første N (per lag når utvalget er lagdelt)"
)


class ManifestFeil(FilFeil):
    """A sample manifest that cannot be used."""

    oppsummering = "Utvalgsmanifestet kan ikke brukes; rett feilene over og prøv igjen."


class Filtrering(Modell):
    tjeneste: list[str] = []
    enhet: list[str] = []
    fra: Dato | None = None
    til: Dato | None = None
    dag: Dato | None = None
    kontor: list[str] = []


class LagInfo(Modell):
    navn: str | None
    populasjon: int = Field(ge=0)
    valgt: int = Field(ge=0)


class Populasjon(Modell):
    antall: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    lag: list[LagInfo] = []


class Ekskludering(Modell):
    fil: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    antall: int = Field(ge=0)
    """How many of that manifest's chosen ids were in the population read and left out."""


class Manifest(Modell):
    format: Literal["revisjon-utvalg/1"]
    verktoy: str
    metode: Literal["sha256-rangering"]
    rangering: str
    seed: str = Field(min_length=1)
    antall: int = Field(ge=1)
    lagdelt_etter: Lagdeling | None = None
    filtre: Filtrering = Filtrering()
    ekskludert: list[Ekskludering] = []
    inndata: list[str] = []
    lest: int = Field(ge=0)
    avvist: int = Field(ge=0)
    populasjon: Populasjon
    valgt: list[str]

    @property
    def filtre_som_objekt(self) -> Filtre:
        f = self.filtre
        return Filtre(tuple(f.tjeneste), tuple(f.enhet), f.fra, f.til, f.dag, tuple(f.kontor))


def lag_manifest(
    trekning: Trekning,
    *,
    seed: str,
    antall: int,
    filtre: Filtre,
    lagdelt_etter: Lagdeling | None,
    ekskludert: list[Ekskludering],
    inndata: list[str],
    lest: int,
    avvist: int,
    populasjonshash: str,
) -> Manifest:
    return Manifest(
        format=FORMAT,
        verktoy=f"revisjon {__version__}",
        metode=METODE,
        rangering=RANGERING,
        seed=seed,
        antall=antall,
        lagdelt_etter=lagdelt_etter,
        filtre=Filtrering(
            tjeneste=list(filtre.tjeneste),
            enhet=list(filtre.enhet),
            fra=filtre.fra,
            til=filtre.til,
            dag=filtre.dag,
            kontor=list(filtre.kontor),
        ),
        ekskludert=ekskludert,
        inndata=inndata,
        lest=lest,
        avvist=avvist,
        populasjon=Populasjon(
            antall=len(trekning.populasjon),
            sha256=populasjonshash,
            lag=[
                LagInfo(navn=lag.navn, populasjon=lag.populasjon, valgt=lag.valgt)
                for lag in trekning.lag
            ],
        ),
        valgt=[s.sak_id for s in trekning.valgt],
    )


def manifesttekst(manifest: Manifest, *, som_json: bool) -> str:
    """The manifest as YAML (or JSON), keys in the documented order."""
    data = manifest.model_dump(mode="json")
    if som_json:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return (
        "# Utvalgsmanifest fra revisjon stikkprove. Ikke rediger: filen dokumenterer utvalget.\n"
        + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    )


LestManifest = Lest[Manifest]
"""A manifest read from a file, with the file's name and SHA-256 (for traceability)."""


def les_manifest(fil: Path) -> LestManifest:
    """Read and check a manifest; raise ManifestFeil listing every problem."""
    return les_og_valider(fil, Manifest, feilklasse=ManifestFeil)
