"""The command line: parses options, calls the library, shows results. No logic of its own."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from revisjon import __version__
from revisjon.cli import kriterier as cli_kriterier
from revisjon.cli.hjelp import NorskGruppe, NorskKommando
from revisjon.feil import FilFeil, RevisjonFeil
from revisjon.rapport.format import Format

INTERNKONTROLL = "internkontroll"
"""``--mal internkontroll``: the bundled template for a Nav office's own control."""

OK, AVVIST, BRUKSFEIL = 0, 1, 2
"""Exit codes: all judged; some input rejected (output still written); nothing could be done."""

app = typer.Typer(
    name="revisjon",
    help="Vurderer anonymiserte saker fra Navs sosiale tjenester mot revisjonskriterier.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help from revisjon.cli.hjelp, in Norwegian: rich's help layout costs ~150 ms of imports.
    rich_markup_mode=None,
    cls=NorskGruppe,
)


def _versjon(verdi: bool) -> None:
    if verdi:
        print(f"revisjon {__version__}")
        raise typer.Exit()


@app.callback()
def hoved(
    versjon: Annotated[
        bool,
        typer.Option(
            "--versjon", "--version", callback=_versjon, is_eager=True, help="Vis versjonen."
        ),
    ] = False,
) -> None:
    """Vurderer anonymiserte saker fra Navs sosiale tjenester mot revisjonskriterier."""


@app.command(cls=NorskKommando)
def vurder(
    stier: Annotated[
        list[Path],
        typer.Argument(
            metavar="STI...",
            help="Saksfiler (.yaml, .yml, .json, .jsonl, .xlsx) eller mapper med slike filer.",
            show_default=False,
        ),
    ],
    kriterier: Annotated[
        list[Path] | None,
        typer.Option(
            "-k",
            "--kriterier",
            help="Kriteriefil eller mappe med kriteriefiler. Uten dette brukes standardsettet.",
            show_default=False,
        ),
    ] = None,
    ut: Annotated[
        Path | None,
        typer.Option(
            "-o", "--ut", help="Skriv resultatet til denne filen i stedet for til skjermen."
        ),
    ] = None,
    format_: Annotated[
        Format,
        typer.Option(
            "--format",
            help=(
                "Utdataformat: markdown, json, jsonl (én sak per linje, så én linje med resten) "
                "eller docx (Word, krever -o)."
            ),
        ),
    ] = Format.markdown,
    dato: Annotated[
        dt.datetime | None,
        typer.Option(
            "--dato",
            formats=["%Y-%m-%d"],
            metavar="ÅÅÅÅ-MM-DD",
            help="Rapportdato. Uten dette: SOURCE_DATE_EPOCH, ellers dagens dato.",
            show_default=False,
        ),
    ] = None,
    konfidens: Annotated[
        float,
        typer.Option("--konfidens", help="Konfidensnivå for intervallene, for eksempel 0.95."),
    ] = 0.95,
    overstyringer: Annotated[
        Path | None,
        typer.Option(
            "--overstyringer",
            help="Revisors overstyringer: YAML-fil (sak_id, kriterium, status, begrunnelse, av, dato) eller utfylt arbeidspapir (.xlsx).",
            show_default=False,
        ),
    ] = None,
    mal: Annotated[
        Path | None,
        typer.Option(
            "--mal",
            help="Egen jinja2-mal for Markdown-rapporten (kjøres i sandkasse), eller «internkontroll» for rapporten til Nav-kontorets egen kontroll.",
            show_default=False,
        ),
    ] = None,
    utvalg: Annotated[
        Path | None,
        typer.Option(
            "--utvalg",
            metavar="MANIFEST",
            help="Utvalgsmanifest fra revisjon stikkprove: beskriver utvalget i rapporten.",
            show_default=False,
        ),
    ] = None,
    toleranse: Annotated[
        str | None,
        typer.Option(
            "--toleranse",
            metavar="ANDEL",
            help="Toleransegrense for avvik (for eksempel 0.05 eller 5%): øvre avviksgrense og vurdering per kriterium.",
            show_default=False,
        ),
    ] = None,
    arbeidspapir: Annotated[
        Path | None,
        typer.Option(
            "--arbeidspapir",
            metavar="FIL.xlsx",
            help="Skriv et arbeidspapir (.xlsx) med én rad per sak og kriterium, for revisors kontroll; les det utfylte inn igjen med --overstyringer. Inneholder sakstekst: skal ikke publiseres.",
            show_default=False,
        ),
    ] = None,
    oppdrag: Annotated[
        Path | None,
        typer.Option(
            "--oppdrag",
            metavar="FIL",
            help="Oppdragsfil (oppdrag.yaml fra revisjon init): kommune, bestilling, prosjektgruppe og revisors egne kapitler.",
            show_default=False,
        ),
    ] = None,
    referanse_docx: Annotated[
        Path | None,
        typer.Option(
            "--referanse-docx",
            metavar="FIL.docx",
            help="Kontorets eget referansedokument (stiler) for --format docx.",
            show_default=False,
        ),
    ] = None,
    avvik: Annotated[
        Path | None,
        typer.Option(
            "--avvik",
            metavar="FIL.csv",
            help="Skriv hvert avvik (ikke oppfylt, delvis oppfylt) som en rad i en CSV-fil for avvikssystemet.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Vurder sakene mot kriteriene og skriv revisjonsrapporten (Markdown) eller resultatet (JSON)."""
    from rich.console import Console

    from revisjon.cli.terminal import (
        fremdriftslinje,
        oppsummeringstabell,
        vis_avvisninger,
        vis_oppsummering,
    )
    from revisjon.jobb import (
        Oppsett,
        kontroller_arbeidspapir,
        lag_rapport,
        skriv_arbeidspapir_for,
    )
    from revisjon.kontroll.andel import tolk_andel
    from revisjon.kontroll.avvik import kontroller_avviksfil, skriv_avviksliste
    from revisjon.skriving import kontroller_utfil, skriv_atomisk

    feil = Console(stderr=True, highlight=False)
    if format_ is Format.docx and ut is None:
        raise RevisjonFeil(
            "--format docx: et Word-dokument må skrives til en fil; bruk -o rapport.docx"
        )
    internkontroll = mal is not None and str(mal) == INTERNKONTROLL and not mal.exists()
    if ut is not None:
        kontroller_utfil(ut, stier)
    if avvik is not None:
        kontroller_avviksfil(avvik, stier=stier, ut=ut)
    oppsett = Oppsett(
        stier=stier,
        kriterier=kriterier or [],
        format=format_,
        dato=dato.date() if dato else None,
        konfidens=konfidens,
        overstyringer=overstyringer,
        mal=None if internkontroll else mal,
        internkontroll=internkontroll,
        oppdrag=oppdrag,
        referanse_docx=referanse_docx,
        utvalg=utvalg,
        toleranse=tolk_andel(toleranse, valg="--toleranse") if toleranse is not None else None,
        avvik=avvik,
        arbeidspapir=arbeidspapir,
    )
    kontroller_arbeidspapir(oppsett, ut=ut)
    with fremdriftslinje(feil) as fremdrift:
        rapport, deler = lag_rapport(oppsett, fremdrift=fremdrift)
    if ut is None:
        from revisjon.skriving import skriv_strom

        skriv_strom(sys.stdout, (d if isinstance(d, str) else d.decode() for d in deler))
    else:
        skriv_atomisk(ut, deler)
        feil.print(oppsummeringstabell(rapport))
        feil.print(f"Skrev {ut}.")
    if oppsett.avvik is not None:
        rader = skriv_avviksliste(oppsett.avvik, rapport.kjoring)
        feil.print(f"Skrev {oppsett.avvik} ({rader} avvik).")
    if oppsett.arbeidspapir is not None:
        rader = skriv_arbeidspapir_for(oppsett, rapport)
        feil.print(
            f"Skrev {oppsett.arbeidspapir} ({rader} rader). Arbeidspapiret inneholder sakstekst "
            "og skal ikke publiseres.",
            markup=False,
        )
    vis_avvisninger(feil, rapport.kjoring.avviste)
    vis_oppsummering(feil, rapport.kjoring)
    raise typer.Exit(AVVIST if rapport.kjoring.avviste else OK)


def main() -> None:
    """Entry point: one place where errors become messages and exit codes."""
    try:
        # The name in the help is the command's, also when run as ``python -m revisjon``.
        kode = app(standalone_mode=False, prog_name="revisjon")
    except (RevisjonFeil, typer.Abort, typer.TyperException) as problem:
        sys.exit(_vis_feil(problem))
    sys.exit(kode if isinstance(kode, int) else OK)


def _vis_feil(problem: RevisjonFeil | typer.Abort | typer.TyperException) -> int:
    """Show an error that stopped the command; the exit code it gives."""
    if isinstance(problem, typer.TyperException) and type(problem).__name__ == "NoArgsIsHelpError":
        sys.stdout.write(problem.format_message() + "\n")
        return BRUKSFEIL
    # Imported here, not at the top: rich is slow to import, and --help does not need it.
    from rich.console import Console

    feil = Console(stderr=True, highlight=False)
    if isinstance(problem, FilFeil):
        for avvisning in problem.problemer:
            feil.print(str(avvisning), markup=False, soft_wrap=True)
        feil.print(problem.oppsummering)
    elif isinstance(problem, RevisjonFeil):
        feil.print(str(problem), markup=False, soft_wrap=True)
    elif isinstance(problem, typer.Abort):
        feil.print("Avbrutt.")
        return 130
    else:
        feil.print(f"Feil: {_norsk_bruksfeil(problem)}", markup=False)
        feil.print("Se 'revisjon --help' for hjelp.", markup=False)
    return BRUKSFEIL


def _norsk_bruksfeil(problem: typer.TyperException) -> str:
    """Typer's usage errors in Norwegian (matched by name: Typer's classes are not public)."""
    import re

    from revisjon.cli.hjelp import parameternavn, verdinavn

    art = type(problem).__name__
    param = getattr(problem, "param", None)
    navn = parameternavn(param)
    if art == "MissingParameter":
        return f"mangler {navn}"
    if art == "NoSuchOption":
        valg = getattr(problem, "option_name", "")
        muligheter = getattr(problem, "possibilities", None) or []
        tips = f"; mente du {', '.join(muligheter)}?" if muligheter else ""
        return f"ukjent valg «{valg}»{tips}"
    if art == "BadParameter":
        gyldige = re.findall(r"'([^']+)'", problem.message)
        if "is not one of" in problem.message and gyldige:
            return f"ugyldig verdi «{gyldige[0]}» for {navn}; velg en av: {', '.join(gyldige[1:])}"
        forventet = verdinavn(param, getattr(problem, "ctx", None))
        return f"ugyldig verdi for {navn}" + (f"; forventet {forventet}" if forventet else "")
    if art == "BadOptionUsage":
        valg = getattr(problem, "option_name", "")
        if "does not take a value" in problem.message:
            return f"{valg} tar ingen verdi"
        return f"{valg} mangler verdi"
    if art == "UsageError" and problem.message.startswith("No such command"):
        ord_ = re.findall(r"'([^']+)'", problem.message)
        tips = f"; mente du «{ord_[1]}»?" if len(ord_) > 1 else ""
        return f"ukjent kommando «{ord_[0] if ord_ else ''}»{tips}"
    ekstra = "Got unexpected extra argument(s) ("
    if art == "UsageError" and problem.message.startswith(ekstra):
        return f"for mange argumenter: {problem.message.removeprefix(ekstra).removesuffix(')')}"
    if art == "UsageError" and problem.message == "Missing command.":
        return "mangler kommando"
    return problem.format_message()


cli_kriterier.registrer(app)
from revisjon.cli import kontroll as cli_kontroll  # noqa: E402  (internkontroll)

cli_kontroll.registrer(app)
from revisjon.cli import regneark as cli_regneark  # noqa: E402  (arbeidsbok for registrering)

cli_regneark.registrer(app)
