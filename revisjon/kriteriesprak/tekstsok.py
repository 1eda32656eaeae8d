"""Finding phrases or regular expressions in free text (``tekst: {fraser: …}``), sentence by
sentence, with sentence-level negation.

Sentences are those of ``revisjon.tekst.segmentering`` (the one splitter; a reading with
``lesing`` reads the same sentences). A sentence is negated when it contains one of the set's
``negasjonsord`` as a whole word.

Speed: a case is judged in well under a millisecond, and Python's regular expressions try every
position of a text, which for a page of vedtak text costs tens of microseconds per pattern. So
texts, sentences and phrases that cannot match are passed over with a lower-case substring
test first (see ``Tekstsok``).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from revisjon.kriteriesprak.regex import kompiler_regex
from revisjon.tekst import setninger as tekst_setninger


def setninger(tekst: str) -> tuple[str, ...]:
    """The sentences of ``tekst``, as ``revisjon.tekst`` splits them (the one splitter)."""
    return tuple(tekst_setninger(tekst))


@lru_cache(maxsize=512)
def _lave_setninger(tekst: str) -> tuple[tuple[str, str], ...]:
    """The sentences of ``tekst`` with their lower case (several searches test the same)."""
    return tuple((setning, setning.lower()) for setning in setninger(tekst))


@lru_cache(maxsize=512)
def _lav(tekst: str) -> str:
    return tekst.lower()


def frase_monster(frase: str) -> re.Pattern[str]:
    """A whole-word, case-insensitive pattern for a phrase; any white space between words."""
    ord_ = [re.escape(o) for o in frase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(ord_) + r"(?!\w)", re.IGNORECASE)


def _ekstra_bokstavpar() -> dict[int, tuple[int, ...]] | None:
    """re's table of letters that re.IGNORECASE matches beyond lower case (ı for i, ſ for s …);
    None when this Python has no such table (then there is no pre-test)."""
    try:
        tabell = importlib.import_module("re._casefix")._EXTRA_CASES
    except (ImportError, AttributeError):  # pragma: no cover - another Python
        return None
    return tabell if isinstance(tabell, dict) else None


_EKSTRA = _ekstra_bokstavpar()

_FORBILDER = {
    "в": "В", "д": "Д", "о": "О", "с": "С", "т": "Т", "ъ": "Ъ", "ꙋ": "Ꙋ", "ṡ": "Ṡ", "ѣ": "Ѣ",
    "i": "Iİ", "s": "S", "β": "Β", "ε": "Ε", "θ": "Θϴ", "ι": "Ι", "κ": "Κ", "μ": "Μ", "π": "Π",
    "ρ": "Ρ", "σ": "Σ", "φ": "Φ",
}  # fmt: skip
"""For the characters in re's extra case table: the other characters whose simple lower case
they are (checked against all of Unicode by a test)."""

_ALLTID_VAKT = "\u0130\u03a3"
"""İ and Σ: the only characters whose ``str.lower()`` is not their simple lower case (İ becomes
two characters; Σ becomes ς at the end of a word)."""


def _vakttegn(fraser: Sequence[str]) -> str | None:
    """Characters that make the lower-case pre-test unsafe for ``fraser`` when a text has them
    (they match a letter of a phrase under re.IGNORECASE without having its lower case); None
    when the pre-test cannot be used at all."""
    if _EKSTRA is None or any(tegn in frase for frase in fraser for tegn in _ALLTID_VAKT):
        return None
    vakt = set(_ALLTID_VAKT)
    for tegn in {t for frase in fraser for t in frase.lower()}:
        for annen in map(chr, _EKSTRA.get(ord(tegn), ())):
            vakt.add(annen)
            vakt.update(_FORBILDER.get(annen, ""))
    return "".join(sorted(vakt))


@dataclass(frozen=True)
class Tekstsok:
    """A compiled search: labelled patterns, and the negation words that void a sentence.

    When the search has only phrases (no free ``regex``), a text is first tested with plain
    substring search: a phrase can only match where each of its words is found in the text's
    lower case. That is a necessary condition, so it never changes the result, provided the
    text has none of the ``vakt`` characters (İ, Σ, and letters such as ı and ſ that
    re.IGNORECASE matches to a letter of a phrase without sharing its lower case); a text that
    has one is searched as before. A phrase found in a sentence is also in the whole text (a
    sentence is a piece of it with white space folded), so a text that fails the test is passed
    over at once, and in each sentence only the phrases that pass it are searched for. The
    negation pattern is tried on a sentence only when one of the negation words is in its lower
    case (by the same reasoning, with the characters that make it unsafe for those words).

    Criteria often search the same text for the same phrases (barnets beste in K2 and K4): equal
    searches are one object (``lag`` remembers them), which remembers its last answer.
    """

    monstre: tuple[tuple[str, re.Pattern[str]], ...]
    negasjon: re.Pattern[str]
    ta_med_negerte: bool = False
    fraseord: tuple[tuple[str, ...], ...] | None = None
    """The words of each phrase in lower case, for the pre-test; None: no pre-test."""
    vakt: str = ""
    negasjonsord: tuple[str, ...] | None = None
    """The negation words in lower case, for the same pre-test of a sentence before the
    negation pattern is tried; None: no pre-test."""
    negasjonsvakt: str = ""
    siste: list[tuple[str, tuple[str, ...]]] = field(
        default_factory=list, compare=False, repr=False
    )
    """The last text searched and its answer (at most one)."""

    @classmethod
    @lru_cache(maxsize=256)
    def lag(
        cls,
        *,
        fraser: tuple[str, ...],
        regex: tuple[str, ...],
        negasjonsord: tuple[str, ...],
        ta_med_negerte: bool,
    ) -> Tekstsok:
        monstre = [(f"«{f}»", frase_monster(f)) for f in fraser]
        monstre += [(f"mønsteret «{r}»", kompiler_regex(r)) for r in regex]
        negasjon = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(o) for o in negasjonsord) + r")(?!\w)",
            re.IGNORECASE,
        )
        vakt = _vakttegn(fraser)
        fraseord = (
            tuple(tuple(o.lower() for o in f.split()) for f in fraser)
            if vakt is not None and not regex
            else None
        )
        negasjonsvakt = _vakttegn(negasjonsord)
        # An empty word makes the pattern match at any word boundary: no pre-test then.
        negord = (
            tuple(o.lower() for o in negasjonsord)
            if negasjonsvakt is not None and negasjonsord and all(negasjonsord)
            else None
        )
        return cls(
            tuple(monstre),
            negasjon,
            ta_med_negerte,
            fraseord,
            vakt or "",
            negord,
            negasjonsvakt or "",
        )

    def treff(self, tekst: str) -> tuple[str, ...]:
        """Labels of the patterns found in a sentence that counts (not negated, unless allowed)."""
        siste = self.siste
        # The same object: a case's text searched again by another criterion.
        if siste and siste[0][0] is tekst:
            return siste[0][1]
        funnet = tuple(self._finn(tekst))
        siste[:] = [(tekst, funnet)]
        return funnet

    def _finn(self, tekst: str) -> list[str]:
        fraseord = self.fraseord
        fortest = fraseord is not None and not _noe_i(self.vakt, tekst)
        negord = self.negasjonsord
        if self.ta_med_negerte or _noe_i(self.negasjonsvakt, tekst):
            negord = None
        if not fortest:
            return self._finn_alle(tekst, negord)
        assert fraseord is not None
        # The patterns each word of which is in the text: only they can be found in a sentence.
        lav = _lav(tekst)
        kandidater = [
            (etikett, monster, ord_)
            for (etikett, monster), ord_ in zip(self.monstre, fraseord, strict=True)
            if _alle_i(ord_, lav)
        ]
        if not kandidater:
            return []
        funnet: list[str] = []
        for setning, lav in _lave_setninger(tekst):
            negert: bool | None = None
            for etikett, monster, ord_ in kandidater:
                if etikett in funnet or not _alle_i(ord_, lav):
                    continue
                if negert is None:
                    negert = not self.ta_med_negerte and self._negert(setning, lav, negord)
                if negert:
                    break
                if monster.search(setning):
                    funnet.append(etikett)
        return funnet

    def _negert(self, setning: str, lav: str, negord: tuple[str, ...] | None) -> bool:
        if negord is not None and not _noe_i(negord, lav):
            return False  # no negation word is in the sentence
        return self.negasjon.search(setning) is not None

    def _finn_alle(self, tekst: str, negord: tuple[str, ...] | None) -> list[str]:
        """Every sentence tried with every pattern (no pre-test of the phrases)."""
        funnet: list[str] = []
        for setning, lav in _lave_setninger(tekst):
            if not self.ta_med_negerte and self._negert(setning, lav, negord):
                continue
            for etikett, monster in self.monstre:
                if etikett not in funnet and monster.search(setning):
                    funnet.append(etikett)
        return funnet


def _noe_i(deler: Iterable[str], tekst: str) -> bool:
    """Whether one of ``deler`` (characters, or words) is in ``tekst``."""
    # ``in`` answers at once for a character wider than every character of the text (the
    # guard characters are not Latin-1, most texts are); a loop, not any() over a generator.
    for del_ in deler:  # noqa: SIM110
        if del_ in tekst:
            return True
    return False


def _alle_i(ord_: tuple[str, ...], lav: str) -> bool:
    for o in ord_:  # noqa: SIM110
        if o not in lav:
            return False
    return True
