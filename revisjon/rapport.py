"""The forvaltningsrevisjon report as data: every number and text the template needs.

Building the report is separate from writing it, so an office's own template (``--mal``) gets
the same, documented values as the bundled one: ``rapport`` is a ``Rapport``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from revisjon import __version__, norsk
from revisjon.kriteriesprak.lasting import LastetSett
from revisjon.kriteriesprak.modell import Grad, Kriterium, Problemstilling
from revisjon.resultat import STATUSTEKST, Kjoring, Resultat, SakResultat
from revisjon.sak import TJENESTENAVN
from revisjon.statistikk import Andel


@dataclass(frozen=True)
class Kriteriefunn:
    """One criterion's facts, assessment and recommendation."""

    kriterium: Kriterium
    fil: str
    antall: dict[str, int]
    andel: Andel
    grad: str | None
    saker: list[tuple[SakResultat, Resultat]]
    vurdering: str
    hovedtrekk: str
    stotte: str
    anbefaling: str | None

    @property
    def id(self) -> str:
        return self.kriterium.id

    @property
    def aktuelle(self) -> list[tuple[SakResultat, Resultat]]:
        return [(s, r) for s, r in self.saker if r.status != "ikke_aktuelt"]

    @property
    def ikke_aktuelle(self) -> list[SakResultat]:
        return [s for s, r in self.saker if r.status == "ikke_aktuelt"]

    def med_status(self, status: str) -> list[tuple[SakResultat, Resultat]]:
        return [(s, r) for s, r in self.saker if r.status == status]

    @property
    def andel_tekst(self) -> str:
        return norsk.prosent(self.andel.andel)

    @property
    def intervall_tekst(self) -> str:
        return norsk.intervall(self.andel.intervall)


@dataclass(frozen=True)
class Konklusjon:
    """The answer to one problemstilling, on the wording scale of the criteria file."""

    problemstilling: Problemstilling
    funn: list[Kriteriefunn]
    andel: Andel
    grad: str | None
    tekst: str


@dataclass(frozen=True)
class Rapport:
    """Everything in the report; the template decides only how it reads."""

    tittel: str
    formaal: str | None
    bakgrunn: str | None
    konklusjoner: list[Konklusjon]
    funn: list[Kriteriefunn]
    kjoring: Kjoring
    kriteriesett: list[LastetSett]
    dato: dt.date
    konfidens: float
    valg: list[tuple[str, str]]
    filer: list[tuple[str, str]]
    versjon: str = __version__
    utvalg: str | None = None
    overstyrte: list[tuple[SakResultat, Resultat]] = field(default_factory=list)

    @property
    def konfidens_tekst(self) -> str:
        return norsk.prosent(self.konfidens, 0)

    @property
    def per_tjeneste(self) -> list[tuple[str, int]]:
        teller = Counter(s.tjeneste for s in self.kjoring.saker)
        return [(TJENESTENAVN.get(t, t), n) for t, n in sorted(teller.items())]

    @property
    def per_enhet(self) -> list[tuple[str, int]]:
        teller = Counter(s.enhet or "ikke oppgitt" for s in self.kjoring.saker)
        return sorted(teller.items())

    @property
    def periode(self) -> tuple[str, str] | None:
        datoer = sorted(s.vedtaksdato for s in self.kjoring.saker if s.vedtaksdato)
        return (norsk.dato(datoer[0]), norsk.dato(datoer[-1])) if datoer else None


def velg_grad(andel: float | None, skala: list[Grad]) -> str | None:
    """The wording for a share: the first step of the scale the share reaches."""
    if andel is None:
        return None
    for steg in skala:
        if (steg.over is not None and andel > steg.over) or (
            steg.minst is not None and andel >= steg.minst
        ):
            return steg.tekst
    return None


def _tall(andel: Andel, antall: dict[str, int], grad: str | None) -> dict[str, str]:
    return {
        "oppfylt": str(antall.get("oppfylt", 0)),
        "delvis_oppfylt": str(antall.get("delvis_oppfylt", 0)),
        "ikke_oppfylt": str(antall.get("ikke_oppfylt", 0)),
        "ikke_aktuelt": str(antall.get("ikke_aktuelt", 0)),
        "ikke_vurdert": str(antall.get("ikke_vurdert", 0)),
        "vurdert": str(andel.vurdert),
        "andel": norsk.prosent(andel.andel),
        "intervall": norsk.intervall(andel.intervall),
        "grad": grad or "–",
    }


def stotte_tekst(andel: Andel) -> str:
    """What the sample can support, in plain words (the upper or lower bound that matters)."""
    if not andel.vurdert or andel.intervall is None:
        return "Kriteriet er ikke vurdert i noen sak, så utvalget sier ingenting om praksis."
    lav, hoy = andel.intervall
    sikkerhet = norsk.prosent(andel.konfidens, 0)
    grunnlag = f"Med {andel.vurdert} saker og {andel.oppfylt} funnet i orden"
    if andel.oppfylt == 0:
        return f"{grunnlag} kan vi med {sikkerhet} sikkerhet bare si at andelen er under {norsk.prosent(hoy)}."
    if andel.oppfylt == andel.vurdert:
        return f"{grunnlag} kan vi med {sikkerhet} sikkerhet bare si at andelen er over {norsk.prosent(lav)}."
    return (
        f"{grunnlag} kan vi med {sikkerhet} sikkerhet si at andelen ligger mellom "
        f"{norsk.prosent(lav)} og {norsk.prosent(hoy)}."
    )


def hovedtrekk(antall: dict[str, int], vurdert: int) -> str:
    if not vurdert:
        return (
            "Kriteriet var ikke aktuelt eller kunne ikke vurderes i noen av de gjennomgåtte sakene."
        )
    vanligst = max(("ikke_oppfylt", "delvis_oppfylt", "oppfylt"), key=lambda s: antall[s])
    return (
        f"Et hovedtrekk i de gjennomgåtte sakene er at kriteriet er {STATUSTEKST[vanligst]} "
        f"({antall[vanligst]} av {vurdert} saker)."
    )
