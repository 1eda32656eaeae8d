"""The forvaltningsrevisjon report as data: every number and text the template needs.

Building the report is separate from writing it, so an office's own template (``--mal``) gets
the same, documented values as the bundled one: ``rapport`` is a ``Rapport``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
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
from revisjon.rapport.oppdrag import MANGLER_UTEN_OPPDRAG, LestOppdrag
from revisjon.rapport.statistikk import Andel
from revisjon.resultat import STATUSTEKST, Kjoring, Resultat, SakResultat, naturlig_sakorden
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
    stotte: str | None
    """What a random sample can support, in words; None when the sample is not documented as
    random (the method chapter then says once what the intervals mean)."""
    anbefaling: str | None
    statusnavn: dict[str, str] = field(default_factory=lambda: dict(STATUSTEKST))
    """The words the criteria file uses for each status (``lovbrudd`` for ``ikke_oppfylt``)."""

    @property
    def id(self) -> str:
        return self.kriterium.id

    def statusmerke(self, resultat: Resultat) -> str:
        """A verdict's status in this criterion's words; an overridden one says it is the
        auditor's and gives the tool's status beside it."""
        merke = self.statusnavn[resultat.status]
        o = resultat.overstyring
        if o is None:
            return merke
        return f"{merke} (overstyrt av revisor; verktøyet: {self.statusnavn[o.opprinnelig_status]})"

    def begrunnelse(self, resultat: Resultat) -> str:
        """The reason that goes with the status shown: the auditor's for an override."""
        o = resultat.overstyring
        if o is None:
            return resultat.begrunnelse
        return f"{o.begrunnelse} (revisor {o.av}, {norsk.dato(o.dato)})"

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
        """The interval as the tables show it; with none or all in order the one-sided limit,
        named so: ``ensidig øvre grense 22,1 %``."""
        ensidig = self.andel.ensidig
        if ensidig is None:
            return norsk.intervall(self.andel.intervall)
        if ensidig.side == "ovre":
            return f"ensidig øvre grense {norsk.ovre_grense(ensidig.grense)}"
        return f"ensidig nedre grense {norsk.nedre_grense(ensidig.grense)}"

    @property
    def kort_intervall(self) -> str:
        """The interval for a narrow table (the terminal): the one-sided limit as ``under 22,1 %``
        or ``over 77,9 %``."""
        ensidig = self.andel.ensidig
        if ensidig is None:
            return norsk.intervall(self.andel.intervall)
        if ensidig.side == "ovre":
            return f"under {norsk.ovre_grense(ensidig.grense)}"
        return f"over {norsk.nedre_grense(ensidig.grense)}"

    @property
    def usikkerhet_tekst(self) -> str:
        """``95 % konfidensintervall 6,6 %–65,3 %`` or ``ensidig 95 % øvre grense 22,1 %``."""
        konfidens = norsk.konfidens(self.andel.konfidens)
        if self.andel.ensidig is None:
            return f"{konfidens} konfidensintervall {self.intervall_tekst}"
        return self.intervall_tekst.replace("ensidig ", f"ensidig {konfidens} ", 1)

    @property
    def kontor_antall(self) -> list[tuple[str, dict[str, int]]]:
        """Cases per status for each office, in the order of ``Rapport.per_kontor``."""
        teller: dict[str, dict[str, int]] = {}
        for sak, r in self.saker:
            rad = teller.setdefault(kontornavn(sak.kontor), dict.fromkeys(STATUSER, 0))
            rad[r.status] += 1
        return sorted(teller.items())


@dataclass(frozen=True)
class Konklusjon:
    """The answer to one problemstilling, on the wording scale of the criteria file."""

    problemstilling: Problemstilling
    funn: list[Kriteriefunn]
    grad: str | None
    tekst: str
    kriteriegrader: str
    """The criteria named by grade: «K4 langt på veg oppfylt, K1 og K9 i noen grad»."""

    @property
    def anbefalinger(self) -> list[Kriteriefunn]:
        """The criteria under this problemstilling whose findings call for a recommendation."""
        return [f for f in self.funn if f.anbefaling]


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
    tilfeldig: bool = False
    """The sample is documented as random (a manifest): the report may say what it supports."""
    oppdrag: LestOppdrag | None = None
    internkontroll: bool = False
    """Written as the Nav office's own control, not as an audit for the kontrollutvalg."""
    trend: str | None = None
    """The trend against earlier months, as Markdown (internal control)."""

    @property
    def mottaker(self) -> str:
        """Whom the recommendations address: the assignment's entity, else «kommunen»."""
        return self.oppdrag.mottaker if self.oppdrag else "kommunen"

    @property
    def kommune(self) -> str | None:
        return self.oppdrag.data.kommune if self.oppdrag else None

    @property
    def fulltittel(self) -> str:
        """The title as the report and the document properties give it, naming the kommune."""
        if self.oppdrag and self.oppdrag.data.tittel:
            tittel = self.oppdrag.data.tittel
        else:
            tittel = self.tittel
        kommune = self.kommune
        if kommune and kommune.split()[0] not in tittel:
            return f"{tittel} – {kommune}"
        return tittel

    @property
    def mangler(self) -> list[str]:
        """The parts of the report the auditor has not given (``--oppdrag``)."""
        return self.oppdrag.mangler() if self.oppdrag else list(MANGLER_UTEN_OPPDRAG)

    @property
    def per_kontor(self) -> list[tuple[str, int]]:
        teller = Counter(kontornavn(s.kontor) for s in self.kjoring.saker)
        return sorted(teller.items())

    @property
    def flere_kontor(self) -> bool:
        """The cases come from more than one office: tables get a column for the office."""
        return len({s.kontor for s in self.kjoring.saker}) > 1

    @property
    def regler(self) -> list[str]:
        """The grading and recommendation rules of each criteria file, for the method chapter."""
        return [regeltekst(s) for s in self.kriteriesett]

    @property
    def anbefalinger(self) -> list[tuple[int, Konklusjon]]:
        """The problemstillinger with recommendations, with their numbers."""
        return [(i, k) for i, k in enumerate(self.konklusjoner, 1) if k.anbefalinger]

    @property
    def kontrollmaned(self) -> str:
        """The month the sample is from, as internal control names itself («mars 2025»): the
        manifest's period when it has one, else the month of the latest vedtak, else of the
        report date; never the day the report was written when the cases say otherwise."""
        u = self.utvalgsbeskrivelse
        if u is not None:
            f = u.lest.data.filtre
            dato = f.dag or f.til or f.fra
            if dato is not None:
                return norsk.maned(dato)
        datoer = [s.vedtaksdato for s in self.kjoring.saker if s.vedtaksdato]
        return norsk.maned(max(datoer) if datoer else self.dato)

    @property
    def kontrolltittel(self) -> str:
        """«Internkontroll – stikkprøve mars 2025», or the assignment's own title."""
        if self.oppdrag and self.oppdrag.data.tittel:
            return self.oppdrag.data.tittel
        return f"Internkontroll – stikkprøve {self.kontrollmaned}"

    @property
    def avvik(self) -> list[tuple[SakResultat, Kriteriefunn, Resultat]]:
        """Every deviation (not met, partly met) for follow-up, by case, in the order of the
        criteria within a case."""
        funn = {f.id: f for f in self.funn}
        return [
            (s, funn[r.kriterium], r)
            for s in self.kjoring.saker
            for r in s.resultater
            if r.status in ("ikke_oppfylt", "delvis_oppfylt") and r.kriterium in funn
        ]

    @property
    def avvik_per_enhet(self) -> list[tuple[str, int, int]]:
        """Per caseworker unit: deviations and the cases with at least one."""
        avvik: Counter[str] = Counter()
        saker: dict[str, set[str]] = {}
        for s, _, _ in self.avvik:
            enhet = s.enhet or "ikke oppgitt"
            avvik[enhet] += 1
            saker.setdefault(enhet, set()).add(s.sak_id)
        return [(e, avvik[e], len(saker[e])) for e in sorted(avvik)]

    @property
    def noen_faller_kort(self) -> bool:
        return any(f.faller_kort for f in self.funn)

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


def _tall(
    andel: Andel, antall: dict[str, int], grad: str | None, kriteriegrader: str = ""
) -> dict[str, str]:
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
        "kriteriegrader": kriteriegrader,
    }


def stotte_tekst(andel: Andel, *, tilfeldig: bool) -> str | None:
    """What a random sample can support, in plain words (the limit that matters); None when
    the sample is not documented as random: the interval then describes the uncertainty only
    under an assumption the report cannot show, and the method chapter says so once."""
    if not andel.vurdert or andel.intervall is None:
        return "Kriteriet er ikke vurdert i noen sak, så utvalget sier ingenting om praksis."
    if not tilfeldig:
        return None
    sikkerhet = norsk.konfidens(andel.konfidens)
    grunnlag = (
        f"Med {norsk.antall(andel.vurdert, 'sak', 'saker')} og "
        f"{norsk.heltall(andel.oppfylt) if andel.oppfylt else 'ingen'} funnet i orden kan "
        f"revisjonen med {sikkerhet} sikkerhet si at andelen"
    )
    ensidig = andel.ensidig
    if ensidig is not None and ensidig.side == "ovre":
        return f"{grunnlag} er under {norsk.ovre_grense(ensidig.grense)} (ensidig grense)."
    if ensidig is not None:
        return f"{grunnlag} er over {norsk.nedre_grense(ensidig.grense)} (ensidig grense)."
    # The limits of the two-sided interval, rounded outwards like the interval in the report.
    lav, hoy = norsk.nedre_grense(andel.intervall[0]), norsk.ovre_grense(andel.intervall[1])
    return f"{grunnlag} ligger mellom {lav} og {hoy}."


KLART_FLERTALL = Fraction(2, 3)
"""The share of the assessed cases one status needs for the report to call it a main feature
(«et hovedtrekk»): at least two in three. Below that the report gives the split instead; «4 of
8» is not a main feature when the other half falls short."""


def hovedtrekk(
    antall: dict[str, int], vurdert: int, statusnavn: dict[str, str] | None = None
) -> str:
    """The main feature of a criterion's findings when one status has a clear majority
    (``KLART_FLERTALL``), else the split between the statuses."""
    if not vurdert:
        return (
            "Kriteriet var ikke aktuelt eller kunne ikke vurderes i noen av de gjennomgåtte sakene."
        )
    navn = statusnavn or dict(STATUSTEKST)
    vanligst = max(VURDERTE, key=lambda s: antall[s])
    if Fraction(antall[vanligst], vurdert) >= KLART_FLERTALL:
        av = f"({norsk.heltall(antall[vanligst])} av {norsk.antall(vurdert, 'sak', 'saker')})"
        if navn[vanligst] != STATUSTEKST[vanligst]:
            # The criteria file's own words (e.g. «lovbrudd») do not fit the sentence below.
            return f"Et hovedtrekk i de gjennomgåtte sakene er: {navn[vanligst]} {av}."
        return (
            f"Et hovedtrekk i de gjennomgåtte sakene er at kriteriet {_LEDDSETNING[vanligst]} {av}."
        )
    deler = [s for s in VURDERTE if antall[s]]
    forste, *resten = deler
    ledd = [
        f"{navn[forste]} i {norsk.heltall(antall[forste])} av "
        f"{norsk.antall(vurdert, 'vurdert sak', 'vurderte saker')}",
        *(f"{navn[s]} i {norsk.heltall(antall[s])}" for s in resten),
    ]
    tekst = norsk.opplisting(ledd)
    return f"I de gjennomgåtte sakene er resultatet delt: {tekst}."


VURDERTE = ("oppfylt", "delvis_oppfylt", "ikke_oppfylt")
"""The statuses of an assessed case, the denominator of the share met."""

_LEDDSETNING = {
    "oppfylt": "er oppfylt",
    "delvis_oppfylt": "bare er delvis oppfylt",
    "ikke_oppfylt": "ikke er oppfylt",
}


def kontornavn(kontor: str | None) -> str:
    return kontor or "ikke oppgitt"


def _fyll(tekst: str, verdier: dict[str, str]) -> str:
    """A criteria file's report text filled in, a noun after the count 1 in the singular."""
    return norsk.entall_etter_en(fyll_rapporttekst(tekst, verdier))


def _vurderingstekst(kriterium: Kriterium, andel: Andel, verdier: dict[str, str]) -> str:
    tekster = kriterium.revisjonens_vurdering
    if not andel.vurdert:
        return "Kriteriet er ikke vurdert i noen av sakene, og revisjonen gjør derfor ingen vurdering av det."
    if tekster is None:
        standard = (
            "Revisjonen vurderer at kriteriet er {grad} oppfylt i de gjennomgåtte sakene: "
            "oppfylt i {oppfylt} av {vurdert} saker ({andel})."
        )
        return _fyll(standard, verdier)
    if andel.oppfylt == andel.vurdert:
        return _fyll(tekster.alle, verdier)
    if andel.oppfylt == 0:
        return _fyll(tekster.ingen, verdier)
    return _fyll(tekster.noen, verdier)


def anbefalingsgrense(sett: LastetSett) -> float:
    """The share met below which a criterion gets its recommendation: the file's
    ``anbefaling_under``, else the lower limit of the top step of its ``gradering``."""
    if sett.sett.anbefaling_under is not None:
        return sett.sett.anbefaling_under
    return sett.sett.gradering[0].grense


def krever_anbefaling(kriterium: Kriterium, andel: Andel, grense: float) -> bool:
    """Whether the findings call for a recommendation: assessed, not met everywhere, and
    either below ``grense`` or a criterion where every deviation counts."""
    if not andel.vurdert or andel.oppfylt == andel.vurdert:
        return False
    return kriterium.anbefaling_ved_avvik or andel.oppfylt / andel.vurdert < grense


def _kriteriefunn(
    kjoring: Kjoring,
    sett: LastetSett,
    kriterium: Kriterium,
    konfidens: float,
    antall: dict[str, int],
    tilfeldig: bool,
) -> Kriteriefunn:
    vurdert = antall["oppfylt"] + antall["delvis_oppfylt"] + antall["ikke_oppfylt"]
    andel = Andel(antall["oppfylt"], vurdert, konfidens)
    grad = velg_grad(andel.andel, sett.sett.gradering)
    verdier = _tall(andel, antall, grad, f"{kriterium.id} {grad or '–'} oppfylt")
    egne = {str(s): navn for s, navn in sett.sett.statusnavn.items()}
    statusnavn = {s: egne.get(s, tekst) for s, tekst in STATUSTEKST.items()}
    anbefal = kriterium.anbefaling and krever_anbefaling(kriterium, andel, anbefalingsgrense(sett))
    return Kriteriefunn(
        kriterium=kriterium,
        fil=sett.fil,
        antall=antall,
        andel=andel,
        grad=grad,
        kjoring=kjoring,
        vurdering=_vurderingstekst(kriterium, andel, verdier),
        hovedtrekk=hovedtrekk(antall, vurdert, statusnavn),
        stotte=stotte_tekst(andel, tilfeldig=tilfeldig),
        anbefaling=_fyll(kriterium.anbefaling, verdier)
        if anbefal and kriterium.anbefaling
        else None,
        statusnavn=statusnavn,
    )


def samlet_grad(funn: list[Kriteriefunn], regel: str) -> Kriteriefunn | None:
    """The criterion whose grade is the problemstilling's, by the file's ``konklusjonsregel``:
    each assessed criterion counts once, ordered by share met; ``median`` takes the middle one
    (the weaker of the two middle ones when their number is even), ``svakeste`` the weakest."""
    vurderte = sorted((f for f in funn if f.andel.vurdert), key=lambda f: f.andel.andel or 0.0)
    if not vurderte:
        return None
    return vurderte[0] if regel == "svakeste" else vurderte[(len(vurderte) - 1) // 2]


def kriteriegrader(funn: list[Kriteriefunn], skala: list[Grad]) -> str:
    """The criteria named by their grade, best first: «K4 langt på veg oppfylt, K1 og K9 i noen
    grad og K2 i begrenset grad» (to follow «er»); criteria not assessed are named last."""
    rekkefolge = [g.tekst for g in skala]
    grupper: dict[str, list[str]] = {}
    for f in sorted(funn, key=lambda f: rekkefolge.index(f.grad) if f.grad else len(skala)):
        if f.grad:
            grupper.setdefault(f.grad, []).append(f.id)
    ledd = [
        f"{norsk.opplisting(ider)} {grad}{' oppfylt' if i == 0 else ''}"
        for i, (grad, ider) in enumerate(grupper.items())
    ]
    tekst = norsk.opplisting(ledd)
    ikke = [f.id for f in funn if not f.grad]
    if ikke:
        verb = "kunne ikke vurderes"
        tekst = (
            f"{tekst}; {norsk.opplisting(ikke)} {verb}"
            if tekst
            else f"{norsk.opplisting(ikke)} {verb}"
        )
    return tekst


def _konklusjon(
    problemstilling: Problemstilling, funn: list[Kriteriefunn], sett: LastetSett, konfidens: float
) -> Konklusjon:
    grunnlag = samlet_grad(funn, sett.sett.konklusjonsregel)
    grad = grunnlag.grad if grunnlag else None
    grader = kriteriegrader(funn, sett.sett.gradering)
    mal = problemstilling.konklusjon or STANDARD_KONKLUSJON
    if grunnlag is None:
        tekst = (
            "Ingen av kriteriene under problemstillingen kunne vurderes i de gjennomgåtte sakene."
        )
    else:
        # {oppfylt} and {vurdert} in an own file's older text keep their meaning, the counts
        # summed over the criteria; the bundled texts name the criteria by grade instead.
        antall = {s: sum(f.antall[s] for f in funn) for s in STATUSTEKST}
        samlet = Andel(
            sum(f.andel.oppfylt for f in funn), sum(f.andel.vurdert for f in funn), konfidens
        )
        tekst = _fyll(mal, _tall(samlet, antall, grad, grader))
    return Konklusjon(problemstilling, funn, grad, tekst, grader)


def regeltekst(sett: LastetSett) -> str:
    """The grading rules of a criteria file, for the method chapter."""
    trinn = [
        f"«{g.tekst}» {'minst' if g.minst is not None else 'over'} {norsk.prosent(g.grense)}"
        for g in sett.sett.gradering
    ]
    if sett.sett.konklusjonsregel == "svakeste":
        regel = "graden til det svakeste kriteriet under den"
    else:
        regel = (
            "graden til det midterste kriteriet når kriteriene under den ordnes etter andel "
            "oppfylt (ved et likt antall kriterier det svakeste av de to midterste)"
        )
    return (
        f"Et kriterium får graden etter andelen oppfylt: {norsk.opplisting(trinn)}. "
        f"En problemstilling får {regel}; hvert kriterium teller likt, uansett hvor mange saker "
        "det er vurdert i, fordi kriteriene har ulike nevnere og ulik vekt og ikke kan slås "
        f"sammen til én andel (regelen «{sett.sett.konklusjonsregel}» i kriteriefilen). "
        f"Revisjonen gir en anbefaling for et kriterium som er oppfylt i under "
        f"{norsk.prosent(anbefalingsgrense(sett))} av sakene der det er vurdert, og for kriterier "
        "der kriteriefilen sier at ethvert avvik skal følges opp."
    )


def naturlig_rekkefolge(kjoring: Kjoring) -> Kjoring:
    """The run with its cases in natural ``sak_id`` order, as every table lists them."""
    return dataclasses.replace(kjoring, saker=sorted(kjoring.saker, key=naturlig_sakorden))


def bygg_rapport(
    kjoring: Kjoring,
    *,
    kriteriesett: list[LastetSett],
    dato: dt.date,
    konfidens: float = 0.95,
    valg: list[tuple[str, str]] | None = None,
    utvalg: str | None = None,
    tilfeldig: bool = False,
    oppdrag: LestOppdrag | None = None,
    internkontroll: bool = False,
) -> Rapport:
    """Compute every figure and text of the report from a run's verdicts. ``tilfeldig``: the
    sample is documented as random (a manifest), so the report may say what it supports."""
    kjoring = naturlig_rekkefolge(kjoring)
    funn: list[Kriteriefunn] = []
    konklusjoner: list[Konklusjon] = []
    antall = kjoring.antall_per_kriterium()
    for sett in kriteriesett:
        sine = {
            k.id: _kriteriefunn(
                kjoring,
                sett,
                k.kilde,
                konfidens,
                antall.get(k.id, dict.fromkeys(STATUSER, 0)),
                tilfeldig,
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
        tilfeldig=tilfeldig,
        overstyrte=overstyrte,
        oppdrag=oppdrag,
        internkontroll=internkontroll,
    )
