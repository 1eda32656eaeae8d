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
The working paper (``vurder --arbeidspapir``, a workbook) is read as overrides too: the rows
where the auditor filled in «Revisors status» (``revisjon.rapport.arbeidspapirlesing``). Both
give the same records, checked here by the same rules with the same messages.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from revisjon.feil import Avvisning, OverstyringFeil
from revisjon.inntak.datafil import les_dokument, valider
from revisjon.rapport.overstyringsmodell import OverstyringInn, Sted
from revisjon.resultat import Kjoring, Overstyring
from revisjon.sak import Modell


class Overstyringsfil(Modell):
    overstyringer: list[OverstyringInn]


def les_overstyringer(fil: Path) -> tuple[list[OverstyringInn], dict[int, int | None]]:
    """The overrides in ``fil`` and the line of each; raise OverstyringFeil on any problem."""
    _, dokument = les_dokument(fil, feilklasse=OverstyringFeil, som_json=False)
    innhold = valider(fil, dokument, Overstyringsfil, feilklasse=OverstyringFeil)
    linjer = {i: dokument.linje(("overstyringer", i)) for i in range(len(innhold.overstyringer))}
    return innhold.overstyringer, linjer


def _les(fil: Path) -> tuple[list[OverstyringInn], list[Sted]]:
    if fil.suffix.lower() == ".xlsx":
        from revisjon.rapport.arbeidspapirlesing import les_arbeidspapir

        return les_arbeidspapir(fil)
    overstyringer, linjer = les_overstyringer(fil)
    return overstyringer, [Sted(linjer[i]) for i in range(len(overstyringer))]


def bruk_overstyringer(kjoring: Kjoring, fil: Path) -> Kjoring:
    """The run with the overrides in ``fil`` (YAML, or a filled-in working paper) applied;
    raise OverstyringFeil for unknown targets."""
    overstyringer, steder = _les(fil)
    navn = str(fil)
    saker = {s.sak_id: i for i, s in enumerate(kjoring.saker)}
    kriterier = {k.id for k in kjoring.kriterier}
    problemer: list[Avvisning] = []
    sett: set[tuple[str, str]] = set()
    nye = list(kjoring.saker)
    for i, o in enumerate(overstyringer):
        sted = steder[i]
        if o.sak_id not in saker:
            problemer.append(
                sted.avvisning(
                    navn, "sak_id", "saken det vises til, er ikke blant de vurderte sakene"
                )
            )
            continue
        if o.kriterium not in kriterier:
            problemer.append(
                sted.avvisning(
                    navn,
                    "kriterium",
                    f"kriteriet «{o.kriterium}» er ikke lastet; kjente: {', '.join(sorted(kriterier))}",
                )
            )
            continue
        if (o.sak_id, o.kriterium) in sett:
            problemer.append(
                sted.avvisning(
                    navn, None, "samme sak og kriterium er overstyrt to ganger (før i filen)"
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
