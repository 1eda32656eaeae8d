"""Reading the tool's own support files (overrides, sample manifests, result files).

Each is YAML or JSON; every problem becomes an Avvisning
with file and line, raised as the caller's FilFeil subclass.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from revisjon.feil import Avvisning, FilFeil
from revisjon.inntak.dekoding import DekodingFeil, dekod
from revisjon.inntak.fodselsnummer import (
    fodselsnummer_linjer,
    fodselsnummer_steder,
    har_fodselsnummer,
    inneholder_fodselsnummer,
)
from revisjon.inntak.meldinger import felt_sti, og_flere, oversett
from revisjon.inntak.yamllast import (
    FNR_MELDING,
    FodselsnummerFeil,
    YamlDokument,
    YamlFeil,
    les_yaml,
)

M = TypeVar("M", bound=BaseModel)

MAKS_FEIL = 50
"""Problems shown for one support file; the rest are counted («… og 49 998 feil til»)."""


@dataclass(frozen=True)
class Lest(Generic[M]):
    """A support file read and checked: its name, its SHA-256 (for traceability) and its data."""

    fil: str
    sha256: str
    data: M


def les_dokument(
    fil: Path, *, feilklasse: type[FilFeil], som_json: bool | None = None, json_hint: str = ""
) -> tuple[bytes, YamlDokument]:
    """The file's bytes and its data (with lines for YAML); raise ``feilklasse`` on failure.

    ``som_json`` chooses the syntax; None chooses by the file name (``.json`` is JSON).
    """
    navn = str(fil)
    if problemer := fnr_i_navn(fil):
        raise feilklasse(problemer)
    try:
        innhold = fil.read_bytes()
        tekst = dekod(innhold)
        if som_json if som_json is not None else fil.suffix.lower() == ".json":
            if linjer := fodselsnummer_linjer(tekst):  # as les_yaml does for YAML
                raise FodselsnummerFeil(linjer)
            dokument = YamlDokument(json.loads(tekst))  # JSON gives no line numbers
        else:
            dokument = les_yaml(tekst)
    except OSError as feil:
        melding = f"kan ikke leses ({feil.strerror})"
        raise feilklasse([Avvisning(navn, None, None, melding)]) from None
    except json.JSONDecodeError as feil:
        raise feilklasse([Avvisning(navn, feil.lineno, None, "ugyldig JSON" + json_hint)]) from None
    except (YamlFeil, DekodingFeil) as feil:
        raise feilklasse([Avvisning(navn, feil.linje, None, feil.melding)]) from None
    if problemer := fnr_i_data(navn, dokument):
        raise feilklasse(problemer)
    return innhold, dokument


def fnr_i_navn(fil: Path) -> list[Avvisning]:
    """A rejection when the name of an input file holds an identity number (shown masked)."""
    if not inneholder_fodselsnummer(str(fil)):
        return []
    melding = (
        "navnet inneholder noe som ligner et fødselsnummer eller D-nummer; gi filen et annet navn"
    )
    return [Avvisning(str(fil), None, None, melding)]


def fnr_i_data(navn: str, dokument: YamlDokument) -> list[Avvisning]:
    """Where the data of a read document holds an identity number that its text did not show
    (a YAML or JSON escape, a number YAML reads in another base), field by field."""
    if not har_fodselsnummer(dokument.data):
        return []
    return [
        Avvisning(navn, dokument.linje(sti), felt_sti(sti) or "(toppnivå)", FNR_MELDING)
        for sti in dict.fromkeys(fodselsnummer_steder(dokument.data))
    ]


def valider(
    fil: Path,
    dokument: YamlDokument,
    modell: type[M],
    *,
    feilklasse: type[FilFeil],
    maks_feil: int | None = None,
) -> M:
    """The document as ``modell``; raise ``feilklasse`` listing (up to ``maks_feil``) problems."""
    try:
        return modell.model_validate(dokument.data)
    except ValidationError as feil:
        grense = maks_feil or MAKS_FEIL
        problemer = [
            Avvisning(str(fil), dokument.linje(loc), felt_sti(loc) or None, melding)
            for loc, melding in oversett(feil, modell, maks=grense)
        ]
        if (flere := og_flere(len(problemer), feil.error_count())) and not maks_feil:
            problemer.append(Avvisning(str(fil), None, None, flere))
        raise feilklasse(problemer) from None


def les_og_valider(
    fil: Path,
    modell: type[M],
    *,
    feilklasse: type[FilFeil],
    som_json: bool | None = None,
    json_hint: str = "",
    maks_feil: int | None = None,
) -> Lest[M]:
    """``les_dokument`` and ``valider`` in one, with the file's SHA-256."""
    innhold, dokument = les_dokument(
        fil, feilklasse=feilklasse, som_json=som_json, json_hint=json_hint
    )
    data = valider(fil, dokument, modell, feilklasse=feilklasse, maks_feil=maks_feil)
    return Lest(str(fil), hashlib.sha256(innhold).hexdigest(), data)
