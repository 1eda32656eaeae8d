"""The machine-readable result, format ``revisjon-resultat/1`` (documented in README.md).

Keys are a contract: later versions add keys, never rename or remove them.
"""

from __future__ import annotations

import json
from typing import Any

from revisjon.resultat import Kjoring

FORMAT = "revisjon-resultat/1"


def som_dict(kjoring: Kjoring) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "oppsummering": {
            "lest": kjoring.antall_lest,
            "vurdert": len(kjoring.saker),
            "avvist": kjoring.antall_avviste_inndata,
        },
        "kriterier": [
            {
                "id": k.id,
                "tittel": k.tittel,
                "kilde": list(k.kilde),
                "antall": kjoring.antall(k.id),
            }
            for k in kjoring.kriterier
        ],
        "saker": [
            {
                "sak_id": s.sak_id,
                "fil": s.fil,
                "linje": s.linje,
                "tjeneste": s.tjeneste,
                "enhet": s.enhet,
                "vedtaksdato": s.vedtaksdato.isoformat() if s.vedtaksdato else None,
                "resultater": [
                    {"kriterium": r.kriterium, "status": r.status, "begrunnelse": r.begrunnelse}
                    for r in s.resultater
                ],
            }
            for s in kjoring.saker
        ],
        "avviste": [
            {"fil": a.fil, "linje": a.linje, "felt": a.felt, "melding": a.melding}
            for a in kjoring.avviste
        ],
    }


def render(kjoring: Kjoring) -> str:
    return json.dumps(som_dict(kjoring), ensure_ascii=False, indent=2) + "\n"
