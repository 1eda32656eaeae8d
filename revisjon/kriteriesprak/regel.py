"""A criterion compiled once: applicability, required data, the assessment and its texts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from revisjon.kriteriesprak import modell as m
from revisjon.kriteriesprak.kompilering import (
    Kompileringsfeil,
    Sjekk,
    Sted,
    Test,
    _liste,
    _mal,
    kompiler,
    kompiler_test,
)
from revisjon.kriteriesprak.maler import Mal
from revisjon.kriteriesprak.stier import Henter, Kontekst, Omfang, StiFeil, formater
from revisjon.resultat import Resultat
from revisjon.sak import TJENESTENAVN, Sak

NAVNGITT_SAK = ("bevis",)
NAVNGITT_FOR_HVERT = ("antall", "antall_oppfylt", "antall_mangler", "oppfylte", "mangler")
INGEN_BEVIS = "ingen dokumentasjon funnet"


def _samle(biter: Sequence[str]) -> str:
    # Items of one piece of evidence are joined with commas; ``for_hvert`` joins items with «;».
    return ", ".join(dict.fromkeys(biter)) or INGEN_BEVIS


@lru_cache(maxsize=64)
def _annen_tjeneste(gjelder: tuple[str, ...], tjeneste: str) -> str:
    navn = " og ".join(TJENESTENAVN[t] for t in gjelder)
    return f"Gjelder bare {navn}; saken gjelder {TJENESTENAVN[tjeneste]}."


@dataclass(frozen=True)
class _ForHvert:
    hent: Henter
    som: str
    filter: Test | None
    krav: Sjekk
    tekst_oppfylt: Mal | None
    tekst_mangler: Mal


@dataclass(frozen=True)
class KompilertKriterium:
    """A criterion ready to judge cases; built by ``kompiler_kriterium``."""

    kilde: m.Kriterium
    gjelder_vilkar: Test | None
    krever: tuple[tuple[str, Henter], ...]
    for_hvert: _ForHvert | None
    oppfylt: Sjekk | None
    delvis: Sjekk | None
    tekster: dict[str, Mal]
    delte: dict[tuple[str, str], Resultat] = field(default_factory=dict, compare=False, repr=False)
    """Verdicts already given, by status and reason: the same reason gives the same object
    (verdicts repeat across cases, and a run keeps them all)."""

    DELTE_GRENSE = 2_000
    """Verdicts remembered; past it the memory starts over (bounded)."""

    @property
    def id(self) -> str:
        return self.kilde.id

    def vurder(self, sak: Sak) -> Resultat:
        """The verdict on one case, with its reason."""
        kontekst: Kontekst = {"": sak}
        if (grunn := self._ikke_aktuelt(sak, kontekst)) is not None:
            return self._resultat("ikke_aktuelt", grunn)
        if self.krever and (
            mangler := [sti for sti, hent in self.krever if hent(kontekst) in (None, [], "")]
        ):
            standard = f"Kan ikke vurderes: saken mangler {', '.join(mangler)}."
            return self._resultat(
                "ikke_vurdert", self._tekst("ikke_vurdert", kontekst, {}, standard)
            )
        if self.for_hvert is not None:
            return self._vurder_for_hvert(self.for_hvert, kontekst)
        assert self.oppfylt is not None
        ok, bevis = self.oppfylt(kontekst)
        if ok:
            return self._med_tekst("oppfylt", kontekst, {"bevis": _samle(bevis)})
        if self.delvis is not None:
            ok, bevis = self.delvis(kontekst)
            if ok:
                return self._med_tekst("delvis_oppfylt", kontekst, {"bevis": _samle(bevis)})
        return self._med_tekst("ikke_oppfylt", kontekst, {"bevis": _samle(bevis)})

    def _ikke_aktuelt(self, sak: Sak, kontekst: Kontekst) -> str | None:
        gjelder = self.kilde.gjelder
        if gjelder.tjeneste is not None and sak.tjeneste not in gjelder.tjeneste:
            return _annen_tjeneste(tuple(gjelder.tjeneste), sak.tjeneste)
        if gjelder.har_barn is True and not sak.husstand.barn:
            return "Husstanden har ingen barn."
        if gjelder.har_barn is False and sak.husstand.barn:
            return "Gjelder bare husstander uten barn."
        if gjelder.har_vedtak is True and sak.vedtak is None:
            return "Saken har ikke vedtak."
        if gjelder.har_vedtak is False and sak.vedtak is not None:
            return "Gjelder bare saker uten vedtak."
        if gjelder.i_kraft_fra or gjelder.i_kraft_til:
            dato = sak.vedtak.dato if sak.vedtak else sak.soknad.mottatt
            hva = "Vedtaket" if sak.vedtak else "Søknaden"
            if gjelder.i_kraft_fra and dato < gjelder.i_kraft_fra:
                return f"{hva} er datert {formater(dato)}, før kravet gjaldt fra {formater(gjelder.i_kraft_fra)}."
            if gjelder.i_kraft_til and dato > gjelder.i_kraft_til:
                return f"{hva} er datert {formater(dato)}, etter at kravet gjaldt til {formater(gjelder.i_kraft_til)}."
        if self.gjelder_vilkar is not None and not self.gjelder_vilkar(kontekst):
            return self._tekst(
                "ikke_aktuelt", kontekst, {}, "Vilkåret for kriteriet er ikke oppfylt."
            )
        return None

    def _vurder_for_hvert(self, fh: _ForHvert, kontekst: Kontekst) -> Resultat:
        oppfylte: list[str] = []
        mangler: list[str] = []
        k2 = dict(kontekst)  # one context for the walk, rebound for each element
        for element in fh.hent(kontekst) or ():
            k2[fh.som] = element
            if fh.filter is not None and not fh.filter(k2):
                continue
            ok, bevis = fh.krav(k2)
            if ok:
                mal = fh.tekst_oppfylt
                oppfylte.append(mal.fyll(k2, {"bevis": _samle(bevis)}) if mal else "")
            else:
                mangler.append(fh.tekst_mangler.fyll(k2, {"bevis": _samle(bevis)}))
        antall = len(oppfylte) + len(mangler)
        if antall == 0:
            standard = f"Ingen elementer i {self.kilde.vurdering.for_hvert.liste} å vurdere."  # type: ignore[union-attr]
            return self._resultat(
                "ikke_aktuelt", self._tekst("ikke_aktuelt", kontekst, {}, standard)
            )
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
        return self._med_tekst(status, kontekst, navngitte)

    def _med_tekst(
        self, status: m.Status, kontekst: Kontekst, navngitte: dict[str, str]
    ) -> Resultat:
        return self._resultat(status, self._tekst(status, kontekst, navngitte, ""))

    def _tekst(
        self, status: str, kontekst: Kontekst, navngitte: dict[str, str], standard: str
    ) -> str:
        mal = self.tekster.get(status)
        return mal.fyll(kontekst, navngitte) if mal else standard

    def _resultat(self, status: m.Status, begrunnelse: str) -> Resultat:
        nokkel = (status, begrunnelse)
        resultat = self.delte.get(nokkel)
        if resultat is None:
            if len(self.delte) >= self.DELTE_GRENSE:
                self.delte.clear()
            resultat = self.delte[nokkel] = Resultat(self.kilde.id, status, begrunnelse)
        return resultat


def kompiler_kriterium(kriterium: m.Kriterium, negasjonsord: Sequence[str]) -> KompilertKriterium:
    """Check and compile one criterion; raise Kompileringsfeil at the first problem."""
    v = kriterium.vurdering
    delvis_mulig = v.for_hvert is not None or v.delvis_oppfylt is not None
    if delvis_mulig and kriterium.begrunnelse.delvis_oppfylt is None:
        raise Kompileringsfeil(
            ("begrunnelse",),
            "kriteriet kan gi delvis_oppfylt; oppgi begrunnelse.delvis_oppfylt",
        )
    rot = Omfang.rot()
    gjelder = kriterium.gjelder
    vilkar = (
        kompiler_test(gjelder.vilkar, rot, ("gjelder", "vilkar"), negasjonsord)
        if gjelder.vilkar
        else None
    )
    krever: list[tuple[str, Henter]] = []
    for i, sti in enumerate(kriterium.krever):
        try:
            krever.append((sti, rot.henter(sti)))
        except StiFeil as feil:
            raise Kompileringsfeil(("krever", i), str(feil)) from None

    for_hvert: _ForHvert | None = None
    elementnavn: tuple[str, ...] = ()
    if v.for_hvert is not None:
        sted: Sted = ("vurdering", "for_hvert")
        hent, indre = _liste(rot, v.for_hvert, sted)
        assert v.krav is not None and v.tekst_mangler is not None
        for_hvert = _ForHvert(
            hent=hent,
            som=v.for_hvert.som,
            filter=kompiler_test(v.for_hvert.hvor, indre, (*sted, "hvor"), negasjonsord)
            if v.for_hvert.hvor
            else None,
            krav=kompiler(v.krav, indre, ("vurdering", "krav"), negasjonsord),
            tekst_oppfylt=_mal(v.tekst_oppfylt, indre, ("vurdering", "tekst_oppfylt"), NAVNGITT_SAK)
            if v.tekst_oppfylt
            else None,
            tekst_mangler=_mal(
                v.tekst_mangler, indre, ("vurdering", "tekst_mangler"), NAVNGITT_SAK
            ),
        )
        elementnavn = NAVNGITT_FOR_HVERT
    oppfylt = (
        kompiler(v.oppfylt, rot, ("vurdering", "oppfylt"), negasjonsord) if v.oppfylt else None
    )
    delvis = (
        kompiler(v.delvis_oppfylt, rot, ("vurdering", "delvis_oppfylt"), negasjonsord)
        if v.delvis_oppfylt
        else None
    )
    tekster: dict[str, Mal] = {}
    for status, tekst in kriterium.begrunnelse.model_dump().items():
        if tekst is None:
            continue
        navngitte = (
            () if status in ("ikke_aktuelt", "ikke_vurdert") else elementnavn or NAVNGITT_SAK
        )
        tekster[status] = _mal(tekst, rot, ("begrunnelse", status), navngitte)
    return KompilertKriterium(
        kilde=kriterium,
        gjelder_vilkar=vilkar,
        krever=tuple(krever),
        for_hvert=for_hvert,
        oppfylt=oppfylt,
        delvis=delvis,
        tekster=tekster,
    )


Vurderer = Callable[[Sak], Resultat]
