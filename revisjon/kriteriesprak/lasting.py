"""Loading criteria files: YAML → checked models → compiled criteria, or every problem found.

Problems are reported as ``file:line: kriterium-id: what is wrong`` (KriterieFeil), so that a
broken criterion is caught before a single case is judged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from revisjon.feil import Avvisning, KriterieFeil
from revisjon.inntak.dekoding import DekodingFeil, dekod
from revisjon.kriteriesprak.kompilering import Kompileringsfeil
from revisjon.kriteriesprak.modell import Kriteriesett
from revisjon.kriteriesprak.regel import KompilertKriterium, kompiler_kriterium
from revisjon.meldinger import felt_sti, oversett
from revisjon.yamllast import YamlFeil, les_yaml

STANDARDSETT = "barnefattigdom-nav.yaml"


@dataclass(frozen=True)
class LastetSett:
    """One criteria file, checked and compiled."""

    fil: str
    sha256: str
    sett: Kriteriesett
    kriterier: tuple[KompilertKriterium, ...]


def standard_kriteriefil() -> Path:
    """The bundled default criteria set (installed with the package)."""
    return Path(str(resources.files("revisjon") / "kriterier" / STANDARDSETT))


def finn_kriteriefiler(stier: Sequence[Path]) -> list[Path]:
    """Criteria files named directly, or every .yaml/.yml in a named directory (sorted)."""
    filer: list[Path] = []
    for sti in stier:
        if sti.is_dir():
            filer += sorted(p for p in sti.rglob("*") if p.suffix in (".yaml", ".yml"))
        else:
            filer.append(sti)
    return filer


def last_kriterier(stier: Sequence[Path] = ()) -> list[LastetSett]:
    """Load and compile criteria files (the bundled default when none are given).

    Raises KriterieFeil listing every problem in every file, and duplicate ids across files.
    """
    filer = finn_kriteriefiler(stier) if stier else [standard_kriteriefil()]
    problemer: list[Avvisning] = []
    if not filer:
        navn = ", ".join(str(s) for s in stier)
        raise KriterieFeil([Avvisning(navn, None, None, "ingen kriteriefiler (.yaml) funnet")])
    lastet: list[LastetSett] = []
    sett_id: dict[str, str] = {}
    for fil in filer:
        sett, feil = last_fil(fil)
        problemer += feil
        if sett is None:
            continue
        for i, kriterium in enumerate(sett.kriterier):
            if kriterium.id in sett_id:
                problemer.append(
                    Avvisning(
                        sett.fil,
                        _linje_for(fil, ("kriterier", i, "id")),
                        kriterium.id,
                        f"id-en er brukt før (i {sett_id[kriterium.id]}); gi hvert kriterium "
                        "en unik id",
                    )
                )
            sett_id.setdefault(kriterium.id, sett.fil)
        lastet.append(sett)
    if problemer:
        raise KriterieFeil(problemer)
    return lastet


def _linje_for(fil: Path, sti: tuple[str | int, ...]) -> int | None:
    try:
        return les_yaml(dekod(fil.read_bytes())).linje(sti)
    except (OSError, YamlFeil, DekodingFeil):
        return None


def last_fil(fil: Path) -> tuple[LastetSett | None, list[Avvisning]]:
    """One criteria file, or the problems that make it unusable."""
    navn = str(fil)
    try:
        innhold = fil.read_bytes()
        dokument = les_yaml(dekod(innhold))
    except OSError as feil:
        return None, [Avvisning(navn, None, None, f"kan ikke leses ({feil.strerror})")]
    except (YamlFeil, DekodingFeil) as feil:
        return None, [Avvisning(navn, feil.linje, None, feil.melding)]
    try:
        sett = Kriteriesett.model_validate(dokument.data)
    except ValidationError as feil:
        return None, [
            Avvisning(navn, dokument.linje(loc), _kriterium_id(dokument.data, loc), _sted(loc, m))
            for loc, m in oversett(feil, Kriteriesett)
        ]
    kompilerte: list[KompilertKriterium] = []
    problemer: list[Avvisning] = []
    for i, kriterium in enumerate(sett.kriterier):
        try:
            kompilerte.append(kompiler_kriterium(kriterium, sett.negasjonsord))
        except Kompileringsfeil as feil:
            loc = ("kriterier", i, *feil.sted)
            problemer.append(
                Avvisning(navn, dokument.linje(loc), kriterium.id, _sted(loc, feil.melding))
            )
    if problemer:
        return None, problemer
    sha = hashlib.sha256(innhold).hexdigest()
    return LastetSett(navn, sha, sett, tuple(kompilerte)), []


def _kriterium_id(data: Any, loc: tuple[str | int, ...]) -> str | None:
    """The id of the criterion a location is inside, as written in the file."""
    if len(loc) >= 2 and loc[0] == "kriterier" and isinstance(loc[1], int):
        try:
            kriterium = data["kriterier"][loc[1]]
            return (
                str(kriterium.get("id"))
                if isinstance(kriterium, dict) and kriterium.get("id")
                else f"kriterium nr. {loc[1] + 1}"
            )
        except (KeyError, IndexError, TypeError):
            return None
    return None


def _sted(loc: tuple[str | int, ...], melding: str) -> str:
    """The field path inside the criterion (or the file) in front of the message."""
    inni = loc[2:] if len(loc) >= 2 and loc[0] == "kriterier" and isinstance(loc[1], int) else loc
    sti = felt_sti(inni)
    return f"{sti}: {melding}" if sti else melding
