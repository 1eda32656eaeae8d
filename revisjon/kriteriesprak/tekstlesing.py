"""The readings a criteria set can name: the package's defaults (``revisjon/tekst/standard.yaml``,
checked with the same models as a criteria file) with the set's own ``tekstlesing:`` over them.

A part the criteria file gives replaces the default part of the same name (one negation list,
one kind of sentence, one reading); the rest is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from revisjon.felttre import forslag
from revisjon.kriteriesprak import modell as m
from revisjon.tekst.leser import Artdata, Leser

STANDARDFIL = "standard.yaml"


class Lesingsfeil(ValueError):
    """A reading that cannot be built (an unknown name), with a Norwegian message."""


@lru_cache(maxsize=1)
def standard() -> m.Tekstlesing:
    """The package's default negation, kinds of sentence and readings."""
    tekst = (resources.files("revisjon.tekst") / STANDARDFIL).read_text("utf-8")
    data = yaml.load(tekst, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return m.Tekstlesing.model_validate(data)


def samlet(egen: m.Tekstlesing) -> m.Tekstlesing:
    """The defaults with a criteria file's own ``tekstlesing`` over them."""
    grunn = standard()
    negasjon = grunn.negasjon.model_copy(update={k: v for k, v in egen.negasjon if v is not None})
    return m.Tekstlesing(
        negasjon=negasjon,
        setningsarter={**grunn.setningsarter, **egen.setningsarter},
        lesinger={**grunn.lesinger, **egen.lesinger},
    )


def leser(tekstlesing: m.Tekstlesing, navn: str) -> Leser:
    """The compiled reading ``navn`` of a criteria set; Lesingsfeil when it is unknown."""
    alle = samlet(tekstlesing)
    lesing = alle.lesinger.get(navn)
    if lesing is None:
        tips = forslag(navn, alle.lesinger)
        hint = f"; mente du «{tips}»?" if tips else f"; kjente lesinger: {', '.join(alle.lesinger)}"
        raise Lesingsfeil(f"ukjent lesing «{navn}»{hint}")
    for art in lesing.utelat:
        if art not in alle.setningsarter:
            tips = forslag(art, alle.setningsarter)
            hint = f"; mente du «{tips}»?" if tips else ""
            raise Lesingsfeil(f"lesingen «{navn}» utelater ukjent setningsart «{art}»{hint}")
    lister = lesing.model_dump(exclude={"beskrivelse", "utelat", "omfang"})
    arter = [
        Artdata(
            navn=navn,
            start=tuple(art.start),
            overalt=tuple(art.overalt),
            sammen=tuple(tuple(g) for g in art.sammen),
            ikke_hvis=tuple(art.ikke_hvis),
            omfang=art.omfang,
        )
        for navn in lesing.utelat
        for art in (alle.setningsarter[navn],)
    ]
    return Leser.lag(
        lister=lister,
        negasjon=alle.negasjon.model_dump(exclude_none=True),
        arter=arter,
        omfang=lesing.omfang,
    )


@dataclass(frozen=True)
class Sprak:
    """How a criteria set reads free text: the negation words of a phrase search
    (``negasjonsord``) and its readings (``tekstlesing``)."""

    negasjonsord: tuple[str, ...]
    tekstlesing: m.Tekstlesing = field(default_factory=m.Tekstlesing)

    def leser(self, navn: str) -> Leser:
        """The compiled reading ``navn``; Lesingsfeil when the set has none by that name."""
        return leser(self.tekstlesing, navn)
