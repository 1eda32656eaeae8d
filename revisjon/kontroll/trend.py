"""``revisjon trend RESULT.json...``: per criterion, the share met per period with its interval,
as Markdown tables and an SVG chart.

Periods come from the results:

* ``rapportdato`` (default): each result file is one period, named by its report date (the
  ``rapportdato`` key of ``revisjon-resultat/1``), e.g. one file per monthly check;
* ``maned`` / ``kvartal``: the cases of all files pooled and grouped by the month or quarter of
  their vedtak date (cases without one are left out and counted). A sak_id in more than one file
  is an error here, since it would be counted twice.

Periods are sorted by date. The share met is oppfylt / (oppfylt + delvis_oppfylt +
ikke_oppfylt) with a two-sided exact (Clopper-Pearson) interval. A period where a criterion was
assessed in fewer than ``minste_n`` cases (default 10) is flagged: below 10 cases the 95 %
interval is at least about 30 percentage points wide, even when every case is met, so the share
says little about practice.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from revisjon import norsk
from revisjon.feil import Avvisning, FilFeil, RevisjonFeil
from revisjon.inntak.datafil import Lest, les_og_valider
from revisjon.kontroll.graf import Grafpunkt, Panel, tegn
from revisjon.kriteriesprak.modell import Status
from revisjon.rapport.markdown import md
from revisjon.rapport.statistikk import Andel
from revisjon.skriving import kontroller_utfil, skriv_atomisk

Periodeinndeling = Literal["rapportdato", "maned", "kvartal"]
MINSTE_N = 10


class ResultatFeil(FilFeil):
    """A result file that cannot be used for a trend."""

    oppsummering = "Resultatfilene kan ikke brukes; rett feilene over og prøv igjen."


class _Les(BaseModel):
    """Later versions of the result format add keys; they are ignored here."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class _Resultat(_Les):
    kriterium: str
    status: Status


class _Sak(_Les):
    sak_id: str
    vedtaksdato: dt.date | None = None
    resultater: list[_Resultat]


class _Kriterium(_Les):
    id: str
    tittel: str


class Resultatfil(_Les):
    format: Literal["revisjon-resultat/1"]
    rapportdato: dt.date | None = None
    kriterier: list[_Kriterium]
    saker: list[_Sak]


LestResultat = Lest[Resultatfil]


def les_resultat(fil: Path) -> LestResultat:
    """One result file (``vurder --format json``); raise ResultatFeil on any problem."""
    return les_og_valider(
        fil,
        Resultatfil,
        feilklasse=ResultatFeil,
        som_json=True,
        json_hint="; bruk filen fra revisjon vurder --format json",
        maks_feil=20,
    )


@dataclass(frozen=True)
class Periode:
    nokkel: str
    """Sorts the periods in time."""
    etikett: str


@dataclass(frozen=True)
class Punkt:
    """One criterion in one period."""

    periode: Periode
    med: bool
    """Whether the criterion was part of the results for the period at all."""
    antall: dict[str, int]
    andel: Andel
    minste_n: int

    @property
    def for_fa(self) -> bool:
        return 0 < self.andel.vurdert < self.minste_n

    @property
    def merknad(self) -> str:
        if not self.med:
            return "Kriteriet er ikke med i resultatene for perioden"
        if not self.andel.vurdert:
            return "Ikke vurdert i noen sak"
        if self.for_fa:
            return f"For få saker (under {norsk.heltall(self.minste_n)}) til å si noe sikkert"
        return ""


@dataclass(frozen=True)
class Kriterietrend:
    id: str
    tittel: str
    punkter: list[Punkt]


@dataclass(frozen=True)
class Trend:
    perioder: list[Periode]
    kriterier: list[Kriterietrend]
    kilder: list[tuple[LestResultat, list[str]]]
    """Each file and the periods its cases fall in."""
    inndeling: Periodeinndeling
    konfidens: float
    minste_n: int
    uten_dato: int


def _periode(dato: dt.date, inndeling: Periodeinndeling) -> Periode:
    if inndeling == "maned":
        return Periode(f"{dato:%Y-%m}", f"{norsk.MANEDER[dato.month - 1]} {dato.year}")
    kvartal = (dato.month - 1) // 3 + 1
    return Periode(f"{dato.year}-K{kvartal}", f"{kvartal}. kvartal {dato.year}")


@dataclass
class _Gruppe:
    """The cases of one period and the files they come from."""

    filer: list[LestResultat]
    saker: list[_Sak]


def _utvalgsperiode(fil: LestResultat) -> tuple[dt.date, str]:
    """The month a result file's sample is from, as its period is named («mars 2025»): the month
    of its latest vedtak, not the day the report was written; the report date only when no case
    has a vedtak date."""
    datoer = [s.vedtaksdato for s in fil.data.saker if s.vedtaksdato]
    if datoer:
        siste = max(datoer)
        return siste, norsk.maned(siste)
    assert fil.data.rapportdato is not None
    return fil.data.rapportdato, norsk.dato(fil.data.rapportdato)


def _grupper(
    filer: Sequence[LestResultat], inndeling: Periodeinndeling
) -> tuple[dict[Periode, _Gruppe], int]:
    """The cases of each period (and how many cases had no date to place them by)."""
    grupper: dict[Periode, _Gruppe] = {}
    if inndeling == "rapportdato":
        uten = [f.fil for f in filer if f.data.rapportdato is None]
        if uten:
            raise RevisjonFeil(
                f"{', '.join(uten)}: mangler «rapportdato» (laget av en eldre versjon av "
                "revisjon); lag resultatet på nytt, eller bruk --periode maned"
            )
        etiketter = {f.fil: _utvalgsperiode(f) for f in filer}
        like = Counter(etikett for _, etikett in etiketter.values())
        for f in filer:
            dato, etikett = etiketter[f.fil]
            if like[etikett] > 1:
                etikett += f" ({Path(f.fil).name})"
            grupper[Periode(f"{dato.isoformat()} {f.fil}", etikett)] = _Gruppe(
                [f], list(f.data.saker)
            )
        return grupper, 0
    sett: dict[str, str] = {}
    uten_dato = 0
    for f in filer:
        for sak in f.data.saker:
            if sak.sak_id in sett:
                raise RevisjonFeil(
                    f"samme sak_id finnes både i {sett[sak.sak_id]} og {f.fil}; med "
                    f"--periode {inndeling} ville saken blitt telt to ganger. Bruk --periode "
                    "rapportdato, eller ta den ene filen ut"
                )
            sett[sak.sak_id] = f.fil
            if sak.vedtaksdato is None:
                uten_dato += 1
                continue
            gruppe = grupper.setdefault(_periode(sak.vedtaksdato, inndeling), _Gruppe([], []))
            gruppe.saker.append(sak)
            if not any(g is f for g in gruppe.filer):
                gruppe.filer.append(f)
    return grupper, uten_dato


def _punkt(periode: Periode, gruppe: _Gruppe, kid: str, konfidens: float, minste_n: int) -> Punkt:
    teller: Counter[str] = Counter(
        r.status for sak in gruppe.saker for r in sak.resultater if r.kriterium == kid
    )
    vurdert = teller["oppfylt"] + teller["delvis_oppfylt"] + teller["ikke_oppfylt"]
    return Punkt(
        periode,
        med=any(k.id == kid for f in gruppe.filer for k in f.data.kriterier),
        antall=dict(teller),
        andel=Andel(teller["oppfylt"], vurdert, konfidens),
        minste_n=minste_n,
    )


def lag_trend(
    filer: Sequence[LestResultat],
    *,
    inndeling: Periodeinndeling = "rapportdato",
    konfidens: float = 0.95,
    minste_n: int = MINSTE_N,
) -> Trend:
    """Share met per criterion and period."""
    if not filer:
        raise RevisjonFeil("oppgi minst én resultatfil (revisjon vurder --format json)")
    if not 0.5 <= konfidens < 1:
        raise RevisjonFeil(f"--konfidens: {konfidens:g} er utenfor området; bruk for eksempel 0.95")
    if minste_n < 1:
        raise RevisjonFeil("--minste-n må være minst 1")
    filer = sorted(filer, key=lambda f: (f.data.rapportdato or dt.date.min, f.fil))
    grupper, uten_dato = _grupper(filer, inndeling)
    perioder = sorted(grupper, key=lambda p: p.nokkel)
    titler: dict[str, str] = {}
    for f in filer:
        for k in f.data.kriterier:
            titler[k.id] = k.tittel
    rekkefolge = list(dict.fromkeys(k.id for f in filer for k in f.data.kriterier))
    kriterier = [
        Kriterietrend(
            kid, titler[kid], [_punkt(p, grupper[p], kid, konfidens, minste_n) for p in perioder]
        )
        for kid in rekkefolge
    ]
    kilder = [
        (f, [p.etikett for p in perioder if any(g is f for g in grupper[p].filer)]) for f in filer
    ]
    return Trend(perioder, kriterier, kilder, inndeling, konfidens, minste_n, uten_dato)


_INNDELING = {
    "rapportdato": "én periode per resultatfil, navngitt etter måneden for stikkprøven",
    "maned": "sakene gruppert etter måneden for vedtaket",
    "kvartal": "sakene gruppert etter kvartalet for vedtaket",
}


def _saker(antall: int) -> str:
    return f"{norsk.heltall(antall)} {'sak' if antall == 1 else 'saker'}"


def trend_markdown(trend: Trend, *, graf: str) -> str:
    """The trend as Markdown: an introduction, the chart, one table per criterion, sources."""
    c = norsk.konfidens(trend.konfidens)
    linjer = [
        "# Utvikling per kriterium",
        "",
        f"{norsk.antall(len(trend.kilder), 'resultatfil', 'resultatfiler')} og "
        f"{norsk.antall(len(trend.perioder), 'periode', 'perioder')} "
        f"({_INNDELING[trend.inndeling]}). Andel oppfylt er antall saker der kriteriet er "
        "oppfylt, delt på saker der det er vurdert (oppfylt, delvis oppfylt og ikke oppfylt); "
        f"usikkerheten er et tosidig {c} eksakt konfidensintervall (Clopper-Pearson). Perioder "
        f"der kriteriet er vurdert i færre enn {norsk.heltall(trend.minste_n)} saker er merket "
        "«For få saker»: "
        "der er intervallet så bredt at andelen sier lite om praksis, og i grafen er de ikke "
        "bundet sammen med en linje.",
    ]
    if trend.uten_dato:
        linjer += [
            "",
            f"{_saker(trend.uten_dato).capitalize()} uten vedtaksdato er ikke med, fordi de ikke "
            "kan plasseres i en periode.",
        ]
    lenke = f"<{graf}>" if any(t in graf for t in " ()<>") else graf
    linjer += ["", f"![Andel oppfylt per periode med {c} konfidensintervall]({lenke})", ""]
    for k in trend.kriterier:
        linjer += [
            f"## {md(k.id)} {md(k.tittel)}",
            "",
            f"| Periode | Oppfylt | Vurdert | Andel oppfylt | {c} KI | Merknad |",
            "|---|---:|---:|---:|---|---|",
        ]
        for p in k.punkter:
            oppfylt = norsk.heltall(p.andel.oppfylt) if p.med else "–"
            vurdert = norsk.heltall(p.andel.vurdert) if p.med else "–"
            linjer.append(
                f"| {md(p.periode.etikett)} | {oppfylt} | {vurdert} | "
                f"{norsk.prosent(p.andel.andel)} | {norsk.intervall(p.andel.intervall)} | "
                f"{p.merknad} |"
            )
        linjer.append("")
    linjer += [
        "## Kilder",
        "",
        "| Resultatfil | Perioder | Saker | SHA-256 |",
        "|---|---|---:|---|",
    ]
    for f, perioder in trend.kilder:
        linjer.append(
            f"| {md(f.fil)} | {md(', '.join(perioder)) or '–'} | "
            f"{norsk.heltall(len(f.data.saker))} | "
            f"`{f.sha256}` |"
        )
    return "\n".join(linjer) + "\n"


def trend_svg(trend: Trend) -> str:
    """The chart: one panel per criterion."""
    paneler = [
        Panel(
            f"{k.id} {k.tittel}",
            [
                Grafpunkt(
                    etikett=p.periode.etikett,
                    andel=p.andel.andel,
                    lav=p.andel.intervall[0] if p.andel.intervall else None,
                    hoy=p.andel.intervall[1] if p.andel.intervall else None,
                    vurdert=p.andel.vurdert,
                    svak=p.for_fa,
                )
                for p in k.punkter
            ],
        )
        for k in trend.kriterier
    ]
    return tegn(
        paneler,
        tittel="Andel oppfylt per periode",
        forklaring=f"færre enn {norsk.heltall(trend.minste_n)} vurderte saker",
    )


def grafsti(graf: Path, ut: Path | None) -> str:
    """How the Markdown refers to the chart: relative to the Markdown file (or to the working
    directory when the Markdown goes to the screen), with forward slashes."""
    base = ut.resolve().parent if ut is not None else Path.cwd()
    return Path(os.path.relpath(graf.resolve(), base)).as_posix()


@dataclass(frozen=True)
class Trendoppdrag:
    """Everything the user chose for one trend."""

    filer: list[Path]
    ut: Path | None = None
    graf: Path | None = None
    inndeling: Periodeinndeling = "rapportdato"
    konfidens: float = 0.95
    minste_n: int = MINSTE_N

    @property
    def grafsti(self) -> Path:
        if self.graf is not None:
            return self.graf
        return self.ut.with_suffix(".svg") if self.ut is not None else Path("trend.svg")


@dataclass(frozen=True)
class Trendrapport:
    trend: Trend
    markdown: str
    oppsummering: list[str]


def les_resultater(filer: Sequence[Path]) -> list[LestResultat]:
    """Every result file, or one error listing the problems in all of them."""
    lest: list[LestResultat] = []
    problemer: list[Avvisning] = []
    for fil in filer:
        try:
            lest.append(les_resultat(fil))
        except ResultatFeil as feil:
            problemer += feil.problemer
    if problemer:
        raise ResultatFeil(problemer)
    return lest


def lag_trendrapport(oppdrag: Trendoppdrag) -> Trendrapport:
    """Read the results, write the chart (and the Markdown file with ``ut``)."""
    graf = oppdrag.grafsti
    for sti in (graf, oppdrag.ut):
        if sti is not None:
            kontroller_utfil(sti, oppdrag.filer)
    if oppdrag.ut is not None and oppdrag.ut.resolve() == graf.resolve():
        raise RevisjonFeil(f"{graf}: grafen og tabellene kan ikke skrives til samme fil")
    if graf.suffix.lower() != ".svg":
        raise RevisjonFeil(f"{graf}: grafen skrives som SVG; gi filen endelsen .svg")
    trend = lag_trend(
        les_resultater(oppdrag.filer),
        inndeling=oppdrag.inndeling,
        konfidens=oppdrag.konfidens,
        minste_n=oppdrag.minste_n,
    )
    tekst = trend_markdown(trend, graf=grafsti(graf, oppdrag.ut))
    skriv_atomisk(graf, trend_svg(trend))
    oppsummering = [f"Skrev {graf}."]
    if oppdrag.ut is not None:
        skriv_atomisk(oppdrag.ut, tekst)
        oppsummering.append(f"Skrev {oppdrag.ut}.")
    fa = sum(1 for k in trend.kriterier for p in k.punkter if p.for_fa)
    if fa:
        oppsummering.append(
            f"Advarsel: {norsk.heltall(fa)} kombinasjoner av kriterium og periode har færre enn "
            f"{norsk.heltall(trend.minste_n)} vurderte saker og er merket «For få saker»."
        )
    return Trendrapport(trend, tekst, oppsummering)


DENNE_KONTROLLEN = "denne kontrollen"
"""The current run's name among the result files of a trend in the report."""


def resultat_for_kjoringen(data: object) -> LestResultat:
    """The current run as a result file (``data``: the JSON result of the run as a dict), read
    with the same model as the files of earlier months."""
    return Lest(DENNE_KONTROLLEN, "", Resultatfil.model_validate(data))


def _celle(p: Punkt) -> str:
    if not p.med:
        return "ikke med"
    if not p.andel.vurdert:
        return "ikke vurdert"
    tekst = (
        f"{norsk.prosent(p.andel.andel)} ({norsk.heltall(p.andel.oppfylt)} av "
        f"{norsk.heltall(p.andel.vurdert)})"
    )
    return f"{tekst}, for få saker" if p.for_fa else tekst


def trend_tabell(trend: Trend) -> str:
    """The trend as the internal-control report shows it (Markdown): one row per criterion and
    one column per month, the share in order with its counts, and which results it comes from."""
    tidligere = [f.fil for f, _ in trend.kilder if f.fil != DENNE_KONTROLLEN]
    linjer = [
        f"Andelen i orden per måned for stikkprøven, i {norsk.antall(len(trend.perioder), 'periode', 'perioder')}: "
        f"denne kontrollen og {norsk.antall(len(tidligere), 'tidligere resultatfil', 'tidligere resultatfiler')} "
        f"({', '.join(md(f) for f in tidligere)}). En måned der kriteriet er vurdert i færre enn "
        f"{norsk.heltall(trend.minste_n)} saker er merket «for få saker»: der er usikkerheten så "
        "stor at andelen sier lite om praksis. «Ikke med»: kriteriet var ikke med i kontrollen "
        "den måneden.",
        "",
        "| Kriterium | " + " | ".join(md(p.etikett) for p in trend.perioder) + " |",
        "|---|" + "---:|" * len(trend.perioder),
    ]
    # in this report's order of criteria; those only earlier months had come last
    naa = [f for f, _ in trend.kilder if f.fil == DENNE_KONTROLLEN]
    orden = {k.id: i for f in naa for i, k in enumerate(f.data.kriterier)}
    for k in sorted(trend.kriterier, key=lambda k: orden.get(k.id, len(orden))):
        celler = " | ".join(_celle(p) for p in k.punkter)
        linjer.append(f"| {md(k.id)} {md(k.tittel)} | {celler} |")
    return "\n".join(linjer) + "\n"
