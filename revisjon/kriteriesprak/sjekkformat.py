"""Output formats of ``revisjon sjekk``: plain lines for people, GitHub annotations, JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from revisjon import norsk

if TYPE_CHECKING:  # imported for types only, so that ``revisjon --help`` stays fast
    from revisjon.feil import Avvisning
    from revisjon.kriteriesprak.sjekk import Sjekkrapport
    from revisjon.kriteriesprak.tester import Testutfall


class Sjekkformat(StrEnum):
    menneske = "menneske"
    github = "github"
    json = "json"


def testlinje(t: Testutfall) -> str:
    sted = f"{t.fil}:{t.linje}" if t.linje else t.fil
    return (
        f"{sted}: {t.kriterium}: test «{t.test}»: forventet {t.forventet}, fikk {t.fikk} "
        f"({t.begrunnelse})"
    )


def oppsummering(rapport: Sjekkrapport) -> str:
    bestatt = len(rapport.tester) - len(rapport.feilede_tester)
    return (
        f"{norsk.antall(len(rapport.filer), 'kriteriefil', 'kriteriefiler')} sjekket: "
        f"{len(rapport.problemer)} feil, {bestatt} av "
        f"{norsk.antall(len(rapport.tester), 'forventet status', 'forventede statuser')} i "
        "testene stemmer."
    )


def menneske(rapport: Sjekkrapport) -> str:
    linjer = [str(p) for p in rapport.problemer]
    linjer += [testlinje(t) for t in rapport.feilede_tester]
    linjer += [str(a) for a in rapport.advarsler]
    linjer.append(oppsummering(rapport))
    return "\n".join(linjer) + "\n"


def _github_escape(tekst: str, egenskap: bool = False) -> str:
    tekst = tekst.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return tekst.replace(":", "%3A").replace(",", "%2C") if egenskap else tekst


def _annotasjon(fil: str, linje: int | None, tittel: str, melding: str, niva: str = "error") -> str:
    egenskaper = [f"file={_github_escape(fil, True)}"]
    if linje:
        egenskaper.append(f"line={linje}")
    egenskaper.append(f"title={_github_escape(tittel, True)}")
    return f"::{niva} {','.join(egenskaper)}::{_github_escape(melding)}"


def github(rapport: Sjekkrapport) -> str:
    """GitHub Actions workflow commands: one ``::error`` annotation per problem."""
    linjer = [
        _annotasjon(p.fil, p.linje, f"revisjon sjekk {p.felt or ''}".strip(), p.melding)
        for p in rapport.problemer
    ]
    linjer += [
        _annotasjon(
            t.fil,
            t.linje,
            f"revisjon sjekk {t.kriterium}",
            f"test «{t.test}»: forventet {t.forventet}, fikk {t.fikk} ({t.begrunnelse})",
        )
        for t in rapport.feilede_tester
    ]
    linjer += [
        _annotasjon(a.fil, a.linje, "revisjon sjekk", a.melding, "warning")
        for a in rapport.advarsler
    ]
    linjer.append(oppsummering(rapport))
    return "\n".join(linjer) + "\n"


def _problem(p: Avvisning) -> dict[str, object]:
    return {"fil": p.fil, "linje": p.linje, "kriterium": p.felt, "melding": p.melding}


def som_json(rapport: Sjekkrapport) -> str:
    data = {
        "format": "revisjon-sjekk/1",
        "ok": rapport.ok,
        "filer": rapport.filer,
        "problemer": [_problem(p) for p in rapport.problemer],
        "advarsler": [_problem(a) for a in rapport.advarsler],
        "tester": [
            {
                "fil": t.fil,
                "linje": t.linje,
                "test": t.test,
                "kriterium": t.kriterium,
                "forventet": t.forventet,
                "fikk": t.fikk,
                "begrunnelse": t.begrunnelse,
                "ok": t.ok,
            }
            for t in rapport.tester
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


SJEKKRENDERERE: dict[Sjekkformat, Callable[[Sjekkrapport], str]] = {
    Sjekkformat.menneske: menneske,
    Sjekkformat.github: github,
    Sjekkformat.json: som_json,
}
"""Every ``sjekk`` output format mapped to its writer."""
