"""What one sentence says about the children, before sentences are weighed against each other.

For each sentence of a text the reading finds: words that name a child (a noun from the
reading's list, or a pronoun such as "han" or "dei" when a child was named, by a noun or such a
pronoun, in this or one of the three sentences before), mentions of the children's interests ("barnets beste", "hensynet til
ham", "barnas situasjon"), weighing ("lagt vekt på", "veid … opp mot", "avgjørende"), whether
the sentence refers back to the one before ("Dette …", "Hensynet …", "… vekt på dette"), and
concrete content from the case ("11 år", "barnehage", "fotball"). Words in a left-out kind of
sentence (``arter``) or in a heading or a line of figures do not count, and a mention or an act
of weighing in a negated clause (``ledd``) does not count either; a negated outcome of weighing
("veier ikke tyngre enn") still shows that the weighing was done.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from revisjon.tekst.arter import Setningsart
from revisjon.tekst.fraser import Frasesett, Ord, ingen_barn
from revisjon.tekst.ledd import Negasjonsregler, les_ledd
from revisjon.tekst.ord import ord_i
from revisjon.tekst.segmentering import Setning

PRONOMENRADIUS = 3
"""A pronoun names a child when a child was named this many sentences before, or fewer."""
_INNLEDENDE = frozenset({"og", "men", "derfor", "også", "òg", "difor", ",", "«"})
"""Words that may stand before a word that refers back ("Og dette er avgjørende")."""


@dataclass(frozen=True, slots=True)
class Ordlister:
    """A reading's phrase lists, compiled (the data of one ``lesing`` in a criteria file)."""

    barn: Frasesett
    pronomen: Frasesett
    omtale: Frasesett
    vekting: Frasesett
    vekting_utfall: Frasesett
    tilbakevisning: Frasesett
    tilbakevisning_start: Frasesett
    innhold: Frasesett
    fakta: Frasesett
    vedtaksformel: Frasesett
    arter: tuple[Setningsart, ...]
    negasjon: Negasjonsregler


@dataclass(frozen=True, slots=True, eq=False)
class Setningsfunn:
    """What one sentence holds, for the reading (see the module docstring). Compared by
    identity: the findings of one sentence are one object (``Setningsminne``), so the findings
    of a letter can be looked up (``Leser``)."""

    barn: bool
    omtaler: tuple[str, ...]
    negerte_omtaler: tuple[str, ...]
    utelatt_omtale: str | None
    """The kind of left-out sentence that held a mention ("regel"), or None."""
    vekting: tuple[str, ...]
    tilbake: bool
    innhold: bool
    fakta: bool
    """Facts of the household ("to barn på 7 og 12 år", "bur hos deg"): concrete enough to
    back a weighing, not on their own a description of the children's situation."""
    usikker: bool
    """A mention counted although a negation in the clause before may be meant for it."""
    vedtak: bool
    """The sentence states the decision ("Søknaden … blir avslått"): naming a child there is
    not a description of the child's situation."""
    om_barna: bool = field(init=False)
    """The sentence is about the children (see ``lesing``): it names a child or mentions
    their interests, and holds no negated mention."""
    situasjon: bool = field(init=False)
    """The sentence describes the children's situation: it is about them, names a child and
    holds concrete content, and does not state the decision."""

    def __post_init__(self) -> None:
        # worked out once per sentence (``Setningsminne``), not once per letter that holds it
        om = bool(self.omtaler or self.barn) and not self.negerte_omtaler
        object.__setattr__(self, "om_barna", om)
        object.__setattr__(self, "situasjon", om and self.barn and self.innhold and not self.vedtak)


TOM = Setningsfunn(False, (), (), None, (), False, False, False, False, False)
"""The findings of a sentence that holds nothing the reading counts."""


Setningsminne = dict[tuple[str, str, bool], tuple[bool, Setningsfunn]]
"""Findings by (sentence, structural kind, whether a child was named just before): what a
sentence holds depends only on these, and letters repeat their sentences (standard wording)."""


def analyser(
    lister: Ordlister,
    setninger: Sequence[Setning],
    stammer: Sequence[str],
    minne: Setningsminne | None = None,
) -> list[Setningsfunn]:
    """The findings of every sentence, in order. A phrase of the ``barn`` list names a child
    (at its last word) when that word holds one of ``stammer`` (see ``leser``). ``minne``
    remembers findings across texts (bounded by the caller)."""
    minne = {} if minne is None else minne
    funn: list[Setningsfunn] = []
    sist_barn = -PRONOMENRADIUS - 1
    for nr, setning in enumerate(setninger):
        kontekst = nr - sist_barn <= PRONOMENRADIUS
        nokkel = (setning.tekst, setning.art, kontekst)
        kjent = minne.get(nokkel)
        if kjent is None:
            kjent = minne[nokkel] = _les(lister, setning, stammer, kontekst)
        har_substantiv, lest = kjent
        if (har_substantiv or lest.barn) and setning.art != "belop":
            # a line of figures ("Barn 6–10 år: kr 4 180") names no child a pronoun can refer to
            sist_barn = nr
        funn.append(lest)
    return funn


def _les(
    lister: Ordlister, setning: Setning, stammer: Sequence[str], kontekst: bool
) -> tuple[bool, Setningsfunn]:
    """Whether the sentence names a child by a noun, and its findings."""
    tekst = Ord.av(ord_i(setning.tekst))
    substantiv = {
        e - 1
        for _, _, e in lister.barn.finn(tekst, ingen_barn)
        if any(stamme in tekst.ord[e - 1] for stamme in stammer)
    }
    forste = min(substantiv) if substantiv else len(tekst)
    pronomen = (
        {s for _, s, _ in lister.pronomen.finn(tekst, ingen_barn) if kontekst or s > forste}
        if kontekst or substantiv
        else set()
    )
    return bool(substantiv), _les_setning(lister, setning, tekst, substantiv | pronomen)


def _les_setning(
    lister: Ordlister, setning: Setning, tekst: Ord, barnepos: set[int]
) -> Setningsfunn:
    if setning.art in ("overskrift", "belop"):
        return TOM
    er_barn = barnepos.__contains__
    ord_ = tekst.ord
    omtalefunn = (
        lister.omtale.finn(tekst, er_barn) if barnepos or not lister.omtale.krever_barn else []
    )
    vektingsfunn = lister.vekting.finn(tekst, er_barn)
    utfallsfunn = lister.vekting_utfall.finn(tekst, er_barn)
    if not (barnepos or omtalefunn or vektingsfunn or utfallsfunn):
        # No child, no mention and no weighing: nothing else in the sentence can count
        # (content and referring back matter only beside the children or a weighing).
        return TOM
    lesing = les_ledd(lister.negasjon, tekst)
    # the kind of left-out sentence each word is in, or None (the first kind found wins)
    utelatt_i: list[str | None] = [None] * len(ord_)
    for kandidat in lister.arter:
        if (dekker := kandidat.finn(tekst, lesing.ledd)) is not None:
            for i in dekker:
                utelatt_i[i] = utelatt_i[i] or kandidat.navn
    med = [a is None for a in utelatt_i]
    omtaler: list[str] = []
    negerte: list[str] = []
    utelatt: str | None = None
    usikker = False
    for f, s, _ in omtalefunn:
        if not med[s]:
            utelatt = utelatt_i[s]
        elif lesing.negert[s]:
            negerte.append(f.vis(tekst, s, er_barn))
        else:
            omtaler.append(f.vis(tekst, s, er_barn))
            usikker = usikker or lesing.usikker[s]
    vekting = [
        f.vis(tekst, s, er_barn) for f, s, _ in vektingsfunn if med[s] and not lesing.negert[s]
    ] + [f.vis(tekst, s, er_barn) for f, s, _ in utfallsfunn if med[s]]
    tilbake = _viser_tilbake(lister, tekst, med)
    innhold = any(med[s] for _, s, _ in lister.innhold.finn(tekst, er_barn))
    fakta = any(med[s] for _, s, _ in lister.fakta.finn(tekst, er_barn))
    return Setningsfunn(
        any(med[i] for i in barnepos),
        tuple(dict.fromkeys(omtaler)),
        tuple(dict.fromkeys(negerte)),
        utelatt,
        tuple(dict.fromkeys(vekting)),
        tilbake,
        innhold,
        fakta,
        usikker,
        bool(lister.vedtaksformel.finn(tekst, ingen_barn)),
    )


def _viser_tilbake(lister: Ordlister, tekst: Ord, med: Sequence[bool]) -> bool:
    """Whether the sentence refers back: a phrase of ``tilbakevisning`` anywhere, or one of
    ``tilbakevisning_start`` where it begins (before or after the words that may stand first:
    "Difor har vi …", "Og dette er …")."""
    ord_ = tekst.ord
    forste = 0
    while forste < len(ord_) and ord_[forste] in _INNLEDENDE:
        forste += 1
    if any(med[s] for _, s, _ in lister.tilbakevisning.finn(tekst, ingen_barn)):
        return True
    return any(
        s <= forste and med[s] for _, s, _ in lister.tilbakevisning_start.finn(tekst, ingen_barn)
    )
