"""The reproducible draw: rank cases by SHA-256 of seed and sak_id, take the first N.

The rank of a case is the lowercase hex SHA-256 of the UTF-8 bytes of ``f"{seed}\\n{sak_id}"``
(the seed as written, a line feed, the sak_id exactly as in the case file), sorted ascending;
ties (never seen in practice) are broken by sak_id. The result depends on nothing but the seed
and the ids: not on file order, machine, or Python version; and raising N from 20 to 40 keeps
the first 20. Stratified (``lagdelt_etter``), the same ranking is applied within each stratum
and the first N of each are taken; strata are listed in sorted order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from revisjon import norsk
from revisjon.feil import RevisjonFeil
from revisjon.inntak.meldinger import er_feltnavn
from revisjon.resultat import SakResultat
from revisjon.sak import TJENESTENAVN, Tjeneste

Lagdeling = Literal["tjeneste", "enhet"]
TJENESTER: tuple[str, ...] = get_args(Tjeneste)


def rangeringsnokkel(seed: str, sak_id: str) -> str:
    """The rank of a case in the draw (see the module docstring)."""
    return hashlib.sha256(f"{seed}\n{sak_id}".encode()).hexdigest()


def populasjonshash(sak_ider: Iterable[str]) -> str:
    """The fingerprint of a population: SHA-256 of the sorted sak_ids, each followed by a line
    feed, in UTF-8 (sorted by code point, as Python sorts strings)."""
    return hashlib.sha256("".join(f"{i}\n" for i in sorted(sak_ider)).encode()).hexdigest()


@dataclass(frozen=True)
class Filtre:
    """Which cases belong to the population. Empty means no restriction."""

    tjeneste: tuple[str, ...] = ()
    enhet: tuple[str, ...] = ()
    fra: dt.date | None = None
    til: dt.date | None = None
    dag: dt.date | None = None
    kontor: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for t in self.tjeneste:
            if t not in TJENESTER:
                raise RevisjonFeil(
                    f"--tjeneste: ukjent tjeneste{f' «{t}»' if er_feltnavn(t) else ''}; "
                    f"velg en av: {', '.join(TJENESTER)}"
                )
        if self.dag is not None and (self.fra is not None or self.til is not None):
            raise RevisjonFeil("--dag kan ikke brukes sammen med --fra eller --til")
        if self.fra is not None and self.til is not None and self.fra > self.til:
            raise RevisjonFeil(
                f"--fra ({norsk.dato(self.fra)}) er etter --til ({norsk.dato(self.til)})"
            )

    @property
    def har_dato(self) -> bool:
        return self.fra is not None or self.til is not None or self.dag is not None

    def passer(self, sak: SakResultat) -> bool:
        if self.tjeneste and sak.tjeneste not in self.tjeneste:
            return False
        if self.enhet and (sak.enhet or "").casefold() not in {e.casefold() for e in self.enhet}:
            return False
        if self.kontor and (sak.kontor or "").casefold() not in {k.casefold() for k in self.kontor}:
            return False
        if not self.har_dato:
            return True
        dato = sak.vedtaksdato
        if dato is None:
            return False
        if self.dag is not None:
            return dato == self.dag
        return (self.fra is None or dato >= self.fra) and (self.til is None or dato <= self.til)

    def beskrivelse(self) -> str:
        """The population restriction in words (empty when none), for reports and messages."""
        deler: list[str] = []
        if self.tjeneste:
            deler.append(" og ".join(TJENESTENAVN.get(t, t) for t in self.tjeneste))
        if self.kontor:
            deler.append("kontor " + " og ".join(f"«{k}»" for k in self.kontor))
        if self.enhet:
            deler.append("enhet " + " og ".join(f"«{e}»" for e in self.enhet))
        if self.dag is not None:
            deler.append(f"vedtak fattet {norsk.dato(self.dag)}")
        elif self.fra is not None and self.til is not None:
            deler.append(f"vedtak fra {norsk.dato(self.fra)} til {norsk.dato(self.til)}")
        elif self.fra is not None:
            deler.append(f"vedtak fra og med {norsk.dato(self.fra)}")
        elif self.til is not None:
            deler.append(f"vedtak til og med {norsk.dato(self.til)}")
        return ", ".join(deler)


@dataclass(frozen=True)
class Lag:
    """One stratum: its name (None: the field is not given in the case), size and draw."""

    navn: str | None
    populasjon: int
    valgt: int


@dataclass(frozen=True)
class Trekning:
    """The outcome of a draw: the population and the chosen cases in rank order."""

    populasjon: list[SakResultat]
    valgt: list[SakResultat]
    lag: list[Lag]


def lagnavn(sak: SakResultat, etter: Lagdeling) -> str | None:
    return sak.tjeneste if etter == "tjeneste" else sak.enhet


def ranger(saker: Sequence[SakResultat], seed: str) -> list[SakResultat]:
    return sorted(saker, key=lambda s: (rangeringsnokkel(seed, s.sak_id), s.sak_id))


def trekk(
    saker: Sequence[SakResultat],
    *,
    antall: int,
    seed: str,
    filtre: Filtre = Filtre(),
    lagdelt_etter: Lagdeling | None = None,
    ekskluder: Iterable[str] = (),
) -> Trekning:
    """Draw ``antall`` cases (per stratum when ``lagdelt_etter``) from the cases that pass the
    filters and are not excluded."""
    if antall < 1:
        raise RevisjonFeil("--antall må være minst 1")
    if not seed:
        raise RevisjonFeil("--seed kan ikke være tom")
    utenfor = set(ekskluder)
    populasjon = [s for s in saker if filtre.passer(s) and s.sak_id not in utenfor]
    if lagdelt_etter is None:
        valgt = ranger(populasjon, seed)[:antall]
        return Trekning(populasjon, valgt, [])
    grupper: dict[str | None, list[SakResultat]] = {}
    for sak in populasjon:
        grupper.setdefault(lagnavn(sak, lagdelt_etter), []).append(sak)
    valgt = []
    lag: list[Lag] = []
    for navn in sorted(grupper, key=lambda n: (n is None, n or "")):
        sine = ranger(grupper[navn], seed)[:antall]
        valgt += sine
        lag.append(Lag(navn, len(grupper[navn]), len(sine)))
    return Trekning(populasjon, valgt, lag)
