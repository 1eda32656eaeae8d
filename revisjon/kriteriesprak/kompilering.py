"""Giving each operation of the language its meaning: conditions compiled to Python closures.

A compiled condition takes the runtime context and returns whether it holds and the evidence it
found (short Norwegian phrases such as "kartlegging 06.03.2024"). Paths, names, regular
expressions and values are checked here, once, before any case is judged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from revisjon.felttre import Felttype, forslag
from revisjon.kriteriesprak import modell as m
from revisjon.kriteriesprak.maler import Mal, kompiler_mal
from revisjon.kriteriesprak.regex import RegexFeil, kompiler_regex
from revisjon.kriteriesprak.stier import Henter, Kontekst, Omfang, StiFeil, formater
from revisjon.kriteriesprak.tekstsok import Tekstsok

Treff = tuple[bool, list[str]]

TEKSTFELTNAVN = {"Vedtak": "vedtaksteksten", "Journalnotat": "journalnotatet"}
"""How evidence names the free-text field a phrase was found in."""
Sjekk = Callable[[Kontekst], Treff]
"""A compiled condition that names its evidence."""
Test = Callable[[Kontekst], bool]
"""A compiled condition asked only whether it holds."""
Sted = tuple[str | int, ...]


@dataclass(frozen=True)
class Predikat:
    """A condition that never finds evidence (``lik``, ``dato`` …, and any ``og``, ``eller``,
    ``ikke`` or quantifier without ``bevis`` made only of such): compiled to a plain test, so
    that no evidence lists are built and quantifiers can stop at the first answer."""

    test: Test


Del = Sjekk | Predikat


class Kompileringsfeil(Exception):
    """A problem at ``sted`` (the path inside the criterion) with a Norwegian message."""

    def __init__(self, sted: Sted, melding: str) -> None:
        super().__init__(melding)
        self.sted = sted
        self.melding = melding


def kompiler(
    betingelse: m.Betingelse, omfang: Omfang, sted: Sted, negasjonsord: Sequence[str]
) -> Sjekk:
    """Compile one condition; raise Kompileringsfeil with the place of the first problem."""
    return _som_sjekk(_del(betingelse, omfang, sted, negasjonsord))


def kompiler_test(
    betingelse: m.Betingelse, omfang: Omfang, sted: Sted, negasjonsord: Sequence[str]
) -> Test:
    """Compile a condition whose evidence is not used (a filter, an applicability rule)."""
    return _som_test(_del(betingelse, omfang, sted, negasjonsord))


def _del(betingelse: m.Betingelse, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Del:
    navn = next(iter(type(betingelse).model_fields))
    sted = (*sted, navn)
    try:
        return _KOMPILATORER[type(betingelse)](betingelse, omfang, sted, neg)
    except StiFeil as feil:
        raise Kompileringsfeil(sted, str(feil)) from None


def _som_sjekk(del_: Del) -> Sjekk:
    if not isinstance(del_, Predikat):
        return del_
    test = del_.test
    return lambda k: (test(k), [])


def _som_test(del_: Del) -> Test:
    if isinstance(del_, Predikat):
        return del_.test
    return lambda k: del_(k)[0]


# The loops below are written out: all()/any() over a generator cost a frame per call, and
# these run tens of times per case.


def _alle_sanne(tester: Sequence[Test]) -> Test:
    def test(k: Kontekst) -> bool:
        for t in tester:  # noqa: SIM110
            if not t(k):
                return False
        return True

    return test


def _noen_sann(tester: Sequence[Test]) -> Test:
    def test(k: Kontekst) -> bool:
        for t in tester:  # noqa: SIM110
            if t(k):
                return True
        return False

    return test


@contextmanager
def _ved(sted: Sted, *nokler: str | int) -> Iterator[None]:
    """Report a path problem at the argument key it comes from (``felt``, ``senest`` …)."""
    try:
        yield
    except StiFeil as feil:
        raise Kompileringsfeil((*sted, *nokler), str(feil)) from None


def _type(omfang: Omfang, sti: str) -> Felttype:
    return omfang.type_av(sti)


def _krev(betingelse: bool, melding: str) -> None:
    if not betingelse:
        raise StiFeil(melding)


def _og(b: m.Og, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Del:
    alle = [_del(d, omfang, (*sted, i), neg) for i, d in enumerate(b.og)]
    if all(isinstance(d, Predikat) for d in alle):
        return Predikat(_alle_sanne([_som_test(d) for d in alle]))
    deler = [_som_sjekk(d) for d in alle]

    def sjekk(k: Kontekst) -> Treff:
        bevis: list[str] = []
        for del_ in deler:
            ok, funnet = del_(k)
            bevis += funnet
            if not ok:
                return False, bevis
        return True, bevis

    return sjekk


def _eller(b: m.Eller, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Del:
    alle = [_del(d, omfang, (*sted, i), neg) for i, d in enumerate(b.eller)]
    if all(isinstance(d, Predikat) for d in alle):
        return Predikat(_noen_sann([_som_test(d) for d in alle]))
    deler = [_som_sjekk(d) for d in alle]

    def sjekk(k: Kontekst) -> Treff:
        bevis: list[str] = []
        funnet_noe = False
        # Every branch is tried so that the evidence names all that was found, not the first.
        for del_ in deler:
            ok, funnet = del_(k)
            if ok:
                funnet_noe = True
                bevis += funnet
        return funnet_noe, bevis

    return sjekk


def _ikke(b: m.Ikke, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Del:
    del_ = _del(b.ikke, omfang, sted, neg)
    if isinstance(del_, Predikat):
        test = del_.test
        return Predikat(lambda k: not test(k))
    indre = del_

    def sjekk(k: Kontekst) -> Treff:
        ok, bevis = indre(k)
        return not ok, bevis

    return sjekk


def _liste(omfang: Omfang, kvantor: m.Kvantor | m.ForHvert, sted: Sted) -> tuple[Henter, Omfang]:
    with _ved(sted, "liste"):
        type_ = _type(omfang, kvantor.liste)
        _krev(type_.er_liste, f"«{kvantor.liste}» er ikke en liste; «liste» må peke på en liste")
        hent = omfang.henter(kvantor.liste)
    with _ved(sted, "som"):
        return hent, omfang.med(kvantor.som, type_.element)


KvantorSjekk = Callable[[Kontekst], tuple[int, int, list[str]]]
Avgjorelse = Callable[[int, int], bool]
"""A quantifier's answer from (items, items satisfying ``hvor``)."""


def _kvantor(
    kvantor: m.Kvantor, omfang: Omfang, sted: Sted, neg: Sequence[str], avgjor: Avgjorelse
) -> Del:
    """A quantifier: ``avgjor`` answers from the counts; the evidence is that of the items
    satisfying ``hvor`` (its ``bevis`` text, else what ``hvor`` found)."""
    hent, indre = _liste(omfang, kvantor, sted)
    hvor = _del(kvantor.hvor, indre, (*sted, "hvor"), neg) if kvantor.hvor else None
    som = kvantor.som
    if kvantor.bevis is None and (hvor is None or isinstance(hvor, Predikat)):
        return Predikat(_tell_uten_bevis(hent, som, hvor.test if hvor else None, avgjor))
    bevis_mal = _mal(kvantor.bevis, indre, (*sted, "bevis")) if kvantor.bevis else None
    tell = _tell(hent, som, hvor, bevis_mal)

    def sjekk(k: Kontekst) -> Treff:
        antall, treff, bevis = tell(k)
        return avgjor(antall, treff), bevis

    return sjekk


def _tell_uten_bevis(hent: Henter, som: str, test: Test | None, avgjor: Avgjorelse) -> Test:
    """A quantifier that finds no evidence, as a test: counts only."""

    def tell(k: Kontekst) -> bool:
        elementer = hent(k) or ()
        if test is None:
            return avgjor(len(elementer), len(elementer))
        treff = 0
        k2 = dict(k)  # one context for the walk, rebound for each element
        for element in elementer:
            k2[som] = element
            if test(k2):
                treff += 1
        return avgjor(len(elementer), treff)

    return tell


INGEN_NAVNGITTE: Mapping[str, str] = MappingProxyType({})
"""A ``bevis`` text has no named values (one shared empty mapping, not a new dict per item)."""


def _tell(hent: Henter, som: str, hvor: Del | None, bevis_mal: Mal | None) -> KvantorSjekk:
    """A quantifier that names evidence: (items, items satisfying ``hvor``, their evidence)."""
    test = hvor.test if isinstance(hvor, Predikat) else None
    sjekk = None if hvor is None or isinstance(hvor, Predikat) else hvor

    def tell(k: Kontekst) -> tuple[int, int, list[str]]:
        elementer = hent(k) or ()
        treff = 0
        bevis: list[str] = []
        k2 = dict(k)  # one context for the walk, rebound for each element
        funnet: list[str] = []
        for element in elementer:
            k2[som] = element
            if test is not None:
                if not test(k2):
                    continue
            elif sjekk is not None:
                ok, funnet = sjekk(k2)
                if not ok:
                    continue
            treff += 1
            if bevis_mal is not None:
                bevis.append(bevis_mal.fyll(k2, INGEN_NAVNGITTE))
            else:
                bevis += funnet
        return len(elementer), treff, bevis

    return tell


def _noen(b: m.Noen, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Del:
    return _kvantor(b.noen, omfang, sted, neg, lambda _antall, treff: treff > 0)


def _alle(b: m.Alle, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Del:
    return _kvantor(b.alle, omfang, sted, neg, lambda antall, treff: treff == antall)


def _ingen(b: m.Ingen, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Del:
    return _kvantor(b.ingen, omfang, sted, neg, lambda _antall, treff: treff == 0)


def _innenfor(verdi: float, minst: float | None, hoyst: float | None) -> bool:
    return (minst is None or verdi >= minst) and (hoyst is None or verdi <= hoyst)


def _antall(b: m.Antall, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Del:
    minst, hoyst = b.antall.minst, b.antall.hoyst
    del_ = _kvantor(b.antall, omfang, sted, neg, lambda _a, treff: _innenfor(treff, minst, hoyst))
    _krev(minst is not None or hoyst is not None, "«antall» trenger «minst», «hoyst» eller begge")
    return del_


_NORMALISERT: dict[str, str] = {}
"""Codes and ids recur in every case; their normal form is looked up, not computed again."""


def _normaliser(verdi: Any) -> Any:
    """Text compares without regard to case or surrounding white space."""
    if not isinstance(verdi, str):
        return verdi
    normal = _NORMALISERT.get(verdi)
    if normal is None:
        normal = " ".join(verdi.split()).casefold()
        if len(verdi) <= 100:
            if len(_NORMALISERT) >= 20_000:  # bounded: free text is not kept
                _NORMALISERT.clear()
            _NORMALISERT[verdi] = normal
    return normal


_SLAGS: dict[Any, tuple[str, Callable[[Any], bool]]] = {
    bool: ("true eller false", lambda v: isinstance(v, bool)),
    int: ("et tall", lambda v: isinstance(v, int | float) and not isinstance(v, bool)),
    float: ("et tall", lambda v: isinstance(v, int | float) and not isinstance(v, bool)),
    str: ("tekst", lambda v: isinstance(v, str)),
}


def _sjekk_literal(type_: Felttype, verdi: Any, sti: str) -> None:
    """Refuse a literal the field can never hold (a misspelt code, or a value of another type)."""
    gyldige = type_.literalverdier
    if gyldige:
        if _normaliser(verdi) not in {_normaliser(g) for g in gyldige}:
            ord_ = ", ".join(str(g) for g in gyldige)
            tips = forslag(str(verdi), [str(g) for g in gyldige])
            hint = f"; mente du «{tips}»?" if tips else ""
            raise StiFeil(f"«{verdi}» kan aldri stå i «{sti}»{hint}; gyldige verdier: {ord_}")
        return
    if type_.er_dato:
        raise StiFeil(f"«{sti}» er en dato; sammenlign datoer med «dato» (senest/tidligst)")
    if type_.kjerne in _SLAGS:
        slags, passer = _SLAGS[type_.kjerne]
        if not passer(verdi):
            raise StiFeil(f"«{verdi}» kan aldri stå i «{sti}», som er {slags}")


def _motpart(s: m.Sammenligning, omfang: Omfang, forventet: Felttype, sted: Sted) -> Henter:
    if s.som_felt is not None:
        with _ved(sted, "som_felt"):
            motpart = _type(omfang, s.som_felt)
            _krev(
                not motpart.er_liste and motpart.modell is None, f"«{s.som_felt}» er ikke én verdi"
            )
            return omfang.henter(s.som_felt)
    with _ved(sted, "verdi"):
        _sjekk_literal(forventet, s.verdi, s.felt)
    verdi = _normaliser(s.verdi)
    return lambda _k: verdi


def _lik(b: m.Lik, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Predikat:
    with _ved(sted, "felt"):
        type_ = _type(omfang, b.lik.felt)
        _krev(
            not type_.er_liste and type_.modell is None,
            f"«{b.lik.felt}» er ikke én verdi; bruk «inneholder» for lister",
        )
        hent = omfang.henter(b.lik.felt)
    motpart = _motpart(b.lik, omfang, type_, sted)
    if b.lik.som_felt is None:  # a literal: normalised once, not once per case
        onsket = _normaliser(motpart({}))

        def lik_verdi(k: Kontekst) -> bool:
            verdi = hent(k)
            return verdi is not None and _normaliser(verdi) == onsket

        return Predikat(lik_verdi)

    def lik(k: Kontekst) -> bool:
        verdi = hent(k)
        return verdi is not None and _normaliser(verdi) == _normaliser(motpart(k))

    return Predikat(lik)


def _inneholder(b: m.Inneholder, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Predikat:
    with _ved(sted, "felt"):
        type_ = _type(omfang, b.inneholder.felt)
        _krev(type_.er_liste, f"«{b.inneholder.felt}» er ikke en liste; bruk «lik» for én verdi")
        hent = omfang.henter(b.inneholder.felt)
    motpart = _motpart(b.inneholder, omfang, type_.element, sted)

    def inneholder(k: Kontekst) -> bool:
        onsket = _normaliser(motpart(k))
        for v in hent(k) or ():  # noqa: SIM110
            if _normaliser(v) == onsket:
                return True
        return False

    return Predikat(inneholder)


def _en_av(b: m.EnAv, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Predikat:
    with _ved(sted, "felt"):
        type_ = _type(omfang, b.en_av.felt)
        _krev(not type_.er_liste and type_.modell is None, f"«{b.en_av.felt}» er ikke én verdi")
        hent = omfang.henter(b.en_av.felt)
    for i, verdi in enumerate(b.en_av.verdier):
        with _ved(sted, "verdier", i):
            _sjekk_literal(type_, verdi, b.en_av.felt)
    verdier = {_normaliser(v) for v in b.en_av.verdier}

    return Predikat(lambda k: _normaliser(hent(k)) in verdier)


def _finnes(b: m.Finnes, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Predikat:
    hent = omfang.henter(b.finnes)

    def finnes(k: Kontekst) -> bool:
        verdi = hent(k)
        return verdi is not None and verdi != [] and verdi != ""

    return Predikat(finnes)


def _datohenter(omfang: Omfang, sti_eller_dato: str) -> Henter:
    try:
        fast = m.som_dato(sti_eller_dato)
    except ValueError:
        raise StiFeil(
            f"«{sti_eller_dato}» er ikke en gyldig dato (finnes ikke i kalenderen)"
        ) from None
    if fast is not None:
        return lambda _k: fast
    _krev(_type(omfang, sti_eller_dato).er_dato, f"«{sti_eller_dato}» er ikke en dato")
    return omfang.henter(sti_eller_dato)


def _dato(b: m.Datokrav, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Predikat:
    a = b.dato
    with _ved(sted, "felt"):
        _krev(_type(omfang, a.felt).er_dato, f"«{a.felt}» er ikke en dato")
        hent = omfang.henter(a.felt)
    with _ved(sted, "senest"):
        senest = _datohenter(omfang, a.senest) if a.senest else None
    with _ved(sted, "tidligst"):
        tidligst = _datohenter(omfang, a.tidligst) if a.tidligst else None

    def innenfor(verdi: dt.date, grense: Henter | None, k: Kontekst, tidlig: bool) -> bool:
        if grense is None:
            return True
        g = grense(k)
        if g is None:
            return a.hvis_mangler
        return bool(verdi >= g if tidlig else verdi <= g)

    def dato(k: Kontekst) -> bool:
        verdi = hent(k)
        if verdi is None:
            return a.hvis_mangler
        return innenfor(verdi, senest, k, tidlig=False) and innenfor(
            verdi, tidligst, k, tidlig=True
        )

    return Predikat(dato)


def _antall_ulike(b: m.AntallUlike, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Predikat:
    a = b.antall_ulike
    with _ved(sted, "felt"):
        _krev(_type(omfang, a.felt).er_liste, f"«{a.felt}» er ikke en liste")
        hent = omfang.henter(a.felt)

    def antall_ulike(k: Kontekst) -> bool:
        return _innenfor(len({_normaliser(v) for v in hent(k) or []}), a.minst, a.hoyst)

    return Predikat(antall_ulike)


def _tall(b: m.Tall, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Predikat:
    a = b.tall
    with _ved(sted, "felt"):
        _krev(_type(omfang, a.felt).kjerne in (int, float), f"«{a.felt}» er ikke et tall")
        hent = omfang.henter(a.felt)

    def tall(k: Kontekst) -> bool:
        verdi = hent(k)
        return verdi is not None and _innenfor(verdi, a.minst, a.hoyst)

    return Predikat(tall)


def _tekst(b: m.Tekst, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Sjekk:
    a = b.tekst
    with _ved(sted, "felt"):
        _krev(_type(omfang, a.felt).kjerne is str, f"«{a.felt}» er ikke tekst")
    for i, monster in enumerate(a.regex):
        try:
            kompiler_regex(monster)
        except RegexFeil as feil:
            raise Kompileringsfeil(
                (*sted, "regex", i), f"ugyldig regulært uttrykk «{monster}»: {feil}"
            ) from None
    sok = Tekstsok.lag(
        fraser=tuple(a.fraser),
        regex=tuple(a.regex),
        negasjonsord=tuple(neg),
        ta_med_negerte=a.ta_med_negerte,
    )
    hent = omfang.henter(a.felt)
    eier = omfang.type_av(a.felt.rsplit(".", 1)[0]).modell if "." in a.felt else None
    sted_tekst = TEKSTFELTNAVN.get(eier.__name__, a.felt) if eier else a.felt

    def sjekk(k: Kontekst) -> Treff:
        tekst = hent(k)
        funnet = sok.treff(tekst) if tekst else ()
        return bool(funnet), [f"{', '.join(funnet)} i {sted_tekst}"] if funnet else []

    return sjekk


def _dager_mellom(b: m.DagerMellom, omfang: Omfang, sted: Sted, neg: Sequence[str]) -> Sjekk:
    a = b.dager_mellom
    with _ved(sted, "fra"):
        fra = _datohenter(omfang, a.fra)
    with _ved(sted, "til"):
        til = _datohenter(omfang, a.til)

    def sjekk(k: Kontekst) -> Treff:
        start, slutt = fra(k), til(k)
        if not isinstance(start, dt.date) or not isinstance(slutt, dt.date):
            return False, []
        dager = (slutt - start).days
        bevis = f"{dager} dager fra {formater(start)} til {formater(slutt)}"
        return _innenfor(dager, a.minst, a.hoyst), [bevis]

    return sjekk


_KOMPILATORER: dict[type[Any], Callable[[Any, Omfang, Sted, Sequence[str]], Del]] = {
    m.Og: _og,
    m.Eller: _eller,
    m.Ikke: _ikke,
    m.Noen: _noen,
    m.Alle: _alle,
    m.Ingen: _ingen,
    m.Antall: _antall,
    m.Lik: _lik,
    m.EnAv: _en_av,
    m.Inneholder: _inneholder,
    m.Finnes: _finnes,
    m.Datokrav: _dato,
    m.AntallUlike: _antall_ulike,
    m.Tall: _tall,
    m.Tekst: _tekst,
    m.DagerMellom: _dager_mellom,
}


def _mal(tekst: str, omfang: Omfang, sted: Sted, navngitte: Sequence[str] = ()) -> Mal:
    try:
        return kompiler_mal(tekst, omfang, navngitte)
    except StiFeil as feil:
        raise Kompileringsfeil(sted, str(feil)) from None
