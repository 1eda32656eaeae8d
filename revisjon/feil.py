"""Errors and rejections: what went wrong, where, and what to do, in Norwegian."""

from __future__ import annotations

from dataclasses import dataclass

from revisjon.inntak.fodselsnummer import masker


@dataclass(frozen=True)
class Avvisning:
    """One rejected input: a file, or one line of a JSON Lines file, that could not be judged.

    ``linje`` and ``felt`` are None when not known. ``melding`` never holds personal data.
    ``inndata`` names the input the problem belongs to (the file, or ``file:line`` for one
    line of a JSON Lines file, or one case of a workbook), so that several problems in one input
    count as one rejection. ``celle`` is the place in a workbook (``Barn!C7``, or a sheet).
    """

    fil: str
    linje: int | None
    felt: str | None
    melding: str
    inndata: str = ""
    celle: str | None = None

    def __post_init__(self) -> None:
        # The last guard: a file name (or anything else here) that holds an identity number is
        # shown with its digits masked, wherever the rejection is written.
        for navn in ("fil", "felt", "melding", "inndata"):
            if (verdi := getattr(self, navn)) and (maskert := masker(verdi)) != verdi:
                object.__setattr__(self, navn, maskert)

    @property
    def inndata_id(self) -> str:
        return self.inndata or self.fil

    def __str__(self) -> str:
        sted = self.fil if self.linje is None else f"{self.fil}:{self.linje}"
        if self.celle:
            sted += f":{self.celle}"
        return f"{sted}: {self.felt}: {self.melding}" if self.felt else f"{sted}: {self.melding}"


class RevisjonFeil(Exception):
    """Base of the errors that stop a command; the message starts with the file it concerns."""


class FilFeil(RevisjonFeil):
    """An input the run depends on that cannot be used; holds every problem, not only the first."""

    oppsummering = "Filen kan ikke brukes; rett feilene over og prøv igjen."

    def __init__(self, problemer: list[Avvisning]) -> None:
        self.problemer = problemer
        super().__init__("\n".join(str(p) for p in problemer))


class KriterieFeil(FilFeil):
    """A criteria file that cannot be used."""

    oppsummering = "Kriteriene kan ikke brukes; rett feilene over og prøv igjen."


class OverstyringFeil(FilFeil):
    """An override file that cannot be used."""

    oppsummering = "Overstyringene kan ikke brukes; rett feilene over og prøv igjen."
