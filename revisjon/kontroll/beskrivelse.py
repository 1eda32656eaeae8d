"""The sample in the report: how it was drawn (from its manifest), whether the cases judged are
the cases drawn, and when a result may be generalised to the population.

A result may be generalised to the population the manifest describes when the sample is a
simple random draw (not stratified) and exactly the drawn cases were judged: none missing, none
added. A stratified sample is random within each stratum but not weighted, so its pooled
figures are not generalised. Missing or added cases break the link to the draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from revisjon import norsk
from revisjon.kontroll.manifest import LestManifest
from revisjon.resultat import Kjoring
from revisjon.sak import TJENESTENAVN

MAKS_IDER = 10
"""How many sak_ids a sentence lists before it says «og n til»."""


@dataclass(frozen=True)
class Utvalgsbeskrivelse:
    """The sample as the report states it."""

    lest: LestManifest
    tekst: str
    generaliserbar: bool
    mangler: list[str]
    ekstra: list[str]

    @property
    def populasjon(self) -> int | None:
        """The population size, for the hypergeometric limit: only for a complete simple draw."""
        m = self.lest.data
        return m.populasjon.antall if self.generaliserbar and m.lagdelt_etter is None else None

    @property
    def utvalgsstorrelse(self) -> int:
        return len(self.lest.data.valgt)


def _ider(ider: Sequence[str]) -> str:
    vist = ", ".join(ider[:MAKS_IDER])
    resten = len(ider) - MAKS_IDER
    return f"{vist} og {norsk.heltall(resten)} til" if resten > 0 else vist


def _saker(antall: int) -> str:
    return f"{norsk.heltall(antall)} {'sak' if antall == 1 else 'saker'}"


def _de_sakene(antall: int) -> str:
    return "den ene saken" if antall == 1 else f"de {norsk.heltall(antall)} sakene"


def _lagnavn(navn: str | None, etter: str) -> str:
    if navn is None:
        return "enhet ikke oppgitt" if etter == "enhet" else "tjeneste ikke oppgitt"
    return TJENESTENAVN.get(navn, navn) if etter == "tjeneste" else navn


def _trekning(lest: LestManifest) -> list[str]:
    m = lest.data
    avgrensning = m.filtre_som_objekt.beskrivelse()
    populasjon = f"{_saker(m.populasjon.antall)} i populasjonen" + (
        f" ({avgrensning})" if avgrensning else ""
    )
    setninger = [
        f"Sakene er trukket med revisjon stikkprove: {norsk.heltall(len(m.valgt))} av "
        f"{populasjon}. Sakene er rangert etter SHA-256 av frøet «{m.seed}» og sak-id-en, og "
        "de første er valgt; utvalget er dermed tilfeldig og kan trekkes på nytt av hvem som "
        f"helst med samme saker og frø (utvalgsmanifest {lest.fil})."
    ]
    if m.lagdelt_etter is not None:
        lag = "; ".join(
            f"{_lagnavn(lag.navn, m.lagdelt_etter)}: {norsk.heltall(lag.valgt)} av "
            f"{norsk.heltall(lag.populasjon)}"
            for lag in m.populasjon.lag
        )
        setninger.append(
            f"Utvalget er lagdelt etter {m.lagdelt_etter} med inntil {norsk.heltall(m.antall)} "
            f"saker per lag ({lag})."
        )
    if m.ekskludert:
        antall = sum(e.antall for e in m.ekskludert)
        filer = ", ".join(e.fil for e in m.ekskludert)
        setninger.append(
            f"{_saker(antall).capitalize()} trukket i tidligere utvalg ({filer}) er holdt utenfor "
            "populasjonen."
        )
    if m.avvist:
        setninger.append(
            f"{norsk.heltall(m.avvist)} inndata kunne ikke leses da utvalget ble trukket, og er "
            "ikke med i populasjonen."
        )
    setninger.append(
        f"Populasjonens fingeravtrykk (SHA-256 av de sorterte sak-id-ene) er {m.populasjon.sha256}."
    )
    return setninger


def _generalisering(lest: LestManifest, komplett: bool) -> tuple[list[str], bool]:
    m = lest.data
    avgrensning = m.filtre_som_objekt.beskrivelse()
    omfang = f" ({avgrensning})" if avgrensning else ""
    if not komplett:
        return [
            "Fordi de gjennomgåtte sakene ikke er nøyaktig de trukne sakene, kan resultatene ikke "
            "uten videre generaliseres til populasjonen; funnene gjelder de gjennomgåtte sakene."
        ], False
    totalt = all(lag.valgt == lag.populasjon for lag in m.populasjon.lag) and (
        len(m.valgt) == m.populasjon.antall
    )
    if totalt:
        setninger = [
            f"Alle {_de_sakene(m.populasjon.antall)} i populasjonen er gjennomgått, så resultatene "
            f"gjelder hele populasjonen{omfang} uten utvalgsusikkerhet."
        ]
        generaliserbar = True
    elif m.lagdelt_etter is not None:
        return [
            "Utvalget er tilfeldig innenfor hvert lag, men lagene er ikke trukket i forhold til "
            "størrelsen, og tallene i rapporten er ikke vektet. Resultatene kan derfor ikke uten "
            "videre generaliseres til populasjonen samlet."
        ], False
    else:
        setninger = [
            "Fordi utvalget er tilfeldig og alle de trukne sakene er gjennomgått, kan resultatene "
            f"generaliseres til {_de_sakene(m.populasjon.antall)} i populasjonen{omfang}, med den "
            "usikkerheten konfidensintervallene viser. De kan ikke uten videre generaliseres til "
            "saker utenfor populasjonen."
        ]
        generaliserbar = True
    if m.filtre.dag is not None:
        setninger.append(
            "Populasjonen er vedtakene fra én dag; om den dagen er representativ for andre dager, "
            "sier utvalget ikke noe om."
        )
    return setninger, generaliserbar


def beskriv_utvalg(lest: LestManifest, kjoring: Kjoring) -> Utvalgsbeskrivelse:
    """What the report says about the sample, checked against the cases actually judged."""
    valgt = lest.data.valgt
    vurdert = [s.sak_id for s in kjoring.saker]
    gjennomgatt = set(vurdert)
    mangler = [i for i in valgt if i not in gjennomgatt]
    i_utvalget = set(valgt)
    ekstra = [i for i in vurdert if i not in i_utvalget]
    setninger = _trekning(lest)
    if mangler:
        setninger.append(
            f"{norsk.heltall(len(mangler))} av de {norsk.heltall(len(valgt))} trukne sakene er "
            "ikke med i gjennomgangen: "
            f"{_ider(mangler)}."
        )
    if ekstra:
        setninger.append(
            f"{norsk.heltall(len(ekstra))} av de gjennomgåtte sakene er ikke med i utvalget: "
            f"{_ider(ekstra)}."
        )
    generalisering, generaliserbar = _generalisering(lest, not mangler and not ekstra)
    return Utvalgsbeskrivelse(
        lest=lest,
        tekst=" ".join(setninger + generalisering),
        generaliserbar=generaliserbar,
        mangler=mangler,
        ekstra=ekstra,
    )
