"""The machine-readable result, format ``revisjon-resultat/1`` (documented in README.md).

Keys are a contract: later versions add keys, never rename or remove them.

The result is written case by case (``strom``), so a run of any size is never held as one text;
the text is the same, byte for byte, as ``json.dumps(som_dict(rapport), ensure_ascii=False,
indent=2)`` and a final newline. Each case is encoded by ``msgspec`` (6.6 µs a case, against 24 µs
for the hand-written encoder this replaced and 42 µs for ``json.dumps(indent=2)``, which runs
Python's pure-Python encoder: ``benchmarks/biblioteker.py``); the head, which alone holds floats,
goes through ``json.dumps``, because ``msgspec`` spells some floats differently (``0.00001`` for
``1e-05``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import msgspec

from revisjon.feil import Avvisning
from revisjon.kontroll.rapportdel import toleranse_json, utvalg_json
from revisjon.rapport.bygging import Rapport
from revisjon.resultat import Resultat, SakResultat

FORMAT = "revisjon-resultat/1"
INNRYKK = 2
"""Spaces per level, as ``json.dumps(..., indent=2)``."""


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
    if r.tekstfelt is not None:
        ut["tekstfelt"] = r.tekstfelt
        ut["setninger"] = list(r.setninger)
        ut["til_kontroll"] = r.til_kontroll
    return ut


def _sak(s: SakResultat) -> dict[str, Any]:
    return {
        "sak_id": s.sak_id,
        "fil": s.fil,
        "linje": s.linje,
        "tjeneste": s.tjeneste,
        "enhet": s.enhet,
        "kontor": s.kontor,
        "vedtaksdato": s.vedtaksdato.isoformat() if s.vedtaksdato else None,
        "resultater": [_resultat(r) for r in s.resultater],
    }


def _avvist(a: Avvisning) -> dict[str, Any]:
    return {"fil": a.fil, "linje": a.linje, "felt": a.felt, "melding": a.melding}


def _hode(rapport: Rapport) -> dict[str, Any]:
    """Every key before the cases: the summary and the figures per criterion."""
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
                "ensidig_grense": {"side": e.side, "grense": e.grense}
                if (e := f.andel.ensidig)
                else None,
                "grad": f.grad,
                "statusnavn": f.statusnavn,
                "toleranse": toleranse_json(rapport, f.id),
            }
            for f in rapport.funn
        ],
        "konfidens": rapport.konfidens,
        "utvalg": utvalg_json(rapport),
    }


def _lister(rapport: Rapport) -> dict[str, Iterator[dict[str, Any]]]:
    """The keys after the head, each a list with one object per case or rejected input."""
    return {
        "saker": map(_sak, rapport.kjoring.saker),
        "avviste": map(_avvist, rapport.kjoring.avviste),
    }


def som_dict(rapport: Rapport) -> dict[str, Any]:
    """The whole result as one dict (for tests and small runs; ``strom`` writes it piecewise)."""
    return {**_hode(rapport), **{navn: list(liste) for navn, liste in _lister(rapport).items()}}


_KODER = msgspec.json.Encoder()


def _verdi(verdi: object, niva: int) -> str:
    """``verdi`` as ``json.dumps(verdi, ensure_ascii=False, indent=2)`` writes it ``niva``
    levels deep; for values without floats (a case, a rejection)."""
    tekst = msgspec.json.format(_KODER.encode(verdi), indent=INNRYKK).decode()
    # Newlines in the text are only ever between elements (one inside a string is escaped),
    # so indenting after each one moves the whole value in.
    return tekst.replace("\n", "\n" + " " * (INNRYKK * niva)) if niva else tekst


def _hodeverdi(verdi: object) -> str:
    """A value of the head, one level deep, exactly as ``json.dumps`` writes it (floats too)."""
    return json.dumps(verdi, ensure_ascii=False, indent=INNRYKK).replace("\n", "\n" + " " * INNRYKK)


def _liste(elementer: Iterable[object], niva: int) -> Iterator[str]:
    """A list ``niva`` levels deep, one element at a time."""
    innrykk = "\n" + " " * (INNRYKK * (niva + 1))
    skille = "["
    for element in elementer:
        yield skille + innrykk + _verdi(element, niva + 1)
        skille = ","
    yield "[]" if skille == "[" else "\n" + " " * (INNRYKK * niva) + "]"


def strom(rapport: Rapport, *, mal: object = None) -> Iterator[str]:
    """The result text in pieces: the head, then one piece per case and rejected input."""
    innrykk = "\n" + " " * INNRYKK
    skille = "{"
    for navn, verdi in _hode(rapport).items():
        yield f"{skille}{innrykk}{_verdi(navn, 1)}: {_hodeverdi(verdi)}"
        skille = ","
    for navn, liste in _lister(rapport).items():
        yield f"{skille}{innrykk}{_verdi(navn, 1)}: "
        yield from _liste(liste, 1)
        skille = ","
    yield "\n}\n"
