"""Commands for people who write criteria: ``sjekk``, ``skjema`` and ``init``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from revisjon.cli.hjelp import NorskKommando
from revisjon.kriteriesprak.sjekkformat import Sjekkformat
from revisjon.skjema import Skjemanavn

OK, FEIL = 0, 1


def sjekk(
    stier: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[STI...]",
            help="Kriteriefiler eller mapper med kriteriefiler. Standard: kriterier/.",
            show_default=False,
        ),
    ] = None,
    format_: Annotated[
        Sjekkformat,
        typer.Option("--format", help="Utdata: menneske, github (annotasjoner) eller json."),
    ] = Sjekkformat.menneske,
    vis_kode: Annotated[
        str | None,
        typer.Option(
            "--vis-kode",
            metavar="ID",
            help="Skriv Python-koden kriteriet ID vurderes med (til feilsøking), i stedet for å sjekke.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Sjekk kriteriefiler og kjør testene deres. Avslutningskode 0: alt holder; 1: feil funnet.

    Med --vis-kode ID skrives den genererte koden for kriteriet ID; avslutningskode 2 når ingen
    kriterier har den id-en eller filene har feil.
    """
    if vis_kode is not None:
        from revisjon.kriteriesprak.sjekk import vis_kode as kode_for

        sys.stdout.write(kode_for(stier=stier or [Path("kriterier")], kriterium_id=vis_kode))
        raise typer.Exit(OK)
    from rich.console import Console

    from revisjon.kriteriesprak.sjekk import sjekk_kriterier
    from revisjon.kriteriesprak.sjekkformat import SJEKKRENDERERE

    rapport = sjekk_kriterier(stier or [Path("kriterier")], standard=not stier)
    tekst = SJEKKRENDERERE[format_](rapport)
    if format_ is Sjekkformat.menneske:
        konsoll = Console(highlight=False, soft_wrap=True)
        *linjer, siste = tekst.rstrip("\n").split("\n")
        for linje in linjer:
            konsoll.print(linje, style="red", markup=False)
        konsoll.print(siste, style="green" if rapport.ok else "bold red", markup=False)
    else:
        sys.stdout.write(tekst)
    raise typer.Exit(OK if rapport.ok else FEIL)


def skjema(
    navn: Annotated[
        Skjemanavn,
        typer.Argument(help="Hvilket skjema: saksuttrekk eller kriterier.", show_default=False),
    ],
) -> None:
    """Skriv JSON-skjemaet for saksuttrekk eller kriteriefiler (for editorer og validering)."""
    from revisjon.skjema import skjema_json

    sys.stdout.write(skjema_json(navn))


def init(
    mappe: Annotated[
        Path, typer.Argument(help="Mappen den nye revisjonen skal ligge i.", show_default=False)
    ],
) -> None:
    """Lag en ny revisjonsmappe: kriterier å tilpasse, en mappe for saker og en kort veiledning."""
    from rich.console import Console

    from revisjon.oppstart import opprett_revisjon

    laget = opprett_revisjon(mappe)
    konsoll = Console(stderr=True, highlight=False)
    for fil in laget:
        konsoll.print(f"Laget {fil}", markup=False)
    konsoll.print(f"Neste steg: se {mappe / 'VEILEDNING.md'}.", markup=False)


def registrer(app: typer.Typer) -> None:
    """Add the criteria commands to the application."""
    app.command(cls=NorskKommando)(sjekk)
    app.command(cls=NorskKommando)(skjema)
    app.command(cls=NorskKommando)(init)
