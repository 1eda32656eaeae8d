"""Checking a criterion once, at load, before any case is judged and before code is written.

Every path is checked against the case model, every value against what the field can hold,
every regular expression and every template (no free text in a finding); a problem is raised as
Kompileringsfeil with the place inside the criterion and a Norwegian message (with a
did-you-mean suggestion where there is one). The code generator (``kodegen*``) writes only
criteria that have passed these checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel

from revisjon.felttre import Felttype, forslag
from revisjon.kriteriesprak import modell as m
from revisjon.kriteriesprak.maler import mal_deler
from revisjon.kriteriesprak.regex import RegexFeil, kompiler_regex
from revisjon.kriteriesprak.stier import Omfang, StiFeil, normaliser
from revisjon.kriteriesprak.tekstlesing import Lesingsfeil, leser

Sted = tuple[str | int, ...]

NAVNGITT_SAK = ("bevis",)
"""The named values of a finding text for the whole case."""
NAVNGITT_FOR_HVERT = ("antall", "antall_oppfylt", "antall_mangler", "oppfylte", "mangler")
"""The named values of a finding text of a ``for_hvert`` assessment."""


class Kompileringsfeil(Exception):
    """A problem at ``sted`` (the path inside the criterion) with a Norwegian message."""

    def __init__(self, sted: Sted, melding: str) -> None:
        super().__init__(melding)
        self.sted = sted
        self.melding = melding


def sjekk_kriterium(kriterium: m.Kriterium, tekstlesing: m.Tekstlesing | None = None) -> None:
    """Check one criterion; raise Kompileringsfeil with the place of the first problem.
    ``tekstlesing``: the set's readings, which every ``lesing`` named must be one of."""
    _sjekk_lesinger(kriterium, tekstlesing or m.Tekstlesing(), ())
    v = kriterium.vurdering
    delvis_mulig = v.for_hvert is not None or v.delvis_oppfylt is not None
    if delvis_mulig and kriterium.begrunnelse.delvis_oppfylt is None:
        raise Kompileringsfeil(
            ("begrunnelse",),
            "kriteriet kan gi delvis_oppfylt; oppgi begrunnelse.delvis_oppfylt",
        )
    rot = Omfang.rot()
    if kriterium.gjelder.vilkar:
        sjekk_betingelse(kriterium.gjelder.vilkar, rot, ("gjelder", "vilkar"))
    for i, sti in enumerate(kriterium.krever):
        try:
            rot.type_av(sti)
        except StiFeil as feil:
            raise Kompileringsfeil(("krever", i), str(feil)) from None
    elementnavn: tuple[str, ...] = ()
    if v.for_hvert is not None:
        sted: Sted = ("vurdering", "for_hvert")
        indre = _liste(rot, v.for_hvert, sted)
        assert v.krav is not None and v.tekst_mangler is not None
        if v.for_hvert.hvor:
            sjekk_betingelse(v.for_hvert.hvor, indre, (*sted, "hvor"))
        sjekk_betingelse(v.krav, indre, ("vurdering", "krav"))
        if v.tekst_oppfylt:
            _mal(v.tekst_oppfylt, indre, ("vurdering", "tekst_oppfylt"), NAVNGITT_SAK)
        _mal(v.tekst_mangler, indre, ("vurdering", "tekst_mangler"), NAVNGITT_SAK)
        elementnavn = NAVNGITT_FOR_HVERT
    if v.oppfylt:
        sjekk_betingelse(v.oppfylt, rot, ("vurdering", "oppfylt"))
    if v.delvis_oppfylt:
        sjekk_betingelse(v.delvis_oppfylt, rot, ("vurdering", "delvis_oppfylt"))
    for status, tekst in kriterium.begrunnelse.model_dump().items():
        if tekst is None:
            continue
        navngitte = (
            () if status in ("ikke_aktuelt", "ikke_vurdert") else elementnavn or NAVNGITT_SAK
        )
        _mal(tekst, rot, ("begrunnelse", status), navngitte)


def _sjekk_lesinger(verdi: object, tekstlesing: m.Tekstlesing, sted: Sted) -> None:
    """Every ``lesing`` below ``verdi`` names a reading the set has (builds it, so a phrase
    that cannot be compiled is found here too)."""
    if isinstance(verdi, m.TekstArgumenter):
        if verdi.lesing is not None:
            try:
                leser(tekstlesing, verdi.lesing)
            except (Lesingsfeil, ValueError) as feil:
                raise Kompileringsfeil((*sted, "lesing"), str(feil)) from None
        return
    if isinstance(verdi, BaseModel):
        for navn in type(verdi).model_fields:
            _sjekk_lesinger(getattr(verdi, navn), tekstlesing, (*sted, navn))
    elif isinstance(verdi, list):
        for i, del_ in enumerate(verdi):
            _sjekk_lesinger(del_, tekstlesing, (*sted, i))


def sjekk_betingelse(betingelse: m.Betingelse, omfang: Omfang, sted: Sted) -> None:
    """Check one condition in ``omfang``; raise Kompileringsfeil at the first problem."""
    navn = next(iter(type(betingelse).model_fields))
    sted = (*sted, navn)
    try:
        _SJEKKER[type(betingelse)](betingelse, omfang, sted)
    except StiFeil as feil:
        raise Kompileringsfeil(sted, str(feil)) from None


@contextmanager
def _ved(sted: Sted, *nokler: str | int) -> Iterator[None]:
    """Report a path problem at the argument key it comes from (``felt``, ``senest`` …)."""
    try:
        yield
    except StiFeil as feil:
        raise Kompileringsfeil((*sted, *nokler), str(feil)) from None


def _krev(betingelse: bool, melding: str) -> None:
    if not betingelse:
        raise StiFeil(melding)


def _en_verdi(type_: Felttype, melding: str) -> None:
    _krev(not type_.er_liste and type_.modell is None, melding)


def _og(b: m.Og, omfang: Omfang, sted: Sted) -> None:
    for i, d in enumerate(b.og):
        sjekk_betingelse(d, omfang, (*sted, i))


def _eller(b: m.Eller, omfang: Omfang, sted: Sted) -> None:
    for i, d in enumerate(b.eller):
        sjekk_betingelse(d, omfang, (*sted, i))


def _ikke(b: m.Ikke, omfang: Omfang, sted: Sted) -> None:
    sjekk_betingelse(b.ikke, omfang, sted)


def _liste(omfang: Omfang, kvantor: m.Kvantor | m.ForHvert, sted: Sted) -> Omfang:
    """The scope inside a quantifier, with ``som`` bound to an item of ``liste``."""
    with _ved(sted, "liste"):
        type_ = omfang.type_av(kvantor.liste)
        _krev(type_.er_liste, f"«{kvantor.liste}» er ikke en liste; «liste» må peke på en liste")
    with _ved(sted, "som"):
        return omfang.med(kvantor.som, type_.element)


def _kvantor(kvantor: m.Kvantor, omfang: Omfang, sted: Sted) -> None:
    indre = _liste(omfang, kvantor, sted)
    if kvantor.hvor:
        sjekk_betingelse(kvantor.hvor, indre, (*sted, "hvor"))
    if kvantor.bevis:
        _mal(kvantor.bevis, indre, (*sted, "bevis"))


def _noen(b: m.Noen, omfang: Omfang, sted: Sted) -> None:
    _kvantor(b.noen, omfang, sted)


def _alle(b: m.Alle, omfang: Omfang, sted: Sted) -> None:
    _kvantor(b.alle, omfang, sted)


def _ingen(b: m.Ingen, omfang: Omfang, sted: Sted) -> None:
    _kvantor(b.ingen, omfang, sted)


def _antall(b: m.Antall, omfang: Omfang, sted: Sted) -> None:
    _kvantor(b.antall, omfang, sted)
    minst, hoyst = b.antall.minst, b.antall.hoyst
    _krev(minst is not None or hoyst is not None, "«antall» trenger «minst», «hoyst» eller begge")


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
        if normaliser(verdi) not in {normaliser(g) for g in gyldige}:
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


def _motpart(s: m.Sammenligning, omfang: Omfang, forventet: Felttype, sted: Sted) -> None:
    if s.som_felt is not None:
        with _ved(sted, "som_felt"):
            motpart = omfang.type_av(s.som_felt)
            _en_verdi(motpart, f"«{s.som_felt}» er ikke én verdi")
        return
    with _ved(sted, "verdi"):
        _sjekk_literal(forventet, s.verdi, s.felt)


def _lik(b: m.Lik, omfang: Omfang, sted: Sted) -> None:
    with _ved(sted, "felt"):
        type_ = omfang.type_av(b.lik.felt)
        _en_verdi(type_, f"«{b.lik.felt}» er ikke én verdi; bruk «inneholder» for lister")
    _motpart(b.lik, omfang, type_, sted)


def _inneholder(b: m.Inneholder, omfang: Omfang, sted: Sted) -> None:
    felt = b.inneholder.felt
    with _ved(sted, "felt"):
        type_ = omfang.type_av(felt)
        _krev(type_.er_liste, f"«{felt}» er ikke en liste; bruk «lik» for én verdi")
        # An item that is a structure never equals a value: the condition could never hold.
        _krev(
            type_.element.modell is None,
            f"«{felt}» er en liste av strukturer, ikke av verdier; bruk «noen» med en "
            "betingelse på et felt i elementene",
        )
    _motpart(b.inneholder, omfang, type_.element, sted)


def _en_av(b: m.EnAv, omfang: Omfang, sted: Sted) -> None:
    with _ved(sted, "felt"):
        type_ = omfang.type_av(b.en_av.felt)
        _en_verdi(type_, f"«{b.en_av.felt}» er ikke én verdi")
    for i, verdi in enumerate(b.en_av.verdier):
        with _ved(sted, "verdier", i):
            _sjekk_literal(type_, verdi, b.en_av.felt)


def _finnes(b: m.Finnes, omfang: Omfang, sted: Sted) -> None:
    omfang.type_av(b.finnes)


def _sjekk_dato(omfang: Omfang, sti_eller_dato: str) -> None:
    """A fixed date (``2024-03-01``) that is in the calendar, or a path to a date."""
    try:
        fast = m.som_dato(sti_eller_dato)
    except ValueError:
        raise StiFeil(
            f"«{sti_eller_dato}» er ikke en gyldig dato (finnes ikke i kalenderen)"
        ) from None
    if fast is None:
        _krev(omfang.type_av(sti_eller_dato).er_dato, f"«{sti_eller_dato}» er ikke en dato")


def _dato(b: m.Datokrav, omfang: Omfang, sted: Sted) -> None:
    a = b.dato
    with _ved(sted, "felt"):
        _krev(omfang.type_av(a.felt).er_dato, f"«{a.felt}» er ikke en dato")
    with _ved(sted, "senest"):
        if a.senest:
            _sjekk_dato(omfang, a.senest)
    with _ved(sted, "tidligst"):
        if a.tidligst:
            _sjekk_dato(omfang, a.tidligst)


def _antall_ulike(b: m.AntallUlike, omfang: Omfang, sted: Sted) -> None:
    a = b.antall_ulike
    with _ved(sted, "felt"):
        _krev(omfang.type_av(a.felt).er_liste, f"«{a.felt}» er ikke en liste")


def _tall(b: m.Tall, omfang: Omfang, sted: Sted) -> None:
    a = b.tall
    with _ved(sted, "felt"):
        _krev(omfang.type_av(a.felt).kjerne in (int, float), f"«{a.felt}» er ikke et tall")


def _tekst(b: m.Tekst, omfang: Omfang, sted: Sted) -> None:
    a = b.tekst
    with _ved(sted, "felt"):
        _krev(omfang.type_av(a.felt).kjerne is str, f"«{a.felt}» er ikke tekst")
    for i, monster in enumerate(a.regex):
        try:
            kompiler_regex(monster)
        except RegexFeil as feil:
            raise Kompileringsfeil(
                (*sted, "regex", i), f"ugyldig regulært uttrykk «{monster}»: {feil}"
            ) from None


def _dager_mellom(b: m.DagerMellom, omfang: Omfang, sted: Sted) -> None:
    a = b.dager_mellom
    with _ved(sted, "fra"):
        _sjekk_dato(omfang, a.fra)
    with _ved(sted, "til"):
        _sjekk_dato(omfang, a.til)


_SJEKKER: dict[type[Any], Callable[[Any, Omfang, Sted], None]] = {
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


def _mal(tekst: str, omfang: Omfang, sted: Sted, navngitte: Sequence[str] = ()) -> None:
    try:
        mal_deler(tekst, omfang, navngitte)
    except StiFeil as feil:
        raise Kompileringsfeil(sted, str(feil)) from None
