"""A criterion compiled once: applicability, required data, the assessment and its texts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from revisjon.kriteriesprak import modell as m
from revisjon.kriteriesprak.kodegen import Kodefeil
from revisjon.kriteriesprak.kodegen_kriterium import (
    GRUNN_BARN,
    GRUNN_VEDTAK,
    NAVNGITT_FOR_HVERT,
    NAVNGITT_SAK,
    TOMME,
    VILKAR_IKKE_OPPFYLT,
    Vurderer,
    annen_tjeneste,
    lag_vurderer,
    mangler_tekst,
    samle,
    utenfor_tidsrom,
)
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
from revisjon.kriteriesprak.lesingsbevis import med_setninger
from revisjon.kriteriesprak.maler import Mal
from revisjon.kriteriesprak.stier import Henter, Kontekst, Omfang, StiFeil
from revisjon.kriteriesprak.tekstlesing import Sprak
from revisjon.resultat import Resultat, nytt_resultat
from revisjon.sak import Sak


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
    """A criterion ready to judge cases; built by ``kompiler_kriterium``.

    ``vurder`` is one generated function (``kodegen_kriterium``); ``vurder_referanse`` judges
    the same case with the compiled closures, more slowly: it is the meaning the generated code
    must keep, and judges a criterion the generator cannot write.
    """

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

    negasjonsord: tuple[str, ...] = ()
    tekstlesing: m.Tekstlesing = field(default_factory=m.Tekstlesing)
    """The set's readings of free text (``lesing`` in a ``tekst`` condition)."""
    vurder: Vurderer = field(init=False, compare=False, repr=False)
    """The verdict on one case, with its reason."""

    DELTE_GRENSE = 2_000
    """Verdicts remembered; past it the memory starts over (bounded)."""

    def __post_init__(self) -> None:
        try:
            vurder = lag_vurderer(self, self.negasjonsord)
        except (Kodefeil, StiFeil, RecursionError, MemoryError):
            # A criterion the generator cannot write (nested beyond what Python compiles) is
            # judged by the closures: slower, with the same verdicts.
            vurder = self.vurder_referanse
        object.__setattr__(self, "vurder", med_setninger(self.kilde, self.tekstlesing, vurder))

    @property
    def id(self) -> str:
        return self.kilde.id

    def vurder_referanse(self, sak: Sak) -> Resultat:
        """The verdict on one case, by the compiled closures."""
        kontekst: Kontekst = {"": sak}
        if (grunn := self._ikke_aktuelt(sak, kontekst)) is not None:
            return self._resultat("ikke_aktuelt", grunn)
        if self.krever and (
            mangler := [sti for sti, hent in self.krever if hent(kontekst) in TOMME]
        ):
            standard = mangler_tekst(mangler)
            return self._resultat(
                "ikke_vurdert", self._tekst("ikke_vurdert", kontekst, {}, standard)
            )
        if self.for_hvert is not None:
            return self._vurder_for_hvert(self.for_hvert, kontekst)
        assert self.oppfylt is not None
        ok, bevis = self.oppfylt(kontekst)
        if ok:
            return self._med_tekst("oppfylt", kontekst, {"bevis": samle(bevis)})
        if self.delvis is not None:
            ok, bevis = self.delvis(kontekst)
            if ok:
                return self._med_tekst("delvis_oppfylt", kontekst, {"bevis": samle(bevis)})
        return self._med_tekst("ikke_oppfylt", kontekst, {"bevis": samle(bevis)})

    def _ikke_aktuelt(self, sak: Sak, kontekst: Kontekst) -> str | None:
        gjelder = self.kilde.gjelder
        if gjelder.tjeneste is not None and sak.tjeneste not in gjelder.tjeneste:
            return annen_tjeneste(tuple(gjelder.tjeneste), sak.tjeneste)
        if gjelder.har_barn is not None and bool(sak.husstand.barn) != gjelder.har_barn:
            return GRUNN_BARN[gjelder.har_barn]
        if gjelder.har_vedtak is not None and (sak.vedtak is not None) != gjelder.har_vedtak:
            return GRUNN_VEDTAK[gjelder.har_vedtak]
        if (gjelder.i_kraft_fra or gjelder.i_kraft_til) and (
            grunn := utenfor_tidsrom(gjelder, sak)
        ) is not None:
            return grunn
        if self.gjelder_vilkar is not None and not self.gjelder_vilkar(kontekst):
            return self._tekst("ikke_aktuelt", kontekst, {}, VILKAR_IKKE_OPPFYLT)
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
                oppfylte.append(mal.fyll(k2, {"bevis": samle(bevis)}) if mal else "")
            else:
                mangler.append(fh.tekst_mangler.fyll(k2, {"bevis": samle(bevis)}))
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
            resultat = self.delte[nokkel] = nytt_resultat(self.kilde.id, status, begrunnelse)
        return resultat


def kompiler_kriterium(
    kriterium: m.Kriterium,
    negasjonsord: Sequence[str],
    tekstlesing: m.Tekstlesing | None = None,
) -> KompilertKriterium:
    """Check and compile one criterion; raise Kompileringsfeil at the first problem."""
    tekstlesing = tekstlesing or m.Tekstlesing()
    sprak = Sprak(tuple(negasjonsord), tekstlesing)
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
        kompiler_test(gjelder.vilkar, rot, ("gjelder", "vilkar"), sprak) if gjelder.vilkar else None
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
            filter=kompiler_test(v.for_hvert.hvor, indre, (*sted, "hvor"), sprak)
            if v.for_hvert.hvor
            else None,
            krav=kompiler(v.krav, indre, ("vurdering", "krav"), sprak),
            tekst_oppfylt=_mal(v.tekst_oppfylt, indre, ("vurdering", "tekst_oppfylt"), NAVNGITT_SAK)
            if v.tekst_oppfylt
            else None,
            tekst_mangler=_mal(
                v.tekst_mangler, indre, ("vurdering", "tekst_mangler"), NAVNGITT_SAK
            ),
        )
        elementnavn = NAVNGITT_FOR_HVERT
    oppfylt = kompiler(v.oppfylt, rot, ("vurdering", "oppfylt"), sprak) if v.oppfylt else None
    delvis = (
        kompiler(v.delvis_oppfylt, rot, ("vurdering", "delvis_oppfylt"), sprak)
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
        negasjonsord=tuple(negasjonsord),
        tekstlesing=tekstlesing,
    )
