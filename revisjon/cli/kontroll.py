"""The internal-control commands: ``stikkprove``, ``utvalgsstorrelse`` and ``trend``.

Thin like ``cli``: parse options, call ``revisjon.kontroll``, show the result. Registered on the
main app by ``registrer`` (the last lines of ``revisjon/cli/app.py``).
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from revisjon.cli.hjelp import NorskKommando

DATO = {"formats": ["%Y-%m-%d"], "metavar": "ÅÅÅÅ-MM-DD", "show_default": False}


class LagdelingValg(StrEnum):
    tjeneste = "tjeneste"
    enhet = "enhet"


class PeriodeValg(StrEnum):
    rapportdato = "rapportdato"
    maned = "maned"
    kvartal = "kvartal"


def _dato(verdi: dt.datetime | None) -> dt.date | None:
    return verdi.date() if verdi else None


def stikkprove(
    stier: Annotated[
        list[Path],
        typer.Argument(
            metavar="STI...",
            help="Saksfiler eller mapper: populasjonen utvalget trekkes fra.",
            show_default=False,
        ),
    ],
    antall: Annotated[
        int,
        typer.Option(
            "--antall", "-n", help="Antall saker (per lag med --lagdelt-etter).", show_default=False
        ),
    ],
    seed: Annotated[
        str,
        typer.Option(
            "--seed",
            help="Frø for trekningen, for eksempel 2024-05. Samme frø og saker gir samme utvalg.",
            show_default=False,
        ),
    ],
    tjeneste: Annotated[
        list[str] | None,
        typer.Option(
            "--tjeneste",
            help="Bare denne tjenesten (kan gjentas): okonomisk_stonad, opplysning_rad_veiledning, okonomisk_radgivning.",
            show_default=False,
        ),
    ] = None,
    enhet: Annotated[
        list[str] | None,
        typer.Option(
            "--enhet",
            help="Bare denne enheten (kan gjentas; uten hensyn til store og små bokstaver).",
            show_default=False,
        ),
    ] = None,
    kontor: Annotated[
        list[str] | None,
        typer.Option(
            "--kontor",
            help="Bare saker fra dette kontoret (kan gjentas; uten hensyn til store og små bokstaver).",
            show_default=False,
        ),
    ] = None,
    fra: Annotated[
        dt.datetime | None,
        typer.Option("--fra", help="Vedtak fattet fra og med denne datoen.", **DATO),
    ] = None,
    til: Annotated[
        dt.datetime | None,
        typer.Option("--til", help="Vedtak fattet til og med denne datoen.", **DATO),
    ] = None,
    dag: Annotated[
        dt.datetime | None,
        typer.Option(
            "--dag",
            help="Alle vedtak fattet denne dagen (trekk med --antall minst like stort for å få alle).",
            **DATO,
        ),
    ] = None,
    lagdelt_etter: Annotated[
        LagdelingValg | None,
        typer.Option(
            "--lagdelt-etter",
            help="Trekk --antall saker fra hver tjeneste eller enhet.",
            show_default=False,
        ),
    ] = None,
    ekskluder: Annotated[
        list[Path] | None,
        typer.Option(
            "--ekskluder",
            metavar="MANIFEST",
            help="Hold utenfor sakene som er trukket i dette manifestet (kan gjentas).",
            show_default=False,
        ),
    ] = None,
    kopier_til: Annotated[
        Path | None,
        typer.Option(
            "--kopier-til",
            metavar="MAPPE",
            help="Kopier de valgte sakene til denne nye (eller tomme) mappen.",
            show_default=False,
        ),
    ] = None,
    manifest: Annotated[
        Path,
        typer.Option(
            "--manifest",
            "-m",
            help="Utvalgsmanifestet som skrives (YAML, eller JSON med .json). Skrives aldri over.",
        ),
    ] = Path("utvalg.yaml"),
) -> None:
    """Trekk et tilfeldig og etterprøvbart utvalg av saker, og skriv et utvalgsmanifest."""
    from rich.console import Console

    from revisjon.cli.terminal import vis_avvisninger
    from revisjon.kontroll.stikkprove import Stikkprove, trekk_stikkprove
    from revisjon.kontroll.utvalg import Filtre

    feil = Console(stderr=True, highlight=False)
    resultat = trekk_stikkprove(
        Stikkprove(
            stier=stier,
            antall=antall,
            seed=seed,
            manifest=manifest,
            filtre=Filtre(
                tjeneste=tuple(tjeneste or ()),
                enhet=tuple(enhet or ()),
                fra=_dato(fra),
                til=_dato(til),
                dag=_dato(dag),
                kontor=tuple(kontor or ()),
            ),
            lagdelt_etter=lagdelt_etter.value if lagdelt_etter else None,
            ekskluder=ekskluder or [],
            kopier_til=kopier_til,
        )
    )
    sys.stdout.write("".join(f"{i}\n" for i in resultat.manifest.valgt))
    sys.stdout.flush()
    vis_avvisninger(feil, resultat.avviste)
    for linje in resultat.oppsummering:
        feil.print(linje, markup=False, soft_wrap=True)
    raise typer.Exit(1 if resultat.avviste else 0)


def utvalgsstorrelse(
    toleranse: Annotated[
        str,
        typer.Option(
            "--toleranse",
            metavar="ANDEL",
            help="Toleransegrense for avvik, for eksempel 0.05 eller 5%.",
            show_default=False,
        ),
    ],
    konfidens: Annotated[
        str,
        typer.Option(
            "--konfidens", metavar="ANDEL", help="Konfidensnivå, for eksempel 0.95 eller 95%."
        ),
    ] = "0.95",
    forventet: Annotated[
        str,
        typer.Option(
            "--forventet",
            metavar="ANDEL",
            help="Forventet avviksandel, for eksempel 0.01 eller 1%.",
        ),
    ] = "0",
    populasjon: Annotated[
        int | None,
        typer.Option(
            "--populasjon",
            metavar="N",
            help="Antall saker i populasjonen; gir hypergeometrisk beregning.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Regn ut hvor mange saker et attributtutvalg trenger (binomisk, eller hypergeometrisk med --populasjon)."""
    from revisjon.kontroll.andel import tolk_andel
    from revisjon.kontroll.utvalgsstorrelse import beskriv
    from revisjon.kontroll.utvalgsstorrelse import utvalgsstorrelse as beregn

    plan = beregn(
        toleranse=tolk_andel(toleranse, valg="--toleranse"),
        konfidens=tolk_andel(konfidens, valg="--konfidens"),
        forventet=tolk_andel(forventet, valg="--forventet", null_tillatt=True),
        populasjon=populasjon,
    )
    sys.stdout.write(beskriv(plan))


def trend(
    filer: Annotated[
        list[Path],
        typer.Argument(
            metavar="RESULTAT.json...",
            help="Resultater fra revisjon vurder --format json, for eksempel ett per måned.",
            show_default=False,
        ),
    ],
    ut: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--ut",
            help="Skriv Markdown-tabellene til denne filen i stedet for til skjermen.",
            show_default=False,
        ),
    ] = None,
    graf: Annotated[
        Path | None,
        typer.Option(
            "--graf",
            metavar="FIL.svg",
            help="Grafen (SVG). Uten dette: ved siden av -o-filen, ellers trend.svg.",
            show_default=False,
        ),
    ] = None,
    periode: Annotated[
        PeriodeValg,
        typer.Option(
            "--periode",
            help="rapportdato: én periode per resultatfil, navngitt etter måneden for stikkprøven; maned/kvartal: sakene gruppert etter vedtaksdato.",
        ),
    ] = PeriodeValg.rapportdato,
    konfidens: Annotated[
        float,
        typer.Option("--konfidens", help="Konfidensnivå for intervallene, for eksempel 0.95."),
    ] = 0.95,
    minste_n: Annotated[
        int,
        typer.Option(
            "--minste-n", help="Perioder med færre vurderte saker enn dette merkes «For få saker»."
        ),
    ] = 10,
) -> None:
    """Vis andel oppfylt per kriterium og periode, med intervaller, som tabeller og graf."""
    from rich.console import Console

    from revisjon.kontroll.trend import Trendoppdrag, lag_trendrapport

    feil = Console(stderr=True, highlight=False)
    rapport = lag_trendrapport(
        Trendoppdrag(
            filer=filer,
            ut=ut,
            graf=graf,
            inndeling=periode.value,
            konfidens=konfidens,
            minste_n=minste_n,
        )
    )
    if ut is None:
        sys.stdout.write(rapport.markdown)
        sys.stdout.flush()
    for linje in rapport.oppsummering:
        feil.print(linje, markup=False, soft_wrap=True)


def registrer(app: typer.Typer) -> None:
    """Add the internal-control commands to the main app."""
    app.command("stikkprove", cls=NorskKommando)(stikkprove)
    app.command("utvalgsstorrelse", cls=NorskKommando)(utvalgsstorrelse)
    app.command("trend", cls=NorskKommando)(trend)
