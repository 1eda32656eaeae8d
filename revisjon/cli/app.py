"""The command line: parses options, calls the library, shows results. No logic of its own."""

from __future__ import annotations

import datetime as dt
import sys
from contextlib import suppress
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
"""Exit codes: all judged; some input rejected (output still written); nothing could be done
(a usage error, or an output that could not be written)."""

AVBRUTT, LUKKET = 130, 141
"""Exit codes as a shell gives them for a process stopped by Ctrl-C (128 + SIGINT) and for one
whose reader of stdout has gone (128 + SIGPIPE, as ``yes | head`` gives)."""

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
        sys.stdout.write(f"revisjon {__version__}\n")
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
        str,
        typer.Option(
            "--konfidens",
            metavar="ANDEL",
            help="Konfidensnivå for intervallene, for eksempel 0.95 eller 95%.",
        ),
    ] = "0.95",
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
    tidligere: Annotated[
        list[Path] | None,
        typer.Option(
            "--tidligere",
            metavar="RESULTAT.json",
            help="Resultatfil (revisjon vurder --format json) fra en tidligere måned: rapporten for internkontroll viser utviklingen mot den. Kan gis flere ganger.",
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
    from revisjon.cli.terminal import (
        feilkonsoll,
        fremdriftslinje,
        oppsummeringstabell,
        til_terminal,
        vis,
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
    from revisjon.kontroll.avvik import skriv_avviksliste
    from revisjon.skriving import skriv_atomisk, skriv_strom

    feil = feilkonsoll()
    if format_ is Format.docx and ut is None:
        raise RevisjonFeil(
            "--format docx: et Word-dokument må skrives til en fil; bruk -o rapport.docx"
        )
    internkontroll = mal is not None and str(mal) == INTERNKONTROLL and not mal.exists()
    oppsett = Oppsett(
        stier=stier,
        kriterier=kriterier or [],
        format=format_,
        dato=dato.date() if dato else None,
        konfidens=float(tolk_andel(konfidens, valg="--konfidens")),
        overstyringer=overstyringer,
        mal=None if internkontroll else mal,
        internkontroll=internkontroll,
        oppdrag=oppdrag,
        referanse_docx=referanse_docx,
        tidligere=tidligere or [],
        utvalg=utvalg,
        toleranse=tolk_andel(toleranse, valg="--toleranse") if toleranse is not None else None,
        avvik=avvik,
        arbeidspapir=arbeidspapir,
        ut=ut,
    )
    kontroller_arbeidspapir(oppsett, ut=ut)
    with fremdriftslinje(feil) as fremdrift:
        rapport, deler = lag_rapport(
            oppsett, fremdrift=fremdrift, advarsel=lambda tekst: vis(feil, tekst)
        )
    if ut is None:
        tekst = (d if isinstance(d, str) else d.decode() for d in deler)
        skriv_strom(sys.stdout, til_terminal(tekst) if sys.stdout.isatty() else tekst)
    else:
        skriv_atomisk(ut, deler)
        feil.print(oppsummeringstabell(rapport, bredde=feil.width))
        vis(feil, f"Skrev {ut}.")
    if oppsett.avvik is not None:
        rader = skriv_avviksliste(oppsett.avvik, rapport.kjoring)
        vis(feil, f"Skrev {oppsett.avvik} ({rader} avvik).")
    if oppsett.arbeidspapir is not None:
        rader = skriv_arbeidspapir_for(oppsett, rapport)
        vis(
            feil,
            f"Skrev {oppsett.arbeidspapir} ({rader} rader). Arbeidspapiret inneholder sakstekst "
            "og skal ikke publiseres.",
        )
    vis_avvisninger(feil, rapport.kjoring.avviste)
    vis_oppsummering(feil, rapport.kjoring)
    raise typer.Exit(AVVIST if rapport.kjoring.avviste else OK)


def main() -> None:
    """Entry point: one place where errors become messages and exit codes."""
    from revisjon.cli.terminal import bruk_utf8
    from revisjon.skriving import LukketUtdata

    bruk_utf8()
    try:
        # The name in the help is the command's, also when run as ``python -m revisjon``.
        kode = app(standalone_mode=False, prog_name="revisjon")
        if kode == AVBRUTT:  # Typer turns Ctrl-C (KeyboardInterrupt) into exit code 130
            raise KeyboardInterrupt
        sys.stdout.flush()
    except (RevisjonFeil, typer.Abort, typer.TyperException) as problem:
        sys.exit(_vis_feil(problem))
    except KeyboardInterrupt:
        _avbryt(_vis_feil(typer.Abort()))
    except (LukketUtdata, BrokenPipeError):
        sys.exit(_lukket_utdata())
    except OSError as feil:  # writing to the terminal or a redirection through rich or click
        from revisjon.skriving.feil import aarsak

        sys.exit(_vis_feil(RevisjonFeil(f"standard ut: kunne ikke skrives: {aarsak(feil)}")))
    sys.exit(kode if isinstance(kode, int) else OK)


def _avbryt(kode: int) -> None:
    """End at once after Ctrl-C. Python's own exit would join the process pool's manager
    thread, which can wait for ever on a worker that was stopped mid-answer; the workers are
    already stopped (``parallell``), and every file being written has been removed."""
    import os

    for strom in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):
            strom.flush()
    os._exit(kode)


def _lukket_utdata() -> int:
    """The reader of stdout has gone (``revisjon stikkprove … | head``): stop without a message,
    as command-line tools do, and without Python's complaint when it flushes stdout at exit."""
    import os

    with suppress(OSError, ValueError):  # stdout without a file descriptor: nothing to quiet
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return LUKKET


def _vis_feil(problem: RevisjonFeil | typer.Abort | typer.TyperException) -> int:
    """Show an error that stopped the command; the exit code it gives."""
    if isinstance(problem, typer.TyperException) and type(problem).__name__ == "NoArgsIsHelpError":
        from revisjon.cli.terminal import skriv_ut

        skriv_ut(problem.format_message() + "\n")
        return BRUKSFEIL
    from revisjon.cli.terminal import feilkonsoll, vis

    feil = feilkonsoll()
    if isinstance(problem, FilFeil):
        for avvisning in problem.problemer:
            vis(feil, str(avvisning))
        vis(feil, problem.oppsummering)
    elif isinstance(problem, RevisjonFeil):
        vis(feil, str(problem))
    elif isinstance(problem, typer.Abort):
        vis(feil, "Avbrutt.")
        return AVBRUTT
    else:
        vis(feil, f"Feil: {_norsk_bruksfeil(problem)}")
        vis(feil, "Se 'revisjon --help' for hjelp.")
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
