"""Words of a sentence and the keys they are matched on, so inflection and målform never matter.

A word's keys are its lower case and its lemma in bokmål and in nynorsk (``simplemma``): "barnas",
"barnets", "borna" and "barn" share the key ``barn``; "vektlagt" and "vektlegge" share
``vektlegge``. A genitive in -s also gets the keys of the word without it ("ungenes", "sønnens"): simplemma
does not know every genitive. A phrase word in a criteria file gets its keys the same way, and matches a word
of the text when the two share a key. ``simplemma`` knows the common forms; a form it does not
know keeps its own lower case as a key, so a criteria file can list such forms (``veid|vege``).

Lemmas are looked up once per distinct word (``lru_cache``): a run reads the same few thousand
words over and over.
"""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma

_ORD = re.compile(r"§|\d+(?:[.,:]\d+)*|\w+(?:[-'.]\w+)*|[^\w\s]")
"""A word (with inner hyphens or full stops: "sfo-utgifter", "f.eks"), a number, «§», or one
mark of punctuation."""

SPRAK = ("nb", "nn")


def ord_i(setning: str) -> tuple[str, ...]:
    """The words and marks of a sentence, in lower case."""
    return tuple(_ORD.findall(setning.lower()))


@lru_cache(maxsize=65536)
def nokler(ord_: str) -> frozenset[str]:
    """The keys of one word in lower case: itself and its bokmål and nynorsk lemmas."""
    if not ord_[:1].isalpha():
        return frozenset((ord_,))
    former = [ord_]
    if len(ord_) > 4 and ord_.endswith("s") and not ord_.endswith("ss"):
        former.append(ord_[:-1])  # the genitive: "ungenes", "sønnens", "vedkommendes"
    return frozenset(
        (ord_, *(simplemma.lemmatize(f, lang=sprak).lower() for f in former for sprak in SPRAK))
    )


def er_tall(ord_: str) -> bool:
    """Whether a word is a number ("11", "2,5", "09.00")."""
    return ord_[:1].isdecimal()


@lru_cache(maxsize=16384)
def grunnform(ord_: str) -> str:
    """How evidence names a word found: its bokmål lemma ("vektlagt" → «vektlegge»)."""
    if not ord_[:1].isalpha():
        return ord_
    return simplemma.lemmatize(ord_, lang="nb").lower()
