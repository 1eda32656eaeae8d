"""Phrases of a criteria file, compiled once, and found in the words of a sentence.

A phrase is words separated by spaces. Each word matches a word of the text that shares one of
its keys (``ord.nokler``: lower case and lemmas), so "hensynet til barna" also finds "hensyn til
barnet" and "omsynet til borna" when the nynorsk word is listed too. Inside a word:

- ``a|b`` – either word;
- ``skole*``, ``*skole``, ``*skole*`` – a word that starts with, ends with or holds «skole»
  (compounds: "skolearbeid", "ungdomsskole");
- ``=ikkje`` – exactly this form (no lemma: "manglar" is also a form of the noun "mangel");
- ``#`` – a number ("11 år" is ``# år``);
- ``{barn}`` – a word that names a child (the reading's own list; see ``lesing``).

``…`` (or ``...``) between two words allows up to ``MELLOMROM`` other words between them
("veid … opp mot" finds "veid barnas behov opp mot").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from revisjon.tekst.ord import er_tall, grunnform, nokler

MELLOMROM = 4
"""Words allowed in a gap ``…``."""
BARN = "{barn}"


@dataclass(frozen=True, slots=True)
class Ordledd:
    """One word of a phrase: its keys, and the affixes and classes it also accepts."""

    nokler: frozenset[str]
    former: frozenset[str] = frozenset()
    start: tuple[str, ...] = ()
    slutt: tuple[str, ...] = ()
    inni: tuple[str, ...] = ()
    tall: bool = False
    barn: bool = False
    skrevet: frozenset[str] = frozenset()
    """The forms written in the criteria file (evidence shows one of them when it matched)."""
    minne: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    """The answer of ``_passer`` per word: a run meets the same words again and again."""

    def passer(self, ord_: str, nokkel: frozenset[str], er_barn: bool) -> bool:
        if self.barn and er_barn:
            return True
        svar = self.minne.get(ord_)
        if svar is None:
            if len(self.minne) >= 50_000:
                self.minne.clear()
            svar = self.minne[ord_] = self._passer(ord_, nokkel)
        return svar

    def _passer(self, ord_: str, nokkel: frozenset[str]) -> bool:
        """Whether the word matches by its form, keys or affixes (a word's keys depend only
        on the word, so the answer can be remembered by the word)."""
        if ord_ in self.former:
            return True
        if self.tall and er_tall(ord_):
            return True
        if self.start and ord_.startswith(self.start):
            return True
        if self.slutt and ord_.endswith(self.slutt):
            return True
        if self.inni and any(del_ in ord_ for del_ in self.inni):
            return True
        return not self.nokler.isdisjoint(nokkel)

    @property
    def vilt(self) -> bool:
        """Whether the word matches by more than its keys (so an index by key cannot find it)."""
        return bool(self.former or self.start or self.slutt or self.inni or self.tall or self.barn)


def _ordledd(ord_: str) -> Ordledd:
    keys: set[str] = set()
    former: set[str] = set()
    start: list[str] = []
    slutt: list[str] = []
    inni: list[str] = []
    tall = barn = False
    for alt in ord_.lower().split("|"):
        if alt.startswith("=") and len(alt) > 1:
            former.add(alt[1:])
        elif alt == "#":
            tall = True
        elif alt == BARN:
            barn = True
        elif "{" in alt or "}" in alt:
            raise ValueError(f"ukjent plassholder «{alt}»; bare «{BARN}» finnes")
        elif alt.startswith("*") and alt.endswith("*") and len(alt) > 2:
            inni.append(alt[1:-1])
        elif alt.endswith("*"):
            start.append(alt[:-1])
        elif alt.startswith("*"):
            slutt.append(alt[1:])
        elif alt:
            keys |= nokler(alt)
    skrevet = frozenset(a.lstrip("=") for a in ord_.lower().split("|") if "*" not in a)
    return Ordledd(
        frozenset(keys),
        frozenset(former),
        tuple(start),
        tuple(slutt),
        tuple(inni),
        tall,
        barn,
        skrevet,
    )


@dataclass(frozen=True, slots=True)
class Ord:
    """The words of a sentence (or a part of one) with their keys, computed once."""

    ord: tuple[str, ...]
    nokler: tuple[frozenset[str], ...]

    @classmethod
    def av(cls, ord_: Sequence[str]) -> Ord:
        ord_ = tuple(ord_)
        return cls(ord_, tuple(nokler(o) for o in ord_))

    def __len__(self) -> int:
        return len(self.ord)


@dataclass(frozen=True, slots=True, eq=False)
class Frase:
    """A compiled phrase: its words, and after which of them a gap ``…`` is allowed."""

    tekst: str
    navn: str
    """How evidence names the phrase: the first choice of each word ("veie … opp mot" for
    "veie|veid … opp|imot mot")."""
    ledd: tuple[Ordledd, ...]
    luke: tuple[bool, ...]
    """``luke[i]``: up to ``MELLOMROM`` words may stand between word ``i`` and ``i + 1``."""

    @property
    def bruker_barn(self) -> bool:
        return any(ledd.barn for ledd in self.ledd)

    def finn(self, tekst: Ord, er_barn: Callable[[int], bool]) -> list[tuple[int, int]]:
        """Every (start, end) of the phrase in the words (end exclusive), in order of start."""
        treff: list[tuple[int, int]] = []
        forste = self.ledd[0]
        for i, o in enumerate(tekst.ord):
            if forste.passer(o, tekst.nokler[i], er_barn(i)):
                slutt = self.slutt_ved(tekst, i, er_barn)
                if slutt is not None:
                    treff.append((i, slutt))
        return treff

    def slutt_ved(self, tekst: Ord, i: int, er_barn: Callable[[int], bool]) -> int | None:
        """Where the phrase ends when its first word stands at ``i`` (and has matched)."""
        return self._resten(tekst, i + 1, 1, er_barn)

    def plasser(self, tekst: Ord, i: int, er_barn: Callable[[int], bool]) -> list[int]:
        """The word of the text each word of the phrase matched, when it starts at ``i``."""
        plasser = [i]
        self._resten(tekst, i + 1, 1, er_barn, plasser)
        return plasser

    def vis(self, tekst: Ord, i: int, er_barn: Callable[[int], bool]) -> str:
        """How evidence names the phrase found at ``i``: the lemma of each word it matched,
        «…» where words stood between («veie … opp mot»), never the sentence around it."""
        plasser = self.plasser(tekst, i, er_barn)
        deler: list[str] = []
        for nr, plass in enumerate(plasser):
            if nr and plass > plasser[nr - 1] + 1:
                deler.append("…")
            o = tekst.ord[plass]
            deler.append(o if o in self.ledd[nr].skrevet else grunnform(o))
        return " ".join(deler)

    def _resten(
        self,
        tekst: Ord,
        pos: int,
        nr: int,
        er_barn: Callable[[int], bool],
        plasser: list[int] | None = None,
    ) -> int | None:
        if nr == len(self.ledd):
            return pos
        ledd = self.ledd[nr]
        lengst = MELLOMROM if self.luke[nr - 1] else 0
        for hopp in range(lengst + 1):
            j = pos + hopp
            if j >= len(tekst.ord):
                return None
            if ledd.passer(tekst.ord[j], tekst.nokler[j], er_barn(j)):
                slutt = self._resten(tekst, j + 1, nr + 1, er_barn, plasser)
                if slutt is not None:
                    if plasser is not None:
                        plasser.insert(1, j)
                    return slutt
            if tekst.ord[j] in ".!?;":
                return None  # a gap never crosses the end of a sentence
        return None


def kompiler(tekst: str) -> Frase:
    """A phrase of a criteria file, compiled; ValueError when it has no word."""
    ledd: list[Ordledd] = []
    luke: list[bool] = []
    navn: list[str] = []
    for del_ in tekst.replace("...", " … ").split():
        if del_ == "…":
            if ledd:
                luke[-1] = True
                navn.append("…")
            continue
        ledd.append(_ordledd(del_))
        luke.append(False)
        navn.append(del_.split("|")[0].lstrip("=").strip("*"))
    if not ledd:
        raise ValueError(f"frasen «{tekst}» har ingen ord")
    while navn and navn[-1] == "…":
        navn.pop()
    return Frase(tekst, " ".join(navn), tuple(ledd), tuple(luke))


@dataclass(frozen=True)
class Frasesett:
    """Phrases found together. Which phrases can start at a word depends only on the word
    (its form and keys), except for a first word ``{barn}``: so the candidates are looked up
    once per distinct word (by the keys of each phrase's first word, and by trying the phrases
    whose first word has affixes), remembered, and only the phrases that can start at a word
    are tried there."""

    fraser: tuple[Frase, ...]
    indeks: dict[str, tuple[Frase, ...]]
    ville: tuple[Frase, ...]
    barnefraser: tuple[Frase, ...]
    minne: dict[str, tuple[Frase, ...]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def av(cls, fraser: Sequence[str]) -> Frasesett:
        kompilert = tuple(kompiler(f) for f in fraser)
        indeks: dict[str, list[Frase]] = {}
        for f in kompilert:
            for nokkel in f.ledd[0].nokler:
                indeks.setdefault(nokkel, []).append(f)
        ville = tuple(f for f in kompilert if f.ledd[0].vilt)
        barn = tuple(f for f in kompilert if f.ledd[0].barn)
        return cls(kompilert, {k: tuple(v) for k, v in indeks.items()}, ville, barn)

    @property
    def krever_barn(self) -> bool:
        """Whether every phrase has a ``{barn}`` word (none can match a sentence without one)."""
        return bool(self.fraser) and all(f.bruker_barn for f in self.fraser)

    def _kandidater(self, ord_: str, nokkel: frozenset[str]) -> tuple[Frase, ...]:
        funnet: dict[Frase, None] = {}
        for k in nokkel:
            for f in self.indeks.get(k, ()):
                funnet[f] = None
        for f in self.ville:
            if f not in funnet and f.ledd[0].passer(ord_, nokkel, False):
                funnet[f] = None
        # in the order of the criteria file, so evidence lists phrases the same way each time
        return tuple(f for f in self.fraser if f in funnet)

    def finn(self, tekst: Ord, er_barn: Callable[[int], bool]) -> list[tuple[Frase, int, int]]:
        """Every (phrase, start, end) found, in order of start; one match per phrase and start."""
        treff: list[tuple[Frase, int, int]] = []
        minne, barnefraser = self.minne, self.barnefraser
        for i, o in enumerate(tekst.ord):
            kandidater = minne.get(o)
            if kandidater is None:
                if len(minne) >= 50_000:
                    minne.clear()
                kandidater = minne[o] = self._kandidater(o, tekst.nokler[i])
            if barnefraser and er_barn(i):
                kandidater += tuple(f for f in barnefraser if f not in kandidater)
            for f in kandidater:
                slutt = f.slutt_ved(tekst, i, er_barn)
                if slutt is not None:
                    treff.append((f, i, slutt))
        return treff

    def __bool__(self) -> bool:
        return bool(self.fraser)


def ingen_barn(_: int) -> bool:
    return False
