"""One generated Python function per criterion: ``vurder(sak)``, the verdict on one case with
its reason, written out as straight-line code. It is the only evaluator of the language.

Evidence is gathered only where a text shows it: a status whose text has no ``{bevis}`` is
decided by a plain test, which stops at the first answer.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from revisjon.felttre import Felttype
from revisjon.kriteriesprak import modell as m
from revisjon.kriteriesprak.gyldighet import NAVNGITT_FOR_HVERT, NAVNGITT_SAK
from revisjon.kriteriesprak.kodegen import Kodefeil, Kodeskriver, Skop, med
from revisjon.kriteriesprak.kodegen_betingelser import Betingelser
from revisjon.kriteriesprak.lesingsbevis import lesingsbevis
from revisjon.kriteriesprak.stier import Omfang, formater
from revisjon.resultat import Resultat
from revisjon.sak import TJENESTENAVN, Sak

if TYPE_CHECKING:
    from revisjon.kriteriesprak.regel import KompilertKriterium

INGEN_BEVIS = "ingen dokumentasjon funnet"
TOMME: tuple[object, ...] = (None, [], "")
"""A required field is missing when its value is one of these."""
GRUNN_BARN = {True: "Husstanden har ingen barn.", False: "Gjelder bare husstander uten barn."}
"""Why a criterion for households with (True) or without (False) children does not apply."""
GRUNN_VEDTAK = {True: "Saken har ikke vedtak.", False: "Gjelder bare saker uten vedtak."}
"""Why a criterion for cases with (True) or without (False) a decision does not apply."""
VILKAR_IKKE_OPPFYLT = "Vilkåret for kriteriet er ikke oppfylt."
"""Why a criterion whose ``gjelder.vilkar`` fails does not apply (unless its text says)."""

Vurderer = Callable[[Sak], Resultat]


def samle(biter: Sequence[str]) -> str:
    """The evidence as one text."""
    # Items of one piece of evidence are joined with commas; ``for_hvert`` joins items with «;».
    return ", ".join(dict.fromkeys(biter)) or INGEN_BEVIS


def mangler_tekst(mangler: Sequence[str]) -> str:
    """Why a case that lacks required fields is not judged (unless the criterion's text says)."""
    return f"Kan ikke vurderes: saken mangler {', '.join(mangler)}."


@lru_cache(maxsize=64)
def annen_tjeneste(gjelder: tuple[str, ...], tjeneste: str) -> str:
    """Why a criterion for other services does not apply."""
    navn = " og ".join(TJENESTENAVN[t] for t in gjelder)
    return f"Gjelder bare {navn}; saken gjelder {TJENESTENAVN[tjeneste]}."


def utenfor_tidsrom(gjelder: m.Gjelder, sak: Sak) -> str | None:
    """Why a case dated outside ``i_kraft_fra``–``i_kraft_til`` is not judged, or None."""
    dato = sak.vedtak.dato if sak.vedtak else sak.soknad.mottatt
    hva = "Vedtaket" if sak.vedtak else "Søknaden"
    if gjelder.i_kraft_fra and dato < gjelder.i_kraft_fra:
        return f"{hva} er datert {formater(dato)}, før kravet gjaldt fra {formater(gjelder.i_kraft_fra)}."
    if gjelder.i_kraft_til and dato > gjelder.i_kraft_til:
        return f"{hva} er datert {formater(dato)}, etter at kravet gjaldt til {formater(gjelder.i_kraft_til)}."
    return None


def skriv_kilde(
    kk: KompilertKriterium, negasjonsord: Sequence[str]
) -> tuple[str, dict[str, object]]:
    """The source of ``vurder`` for a checked criterion, and its globals."""
    s = Kodeskriver()
    s.navnerom.update(
        R=kk._resultat,
        G=kk.delte.get,
        DFK=dict.fromkeys,
        IB=INGEN_BEVIS,
        TOMME=TOMME,
    )
    bevis = lesingsbevis(kk.kilde, kk.tekstlesing)
    if bevis is not None:
        s.navnerom["RL"] = bevis.resultat
    skriver = _Kriterieskriver(
        s, Betingelser(s, negasjonsord, kk.tekstlesing), kk.kilde, bevis.statuser if bevis else ()
    )
    forst = skriver.gjelder()
    s.linjer = []
    skriver.resten()
    return s.kilde(forst, s.linjer), s.navnerom


def lag_vurderer(kk: KompilertKriterium, negasjonsord: Sequence[str]) -> tuple[Vurderer, str]:
    """The generated ``vurder`` and its source."""
    kilde, navnerom = skriv_kilde(kk, negasjonsord)
    try:
        kode = compile(kilde, f"<kriterium {kk.kilde.id}>", "exec")
    except (SyntaxError, RecursionError, MemoryError, ValueError) as feil:
        # Not for a checked criterion: the generator keeps within what Python compiles.
        raise Kodefeil(f"koden for {kk.kilde.id} kan ikke kompileres: {feil}") from feil
    exec(kode, navnerom)  # our own source; see kodegen
    vurder: Vurderer = navnerom["vurder"]  # type: ignore[assignment]
    return vurder, kilde


def _samlet(bevis: str) -> str:
    """``samle`` of the list ``bevis``, written out."""
    return f"(J(DFK({bevis})) or IB)"


class _Kriterieskriver:
    def __init__(
        self, s: Kodeskriver, b: Betingelser, kilde: m.Kriterium, lest: Collection[str]
    ) -> None:
        self.s, self.b, self.k = s, b, kilde
        self.lest = lest
        """The statuses whose verdict names the sentences of a text reading (``RL``)."""
        self.rot: Skop = (Omfang.rot(), {})
        self.elementnavn = NAVNGITT_FOR_HVERT if kilde.vurdering.for_hvert else NAVNGITT_SAK
        self.tekster = {
            status: tekst
            for status, tekst in kilde.begrunnelse.model_dump().items()
            if tekst is not None
        }

    def _navngitte(self, status: str) -> tuple[str, ...]:
        return () if status in ("ikke_aktuelt", "ikke_vurdert") else self.elementnavn

    def _bruker(self, status: str, navn: str) -> bool:
        tekst = self.tekster.get(status)
        return Kodeskriver.bruker(tekst, navn, Omfang.rot(), self._navngitte(status))

    def _tekst(self, status: str, navngitte: dict[str, str], standard: str) -> str:
        """The reason for ``status``: its template, or the constant ``standard``."""
        tekst = self.tekster.get(status)
        if tekst is None:
            return standard
        return self.s.mal(tekst, self.rot, navngitte)

    def gjelder(self) -> list[str]:
        """The fixed applicability tests, before any path is read (lines of the body)."""
        s, g = self.s, self.k.gjelder
        s.linjer = []
        if g.tjeneste is not None:
            tjenester = s.konst(tuple(g.tjeneste))
            s.navnerom["AT"] = annen_tjeneste
            s.skriv(1, f"if sak.tjeneste not in {tjenester}:")
            self._gi(2, "ikke_aktuelt", f"AT({tjenester}, sak.tjeneste)")
        if g.har_barn is not None:
            s.skriv(1, f"if {'not ' if g.har_barn else ''}sak.husstand.barn:")
            self._gi(2, "ikke_aktuelt", f"{s.konst(GRUNN_BARN[g.har_barn])}")
        if g.har_vedtak is not None:
            s.skriv(1, f"if sak.vedtak is {'' if g.har_vedtak else 'not '}None:")
            self._gi(2, "ikke_aktuelt", f"{s.konst(GRUNN_VEDTAK[g.har_vedtak])}")
        if g.i_kraft_fra or g.i_kraft_til:
            s.navnerom["UT"] = utenfor_tidsrom
            t = s.nytt("t")
            s.skriv(1, f"{t} = UT({s.konst(g)}, sak)")
            s.skriv(1, f"if {t} is not None:")
            self._gi(2, "ikke_aktuelt", f"{t}")
        return s.linjer

    def resten(self) -> None:
        """The condition for applying, the required fields and the assessment."""
        s, k = self.s, self.k
        if k.gjelder.vilkar is not None:
            s.skriv(1, f"if not {self.b.test(k.gjelder.vilkar, self.rot, 1)}:")
            standard = s.konst(VILKAR_IKKE_OPPFYLT)
            self._gi(2, "ikke_aktuelt", f"{self._tekst('ikke_aktuelt', {}, standard)}")
        if k.krever:
            mangler = s.nytt("m")
            s.skriv(1, f"{mangler} = []")
            for sti in k.krever:
                s.skriv(1, f"if {s.sti(sti, self.rot)} in TOMME:")
                s.skriv(2, f"{mangler}.append({s.konst(sti)})")
            s.skriv(1, f"if {mangler}:")
            s.navnerom["MT"] = mangler_tekst
            standard = f"MT({mangler})"
            self._gi(2, "ikke_vurdert", f"{self._tekst('ikke_vurdert', {}, standard)}")
        v = k.vurdering
        if v.for_hvert is not None:
            self._for_hvert(v)
            return
        assert v.oppfylt is not None
        delvis = v.delvis_oppfylt
        ikke_bruker = self._bruker("ikke_oppfylt", "bevis")
        ja, nei = self._bruker("oppfylt", "bevis"), delvis is None and ikke_bruker
        bevis = self._sjekk(v.oppfylt, self.rot, 1, ja)
        self._retur(2, "oppfylt", {"bevis": _samlet(bevis)})
        self._bevis_ved_nei(v.oppfylt, self.rot, 1, bevis, ja, nei)
        if delvis is not None:
            ja = self._bruker("delvis_oppfylt", "bevis")
            bevis = self._sjekk(delvis, self.rot, 1, ja)
            self._retur(2, "delvis_oppfylt", {"bevis": _samlet(bevis)})
            self._bevis_ved_nei(delvis, self.rot, 1, bevis, ja, ikke_bruker)
        self._retur(1, "ikke_oppfylt", {"bevis": _samlet(bevis)})

    def _retur(self, niva: int, status: str, navngitte: dict[str, str]) -> None:
        self._gi(niva, status, self._tekst(status, navngitte, "''"))

    def _gi(self, niva: int, status: str, tekst: str) -> None:
        """``return`` the verdict: the one given before for this status and reason (looked up
        here, as ``KompilertKriterium._resultat`` does), else a new one; with the sentences of
        the text reading (``lesingsbevis``) for a status that reads one."""
        t = self.s.nytt("t")
        self.s.skriv(niva, f"{t} = {tekst}")
        if status in self.lest:
            self.s.skriv(niva, f"return RL({status!r}, {t}, sak)")
        else:
            self.s.skriv(niva, f"return G(({status!r}, {t})) or R({status!r}, {t})")

    def _sjekk(self, betingelse: m.Betingelse, skop: Skop, niva: int, ja: bool) -> str:
        """Write ``if <betingelse>:`` (the caller writes the body at ``niva + 1``), gathering
        its evidence in a list when ``ja`` (a yes needs it); the name of the list."""
        bevis = self.s.nytt("b")
        if ja:
            self.s.skriv(niva, f"{bevis} = []")
            ok = self.b.sjekk(betingelse, skop, niva, bevis)
        else:
            ok = self.b.test(betingelse, skop, niva)
        self.s.skriv(niva, f"if {ok}:")
        return bevis

    def _bevis_ved_nei(
        self, betingelse: m.Betingelse, skop: Skop, niva: int, bevis: str, ja: bool, nei: bool
    ) -> None:
        """After a no, the evidence a no needs when the test did not gather it (a second walk,
        done only for a no)."""
        if nei and not ja:
            self.s.skriv(niva, f"{bevis} = []")
            self.b.sjekk(betingelse, skop, niva, bevis)

    def _for_hvert(self, v: m.Vurdering) -> None:
        s, fh = self.s, v.for_hvert
        assert fh is not None and v.krav is not None and v.tekst_mangler is not None
        bruker_oppfylte = [st for st in self.tekster if self._bruker(st, "oppfylte")]
        bruker_mangler = any(self._bruker(st, "mangler") for st in self.tekster)
        oppfylte, mangler = s.nytt("lo"), s.nytt("lm")
        n_ja, n_nei = s.nytt("n"), s.nytt("n")
        s.skriv(1, f"{n_ja} = {n_nei} = 0")
        if bruker_oppfylte:
            s.skriv(1, f"{oppfylte} = []")
        if bruker_mangler:
            s.skriv(1, f"{mangler} = []")
        type_: Felttype = self.rot[0].type_av(fh.liste).element
        element = s.nytt("e")
        s.skriv(1, f"for {element} in {s.sti(fh.liste, self.rot)} or ():")
        indre = med(self.rot, fh.som, type_, element)
        if fh.hvor is not None:
            s.skriv(2, f"if not {self.b.test(fh.hvor, indre, 2)}:")
            s.skriv(3, "continue")
        omfang = indre[0]
        ja_bevis = bool(bruker_oppfylte) and Kodeskriver.bruker(
            v.tekst_oppfylt, "bevis", omfang, NAVNGITT_SAK
        )
        nei_bevis = bruker_mangler and Kodeskriver.bruker(
            v.tekst_mangler, "bevis", omfang, NAVNGITT_SAK
        )
        bevis = self._sjekk(v.krav, indre, 2, ja_bevis)
        s.skriv(3, f"{n_ja} += 1")
        if bruker_oppfylte:
            # Texts of items that hold are needed only for a status whose text names them.
            niva = 3
            if bruker_oppfylte == ["oppfylt"]:
                s.skriv(3, f"if not {n_nei}:")
                niva = 4
            tekst = (
                s.mal(v.tekst_oppfylt, indre, {"bevis": _samlet(bevis)})
                if v.tekst_oppfylt
                else "''"
            )
            s.skriv(niva, f"{oppfylte}.append({tekst})")
        s.skriv(2, "else:")
        self._bevis_ved_nei(v.krav, indre, 3, bevis, ja_bevis, nei_bevis)
        s.skriv(3, f"{n_nei} += 1")
        if bruker_mangler:
            tekst = s.mal(v.tekst_mangler, indre, {"bevis": _samlet(bevis)})
            s.skriv(3, f"{mangler}.append({tekst})")
        s.skriv(1, f"if not {n_ja} and not {n_nei}:")
        standard = s.konst(f"Ingen elementer i {fh.liste} å vurdere.")
        self._gi(2, "ikke_aktuelt", f"{self._tekst('ikke_aktuelt', {}, standard)}")
        navngitte = {
            "antall": f"str({n_ja} + {n_nei})",
            "antall_oppfylt": f"str({n_ja})",
            "antall_mangler": f"str({n_nei})",
            "oppfylte": f"('; '.join(filter(None, {oppfylte})) or 'ingen')",
            "mangler": f"('; '.join({mangler}) or 'ingen')",
        }
        s.skriv(1, f"if not {n_nei}:")
        self._retur(2, "oppfylt", navngitte)
        s.skriv(1, f"if not {n_ja}:")
        self._retur(2, "ikke_oppfylt", navngitte)
        self._retur(1, "delvis_oppfylt", navngitte)
