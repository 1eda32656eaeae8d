"""The Markdown report, rendered from a jinja2 template.

The bundled template is the package resource ``maler/rapport.md.j2``. An office's own template
(``--mal``) is rendered in jinja2's sandbox, with the same context and filters.
"""

from __future__ import annotations

import ctypes
import re
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox

from revisjon import norsk
from revisjon.feil import RevisjonFeil
from revisjon.inntak.fodselsnummer import inneholder_fodselsnummer, masker
from revisjon.rapport.bygging import Rapport
from revisjon.resultat import STATUSTEKST, Resultat
from revisjon.styretegn import uten_styretegn

MAL = "rapport.md.j2"
INTERNKONTROLL = "internkontroll.md.j2"
"""The template of a Nav office's own control (``Rapport.internkontroll``)."""
_SPESIAL = re.compile(
    r"[\\`*_{}\[\]<>|#!~&@]|:(?=\S)|(?<=[^\W\d_])\.(?=[\w-])|(?<=\w)\.(?=[^\W\d_])"
)
"""What gets a backslash: Markdown's own characters (so no table breaks, heading, HTML, entity,
emphasis or code), and what makes a link of bare text in GitHub's, pandoc's and markdown-it's
autolinking: ``@`` (e-mail), a colon before text (``https:``, ``mailto:``) and a dot between a
letter and a word character or a hyphen (``www.nav.no``, ``nav.no``, ``www.0``, ``www.-a``;
not ``18.03.2024``). A backslash before punctuation is shown as
nothing, so the text reads as it was."""
_MELLOMROM = re.compile(r"[^\S\u00a0]+")
"""A run of white space to fold, except the no-break space (``norsk.TUSENSKILLE`` in counts, and
wherever a text has one): it breaks no table or line, and keeps «1 500» on one line."""
_KORT = {
    "oppfylt": "O",
    "delvis_oppfylt": "D",
    "ikke_oppfylt": "I",
    "ikke_aktuelt": "–",
    "ikke_vurdert": "?",
}


def md(tekst: object) -> str:
    """Text from a case or criteria file made safe inside a Markdown line or table cell:
    no table breaks, headings, HTML, links (also bare URLs, ``www.`` and e-mail addresses),
    emphasis or code; white space folded (all but the no-break space) and trimmed; control
    characters (NUL, bidi controls) removed."""
    tekst = uten_styretegn(_MELLOMROM.sub(" ", str(tekst)).strip())
    return _SPESIAL.sub(lambda t: "\\" + t.group(), tekst)


def mdblokk(tekst: object) -> str:
    """Like ``md``, for text that starts a line: it cannot start a list either."""
    trygg = md(tekst)
    trygg = re.sub(r"^(\d+)([.)])", r"\1\\\2", trygg)
    return re.sub(r"^([-+])", r"\\\1", trygg)


def statusmerke(resultat: Resultat) -> str:
    merke = STATUSTEKST[resultat.status]
    return f"{merke} (overstyrt)" if resultat.overstyring else merke


def kortstatus(resultat: Resultat) -> str:
    return _KORT[resultat.status] + ("\\*" if resultat.overstyring else "")


def _filtre(miljo: jinja2.Environment) -> None:
    miljo.filters.update(
        md=md,
        mdblokk=mdblokk,
        statustekst=lambda s: STATUSTEKST[s],
        statusmerke=statusmerke,
        kortstatus=kortstatus,
        dato=norsk.dato,
        prosent=norsk.prosent,
        intervall=norsk.intervall,
        heltall=norsk.heltall,
        antall=norsk.antall,
        langdato=norsk.langdato,
    )


def _innebygd(navn: str) -> str:
    return (resources.files("revisjon.rapport") / "maler" / navn).read_text("utf-8")


MAKS_UTDATA = 256 * 1024 * 1024
"""Characters an own template may write: past it, the template is stopped (a loop for ever, or a
report that repeats itself); the bundled template writes some 2 kB per case."""

MAKS_VERDI = 1_000_000
"""The largest length a template may ask for in one operation («"x" * n», «center(n)»)."""

MAKS_SEKUNDER = 600.0
"""How long an own template may take to fill in; then it is stopped."""

MALENDELSER = (".j2", ".jinja", ".jinja2", ".tmpl")
"""What a template that an own template includes or extends must be named (never a case)."""


class MalStoppet(RevisjonFeil):
    """An own template stopped for taking too long; raised into the rendering thread."""

    def __init__(self, *args: object) -> None:
        super().__init__(
            *(
                args
                or (
                    f"malen ble stoppet etter {MAKS_SEKUNDER:.0f} sekunder; den går trolig i "
                    "løkke. Rett malen og prøv igjen",
                )
            )
        )


class _Sandkasse(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The sandbox for an own template, with limits on what one operation can build."""

    intercepted_binops = frozenset(["*", "**", "%", "+"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise jinja2.exceptions.SecurityError("for stor eksponent")
        if operator == "%":
            _sjekk_bredde(left)
        if operator == "*":
            _sjekk_lengde(left, right)
            _sjekk_lengde(right, left)
        resultat = super().call_binop(context, operator, left, right)
        if isinstance(resultat, str | list | tuple) and len(resultat) > MAKS_UTDATA:
            raise jinja2.exceptions.SecurityError("for lang verdi")
        return resultat

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        metode = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        _sjekk_bredde(getattr(metode, "__self__", None))
        _sjekk_tall(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


def _sjekk_lengde(sekvens: Any, antall: Any) -> None:
    if (
        isinstance(sekvens, str | list | tuple)
        and isinstance(antall, int)
        and len(sekvens) * antall > MAKS_VERDI
    ):
        raise jinja2.exceptions.SecurityError(
            f"en verdi ville blitt over {MAKS_VERDI} tegn eller elementer lang"
        )


def _sjekk_tall(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse an argument that asks for a huge width or count («center(10**10)»)."""
    for verdi in (*args, *kwargs.values()):
        if isinstance(verdi, int) and not isinstance(verdi, bool) and abs(verdi) > MAKS_VERDI:
            raise jinja2.exceptions.SecurityError(f"et tall over {MAKS_VERDI} som argument")
        _sjekk_bredde(verdi)


def _sjekk_bredde(verdi: Any) -> None:
    """Refuse a format string that asks for a huge width («{:>9999999999}», «%9999999999d»)."""
    if isinstance(verdi, str) and re.search(r"[{%][^}\s]*\d{7,}", verdi):
        raise jinja2.exceptions.SecurityError("en formatbredde over grensen")


def _med_grenser(filter_: Any) -> Any:
    def begrenset(*args: Any, **kwargs: Any) -> Any:
        _sjekk_bredde(args[0] if args else None)
        _sjekk_tall(args[1:], kwargs)
        return filter_(*args, **kwargs)

    for egenskap in ("jinja_pass_arg",):
        if hasattr(filter_, egenskap):
            setattr(begrenset, egenskap, getattr(filter_, egenskap))
    return begrenset


def _bare_maler_ved_siden_av(mal: Path) -> jinja2.FunctionLoader:
    """A loader for an own template and the templates next to it, and nothing else: no other
    folder, no case or data file, no file whose text holds an identity number."""
    mappe = mal.parent

    def last(navn: str) -> tuple[str, str, Any] | None:
        sti = mappe / navn
        if (
            navn != mal.name and (Path(navn).name != navn or not navn.lower().endswith(MALENDELSER))
        ) or not sti.is_file():
            raise jinja2.TemplateNotFound(navn)
        tekst = sti.read_bytes().decode("utf-8")
        if inneholder_fodselsnummer(tekst):
            raise RevisjonFeil(
                f"{sti}: malen inneholder noe som ligner et fødselsnummer eller D-nummer; "
                "fjern nummeret"
            )
        endret = sti.stat().st_mtime
        return tekst, str(sti), lambda: sti.stat().st_mtime == endret

    return jinja2.FunctionLoader(last)


def _miljo(mal: Path | None) -> jinja2.Environment:
    innstillinger: dict[str, Any] = {
        "autoescape": False,  # Markdown, not HTML: the md filter escapes what comes from input
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "undefined": jinja2.StrictUndefined,
    }
    miljo: jinja2.Environment
    if mal is None:
        miljo = jinja2.Environment(loader=jinja2.FunctionLoader(_innebygd), **innstillinger)
    else:
        # Immutable: a template may read the report, never change it (no list.append on it).
        miljo = _Sandkasse(loader=_bare_maler_ved_siden_av(mal), **innstillinger)
    _filtre(miljo)
    if mal is not None:
        miljo.filters = {navn: _med_grenser(f) for navn, f in miljo.filters.items()}
    return miljo


def strom(rapport: Rapport, *, mal: Path | None = None) -> Iterator[str]:
    """The report as Markdown in pieces, from the bundled template or from ``mal``. The template
    is read and compiled before this returns; faults found while filling it in come as the
    pieces are taken."""
    if mal is not None and inneholder_fodselsnummer(str(mal)):
        raise RevisjonFeil(
            f"{masker(str(mal))}: navnet inneholder noe som ligner et fødselsnummer eller "
            "D-nummer; gi malen et annet navn"
        )
    innebygd = INTERNKONTROLL if rapport.internkontroll else MAL
    with _malfeil(mal):
        malen = _miljo(mal).get_template(mal.name if mal else innebygd)
    return _fyll(malen, rapport, mal)


def _fyll(malen: jinja2.Template, rapport: Rapport, mal: Path | None) -> Iterator[str]:
    deler = malen.generate(
        rapport=rapport,
        statuser=list(STATUSTEKST),
        vurderte=("oppfylt", "delvis_oppfylt", "ikke_oppfylt"),
    )
    if mal is None:
        with _malfeil(mal):
            yield from deler
        return
    skrevet = 0
    with _malfeil(mal), _tidsgrense(MAKS_SEKUNDER):
        for del_ in deler:
            skrevet += len(del_)
            if skrevet > MAKS_UTDATA:
                raise RevisjonFeil(
                    f"{mal}: malen ble stoppet: den skrev over {MAKS_UTDATA} tegn (grensen for "
                    "en rapport); den går trolig i løkke. Rett malen og prøv igjen"
                )
            yield del_


@contextmanager
def _tidsgrense(sekunder: float) -> Iterator[None]:
    """Stop the thread that fills in a template after ``sekunder``: a timer raises MalStoppet
    in it (as Ctrl-C raises KeyboardInterrupt), which also ends a loop that writes nothing."""
    traad = threading.get_ident()

    def stopp() -> None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(traad), ctypes.py_object(MalStoppet)
        )

    tidtaker = threading.Timer(sekunder, stopp)
    tidtaker.daemon = True
    tidtaker.start()
    try:
        yield
    finally:
        tidtaker.cancel()


@contextmanager
def _malfeil(mal: Path | None) -> Iterator[None]:
    """Turn a fault in a template into a message that names the file (and line, where known)."""
    try:
        yield
    except jinja2.TemplateNotFound as feil:
        mangler = mal.parent / feil.name if mal and feil.name else mal
        raise RevisjonFeil(f"{mangler}: malen finnes ikke") from None
    except UnicodeDecodeError:
        raise RevisjonFeil(f"{mal}: malen er ikke lagret som UTF-8") from None
    except jinja2.TemplateSyntaxError as feil:
        raise RevisjonFeil(
            f"{feil.filename or mal}:{feil.lineno}: feil i malen: {feil.message}"
        ) from None
    except MalStoppet as feil:
        raise MalStoppet(f"{mal}: {feil}") from None
    except RevisjonFeil:
        raise
    except jinja2.exceptions.SecurityError as feil:
        raise RevisjonFeil(f"{mal}: malen gjør noe sandkassen ikke tillater ({feil})") from None
    except jinja2.UndefinedError as feil:
        raise RevisjonFeil(
            f"{mal or MAL}: malen bruker en verdi som ikke finnes ({feil.message})"
        ) from None
    except Exception as feil:
        if mal is None:
            raise  # a fault in the bundled template is a bug: show it in full
        # jinja2 rewrites the traceback so the template's own frames name its file and line.
        linjer = [
            f"{r.filename}:{r.lineno}"
            for r in traceback.extract_tb(feil.__traceback__)
            if Path(r.filename).name == mal.name
        ]
        sted = linjer[-1] if linjer else str(mal)
        raise RevisjonFeil(
            f"{sted}: feil under utfylling av malen ({type(feil).__name__}: {feil})"
        ) from None
