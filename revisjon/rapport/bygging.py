"""The forvaltningsrevisjon report as data: every number and text the template needs.

Building the report is separate from writing it, so an office's own template (``--mal``) gets
the same, documented values as the bundled one: ``rapport`` is a ``Rapport``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from revisjon import __version__, norsk
from revisjon.feil import Avvisning
from revisjon.kriteriesprak.lasting import LastetSett
from revisjon.kriteriesprak.maler import fyll_rapporttekst
from revisjon.kriteriesprak.modell import (
    STANDARD_KONKLUSJON,
    STATUSER,
    Grad,
    Kriterium,
    Problemstilling,
)
from revisjon.rapport.statistikk import Andel
from revisjon.resultat import STATUSTEKST, Kjoring, Resultat, SakResultat
from revisjon.sak import TJENESTENAVN

if TYPE_CHECKING:  # internal control adds these to a built report (kontroll.rapportdel)
    from revisjon.kontroll.beskrivelse import Utvalgsbeskrivelse
    from revisjon.kontroll.toleranse import Toleranse

STOR_KJORING = 1000
"""More cases than this make a large run, whose Markdown report lists no case by case: it gives
the counts and tells the reader where the verdict on each case is (``--format json``,
``--avvik FIL.csv``). A table row per case and criterion is what a report is for in a sample of
tens or hundreds of cases, the usual size of a forvaltningsrevisjon; with thousands it becomes
hundreds of pages no one reads (and that pandoc struggles to turn into a document), while the
figures that carry the findings stay the same."""

LISTEGRENSE = 100
"""Rows a shortened listing shows (rejected inputs, overrides) before «… og N til»."""


@dataclass(frozen=True)
class Kriteriefunn:
    """One criterion's facts, assessment and recommendation."""

    kriterium: Kriterium
    fil: str
    antall: dict[str, int]
    andel: Andel
    grad: str | None
    kjoring: Kjoring = field(repr=False, compare=False)
    vurdering: str
    hovedtrekk: str
    stotte: str
    anbefaling: str | None
    statusnavn: dict[str, str] = field(default_factory=lambda: dict(STATUSTEKST))
    """The words the criteria file uses for each status (``lovbrudd`` for ``ikke_oppfylt``)."""

    @property
    def id(self) -> str:
        return self.kriterium.id

    def statusmerke(self, resultat: Resultat) -> str:
        """A verdict's status in this criterion's words, marked when the auditor overrode it."""
        merke = self.statusnavn[resultat.status]
        return f"{merke} (overstyrt)" if resultat.overstyring else merke

    @property
    def saker(self) -> list[tuple[SakResultat, Resultat]]:
        """Every case with this criterion's verdict on it. Built each time it is asked for (by
        the case listings of a small run), not kept: a large run would hold one per verdict."""
        return [(s, r) for s in self.kjoring.saker for r in s.resultater if r.kriterium == self.id]

    @property
    def aktuelle(self) -> list[tuple[SakResultat, Resultat]]:
        return [(s, r) for s, r in self.saker if r.status != "ikke_aktuelt"]

    @property
    def ikke_aktuelle(self) -> list[SakResultat]:
        return [s for s, r in self.saker if r.status == "ikke_aktuelt"]

    @property
    def faller_kort(self) -> bool:
        """Assessed in some case and not met in every one of them."""
        return self.andel.vurdert > 0 and self.andel.oppfylt < self.andel.vurdert

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
    utvalgsbeskrivelse: Utvalgsbeskrivelse | None = None
    toleranse: Toleranse | None = None

    @property
    def konfidens_tekst(self) -> str:
        return norsk.konfidens(self.konfidens)

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
        datoer = [s.vedtaksdato for s in self.kjoring.saker if s.vedtaksdato]
        return (norsk.dato(min(datoer)), norsk.dato(max(datoer))) if datoer else None

    @property
    def stor(self) -> bool:
        """A large run: the report gives counts, not a row per case (see ``STOR_KJORING``)."""
        return len(self.kjoring.saker) > STOR_KJORING

    @property
    def avviste_listet(self) -> list[Avvisning]:
        """The rejected inputs the report lists: all of them, or the first ``LISTEGRENSE`` in a
        large run or when there are more than ``STOR_KJORING`` (they grow with the input)."""
        avviste = self.kjoring.avviste
        forkort = self.stor or len(avviste) > STOR_KJORING
        return avviste[:LISTEGRENSE] if forkort else avviste

    @property
    def avviste_utelatt(self) -> int:
        """How many the report leaves out, for «… og N til»."""
        return len(self.kjoring.avviste) - len(self.avviste_listet)

    @property
    def overstyrte_listet(self) -> list[tuple[SakResultat, Resultat]]:
        """The overrides the report lists with their reasons: all of them, unless there are more
        than ``STOR_KJORING``. They are the auditor's own judgments, each one written by hand,
        so a large run still lists them all."""
        forkort = len(self.overstyrte) > STOR_KJORING
        return self.overstyrte[:LISTEGRENSE] if forkort else self.overstyrte

    @property
    def overstyrte_utelatt(self) -> int:
        """How many the report leaves out, for «… og N til»."""
        return len(self.overstyrte) - len(self.overstyrte_listet)

    @property
    def filer_samlet(self) -> bool:
        """More files than ``STOR_KJORING``: the report gives their fingerprint, not a row each."""
        return len(self.filer) > STOR_KJORING

    @property
    def fingeravtrykk(self) -> str:
        """SHA-256 of the list of files read, one line «SHA-256, two spaces, path» per file in
        the order of the run (the format of ``sha256sum``): the same files give the same value."""
        sum_ = hashlib.sha256()
        for fil, sha in self.filer:
            sum_.update(f"{sha}  {fil}\n".encode())
        return sum_.hexdigest()


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
    """The values a criteria file's report texts name (``{vurdert}``, ``{andel}`` …), as the
    report writes them: counts with a thousands separator, shares in per cent."""
    return {
        "oppfylt": norsk.heltall(antall.get("oppfylt", 0)),
        "delvis_oppfylt": norsk.heltall(antall.get("delvis_oppfylt", 0)),
        "ikke_oppfylt": norsk.heltall(antall.get("ikke_oppfylt", 0)),
        "ikke_aktuelt": norsk.heltall(antall.get("ikke_aktuelt", 0)),
        "ikke_vurdert": norsk.heltall(antall.get("ikke_vurdert", 0)),
        "vurdert": norsk.heltall(andel.vurdert),
        "andel": norsk.prosent(andel.andel),
        "intervall": norsk.intervall(andel.intervall),
        "grad": grad or "–",
    }


def stotte_tekst(andel: Andel) -> str:
    """What the sample can support, in plain words (the upper or lower bound that matters)."""
    if not andel.vurdert or andel.intervall is None:
        return "Kriteriet er ikke vurdert i noen sak, så utvalget sier ingenting om praksis."
    # The limits of the two-sided interval, rounded outwards like the interval in the report.
    lav, hoy = norsk.nedre_grense(andel.intervall[0]), norsk.ovre_grense(andel.intervall[1])
    sikkerhet = norsk.konfidens(andel.konfidens)
    saker = "sak" if andel.vurdert == 1 else "saker"
    grunnlag = (
        f"Med {norsk.heltall(andel.vurdert)} {saker} og {norsk.heltall(andel.oppfylt)} "
        "funnet i orden"
    )
    if andel.oppfylt == 0:
        return f"{grunnlag} kan vi med {sikkerhet} sikkerhet bare si at andelen er under {hoy}."
    if andel.oppfylt == andel.vurdert:
        return f"{grunnlag} kan vi med {sikkerhet} sikkerhet bare si at andelen er over {lav}."
    return (
        f"{grunnlag} kan vi med {sikkerhet} sikkerhet si at andelen ligger mellom {lav} og {hoy}."
    )


def hovedtrekk(
    antall: dict[str, int], vurdert: int, statusnavn: dict[str, str] | None = None
) -> str:
    if not vurdert:
        return (
            "Kriteriet var ikke aktuelt eller kunne ikke vurderes i noen av de gjennomgåtte sakene."
        )
    vanligst = max(("ikke_oppfylt", "delvis_oppfylt", "oppfylt"), key=lambda s: antall[s])
    av = f"({norsk.heltall(antall[vanligst])} av {norsk.heltall(vurdert)} saker)"
    if statusnavn and statusnavn[vanligst] != STATUSTEKST[vanligst]:
        # The criteria file's own words (e.g. «lovbrudd») do not fit the sentence below.
        return f"Et hovedtrekk i de gjennomgåtte sakene er: {statusnavn[vanligst]} {av}."
    return f"Et hovedtrekk i de gjennomgåtte sakene er at kriteriet {_LEDDSETNING[vanligst]} {av}."


_LEDDSETNING = {
    "oppfylt": "er oppfylt",
    "delvis_oppfylt": "bare er delvis oppfylt",
    "ikke_oppfylt": "ikke er oppfylt",
}


def _vurderingstekst(kriterium: Kriterium, andel: Andel, verdier: dict[str, str]) -> str:
    tekster = kriterium.revisjonens_vurdering
    if not andel.vurdert:
        return "Kriteriet er ikke vurdert i noen av sakene, og revisjonen gjør derfor ingen vurdering av det."
    if tekster is None:
        standard = (
            "Revisjonen vurderer at kriteriet er {grad} oppfylt i de gjennomgåtte sakene: "
            "oppfylt i {oppfylt} av {vurdert} saker ({andel})."
        )
        return fyll_rapporttekst(standard, verdier)
    if andel.oppfylt == andel.vurdert:
        return fyll_rapporttekst(tekster.alle, verdier)
    if andel.oppfylt == 0:
        return fyll_rapporttekst(tekster.ingen, verdier)
    return fyll_rapporttekst(tekster.noen, verdier)


def _kriteriefunn(
    kjoring: Kjoring,
    sett: LastetSett,
    kriterium: Kriterium,
    konfidens: float,
    antall: dict[str, int],
) -> Kriteriefunn:
    vurdert = antall["oppfylt"] + antall["delvis_oppfylt"] + antall["ikke_oppfylt"]
    andel = Andel(antall["oppfylt"], vurdert, konfidens)
    grad = velg_grad(andel.andel, sett.sett.gradering)
    verdier = _tall(andel, antall, grad)
    faller_kort = vurdert > 0 and andel.oppfylt < vurdert
    egne = {str(s): navn for s, navn in sett.sett.statusnavn.items()}
    statusnavn = {s: egne.get(s, tekst) for s, tekst in STATUSTEKST.items()}
    return Kriteriefunn(
        kriterium=kriterium,
        fil=sett.fil,
        antall=antall,
        andel=andel,
        grad=grad,
        kjoring=kjoring,
        vurdering=_vurderingstekst(kriterium, andel, verdier),
        hovedtrekk=hovedtrekk(antall, vurdert, statusnavn),
        stotte=stotte_tekst(andel),
        anbefaling=fyll_rapporttekst(kriterium.anbefaling, verdier)
        if kriterium.anbefaling and faller_kort
        else None,
        statusnavn=statusnavn,
    )


def _konklusjon(
    problemstilling: Problemstilling, funn: list[Kriteriefunn], sett: LastetSett, konfidens: float
) -> Konklusjon:
    oppfylt = sum(f.andel.oppfylt for f in funn)
    vurdert = sum(f.andel.vurdert for f in funn)
    andel = Andel(oppfylt, vurdert, konfidens)
    antall = {s: sum(f.antall[s] for f in funn) for s in STATUSTEKST}
    grad = velg_grad(andel.andel, sett.sett.gradering)
    mal = problemstilling.konklusjon or STANDARD_KONKLUSJON
    tekst = (
        fyll_rapporttekst(mal, _tall(andel, antall, grad))
        if vurdert
        else "Ingen av kriteriene under problemstillingen kunne vurderes i de gjennomgåtte sakene."
    )
    return Konklusjon(problemstilling, funn, andel, grad, tekst)


def bygg_rapport(
    kjoring: Kjoring,
    *,
    kriteriesett: list[LastetSett],
    dato: dt.date,
    konfidens: float = 0.95,
    valg: list[tuple[str, str]] | None = None,
    utvalg: str | None = None,
) -> Rapport:
    """Compute every figure and text of the report from a run's verdicts."""
    funn: list[Kriteriefunn] = []
    konklusjoner: list[Konklusjon] = []
    antall = kjoring.antall_per_kriterium()
    for sett in kriteriesett:
        sine = {
            k.id: _kriteriefunn(
                kjoring, sett, k.kilde, konfidens, antall.get(k.id, dict.fromkeys(STATUSER, 0))
            )
            for k in sett.kriterier
        }
        funn += sine.values()
        for p in sett.sett.problemstillinger():
            konklusjoner.append(
                _konklusjon(p, [sine[i] for i in p.kriterier or []], sett, konfidens)
            )
    forste = kriteriesett[0].sett if kriteriesett else None
    overstyrte = [(s, r) for s in kjoring.saker for r in s.resultater if r.overstyring]
    return Rapport(
        tittel=forste.tittel if forste else "Revisjonsrapport",
        formaal=forste.formaal if forste else None,
        bakgrunn=forste.bakgrunn if forste else None,
        konklusjoner=konklusjoner,
        funn=funn,
        kjoring=kjoring,
        kriteriesett=kriteriesett,
        dato=dato,
        konfidens=konfidens,
        valg=valg or [],
        filer=kjoring.filer,
        utvalg=utvalg,
        overstyrte=overstyrte,
    )
