"""A test oracle for the criteria language: a plain closure interpreter of checked criteria.

Production judges every case with one generated function per criterion
(``revisjon.kriteriesprak.kodegen*``). This module gives the same criteria a second, simpler
reading (a closure per node, a context dict of bound names, evidence as lists) so that the
differential tests in ``test_kriteriesprak_kodegen.py`` can compare the two on random criteria
and cases, character for character. It lives under ``tests/``, is not installed with the
package, and nothing in ``revisjon/`` imports it.

The criteria it is given have passed the load-time checks (``gyldighet``), so it checks
nothing itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from revisjon.kriteriesprak import modell as m
from revisjon.kriteriesprak.gyldighet import NAVNGITT_FOR_HVERT, NAVNGITT_SAK
from revisjon.kriteriesprak.kodegen import TEKSTFELTNAVN
from revisjon.kriteriesprak.kodegen_kriterium import (
    GRUNN_BARN,
    GRUNN_VEDTAK,
    TOMME,
    VILKAR_IKKE_OPPFYLT,
    annen_tjeneste,
    mangler_tekst,
    samle,
    utenfor_tidsrom,
)
from revisjon.kriteriesprak.lesingsbevis import lesingsbevis
from revisjon.kriteriesprak.maler import kodenavn, mal_deler, tall_med_ord
from revisjon.kriteriesprak.regel import KompilertKriterium
from revisjon.kriteriesprak.stier import Omfang, formater, normaliser
from revisjon.kriteriesprak.tekstlesing import Sprak
from revisjon.kriteriesprak.tekstsok import Tekstsok
from revisjon.resultat import Resultat
from revisjon.sak import Sak

Kontekst = dict[str, Any]
"""Runtime bindings: bound name → item, and ``""`` → the case."""
Henter = Callable[[Kontekst], Any]
Treff = tuple[bool, list[str]]
Sjekk = Callable[[Kontekst], Treff]
Test = Callable[[Kontekst], bool]
INGEN_NAVNGITTE: Mapping[str, str] = MappingProxyType({})


# --- paths and templates -----------------------------------------------------------------------


def henter(omfang: Omfang, sti: str) -> Henter:
    """Reads ``sti`` from a context (None where a part is absent)."""
    forste, *resten = sti.split(".")
    start = forste if forste in omfang.bundne else ""
    ledd = resten if start else [forste, *resten]

    def hent(kontekst: Kontekst) -> Any:
        verdi = kontekst[start]
        for navn in ledd:
            if verdi is None:
                return None
            verdi = getattr(verdi, navn)
        return verdi

    return hent


@dataclass(frozen=True)
class Mal:
    """A template: literal parts, named values (``None`` getter) and getters."""

    deler: tuple[str | tuple[str, Henter | None, tuple[str, str] | None], ...]

    def fyll(self, kontekst: Kontekst, navngitte: Mapping[str, str]) -> str:
        ut: list[str] = []
        for del_ in self.deler:
            if isinstance(del_, str):
                ut.append(del_)
                continue
            navn, hent, former = del_
            verdi = navngitte[navn] if hent is None else formater(hent(kontekst))
            ut.append(verdi if former is None else tall_med_ord(verdi, *former))
        return "".join(ut)


def mal(tekst: str, omfang: Omfang, navngitte: Sequence[str] = ()) -> Mal:
    deler: list[str | tuple[str, Henter | None, tuple[str, str] | None]] = []
    for del_ in mal_deler(tekst, omfang, navngitte):
        if isinstance(del_, str):
            deler.append(del_)
        elif del_.navngitt:
            deler.append((del_.navn, None, del_.former))
        else:
            hent = henter(omfang, del_.navn)
            if del_.kode:
                hent = (lambda h: lambda k: kodenavn(h(k)))(hent)
            deler.append((del_.navn, hent, del_.former))
    return Mal(tuple(deler))


# --- conditions --------------------------------------------------------------------------------


def sjekk(b: m.Betingelse, omfang: Omfang, neg: Sprak) -> Sjekk:
    """A condition: whether it holds, and the evidence it found."""
    return _SJEKKER[type(b)](b, omfang, neg)


def test(b: m.Betingelse, omfang: Omfang, neg: Sprak) -> Test:
    indre = sjekk(b, omfang, neg)
    return lambda k: indre(k)[0]


def _predikat(test_: Test) -> Sjekk:
    return lambda k: (test_(k), [])


def _og(b: m.Og, omfang: Omfang, neg: Sprak) -> Sjekk:
    deler = [sjekk(d, omfang, neg) for d in b.og]

    def s(k: Kontekst) -> Treff:
        bevis: list[str] = []
        for del_ in deler:
            ok, funnet = del_(k)
            bevis += funnet
            if not ok:
                return False, bevis
        return True, bevis

    return s


def _eller(b: m.Eller, omfang: Omfang, neg: Sprak) -> Sjekk:
    deler = [sjekk(d, omfang, neg) for d in b.eller]

    def s(k: Kontekst) -> Treff:
        bevis: list[str] = []
        funnet_noe = False
        for del_ in deler:  # every branch, so the evidence names all that was found
            ok, funnet = del_(k)
            if ok:
                funnet_noe = True
                bevis += funnet
        return funnet_noe, bevis

    return s


def _ikke(b: m.Ikke, omfang: Omfang, neg: Sprak) -> Sjekk:
    indre = sjekk(b.ikke, omfang, neg)

    def s(k: Kontekst) -> Treff:
        ok, bevis = indre(k)
        return not ok, bevis

    return s


def _innenfor(verdi: float, minst: float | None, hoyst: float | None) -> bool:
    return (minst is None or verdi >= minst) and (hoyst is None or verdi <= hoyst)


def _kvantor(
    kvantor: m.Kvantor, omfang: Omfang, neg: Sprak, avgjor: Callable[[int, int], bool]
) -> Sjekk:
    """``avgjor`` answers from (items, items satisfying ``hvor``); the evidence is that of the
    items satisfying ``hvor`` (its ``bevis`` text, else what ``hvor`` found)."""
    hent = henter(omfang, kvantor.liste)
    indre = omfang.med(kvantor.som, omfang.type_av(kvantor.liste).element)
    hvor = sjekk(kvantor.hvor, indre, neg) if kvantor.hvor else None
    bevis_mal = mal(kvantor.bevis, indre) if kvantor.bevis else None
    som = kvantor.som

    def s(k: Kontekst) -> Treff:
        elementer = hent(k) or ()
        treff = 0
        bevis: list[str] = []
        k2 = dict(k)
        for element in elementer:
            k2[som] = element
            funnet: list[str] = []
            if hvor is not None:
                ok, funnet = hvor(k2)
                if not ok:
                    continue
            treff += 1
            if bevis_mal is not None:
                bevis.append(bevis_mal.fyll(k2, INGEN_NAVNGITTE))
            else:
                bevis += funnet
        return avgjor(len(elementer), treff), bevis

    return s


def _noen(b: m.Noen, omfang: Omfang, neg: Sprak) -> Sjekk:
    return _kvantor(b.noen, omfang, neg, lambda _antall, treff: treff > 0)


def _alle(b: m.Alle, omfang: Omfang, neg: Sprak) -> Sjekk:
    return _kvantor(b.alle, omfang, neg, lambda antall, treff: treff == antall)


def _ingen(b: m.Ingen, omfang: Omfang, neg: Sprak) -> Sjekk:
    return _kvantor(b.ingen, omfang, neg, lambda _antall, treff: treff == 0)


def _antall(b: m.Antall, omfang: Omfang, neg: Sprak) -> Sjekk:
    minst, hoyst = b.antall.minst, b.antall.hoyst
    return _kvantor(b.antall, omfang, neg, lambda _a, treff: _innenfor(treff, minst, hoyst))


def _motpart(s: m.Sammenligning, omfang: Omfang) -> Henter:
    if s.som_felt is not None:
        return henter(omfang, s.som_felt)
    verdi = normaliser(s.verdi)
    return lambda _k: verdi


def _lik(b: m.Lik, omfang: Omfang, neg: Sprak) -> Sjekk:
    hent, motpart = henter(omfang, b.lik.felt), _motpart(b.lik, omfang)

    def lik(k: Kontekst) -> bool:
        verdi = hent(k)
        return verdi is not None and normaliser(verdi) == normaliser(motpart(k))

    return _predikat(lik)


def _inneholder(b: m.Inneholder, omfang: Omfang, neg: Sprak) -> Sjekk:
    hent, motpart = henter(omfang, b.inneholder.felt), _motpart(b.inneholder, omfang)

    def inneholder(k: Kontekst) -> bool:
        onsket = normaliser(motpart(k))
        return any(normaliser(v) == onsket for v in hent(k) or ())

    return _predikat(inneholder)


def _en_av(b: m.EnAv, omfang: Omfang, neg: Sprak) -> Sjekk:
    hent = henter(omfang, b.en_av.felt)
    verdier = {normaliser(v) for v in b.en_av.verdier}
    return _predikat(lambda k: normaliser(hent(k)) in verdier)


def _finnes(b: m.Finnes, omfang: Omfang, neg: Sprak) -> Sjekk:
    hent = henter(omfang, b.finnes)

    def finnes(k: Kontekst) -> bool:
        verdi = hent(k)
        return verdi is not None and verdi != [] and verdi != ""

    return _predikat(finnes)


def _datohenter(omfang: Omfang, sti_eller_dato: str) -> Henter:
    fast = m.som_dato(sti_eller_dato)
    if fast is not None:
        return lambda _k: fast
    return henter(omfang, sti_eller_dato)


def _dato(b: m.Datokrav, omfang: Omfang, neg: Sprak) -> Sjekk:
    a = b.dato
    hent = henter(omfang, a.felt)
    senest = _datohenter(omfang, a.senest) if a.senest else None
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

    return _predikat(dato)


def _antall_ulike(b: m.AntallUlike, omfang: Omfang, neg: Sprak) -> Sjekk:
    a = b.antall_ulike
    hent = henter(omfang, a.felt)
    return _predikat(
        lambda k: _innenfor(len({normaliser(v) for v in hent(k) or []}), a.minst, a.hoyst)
    )


def _tall(b: m.Tall, omfang: Omfang, neg: Sprak) -> Sjekk:
    a = b.tall
    hent = henter(omfang, a.felt)

    def tall(k: Kontekst) -> bool:
        verdi = hent(k)
        return verdi is not None and _innenfor(verdi, a.minst, a.hoyst)

    return _predikat(tall)


def _tekst(b: m.Tekst, omfang: Omfang, neg: Sprak) -> Sjekk:
    a = b.tekst
    hent = henter(omfang, a.felt)
    eier = omfang.type_av(a.felt.rsplit(".", 1)[0]).modell if "." in a.felt else None
    sted_tekst = TEKSTFELTNAVN.get(eier.__name__, a.felt) if eier else a.felt
    if a.lesing is not None:
        # The reading itself is revisjon.tekst's (one meaning); the oracle checks how the
        # generated code uses it: the level asked for, and the evidence.
        leser, krav = neg.leser(a.lesing), a.krav

        def les(k: Kontekst) -> Treff:
            tekst = hent(k)
            lesning = leser.les(tekst) if tekst else None
            if lesning is None or not lesning.har(krav):
                return False, []
            return True, [lesning.bevis(krav, sted_tekst)]

        return les
    sok = Tekstsok.lag(
        fraser=tuple(a.fraser),
        regex=tuple(a.regex),
        negasjonsord=neg.negasjonsord,
        ta_med_negerte=a.ta_med_negerte,
    )

    def s(k: Kontekst) -> Treff:
        tekst = hent(k)
        funnet = sok.treff(tekst) if tekst else ()
        return bool(funnet), [f"{', '.join(funnet)} i {sted_tekst}"] if funnet else []

    return s


def _dager_mellom(b: m.DagerMellom, omfang: Omfang, neg: Sprak) -> Sjekk:
    a = b.dager_mellom
    fra, til = _datohenter(omfang, a.fra), _datohenter(omfang, a.til)

    def s(k: Kontekst) -> Treff:
        start, slutt = fra(k), til(k)
        if not isinstance(start, dt.date) or not isinstance(slutt, dt.date):
            return False, []
        dager = (slutt - start).days
        bevis = f"{dager} dager fra {formater(start)} til {formater(slutt)}"
        return _innenfor(dager, a.minst, a.hoyst), [bevis]

    return s


_SJEKKER: dict[type[Any], Callable[[Any, Omfang, Sequence[str]], Sjekk]] = {
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


# --- the criterion -----------------------------------------------------------------------------


def referanse(kk: KompilertKriterium) -> Callable[[Sak], Resultat]:
    """The oracle's verdict function for a loaded criterion (same verdict objects as ``vurder``:
    both go through ``kk._resultat``)."""
    k, neg, rot = kk.kilde, Sprak(kk.negasjonsord, kk.tekstlesing), Omfang.rot()
    g, v = k.gjelder, k.vurdering
    vilkar = test(g.vilkar, rot, neg) if g.vilkar else None
    krever = [(sti, henter(rot, sti)) for sti in k.krever]
    elementnavn = NAVNGITT_FOR_HVERT if v.for_hvert else NAVNGITT_SAK
    tekster = {
        status: mal(tekst, rot, () if status in ("ikke_aktuelt", "ikke_vurdert") else elementnavn)
        for status, tekst in k.begrunnelse.model_dump().items()
        if tekst is not None
    }

    def tekst(status: str, kontekst: Kontekst, navngitte: Mapping[str, str], standard: str) -> str:
        t = tekster.get(status)
        return t.fyll(kontekst, navngitte) if t else standard

    def med_tekst(status: m.Status, kontekst: Kontekst, navngitte: Mapping[str, str]) -> Resultat:
        return kk._resultat(status, tekst(status, kontekst, navngitte, ""))

    def ikke_aktuelt(sak: Sak, kontekst: Kontekst) -> str | None:
        if g.tjeneste is not None and sak.tjeneste not in g.tjeneste:
            return annen_tjeneste(tuple(g.tjeneste), sak.tjeneste)
        if g.har_barn is not None and bool(sak.husstand.barn) != g.har_barn:
            return GRUNN_BARN[g.har_barn]
        if g.har_vedtak is not None and (sak.vedtak is not None) != g.har_vedtak:
            return GRUNN_VEDTAK[g.har_vedtak]
        if (g.i_kraft_fra or g.i_kraft_til) and (grunn := utenfor_tidsrom(g, sak)) is not None:
            return grunn
        if vilkar is not None and not vilkar(kontekst):
            return tekst("ikke_aktuelt", kontekst, {}, VILKAR_IKKE_OPPFYLT)
        return None

    vurder_for_hvert = _for_hvert(v, rot, neg, med_tekst, tekst, kk)
    oppfylt = sjekk(v.oppfylt, rot, neg) if v.oppfylt else None
    delvis = sjekk(v.delvis_oppfylt, rot, neg) if v.delvis_oppfylt else None

    def vurder(sak: Sak) -> Resultat:
        kontekst: Kontekst = {"": sak}
        if (grunn := ikke_aktuelt(sak, kontekst)) is not None:
            return kk._resultat("ikke_aktuelt", grunn)
        if mangler := [sti for sti, hent in krever if hent(kontekst) in TOMME]:
            standard = mangler_tekst(mangler)
            return kk._resultat("ikke_vurdert", tekst("ikke_vurdert", kontekst, {}, standard))
        if vurder_for_hvert is not None:
            return vurder_for_hvert(kontekst)
        assert oppfylt is not None
        ok, bevis = oppfylt(kontekst)
        if ok:
            return med_tekst("oppfylt", kontekst, {"bevis": samle(bevis)})
        if delvis is not None:
            ok, bevis = delvis(kontekst)
            if ok:
                return med_tekst("delvis_oppfylt", kontekst, {"bevis": samle(bevis)})
        return med_tekst("ikke_oppfylt", kontekst, {"bevis": samle(bevis)})

    bevis = lesingsbevis(k, kk.tekstlesing)
    if bevis is None:
        return vurder

    def med_setninger(sak: Sak) -> Resultat:
        # the sentences of the text reading, put on the verdict as the generated code does
        resultat = vurder(sak)
        if resultat.status not in bevis.statuser:
            return resultat
        return bevis.resultat(resultat.status, resultat.begrunnelse, sak)

    return med_setninger


def _for_hvert(
    v: m.Vurdering,
    rot: Omfang,
    neg: Sprak,
    med_tekst: Callable[[m.Status, Kontekst, Mapping[str, str]], Resultat],
    tekst: Callable[[str, Kontekst, Mapping[str, str], str], str],
    kk: KompilertKriterium,
) -> Callable[[Kontekst], Resultat] | None:
    fh = v.for_hvert
    if fh is None:
        return None
    assert v.krav is not None and v.tekst_mangler is not None
    hent = henter(rot, fh.liste)
    indre = rot.med(fh.som, rot.type_av(fh.liste).element)
    filter_ = test(fh.hvor, indre, neg) if fh.hvor else None
    krav = sjekk(v.krav, indre, neg)
    tekst_oppfylt = mal(v.tekst_oppfylt, indre, NAVNGITT_SAK) if v.tekst_oppfylt else None
    tekst_mangler = mal(v.tekst_mangler, indre, NAVNGITT_SAK)

    def vurder(kontekst: Kontekst) -> Resultat:
        oppfylte: list[str] = []
        mangler: list[str] = []
        k2 = dict(kontekst)
        for element in hent(kontekst) or ():
            k2[fh.som] = element
            if filter_ is not None and not filter_(k2):
                continue
            ok, bevis = krav(k2)
            if ok:
                oppfylte.append(
                    tekst_oppfylt.fyll(k2, {"bevis": samle(bevis)}) if tekst_oppfylt else ""
                )
            else:
                mangler.append(tekst_mangler.fyll(k2, {"bevis": samle(bevis)}))
        antall = len(oppfylte) + len(mangler)
        if antall == 0:
            standard = f"Ingen elementer i {fh.liste} å vurdere."
            return kk._resultat("ikke_aktuelt", tekst("ikke_aktuelt", kontekst, {}, standard))
        navngitte = {
            "antall": str(antall),
            "antall_oppfylt": str(len(oppfylte)),
            "antall_mangler": str(len(mangler)),
            "oppfylte": "; ".join(t for t in oppfylte if t) or "ingen",
            "mangler": "; ".join(mangler) or "ingen",
        }
        status: m.Status = (
            "oppfylt" if not mangler else "ikke_oppfylt" if not oppfylte else "delvis_oppfylt"
        )
        return med_tekst(status, kontekst, navngitte)

    return vurder
