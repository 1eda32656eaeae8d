"""Auditor overrides (faglig skjønn): a verdict the auditor overrules, with reason, who and when.

An override file is YAML::

    overstyringer:
      - sak_id: GJ-ØS-03
        kriterium: K1
        status: oppfylt
        begrunnelse: Kartlegging av B2 og B3 ligger i papirmappen (sett 12.09.2024).
        av: AB              # initials or role
        dato: 2024-09-12

Every override must name a judged case and a loaded criterion; anything else is an error.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field

from revisjon.feil import Avvisning, OverstyringFeil
from revisjon.inntak.datafil import les_dokument, valider
from revisjon.kriteriesprak.modell import Status
from revisjon.resultat import Kjoring, Overstyring
from revisjon.sak import Dato, Modell


def _ikke_blank(verdi: str) -> str:
    if not verdi.strip():
        raise ValueError("kan ikke være tom")
    return verdi


Utfylt = Annotated[str, Field(min_length=1), AfterValidator(_ikke_blank)]
"""Text that must say something: empty or only white space is an error."""


class OverstyringInn(Modell):
    sak_id: str = Field(min_length=1)
    kriterium: str = Field(min_length=1)
    status: Status
    begrunnelse: Utfylt
    av: Utfylt
    dato: Dato


class Overstyringsfil(Modell):
    overstyringer: list[OverstyringInn]


def les_overstyringer(fil: Path) -> tuple[list[OverstyringInn], dict[int, int | None]]:
    """The overrides in ``fil`` and the line of each; raise OverstyringFeil on any problem."""
    _, dokument = les_dokument(fil, feilklasse=OverstyringFeil, som_json=False)
    innhold = valider(fil, dokument, Overstyringsfil, feilklasse=OverstyringFeil)
    linjer = {i: dokument.linje(("overstyringer", i)) for i in range(len(innhold.overstyringer))}
    return innhold.overstyringer, linjer


def bruk_overstyringer(kjoring: Kjoring, fil: Path) -> Kjoring:
    """The run with the overrides in ``fil`` applied; raise OverstyringFeil for unknown targets."""
    overstyringer, linjer = les_overstyringer(fil)
    navn = str(fil)
    saker = {s.sak_id: i for i, s in enumerate(kjoring.saker)}
    kriterier = {k.id for k in kjoring.kriterier}
    problemer: list[Avvisning] = []
    sett: set[tuple[str, str]] = set()
    nye = list(kjoring.saker)
    for i, o in enumerate(overstyringer):
        linje = linjer[i]
        if o.sak_id not in saker:
            problemer.append(
                Avvisning(
                    navn, linje, "sak_id", "saken det vises til, er ikke blant de vurderte sakene"
                )
            )
            continue
        if o.kriterium not in kriterier:
            problemer.append(
                Avvisning(
                    navn,
                    linje,
                    "kriterium",
                    f"kriteriet «{o.kriterium}» er ikke lastet; kjente: {', '.join(sorted(kriterier))}",
                )
            )
            continue
        if (o.sak_id, o.kriterium) in sett:
            problemer.append(
                Avvisning(
                    navn, linje, None, "samme sak og kriterium er overstyrt to ganger (før i filen)"
                )
            )
            continue
        sett.add((o.sak_id, o.kriterium))
        indeks = saker[o.sak_id]
        sak = nye[indeks]
        resultater = tuple(
            dataclasses.replace(
                r,
                status=o.status,
                overstyring=Overstyring(r.status, r.begrunnelse, o.begrunnelse, o.av, o.dato),
            )
            if r.kriterium == o.kriterium
            else r
            for r in sak.resultater
        )
        nye[indeks] = dataclasses.replace(sak, resultater=resultater)
    if problemer:
        raise OverstyringFeil(problemer)
    return dataclasses.replace(kjoring, saker=nye)
