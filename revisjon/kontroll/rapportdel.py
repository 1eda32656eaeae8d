"""The internal-control parts of a report: the sample description and the tolerance verdicts,
added to a built report (``revisjon vurder --utvalg`` and ``--toleranse``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from revisjon.kontroll.andel import som_brok
from revisjon.kontroll.beskrivelse import Utvalgsbeskrivelse
from revisjon.kontroll.toleranse import Avviksgrense, Toleranse, avviksgrense
from revisjon.kontroll.trend import LestResultat, lag_trend, resultat_for_kjoringen, trend_tabell
from revisjon.rapport.bygging import Rapport


def toleransegrenser(rapport: Rapport, valgt: Fraction | None) -> dict[str, Fraction]:
    """The tolerable rate per criteria file: the one chosen (``--toleranse``) for all, else each
    file's own ``toleranse`` (files without one get no tolerance verdict)."""
    grenser: dict[str, Fraction] = {}
    for sett in rapport.kriteriesett:
        if valgt is not None:
            grenser[sett.fil] = valgt
        elif sett.sett.toleranse is not None:
            grenser[sett.fil] = som_brok(sett.sett.toleranse)
    return grenser


def _forbehold(utvalg: Utvalgsbeskrivelse | None) -> str | None:
    if utvalg is None:
        return (
            "Utvalget er ikke dokumentert som tilfeldig; grensene holder bare dersom sakene kan "
            "regnes som tilfeldig valgt fra populasjonen."
        )
    if not utvalg.generaliserbar:
        return (
            "Utvalget kan ikke uten videre generaliseres til populasjonen (se Utvalg i Metode og "
            "data); grensene må leses med det forbeholdet."
        )
    return None


def med_internkontroll(
    rapport: Rapport, *, utvalg: Utvalgsbeskrivelse | None, toleranse: Fraction | None
) -> Rapport:
    """The report with its sample description and tolerance verdicts (when there are any)."""
    grenser = toleransegrenser(rapport, toleranse)
    kriterier: list[Avviksgrense] = []
    for f in rapport.funn:
        if f.fil not in grenser:
            continue
        hele_utvalget = utvalg is not None and f.andel.vurdert == utvalg.utvalgsstorrelse
        kriterier.append(
            avviksgrense(
                kriterium=f.id,
                tittel=f.kriterium.tittel,
                avvik=f.andel.vurdert - f.andel.oppfylt,
                vurdert=f.andel.vurdert,
                grense=grenser[f.fil],
                konfidens=rapport.konfidens,
                populasjon=utvalg.populasjon if utvalg is not None and hele_utvalget else None,
            )
        )
    return dataclasses.replace(
        rapport,
        utvalgsbeskrivelse=utvalg,
        toleranse=Toleranse(
            kriterier,
            konfidens=rapport.konfidens,
            forbehold=_forbehold(utvalg),
        )
        if kriterier
        else None,
    )


def med_trend(rapport: Rapport, tidligere: Sequence[LestResultat], data: dict[str, Any]) -> Rapport:
    """The report with its trend against earlier months (``tidligere``: the result files of
    earlier checks; ``data``: this run's JSON result as a dict). Unchanged without earlier
    files."""
    if not tidligere:
        return rapport
    trend = lag_trend(
        [*tidligere, resultat_for_kjoringen(data)],
        inndeling="rapportdato",
        konfidens=rapport.konfidens,
    )
    return dataclasses.replace(rapport, trend=trend_tabell(trend))


def toleranse_json(rapport: Rapport, kriterium: str) -> dict[str, Any] | None:
    """The ``toleranse`` key of a criterion in the result JSON (null without a tolerance)."""
    a = rapport.toleranse.for_kriterium(kriterium) if rapport.toleranse else None
    if a is None:
        return None
    return {
        "grense": float(a.grense),
        "konfidens": a.konfidens,
        "avvik": a.avvik,
        "vurdert": a.vurdert,
        "avviksandel": a.avviksandel,
        "ovre_grense": a.ovre,
        "metode": a.metode,
        "populasjon": a.populasjon,
        "vurdering": a.vurdering,
        "tekst": a.setning(str),  # plain digits: the JSON does not follow the report's format
    }


def utvalg_json(rapport: Rapport) -> dict[str, Any] | None:
    """The ``utvalg`` key of the result JSON: the sample manifest in brief (null without one)."""
    u = rapport.utvalgsbeskrivelse
    if u is None:
        return None
    m = u.lest.data
    return {
        "manifest": u.lest.fil,
        "manifest_sha256": u.lest.sha256,
        "metode": m.metode,
        "seed": m.seed,
        "lagdelt_etter": m.lagdelt_etter,
        "populasjon": m.populasjon.antall,
        "populasjon_sha256": m.populasjon.sha256,
        "valgt": len(m.valgt),
        "mangler": u.mangler,
        "ekstra": u.ekstra,
        "generaliserbar": u.generaliserbar,
    }
