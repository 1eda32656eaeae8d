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
from collections.abc import Callable, Iterable, Iterator
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


def _sak(s: SakResultat, resultater: object = None) -> dict[str, Any]:
    """A case's object; ``resultater`` is the value of its verdicts when the caller has it
    already (``Saker`` passes their text, each verdict written once)."""
    return {
        "sak_id": s.sak_id,
        "fil": s.fil,
        "linje": s.linje,
        "tjeneste": s.tjeneste,
        "enhet": s.enhet,
        "kontor": s.kontor,
        "vedtaksdato": s.vedtaksdato.isoformat() if s.vedtaksdato else None,
        "resultater": [_resultat(r) for r in s.resultater] if resultater is None else resultater,
    }


def _avvist(a: Avvisning) -> dict[str, Any]:
    ut: dict[str, Any] = {"fil": a.fil, "linje": a.linje, "felt": a.felt, "melding": a.melding}
    if a.celle:  # a workbook's sheet and cell
        ut["celle"] = a.celle
    return ut


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


def _lister(
    rapport: Rapport,
    sak: Callable[[SakResultat], object] = _sak,
    avvist: Callable[[Avvisning], object] = _avvist,
) -> dict[str, Iterator[object]]:
    """The keys after the head, each a list with one object per case or rejected input
    (``sak`` and ``avvist`` give their values: objects, or their text)."""
    return {
        "saker": map(sak, rapport.kjoring.saker),
        "avviste": map(avvist, rapport.kjoring.avviste),
    }


def som_dict(rapport: Rapport) -> dict[str, Any]:
    """The whole result as one dict (for tests and small runs; ``strom`` writes it piecewise)."""
    return {**_hode(rapport), **{navn: list(liste) for navn, liste in _lister(rapport).items()}}


_KODER = msgspec.json.Encoder()

_TEKST: Callable[[str], str] = json.encoder.encode_basestring
"""A string as JSON text, as ``json.dumps(..., ensure_ascii=False)`` writes it (its C function)."""


TEKSTGRENSE = 20_000
"""Verdicts whose text ``Saker`` keeps at a time (some 6 MB when indented)."""


class Ferdig(str):
    """A value already written as JSON text, indented for its place."""

    __slots__ = ()


def _null(_: object) -> str:
    return "null"


def _sann(verdi: bool) -> str:
    return "true" if verdi else "false"


class Saker:
    """Writes cases as JSON text ``niva`` levels deep, or on one line (``niva`` None), with
    each distinct verdict written once.

    Equal verdicts are one shared object in a run («Husstanden har ingen barn.», see
    ``KompilertKriterium``), so in a large run most verdicts have been written before: the text
    is looked up by the object's id and joined in, and only the facts of each case (its id,
    file, unit, date) are written anew. Objects are written key by key from ``_sak`` and
    ``_resultat``, which stay the one definition of the keys: strings by ``json``'s own C
    function, numbers and null directly, anything else by ``_verdi`` (or on one line by
    ``msgspec``). The text is ``json.dumps``'s, byte for byte (the tests compare them).
    """

    def __init__(self, *, niva: int | None) -> None:
        self.niva = niva
        self.ferdige: dict[int, str] = {}
        """id of a verdict → its text, ready to be joined in (see ``levende``)."""
        self.levende: list[Resultat] = []
        """The verdicts in ``ferdige``, kept alive so that no id is reused while it is there."""
        self.kodere: dict[type, Callable[[Any], str]] = {
            str: _TEKST,
            Ferdig: str.__str__,
            type(None): _null,
            bool: _sann,
            int: int.__repr__,
        }
        self.nokler: dict[str, str] = {}
        self.kolon = ":" if niva is None else ": "
        self.ledd: dict[int, tuple[str, str, str]] = {}
        # A verdict's text starts with the separator before it in the list of verdicts.
        self.resultatskille = "," + self._ledd(self._dypere(niva))[0]

    def _dypere(self, niva: int | None) -> int | None:
        return None if niva is None else niva + 1

    def _ledd(self, niva: int | None) -> tuple[str, str, str]:
        """The start, the separator and the end of an object or list ``niva`` levels deep."""
        if niva is None:
            return ("", ",", "")
        if niva not in self.ledd:
            inn = "\n" + " " * (INNRYKK * (niva + 1))
            self.ledd[niva] = (inn, "," + inn, "\n" + " " * (INNRYKK * niva))
        return self.ledd[niva]

    def _objekt(self, objekt: dict[str, Any], niva: int | None) -> str:
        kodere, nokler, kolon = self.kodere, self.nokler, self.kolon
        deler = []
        for navn, verdi in objekt.items():
            nokkel = nokler.get(navn) or nokler.setdefault(navn, _TEKST(navn) + kolon)
            koder = kodere.get(type(verdi))
            deler.append(nokkel + (koder(verdi) if koder else self._annen(verdi, niva)))
        start, skille, slutt = self._ledd(niva)
        return "{" + start + skille.join(deler) + slutt + "}"

    def _annen(self, verdi: object, niva: int | None) -> str:
        """A value of a key ``niva`` levels deep that is not a string, a number or null."""
        if niva is None:
            return _KODER.encode(verdi).decode()
        if isinstance(verdi, dict):
            return self._objekt(verdi, niva + 1)
        return _verdi(verdi, niva + 1)

    def _resultater(self, resultater: tuple[Resultat, ...]) -> Ferdig:
        if not resultater:
            return Ferdig("[]")
        try:
            tekst = "".join(map(self.ferdige.__getitem__, map(id, resultater)))
        except KeyError:
            if len(self.levende) + len(resultater) > TEKSTGRENSE:
                # Bounded memory: a fifth of the verdicts in a large run are seen only once
                # (they name a date or an amount); those that recur, recur soon.
                self.ferdige, self.levende = {}, []
            niva = self._dypere(self._dypere(self.niva))
            for r in resultater:
                if id(r) not in self.ferdige:
                    self.ferdige[id(r)] = self.resultatskille + self._objekt(_resultat(r), niva)
                    self.levende.append(r)
            tekst = "".join(map(self.ferdige.__getitem__, map(id, resultater)))
        # Each verdict's text starts with the separator; the first one's is dropped.
        _, _, slutt = self._ledd(self._dypere(self.niva))
        return Ferdig(
            "[" + self.resultatskille[1:] + tekst[len(self.resultatskille) :] + slutt + "]"
        )

    def sak(self, s: SakResultat) -> str:
        """The text of one case."""
        return self._objekt(_sak(s, self._resultater(s.resultater)), self.niva)

    def avvist(self, a: Avvisning) -> str:
        """The text of one rejected input."""
        return self._objekt(_avvist(a), self.niva)


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


def _liste(elementer: Iterable[str], niva: int) -> Iterator[str]:
    """A list ``niva`` levels deep, one element at a time."""
    innrykk = "\n" + " " * (INNRYKK * (niva + 1))
    skille = "["
    for element in elementer:
        yield skille + innrykk + element
        skille = ","
    yield "[]" if skille == "[" else "\n" + " " * (INNRYKK * niva) + "]"


def strom(rapport: Rapport, *, mal: object = None) -> Iterator[str]:
    """The result text in pieces: the head, then one piece per case and rejected input."""
    innrykk = "\n" + " " * INNRYKK
    skille = "{"
    for navn, verdi in _hode(rapport).items():
        yield f"{skille}{innrykk}{_verdi(navn, 1)}: {_hodeverdi(verdi)}"
        skille = ","
    koder = Saker(niva=2)
    for navn, liste in _lister(rapport, koder.sak, koder.avvist).items():
        yield f"{skille}{innrykk}{_verdi(navn, 1)}: "
        yield from _liste(liste, 1)  # type: ignore[arg-type]
        skille = ","
    yield "\n}\n"


def linjer(rapport: Rapport, *, mal: object = None) -> Iterator[str]:
    """The result as JSON Lines (``--format jsonl``): one line per case, each the object the
    result's ``saker`` holds, then one line with every other key (the head, then ``avviste``).
    A reader can take one case at a time, and the file is about half the indented size."""
    koder = Saker(niva=None)
    yield from (tekst + "\n" for tekst in map(koder.sak, rapport.kjoring.saker))
    resten = {**_hode(rapport), "avviste": [_avvist(a) for a in rapport.kjoring.avviste]}
    yield json.dumps(resten, ensure_ascii=False, separators=(",", ":")) + "\n"
