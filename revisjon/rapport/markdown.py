"""The Markdown report, rendered from a jinja2 template.

The bundled template is the package resource ``maler/rapport.md.j2``. An office's own template
(``--mal``) is rendered in jinja2's sandbox, with the same context and filters.
"""

from __future__ import annotations

import re
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
from revisjon.rapport.bygging import Rapport
from revisjon.resultat import STATUSTEKST, Resultat

MAL = "rapport.md.j2"
INTERNKONTROLL = "internkontroll.md.j2"
"""The template of a Nav office's own control (``Rapport.internkontroll``)."""
_SPESIAL = re.compile(r"([\\`*_{}\[\]<>|#!~])")
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
    no table breaks, headings, HTML, links, emphasis or code; white space folded (all but the
    no-break space) and trimmed."""
    return _SPESIAL.sub(r"\\\1", _MELLOMROM.sub(" ", str(tekst)).strip())


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
        miljo = jinja2.sandbox.ImmutableSandboxedEnvironment(
            loader=jinja2.FileSystemLoader(mal.parent),
            **innstillinger,
        )
    _filtre(miljo)
    return miljo


def strom(rapport: Rapport, *, mal: Path | None = None) -> Iterator[str]:
    """The report as Markdown in pieces, from the bundled template or from ``mal``. The template
    is read and compiled before this returns; faults found while filling it in come as the
    pieces are taken."""
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
    with _malfeil(mal):
        yield from deler


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
