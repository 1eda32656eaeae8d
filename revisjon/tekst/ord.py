"""Words of a sentence and the keys they are matched on, so inflection and målform never matter.

A word's keys are its lower case and its lemma in bokmål and in nynorsk (``simplemma``): "barnas",
"barnets", "borna" and "barn" share the key ``barn``; "vektlagt" and "vektlegge" share
``vektlegge``. A genitive in -s also gets the keys of the word without it ("ungenes", "sønnens"): simplemma
does not know every genitive. A phrase word in a criteria file gets its keys the same way, and matches a word
of the text when the two share a key. ``simplemma`` knows the common forms; a form it does not
know keeps its own lower case as a key, so a criteria file can list such forms (``veid|vege``).

Lemmas are looked up once per distinct word (``lru_cache``): a run reads the same few thousand
words over and over. The dictionaries are simplemma's own, held in its MARISA tries
(``simplemma[marisa-trie]``) that are built once per machine and kept in the user's cache folder:
loading nb and nn from that cache takes 4 ms and 5 MB, against 0.6 s and 72 MB for decoding the
shipped files in every process (``benchmarks/biblioteker.py``), which every ``revisjon vurder`` and every
spawned worker paid before. Where the cache cannot be written, the tries are built in memory.
"""

from __future__ import annotations

import os
import re
import tempfile
from contextlib import suppress
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries.trie_dictionary_factory import TrieDictionaryFactory

_ORD = re.compile(r"§|\d+(?:[.,:]\d+)*|\w+(?:[-'.]\w+)*|[^\w\s]")
"""A word (with inner hyphens or full stops: "sfo-utgifter", "f.eks"), a number, «§», or one
mark of punctuation."""

SPRAK = ("nb", "nn")


class _TrieFabrikk(TrieDictionaryFactory):
    """simplemma's trie dictionaries, with the cache file written whole or not at all: parallel
    workers and test runs start at the same moment, and simplemma's own writer lets one of them
    read a file another is still writing."""

    def _write_trie_to_disk(self, lang: str, trie: Any) -> None:  # marisa_trie has no types
        with suppress(OSError):  # no cache (a read-only home): the trie stays in memory
            self._cache_dir.mkdir(parents=True, exist_ok=True)
            fd, midlertidig = tempfile.mkstemp(
                dir=self._cache_dir, prefix=f".{lang}.", suffix=".dic"
            )
            os.close(fd)
            try:
                trie.save(midlertidig)
                os.replace(midlertidig, self._cache_dir / f"{lang}.dic")
            finally:
                Path(midlertidig).unlink(missing_ok=True)


@cache
def _lemmatiserer() -> Lemmatizer:
    """The one lemmatizer of the process, made at its first word."""
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_TrieFabrikk()))


def _lemma(ord_: str, sprak: str) -> str:
    return _lemmatiserer().lemmatize(ord_, lang=sprak).lower()


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
    return frozenset((ord_, *(_lemma(f, sprak) for f in former for sprak in SPRAK)))


def er_tall(ord_: str) -> bool:
    """Whether a word is a number ("11", "2,5", "09.00")."""
    return ord_[:1].isdecimal()


@lru_cache(maxsize=16384)
def grunnform(ord_: str) -> str:
    """How evidence names a word found: its bokmål lemma ("vektlagt" → «vektlegge»)."""
    if not ord_[:1].isalpha():
        return ord_
    return _lemma(ord_, "nb")
