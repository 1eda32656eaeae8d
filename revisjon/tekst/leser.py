"""A reading compiled from its data, which reads each text once.

``Leser.lag`` compiles one reading (phrase lists, negation, kinds of sentence to leave out,
scopes); equal data give the same object, so criteria that read the same field with the same
reading (K2 and K4) share one analysis of a case's text. ``les`` remembers its recent answers.

A text that holds none of the child words' stems (the keys, forms and affixes of the last word of
each phrase of the ``barn`` list, in lower case) is answered at once: by definition a phrase of
that list names a child only when its last word holds one of them (a form such as "døtrene", which holds no stem of «datter», must be listed itself),
so such a text has no sentence about the children, and no tokens or lemmas are needed for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from revisjon.tekst.arter import Setningsart
from revisjon.tekst.fraser import Frasesett
from revisjon.tekst.ledd import Negasjonsregler
from revisjon.tekst.lesing import INGEN, Lesning, vurder
from revisjon.tekst.segmentering import del_opp
from revisjon.tekst.setningsanalyse import Ordlister, Setningsfunn, Setningsminne, analyser

Lister = Mapping[str, Sequence[str]]
"""Phrase lists by name, as in a criteria file."""


@dataclass(frozen=True)
class Artdata:
    """One kind of sentence to leave out, as data (see ``arter.Setningsart``)."""

    navn: str
    start: tuple[str, ...] = ()
    overalt: tuple[str, ...] = ()
    sammen: tuple[tuple[str, ...], ...] = ()
    ikke_hvis: tuple[str, ...] = ()
    omfang: str = "setning"

    def kompiler(self) -> Setningsart:
        return Setningsart(
            self.navn,
            Frasesett.av(self.start),
            Frasesett.av(self.overalt),
            tuple(Frasesett.av(g) for g in self.sammen),
            Frasesett.av(self.ikke_hvis),
            self.omfang,
        )


def _stammer(barn: Frasesett) -> tuple[str, ...]:
    """The stems of the ``barn`` list, phrase by phrase in the list's order (each phrase's own
    sorted): the first phrase is the common word ("barn|born")."""
    stammer: dict[str, None] = {}
    for f in barn.fraser:
        ledd = f.ledd[-1]
        egne = ledd.nokler | ledd.former | {*ledd.start, *ledd.slutt, *ledd.inni}
        stammer.update(dict.fromkeys(sorted(egne)))
    return tuple(stammer)


@dataclass(frozen=True, eq=False)
class Leser:
    """One compiled reading (see ``lesing`` for what it answers)."""

    lister: Ordlister
    omfang: tuple[str, ...]
    stammer: tuple[str, ...]
    forfilter: bool
    """Whether a text without a stem may be passed over: every mention phrase names a child
    (``{barn}``); a phrase that does not could match a text without one."""
    _minne: dict[str, Lesning] = field(default_factory=dict, repr=False)
    _kjerne: tuple[str, ...] = field(init=False, repr=False)
    """The stems that hold no other stem ("barn", not also "fosterbarn"): a text holds a stem
    exactly when it holds one of these. 21 substring tests of a 365-character letter take
    about 2 µs; the 41 stems as one alternation in ``re`` took 10 µs (``re`` tries every
    alternative at every position)."""
    _setninger: Setningsminne = field(default_factory=dict, repr=False)
    _lesninger: dict[tuple[Setningsfunn, ...], Lesning] = field(default_factory=dict, repr=False)
    """The reading of a letter by its sentences' findings (``vurder`` depends on nothing else)."""

    MINNE = 256
    """Answers remembered (a run judges a case's criteria one after another)."""
    SETNINGSMINNE = 20_000
    """Sentences remembered (letters repeat their standard wording)."""
    LESNINGSMINNE = 20_000
    """Readings remembered by the findings of a letter's sentences."""

    @classmethod
    def lag(
        cls,
        *,
        lister: Lister,
        negasjon: Lister,
        arter: Sequence[Artdata],
        omfang: Sequence[str],
    ) -> Leser:
        """The reading for this data (the same object for equal data): phrase lists by the
        names of ``setningsanalyse.Ordlister``, negation lists by the names of
        ``ledd.Negasjonsregler``, the kinds of sentence to leave out, and the scopes."""
        return _lag(_frys(lister), _frys(negasjon), tuple(arter), tuple(omfang))

    def __post_init__(self) -> None:
        object.__setattr__(self, "_kjerne", kjernestammer(self.stammer))

    def __repr__(self) -> str:
        antall = sum(len(f.fraser) for f in (self.lister.omtale, self.lister.vekting))
        return f"Leser(omtale og vekting: {antall} fraser, omfang: {', '.join(self.omfang)})"

    def les(self, tekst: str) -> Lesning:
        """The reading of ``tekst`` (an empty text reads as nothing)."""
        minne = self._minne
        svar = minne.get(tekst)
        if svar is None:
            svar = self._les(tekst)
            if len(minne) >= self.MINNE:
                minne.clear()
            minne[tekst] = svar
        return svar

    def _les(self, tekst: str) -> Lesning:
        kjerne = self._kjerne
        # Most letters that name a child hold the first stem ("barn", "Barn"): two tests of the
        # text as it is, and lower() (1.4 µs for 365 characters) and the other stems only for
        # the rest (1.0 against 3.9 µs a case for every stem on the text and then on its lower
        # case, on the benchmark's cases, where one letter in five names no child).
        if self.forfilter and not _nevner_stamme(tekst, kjerne):
            return INGEN
        if len(self._setninger) >= self.SETNINGSMINNE:
            self._setninger.clear()
        funn = tuple(analyser(self.lister, del_opp(tekst), self._kjerne, self._setninger))
        # Letters that differ in their wording often hold the same findings in the same order
        # (the sentences that count are standard wording): their level is worked out once.
        svar = self._lesninger.get(funn)
        if svar is None:
            if len(self._lesninger) >= self.LESNINGSMINNE:
                self._lesninger.clear()
            svar = self._lesninger[funn] = vurder(funn, self.omfang)
        return svar


def kjernestammer(stammer: Sequence[str]) -> tuple[str, ...]:
    """``stammer`` without those that hold another one, in their order (a text holds one of
    ``stammer`` exactly when it holds one of these; the order only decides how soon a test
    stops)."""
    return tuple(dict.fromkeys(s for s in stammer if not any(t != s and t in s for t in stammer)))


def _nevner_stamme(tekst: str, kjerne: Sequence[str]) -> bool:
    """Whether ``tekst`` in lower case holds one of the stems ``kjerne``."""
    if kjerne and (kjerne[0] in tekst or kjerne[0].capitalize() in tekst):
        return True
    lav = tekst.lower()
    return any(stamme in lav for stamme in kjerne)


Frosset = tuple[tuple[str, tuple[str, ...]], ...]


def _frys(lister: Lister) -> Frosset:
    return tuple(sorted((k, tuple(v)) for k, v in lister.items()))


@lru_cache(maxsize=64)
def _lag(
    lister: Frosset,
    negasjon: Frosset,
    arter: tuple[Artdata, ...],
    omfang: tuple[str, ...],
) -> Leser:
    liste = dict(lister)
    neg = dict(negasjon)

    def sett(kilde: dict[str, tuple[str, ...]], navn: str) -> Frasesett:
        return Frasesett.av(kilde.get(navn, ()))

    regler = Negasjonsregler(
        *(
            sett(neg, navn)
            for navn in ("ord", "hoyre", "ikke_nektende", "inn_i_at", "leddskille", "etter_komma")
        )
    )
    ordlister = Ordlister(
        barn=sett(liste, "barn"),
        pronomen=sett(liste, "pronomen"),
        omtale=sett(liste, "omtale"),
        vekting=sett(liste, "vekting"),
        vekting_utfall=sett(liste, "vekting_utfall"),
        tilbakevisning=sett(liste, "tilbakevisning"),
        tilbakevisning_start=sett(liste, "tilbakevisning_start"),
        innhold=sett(liste, "innhold"),
        fakta=sett(liste, "fakta"),
        vedtaksformel=sett(liste, "vedtaksformel"),
        arter=tuple(a.kompiler() for a in arter),
        negasjon=regler,
    )
    forfilter = all(f.bruker_barn for f in ordlister.omtale.fraser)
    return Leser(ordlister, omfang, _stammer(ordlister.barn), forfilter)
