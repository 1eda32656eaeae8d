"""Verdicts: what the tool concluded for each case and criterion, and what it could not read."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from revisjon.feil import Avvisning
from revisjon.kriteriesprak.modell import STATUSER, Status

STATUSTEKST: dict[str, str] = {
    "oppfylt": "oppfylt",
    "delvis_oppfylt": "delvis oppfylt",
    "ikke_oppfylt": "ikke oppfylt",
    "ikke_aktuelt": "ikke aktuelt",
    "ikke_vurdert": "ikke vurdert",
}


@dataclass(frozen=True, slots=True)
class Overstyring:
    """An auditor's overruling of a verdict: what the tool said, and why the auditor differs."""

    opprinnelig_status: Status
    opprinnelig_begrunnelse: str
    begrunnelse: str
    av: str
    dato: dt.date


@dataclass(frozen=True, slots=True)
class Resultat:
    """One criterion's verdict on one case, with a short reason that names its evidence."""

    kriterium: str
    status: Status
    begrunnelse: str
    overstyring: Overstyring | None = None
    setninger: tuple[int, ...] = ()
    """For a verdict that reads a free text: the sentences (numbered from 1, as
    ``revisjon.tekst.setninger`` numbers them) that decided it."""
    tekstfelt: str | None = None
    """The path of the free text read ("vedtak.tekst"), or None when no text was read."""
    til_kontroll: str | None = None
    """Why the auditor should read the text themselves (a borderline reading), or None."""


@dataclass(frozen=True, slots=True)
class SakResultat:
    """All verdicts on one case, with the facts about the case a report needs (no free text)."""

    sak_id: str
    fil: str
    linje: int | None
    tjeneste: str
    enhet: str | None
    vedtaksdato: dt.date | None
    resultater: tuple[Resultat, ...]
    kontor: str | None = None


_NY = object.__new__
_R_KRITERIUM, _R_STATUS, _R_BEGRUNNELSE, _R_OVERSTYRING, _R_SETNINGER, _R_FELT, _R_KONTROLL = (
    getattr(Resultat, felt).__set__
    for felt in (
        "kriterium",
        "status",
        "begrunnelse",
        "overstyring",
        "setninger",
        "tekstfelt",
        "til_kontroll",
    )
)
_S_SAK_ID, _S_FIL, _S_LINJE, _S_TJENESTE, _S_ENHET, _S_VEDTAKSDATO, _S_RESULTATER, _S_KONTOR = (
    getattr(SakResultat, felt).__set__
    for felt in (
        "sak_id",
        "fil",
        "linje",
        "tjeneste",
        "enhet",
        "vedtaksdato",
        "resultater",
        "kontor",
    )
)


def nytt_resultat(
    kriterium: str,
    status: Status,
    begrunnelse: str,
    setninger: tuple[int, ...] = (),
    tekstfelt: str | None = None,
    til_kontroll: str | None = None,
) -> Resultat:
    """``Resultat(kriterium, status, begrunnelse, None, setninger, tekstfelt, til_kontroll)``,
    built a third faster.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, which looks
    the field up by name; here each slot is set directly. A large run builds hundreds of
    thousands of verdicts, so the hot paths (judging, and the parent taking the workers'
    verdicts back) build them this way.
    """
    resultat: Resultat = _NY(Resultat)
    _R_KRITERIUM(resultat, kriterium)
    _R_STATUS(resultat, status)
    _R_BEGRUNNELSE(resultat, begrunnelse)
    _R_OVERSTYRING(resultat, None)
    _R_SETNINGER(resultat, setninger)
    _R_FELT(resultat, tekstfelt)
    _R_KONTROLL(resultat, til_kontroll)
    return resultat


def nytt_sakresultat(
    sak_id: str,
    fil: str,
    linje: int | None,
    tjeneste: str,
    enhet: str | None,
    vedtaksdato: dt.date | None,
    resultater: tuple[Resultat, ...],
    kontor: str | None = None,
) -> SakResultat:
    """``SakResultat(...)``, built as ``nytt_resultat`` builds a verdict."""
    sak: SakResultat = _NY(SakResultat)
    _S_SAK_ID(sak, sak_id)
    _S_FIL(sak, fil)
    _S_LINJE(sak, linje)
    _S_TJENESTE(sak, tjeneste)
    _S_ENHET(sak, enhet)
    _S_VEDTAKSDATO(sak, vedtaksdato)
    _S_RESULTATER(sak, resultater)
    _S_KONTOR(sak, kontor)
    return sak


_SIFFERLOP = re.compile(r"(\d+)")

Sakordensledd = tuple[tuple[int, str | int], ...]
Sorteringsnokkel = tuple[Sakordensledd, str, int]
"""A case's place in natural ``sak_id`` order (``naturlig_sakorden``)."""


def naturlig_sakorden(sak: SakResultat) -> Sorteringsnokkel:
    """The sort key of natural ``sak_id`` order, the order of every table of cases: runs of
    digits compare as numbers (GJ-ØS-2 before GJ-ØS-10), the rest as text without regard to
    case; the file and line break ties so the order never depends on the input order."""
    deler = _SIFFERLOP.split(sak.sak_id)
    # a list comprehension, not a generator: 1.4 against 1.6 µs a case
    ledd = tuple([(1, int(d)) if i & 1 else (0, d.casefold()) for i, d in enumerate(deler) if d])
    return ledd, sak.fil, sak.linje if sak.linje is not None else -1


@dataclass(frozen=True)
class KriterieInfo:
    """What a report says about a criterion, apart from its verdicts."""

    id: str
    tittel: str
    kilde: tuple[str, ...]
    fil: str


@dataclass
class Kjoring:
    """The outcome of one run: criteria, verdicts per case, and every rejected input."""

    kriterier: list[KriterieInfo]
    saker: list[SakResultat] = field(default_factory=list)
    avviste: list[Avvisning] = field(default_factory=list)
    filer: list[tuple[str, str]] = field(default_factory=list)
    """Every file read, with its SHA-256, in path order."""

    @property
    def antall_avviste_inndata(self) -> int:
        return len({a.inndata_id for a in self.avviste})

    @property
    def antall_lest(self) -> int:
        return len(self.saker) + self.antall_avviste_inndata

    def antall(self, kriterium: str) -> dict[str, int]:
        """Cases per status for one criterion, every status present (zero where none)."""
        return self.antall_per_kriterium().get(kriterium) or dict.fromkeys(STATUSER, 0)

    def antall_per_kriterium(self) -> dict[str, dict[str, int]]:
        """Cases per status for every criterion judged, counted in one pass over the run."""
        teller: Counter[tuple[str, str]] = Counter(
            (r.kriterium, r.status) for s in self.saker for r in s.resultater
        )
        return {k: {s: teller[k, s] for s in STATUSER} for k in dict.fromkeys(k for k, _ in teller)}
