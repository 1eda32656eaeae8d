"""The ``--help`` pages in Norwegian, as plain text.

Typer's own help is either a rich layout (slow to import: rich.markdown, markdown_it) or click's
plain layout with English headings, English type names (``<path>``, ``<float>``) and an English
help option. ``NorskGruppe`` (the app) and ``NorskKommando`` (each command) keep click's plain
layout and write every word of it in Norwegian; give them as ``cls=`` to ``typer.Typer`` and to
``app.command``. Kept, rather than typer's rich help with translated strings, because that help
imports rich's layout (``typer.rich_utils``: 110-124 ms, measured with ``python -X importtime``)
on top of a ``revisjon --help`` that takes 0.14 s in all, and translating it means patching
typer's module constants (panel titles) and click's type names, which are not an API.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

if TYPE_CHECKING:
    from typer._click import Command, Context, HelpFormatter, Parameter

BRUK = "Bruk: "
VALG = "[VALG]"
UNDERKOMMANDO = "KOMMANDO [ARGUMENTER]..."
HJELPETEKST = "Vis denne hjelpen og avslutt."

TYPENAVN = {
    "path": "STI",
    "Path": "STI",
    "str": "TEKST",
    "int": "HELTALL",
    "float": "TALL",
    "datetime": "DATO",
    "date": "DATO",
}
"""Norwegian metavars for the type names Typer shows (``display_type``) when a parameter has none."""


def _typeetikett(param: TyperArgument | TyperOption, ctx: Context) -> str:
    """Typer's name for the type, without its angle brackets: ``path``, ``int``, ``a|b``."""
    navn = param.display_type(ctx).removeprefix("<").removesuffix(">")
    if navn.startswith("list[") and navn.endswith("]"):
        navn = navn[len("list[") : -1]
    return navn


def _typenavn(param: TyperArgument | TyperOption, ctx: Context) -> str:
    """The value placeholder: the parameter's own metavar, else a Norwegian name for its type."""
    if param.metavar is not None:
        return param.metavar
    navn = _typeetikett(param, ctx)
    if "%" in navn:  # strftime formats: a date without a metavar of its own
        return "DATO"
    if "|" in navn:  # the choices
        return f"[{navn}]"
    return TYPENAVN.get(navn, navn.upper())


def _argumentnavn(param: TyperArgument) -> str:
    """An argument as it stands in the list, ``STI...`` or ``NAVN``; without the brackets of a
    metavar such as ``[STI...]``, which the usage line adds for optional arguments."""
    navn = (param.metavar or (param.name or "").upper()).removeprefix("[").removesuffix("]")
    if param.nargs != 1 and not navn.endswith("..."):
        navn += "..."
    return navn


def parameternavn(param: object) -> str:
    """How an error message names a parameter: ``--antall``, ``STI...``, as in the help."""
    if isinstance(param, TyperArgument):
        return _argumentnavn(param)
    opts: list[str] = getattr(param, "opts", None) or []
    return next((o for o in opts if o.startswith("--")), opts[0] if opts else "")


def verdinavn(param: object, ctx: Context | None) -> str:
    """The value a parameter expects, as in the help (``HELTALL``, ``ÅÅÅÅ-MM-DD``); empty for
    a flag or when not known."""
    if ctx is None or not isinstance(param, TyperArgument | TyperOption):
        return ""
    if isinstance(param, TyperOption) and (param.is_flag or param.count):
        return ""
    # The type says more than a metavar like N; a date's metavar shows its format.
    etikett = _typeetikett(param, ctx)
    if etikett in TYPENAVN and "%" not in etikett:
        return TYPENAVN[etikett]
    return _typenavn(param, ctx)


def _standardverdi(param: TyperArgument | TyperOption, ctx: Context) -> str:
    """The default as shown after ``standard:``; empty when there is none to show."""
    if isinstance(param.show_default, str):
        return param.show_default
    if not param.show_default:
        return ""
    if isinstance(param, TyperOption) and param.is_flag:
        return ""
    verdi = param.get_default(ctx, call=False)
    if verdi is None or callable(verdi):
        return ""
    verdier = verdi if isinstance(verdi, list | tuple) else [verdi]
    return ", ".join(str(v.value if isinstance(v, Enum) else v) for v in verdier)


def _tillegg(param: TyperArgument | TyperOption, ctx: Context) -> str:
    """What click writes in brackets after the help text: default, range, required."""
    deler = []
    if standard := _standardverdi(param, ctx):
        deler.append(f"standard: {standard}")
    minst, hoyst = getattr(param, "min", None), getattr(param, "max", None)
    if minst is not None and hoyst is not None:
        deler.append(f"fra {minst} til {hoyst}")
    elif minst is not None:
        deler.append(f"minst {minst}")
    elif hoyst is not None:
        deler.append(f"høyst {hoyst}")
    if param.required:
        deler.append("påkrevd")
    return f"[{'; '.join(deler)}]" if deler else ""


def _hjelpelinje(param: Parameter, ctx: Context) -> tuple[str, str] | None:
    """One row of the Argumenter or Valg list: the name(s) and the help text."""
    if not isinstance(param, TyperArgument | TyperOption) or param.hidden:
        return None
    if isinstance(param, TyperArgument):
        navn = _argumentnavn(param)
    else:
        navn = ", ".join(sorted(param.opts, key=lambda o: o.startswith("--")))
        if param.secondary_opts:
            navn += " / " + ", ".join(param.secondary_opts)
        if not param.is_flag and not param.count:
            navn += f" {_typenavn(param, ctx)}"
    tekst = " ".join(t for t in (param.help or "", _tillegg(param, ctx)) if t)
    return navn, tekst


def _norsk_hjelpevalg(valg: TyperOption | None) -> TyperOption | None:
    """The ``--help`` option with Norwegian help text."""
    if valg is not None:
        valg.help = HJELPETEKST
        # Unset, click gives it None, and Typer then builds a pydantic validator for it (~60 ms
        # of imports on ``revisjon vurder --help``); a bool is passed through as it is.
        valg.default = False
    return valg


def _bruksdeler(kommando: Command, ctx: Context) -> list[str]:
    """``[VALG]`` and the arguments, optional ones in brackets."""
    deler = [VALG]
    for param in kommando.get_params(ctx):
        if isinstance(param, TyperArgument) and not param.hidden:
            navn = _argumentnavn(param)
            deler.append(navn if param.required else f"[{navn}]")
    return deler


def _skriv_bruk(kommando: Command, ctx: Context, formatter: HelpFormatter) -> None:
    formatter.write_usage(ctx.command_path, " ".join(kommando.collect_usage_pieces(ctx)), BRUK)


def _skriv_hjelp(kommando: Command, ctx: Context, formatter: HelpFormatter) -> None:
    """click's plain layout; Typer's own ``format_help`` would switch to rich when asked to."""
    kommando.format_usage(ctx, formatter)
    kommando.format_help_text(ctx, formatter)
    kommando.format_options(ctx, formatter)
    kommando.format_epilog(ctx, formatter)


def _skriv_parametre(kommando: Command, ctx: Context, formatter: HelpFormatter) -> None:
    argumenter: list[tuple[str, str]] = []
    valg: list[tuple[str, str]] = []
    for param in kommando.get_params(ctx):
        linje = _hjelpelinje(param, ctx)
        if linje is not None:
            (argumenter if isinstance(param, TyperArgument) else valg).append(linje)
    for overskrift, linjer in (("Argumenter", argumenter), ("Valg", valg)):
        if linjer:
            with formatter.section(overskrift):
                formatter.write_dl(linjer)


HJELPEVALG = ["-h", "--help"]

if TYPE_CHECKING:
    _Grunn = Command
else:
    _Grunn = object


class _NorskHjelp(_Grunn):
    """What the app and the commands write alike: the help option, usage line and layout."""

    def get_help_option_names(self, ctx: Context) -> list[str]:
        # ``-h`` as well, as most command-line tools have it; no command uses -h for anything else.
        return HJELPEVALG

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        return _norsk_hjelpevalg(super().get_help_option(ctx))

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        _skriv_bruk(self, ctx, formatter)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        _skriv_hjelp(self, ctx, formatter)


class NorskKommando(_NorskHjelp, TyperCommand):
    """A command whose ``--help`` is in Norwegian."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return _bruksdeler(self, ctx)

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        _skriv_parametre(self, ctx, formatter)


class NorskGruppe(_NorskHjelp, TyperGroup):
    """The app: its ``--help`` is in Norwegian and lists the commands under ``Kommandoer``."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return [*_bruksdeler(self, ctx), UNDERKOMMANDO]

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        _skriv_parametre(self, ctx, formatter)
        # The first sentence of each command's help, in full: click would cut it to fit one line.
        kommandoer = [
            (navn, kommando.get_short_help_str(limit=1000))
            for navn in self.list_commands(ctx)
            if (kommando := self.get_command(ctx, navn)) is not None and not kommando.hidden
        ]
        if kommandoer:
            with formatter.section("Kommandoer"):
                formatter.write_dl(kommandoer)
