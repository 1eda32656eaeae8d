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
from revisjon.inntak.meldinger import felt_sti, oversett
from revisjon.inntak.yamllast import YamlDokument, YamlFeil, les_yaml

M = TypeVar("M", bound=BaseModel)


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
    try:
        innhold = fil.read_bytes()
        tekst = dekod(innhold)
        if som_json if som_json is not None else fil.suffix.lower() == ".json":
            return innhold, YamlDokument(json.loads(tekst))  # JSON gives no line numbers
        return innhold, les_yaml(tekst)
    except OSError as feil:
        melding = f"kan ikke leses ({feil.strerror})"
        raise feilklasse([Avvisning(navn, None, None, melding)]) from None
    except json.JSONDecodeError as feil:
        raise feilklasse([Avvisning(navn, feil.lineno, None, "ugyldig JSON" + json_hint)]) from None
    except (YamlFeil, DekodingFeil) as feil:
        raise feilklasse([Avvisning(navn, feil.linje, None, feil.melding)]) from None


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
        problemer = [
            Avvisning(str(fil), dokument.linje(loc), felt_sti(loc) or None, melding)
            for loc, melding in oversett(feil, modell)
        ]
        raise feilklasse(problemer[:maks_feil]) from None


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
