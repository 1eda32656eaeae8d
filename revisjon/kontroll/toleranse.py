"""Tolerable deviation: per criterion, a one-sided upper limit for the share of deviations and a
plain verdict on whether the sample supports that practice is within tolerance.

A deviation (avvik) is a case where the criterion is ``delvis_oppfylt`` or ``ikke_oppfylt``; the
share is taken over the cases where it was assessed (as the share met). The upper limit is
one-sided at the run's confidence level:

* hypergeometric when the population size N is known from a complete simple random sample and
  the criterion was assessed in every drawn case: the largest number K of deviations in the
  population not rejected (P(X <= x | N, K, n) > 1 − C), as the share K/N;
* otherwise Clopper-Pearson (exact binomial), e.g. 0 of 10 at 95 % → 25.89 %.

The verdict is decided exactly: «innenfor» when the tolerable rate T is rejected, i.e.
P(X <= x | n, T) <= 1 − C (binomial) or K < ⌈T·N⌉ (hypergeometric); «over» when the share of
deviations in the sample is already above T; otherwise «ikke_vist».
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from revisjon import norsk
from revisjon.kontroll.andel import som_brok, tak
from revisjon.kontroll.sannsynlighet import binomisk_hale_hoyst, hypergeometrisk_ovre
from revisjon.rapport.statistikk import ensidig_ovre

Vurdering = Literal["innenfor", "over", "ikke_vist", "ikke_vurdert"]
Metode = Literal["clopper-pearson", "hypergeometrisk"]


def andel_tekst(andel: Fraction) -> str:
    """A share the user chose, with one decimal or the more it needs: 1/20 → ``5,0 %``, 1/40 →
    ``2,5 %``, 1/80 → ``1,25 %`` (a chosen limit is never rounded)."""
    tekst = norsk.konfidens(float(andel))
    return tekst if "," in tekst else tekst.replace(norsk.PROSENTTEGN, ",0" + norsk.PROSENTTEGN)


@dataclass(frozen=True)
class Avviksgrense:
    """One criterion measured against the tolerable deviation rate."""

    kriterium: str
    tittel: str
    grense: Fraction
    konfidens: float
    avvik: int
    vurdert: int
    ovre: float | None
    metode: Metode
    populasjon: int | None
    vurdering: Vurdering

    @property
    def avviksandel(self) -> float | None:
        return self.avvik / self.vurdert if self.vurdert else None

    @property
    def grense_tekst(self) -> str:
        return andel_tekst(self.grense)

    @property
    def ovre_tekst(self) -> str:
        """One decimal, rounded up (25,89 % → 25,9 %), so the limit shown is still a limit."""
        return norsk.ovre_grense(self.ovre) if self.ovre is not None else "–"

    @property
    def metode_tekst(self) -> str:
        return "hypergeometrisk" if self.metode == "hypergeometrisk" else "Clopper-Pearson"

    @property
    def tekst(self) -> str:
        """The verdict in plain words, as the report writes it (counts as ``1 500``)."""
        return self.setning(norsk.heltall)

    def setning(self, tall: Callable[[int], str]) -> str:
        """The verdict in plain words, with counts written by ``tall``: the result JSON keeps
        the digits as they were (``str``), so its ``tekst`` does not change with the report."""
        t = self.grense_tekst
        if self.vurdering == "ikke_vurdert":
            return "Ikke vurdert: kriteriet er ikke vurdert i noen sak."
        if self.vurdering == "innenfor" and self.ovre_tekst == t:
            # rounded up to one decimal, the limit reaches the tolerance it is below
            return (
                f"Innenfor: med {norsk.konfidens(self.konfidens)} sikkerhet er avviksandelen under "
                f"toleransegrensen på {t} (den øvre grensen er så vidt under)."
            )
        if self.vurdering == "innenfor":
            return (
                f"Innenfor: med {norsk.konfidens(self.konfidens)} sikkerhet er avviksandelen under "
                f"{self.ovre_tekst}, altså under toleransegrensen på {t}."
            )
        if self.vurdering == "over":
            return (
                f"Over: avviksandelen i utvalget ({norsk.prosent(self.avviksandel)}) er høyere "
                f"enn toleransegrensen på {t}."
            )
        saker = "sak" if self.vurdert == 1 else "saker"
        return (
            f"Ikke vist: med {tall(self.avvik)} avvik i {tall(self.vurdert)} {saker} kan "
            f"avviksandelen være opptil {self.ovre_tekst}; utvalget støtter ikke at den er under "
            f"toleransegrensen på {t}."
        )


def avviksgrense(
    *,
    kriterium: str,
    tittel: str,
    avvik: int,
    vurdert: int,
    grense: Fraction,
    konfidens: float,
    populasjon: int | None = None,
) -> Avviksgrense:
    """The upper limit and verdict for ``avvik`` deviations among ``vurdert`` assessed cases;
    hypergeometric when ``populasjon`` is given."""
    metode: Metode = "hypergeometrisk" if populasjon is not None else "clopper-pearson"
    if vurdert == 0:
        return Avviksgrense(
            kriterium, tittel, grense, konfidens, 0, 0, None, metode, populasjon, "ikke_vurdert"
        )
    alfa = 1 - som_brok(konfidens)
    if populasjon is not None:
        storst = hypergeometrisk_ovre(avvik, vurdert, populasjon, alfa)
        ovre = storst / populasjon
        innenfor = storst < tak(grense * populasjon)
    else:
        ovre = ensidig_ovre(avvik, vurdert, konfidens)
        innenfor = binomisk_hale_hoyst(avvik, vurdert, grense, alfa)
    vurdering: Vurdering = (
        "innenfor" if innenfor else "over" if Fraction(avvik, vurdert) > grense else "ikke_vist"
    )
    return Avviksgrense(
        kriterium, tittel, grense, konfidens, avvik, vurdert, ovre, metode, populasjon, vurdering
    )


@dataclass(frozen=True)
class Toleranse:
    """Every criterion's deviation limit, and how the report explains the method."""

    kriterier: list[Avviksgrense]
    konfidens: float
    forbehold: str | None = None
    """Why the limits may not hold for the population (None: a complete random sample)."""

    def for_kriterium(self, kriterium: str) -> Avviksgrense | None:
        return next((a for a in self.kriterier if a.kriterium == kriterium), None)

    @property
    def metodetekst(self) -> str:
        c = norsk.konfidens(self.konfidens)
        hyper = [a for a in self.kriterier if a.metode == "hypergeometrisk"]
        metode = "eksakt binomisk (Clopper-Pearson)"
        if hyper:
            n = norsk.heltall(hyper[0].populasjon or 0)
            metode += (
                f", eller hypergeometrisk med populasjonen på {n} saker fra utvalgsmanifestet "
                "for kriterier som er vurdert i alle de trukne sakene"
            )
        tekst = (
            "Et avvik er en sak der kriteriet er delvis oppfylt eller ikke oppfylt. Øvre grense "
            f"er en ensidig {c} øvre konfidensgrense for andelen avvik, beregnet {metode}. "
            "Ligger den øvre grensen under toleransegrensen, støtter utvalget at avviksandelen er "
            "innenfor toleransen."
        )
        return f"{tekst} {self.forbehold}" if self.forbehold else tekst
