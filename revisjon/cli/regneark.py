"""The ``regneark`` command: the registration workbook, empty or with cases in it.

Thin like ``cli``: parse options, call ``revisjon.rapport.registreringsark``, show the result.
Registered on the main app by ``registrer`` (the last lines of ``revisjon/cli/app.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from revisjon.cli.hjelp import NorskKommando

MAL = "mal"
"""The argument that asks for the empty template instead of cases."""


def regneark(
    stier: Annotated[
        list[Path],
        typer.Argument(
            metavar="STI...",
            help="«mal» for en tom arbeidsbok, ellers saksfiler eller mapper med saker som "
            "skal skrives inn i arbeidsboken.",
            show_default=False,
        ),
    ],
    ut: Annotated[
        Path,
        typer.Option(
            "-o", "--ut", help="Arbeidsboken som skal skrives (.xlsx).", show_default=False
        ),
    ],
) -> None:
    """Skriv en arbeidsbok (.xlsx) for å registrere saker: tom (mal) eller med sakene i STI.

    Arbeidsboken har ett ark per del av saksformatet, nedtrekkslister for kodene og en
    veiledning først. Les den inn igjen med revisjon vurder arbeidsbok.xlsx.
    """
    from rich.console import Console

    from revisjon.cli.terminal import vis_avvisninger
    from revisjon.feil import RevisjonFeil
    from revisjon.rapport.registreringsark import skriv_registreringsark, skriv_saker
    from revisjon.skriving import kontroller_utfil

    konsoll = Console(stderr=True, highlight=False)
    if ut.suffix.lower() != ".xlsx":
        raise RevisjonFeil(f"{ut}: arbeidsboken skal ha endelsen .xlsx")
    if [str(s) for s in stier] == [MAL]:
        skriv_registreringsark(ut)
        konsoll.print(f"Skrev {ut} (tom arbeidsbok).", markup=False)
        raise typer.Exit(0)
    kontroller_utfil(ut, stier)
    antall, avviste = skriv_saker(ut, stier)
    vis_avvisninger(konsoll, avviste)
    konsoll.print(
        f"Skrev {ut} ({antall} saker"
        + (f"; {len({a.inndata_id for a in avviste})} inndata avvist" if avviste else "")
        + ").",
        markup=False,
    )
    raise typer.Exit(1 if avviste else 0)  # as vurder: 1 when some input was rejected


def registrer(app: typer.Typer) -> None:
    """Add the workbook command to the main app."""
    app.command("regneark", cls=NorskKommando)(regneark)
