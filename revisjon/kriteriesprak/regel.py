"""A criterion compiled once: checked at load, then one generated function that judges a case.

``kompiler_kriterium`` runs every load-time check (``gyldighet``) and has ``kodegen_kriterium``
write the criterion as Python source; that function is the only thing that judges cases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from revisjon.kriteriesprak import modell as m
from revisjon.kriteriesprak.gyldighet import sjekk_kriterium
from revisjon.kriteriesprak.kodegen_kriterium import Vurderer, lag_vurderer
from revisjon.resultat import Resultat, nytt_resultat


@dataclass(frozen=True)
class KompilertKriterium:
    """A checked criterion ready to judge cases; built by ``kompiler_kriterium``.

    ``vurder`` is one generated function (``kodegen_kriterium``); ``kode`` is its source, for
    showing (``revisjon sjekk --vis-kode``).
    """

    kilde: m.Kriterium
    negasjonsord: tuple[str, ...] = ()
    delte: dict[tuple[str, str], Resultat] = field(default_factory=dict, compare=False, repr=False)
    """Verdicts already given, by status and reason: the same reason gives the same object
    (verdicts repeat across cases, and a run keeps them all)."""

    tekstlesing: m.Tekstlesing = field(default_factory=m.Tekstlesing)
    """The set's readings of free text (``lesing`` in a ``tekst`` condition)."""
    vurder: Vurderer = field(init=False, compare=False, repr=False)
    """The verdict on one case, with its reason."""
    kode: str = field(init=False, compare=False, repr=False)
    """The Python source of ``vurder``."""

    DELTE_GRENSE = 2_000
    """Verdicts remembered; past it the memory starts over (bounded)."""

    def __post_init__(self) -> None:
        vurder, kode = lag_vurderer(self, self.negasjonsord)
        object.__setattr__(self, "vurder", vurder)
        object.__setattr__(self, "kode", kode)

    @property
    def id(self) -> str:
        return self.kilde.id

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
    sjekk_kriterium(kriterium, tekstlesing)
    return KompilertKriterium(
        kilde=kriterium, negasjonsord=tuple(negasjonsord), tekstlesing=tekstlesing
    )
