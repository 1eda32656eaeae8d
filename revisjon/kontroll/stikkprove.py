"""The library side of ``revisjon stikkprove``: read the population, draw, write the manifest,
and copy the chosen cases.

The population is every valid case below the paths, filtered, minus the cases chosen in the
manifests given to ``--ekskluder``. Cases that cannot be read are rejected as by ``vurder``
(duplicated sak_ids reject every case sharing the id) and counted in the manifest, since they
are outside the population the sample represents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from revisjon import norsk
from revisjon.feil import Avvisning, RevisjonFeil
from revisjon.inntak.fodselsnummer import inneholder_fodselsnummer
from revisjon.inntak.lesing import les_saker
from revisjon.kontroll.kopiering import kontroller_kopimappe, kopier_saker
from revisjon.kontroll.manifest import (
    Ekskludering,
    Manifest,
    lag_manifest,
    les_manifest,
    manifesttekst,
)
from revisjon.kontroll.utvalg import Filtre, Lagdeling, Trekning, populasjonshash, trekk
from revisjon.sak import TJENESTENAVN
from revisjon.skriving import kontroller_utfil, skriv_atomisk
from revisjon.vurdering.enhet import vurder_innlest


@dataclass(frozen=True)
class Stikkprove:
    """Everything the user chose for one draw."""

    stier: list[Path]
    antall: int
    seed: str
    manifest: Path
    filtre: Filtre = field(default_factory=Filtre)
    lagdelt_etter: Lagdeling | None = None
    ekskluder: list[Path] = field(default_factory=list)
    kopier_til: Path | None = None


@dataclass(frozen=True)
class Stikkproveresultat:
    manifest: Manifest
    trekning: Trekning
    avviste: list[Avvisning]
    kopiert: list[Path]
    manifestfil: Path
    kopimappe: Path | None

    @property
    def oppsummering(self) -> list[str]:
        """What the command says on stderr after the chosen ids."""
        m = self.manifest
        linjer = [
            f"Valgte {norsk.heltall(len(m.valgt))} av {norsk.heltall(m.populasjon.antall)} saker "
            "i populasjonen "
            f"(frø «{m.seed}», {'lagdelt etter ' + m.lagdelt_etter if m.lagdelt_etter else 'ikke lagdelt'})."
        ]
        for lag in m.populasjon.lag:
            navn = (
                TJENESTENAVN.get(lag.navn, lag.navn)
                if lag.navn is not None
                else f"{m.lagdelt_etter} ikke oppgitt"
            )
            alle = " (alle)" if lag.valgt == lag.populasjon else ""
            linjer.append(
                f"  {navn}: {norsk.heltall(lag.valgt)} av {norsk.heltall(lag.populasjon)}{alle}"
            )
        if m.lagdelt_etter is None and len(m.valgt) < m.antall:
            linjer.append(
                f"Populasjonen har bare {norsk.heltall(m.populasjon.antall)} saker; alle er valgt."
            )
        if self.avviste:
            linjer.append(
                f"{norsk.heltall(m.avvist)} inndata kunne ikke leses og er ikke med i "
                "populasjonen (se over)."
            )
        linjer.append(f"Skrev {self.manifestfil}.")
        if self.kopimappe is not None:
            linjer.append(
                f"Kopierte sakene til {self.kopimappe} ({norsk.heltall(len(self.kopiert))} filer)."
            )
        return linjer


def _kontroller(oppdrag: Stikkprove) -> None:
    if oppdrag.antall < 1:
        raise RevisjonFeil("--antall må være minst 1")
    if not oppdrag.seed.strip():
        raise RevisjonFeil("--seed kan ikke være tom")
    # What the user types is written to the manifest and the terminal: the same guard as files.
    for valg, verdi in [
        ("--seed", oppdrag.seed),
        *(("--enhet", e) for e in oppdrag.filtre.enhet),
        *(("--tjeneste", t) for t in oppdrag.filtre.tjeneste),
        *(("--manifest", str(oppdrag.manifest)),),
        *(("--kopier-til", str(k)) for k in [oppdrag.kopier_til] if k),
    ]:
        if inneholder_fodselsnummer(verdi):
            raise RevisjonFeil(
                f"{valg}: inneholder noe som ligner et fødselsnummer eller D-nummer; velg en "
                "annen verdi"
            )
    kontroller_utfil(oppdrag.manifest, oppdrag.stier)
    if not oppdrag.manifest.resolve().parent.is_dir():
        raise RevisjonFeil(
            f"{oppdrag.manifest}: mappen {oppdrag.manifest.resolve().parent} finnes ikke"
        )
    if oppdrag.manifest.exists():
        raise RevisjonFeil(
            f"{oppdrag.manifest}: finnes fra før; et manifest dokumenterer et utvalg og "
            "skrives ikke over. Velg et annet navn med --manifest"
        )
    if oppdrag.kopier_til is not None:
        kontroller_kopimappe(oppdrag.kopier_til, oppdrag.stier)
        if oppdrag.kopier_til.resolve() in oppdrag.manifest.resolve().parents:
            raise RevisjonFeil(
                f"{oppdrag.manifest}: legg manifestet utenfor kopimappen "
                f"{oppdrag.kopier_til}; ellers blir det lest som en sak av revisjon vurder"
            )


def trekk_stikkprove(oppdrag: Stikkprove) -> Stikkproveresultat:
    """Draw the sample, write the manifest (and the copies); nothing is written on error."""
    _kontroller(oppdrag)
    ekskluderte = [les_manifest(fil) for fil in oppdrag.ekskluder]
    kjoring = vurder_innlest(les_saker(oppdrag.stier), kriteriesett=[])
    lest = {s.sak_id for s in kjoring.saker}
    trekning = trekk(
        kjoring.saker,
        antall=oppdrag.antall,
        seed=oppdrag.seed,
        filtre=oppdrag.filtre,
        lagdelt_etter=oppdrag.lagdelt_etter,
        ekskluder={i for m in ekskluderte for i in m.data.valgt},
    )
    if not trekning.populasjon:
        hvorfor = oppdrag.filtre.beskrivelse()
        raise RevisjonFeil(
            "ingen saker å trekke fra"
            + (f" med disse avgrensningene ({hvorfor})" if hvorfor else "")
            + (" etter at tidligere trukne saker er holdt utenfor" if ekskluderte else "")
        )
    manifest = lag_manifest(
        trekning,
        seed=oppdrag.seed,
        antall=oppdrag.antall,
        filtre=oppdrag.filtre,
        lagdelt_etter=oppdrag.lagdelt_etter,
        ekskludert=[
            Ekskludering(fil=m.fil, sha256=m.sha256, antall=len(lest & set(m.data.valgt)))
            for m in ekskluderte
        ],
        inndata=[str(s) for s in oppdrag.stier],
        lest=kjoring.antall_lest,
        avvist=kjoring.antall_avviste_inndata,
        populasjonshash=populasjonshash(s.sak_id for s in trekning.populasjon),
    )
    kopiert = (
        kopier_saker(trekning.valgt, stier=oppdrag.stier, mappe=oppdrag.kopier_til)
        if oppdrag.kopier_til is not None
        else []
    )
    skriv_atomisk(
        oppdrag.manifest,
        manifesttekst(manifest, som_json=oppdrag.manifest.suffix.lower() == ".json"),
    )
    return Stikkproveresultat(
        manifest, trekning, kjoring.avviste, kopiert, oppdrag.manifest, oppdrag.kopier_til
    )
