"""The machine-readable result, format ``revisjon-resultat/1`` (documented in README.md).

Keys are a contract: later versions add keys, never rename or remove them.
"""

from __future__ import annotations

import json
from typing import Any

from revisjon.kontroll.rapportdel import toleranse_json, utvalg_json
from revisjon.rapport import Rapport
from revisjon.resultat import Resultat

FORMAT = "revisjon-resultat/1"


def _resultat(r: Resultat) -> dict[str, Any]:
    ut: dict[str, Any] = {
        "kriterium": r.kriterium,
        "status": r.status,
        "begrunnelse": r.begrunnelse,
    }
    if r.overstyring:
        o = r.overstyring
        ut["overstyring"] = {
            "opprinnelig_status": o.opprinnelig_status,
            "opprinnelig_begrunnelse": o.opprinnelig_begrunnelse,
            "begrunnelse": o.begrunnelse,
            "av": o.av,
            "dato": o.dato.isoformat(),
        }
    return ut


def som_dict(rapport: Rapport) -> dict[str, Any]:
    kjoring = rapport.kjoring
    return {
        "format": FORMAT,
        "rapportdato": rapport.dato.isoformat(),
        "oppsummering": {
            "lest": kjoring.antall_lest,
            "vurdert": len(kjoring.saker),
            "avvist": kjoring.antall_avviste_inndata,
        },
        "kriterier": [
            {
                "id": f.id,
                "tittel": f.kriterium.tittel,
                "kilde": list(f.kriterium.kilde),
                "antall": f.antall,
                "andel_oppfylt": f.andel.andel,
                "konfidensintervall": list(f.andel.intervall) if f.andel.intervall else None,
                "grad": f.grad,
                "statusnavn": f.statusnavn,
                "toleranse": toleranse_json(rapport, f.id),
            }
            for f in rapport.funn
        ],
        "konfidens": rapport.konfidens,
        "utvalg": utvalg_json(rapport),
        "saker": [
            {
                "sak_id": s.sak_id,
                "fil": s.fil,
                "linje": s.linje,
                "tjeneste": s.tjeneste,
                "enhet": s.enhet,
                "vedtaksdato": s.vedtaksdato.isoformat() if s.vedtaksdato else None,
                "resultater": [_resultat(r) for r in s.resultater],
            }
            for s in kjoring.saker
        ],
        "avviste": [
            {"fil": a.fil, "linje": a.linje, "felt": a.felt, "melding": a.melding}
            for a in kjoring.avviste
        ],
    }


def render(rapport: Rapport, *, mal: object = None) -> str:
    return json.dumps(som_dict(rapport), ensure_ascii=False, indent=2) + "\n"
