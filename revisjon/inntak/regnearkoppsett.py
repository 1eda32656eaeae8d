"""The layout of the registration workbook, generated from the case model (``revisjon.sak``).

One sheet for the case itself («Saker») and one for each list of records in it (barn, journal,
samtaler, …). A record that a case has at most one of (søknad, husstand, vedtak, beregning,
rådgivning) is not a sheet of its own: its fields are columns of the sheet above it. Headings
and help texts are the fields' ``title`` and ``description``, the drop-down lists are the
``Literal`` code lists, so the workbook always matches the case format. The writer
(``revisjon.rapport.registreringsark``) and the reader (``revisjon.inntak.regneark``) both use
this one layout.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from revisjon.felttre import Felttype, felt_i
from revisjon.sak import Sak

VEILEDNING = "Veiledning"
"""The first sheet: how to fill the workbook in. It is not read as data."""
SAKSARK = "Saker"
SAK_ID = "Sak-id"
"""The heading of the column that links each row to its case, on every sheet."""
LISTESKILLE = ";"
"""Separates the items of a list written in one cell (hjemmel, barne-id-er)."""
JA, NEI = "ja", "nei"


class Art(StrEnum):
    """How a column's cells are written and read."""

    tekst = "tekst"
    heltall = "heltall"
    tall = "tall"
    dato = "dato"
    janei = "janei"
    kode = "kode"
    liste = "liste"
    """Several text items in one cell, separated by LISTESKILLE."""
    kodeflagg = "kodeflagg"
    """One column per code of a list of codes (tema): «ja» when the code is in the list."""


@dataclass(frozen=True)
class Kolonne:
    """One column: its heading, help text and kind, and where its value goes in a case.

    ``sti`` is the field's path from the sheet's record (``("vedtak", "dato")`` on Saker,
    ``("alder",)`` on Barn); ``kode`` is the code a ``kodeflagg`` column stands for.
    """

    overskrift: str
    hjelp: str
    art: Art
    sti: tuple[str, ...]
    koder: tuple[str, ...] = ()
    kode: str | None = None
    paakrevd: bool = False
    fritekst: bool = False

    @property
    def felt(self) -> str:
        """The field path as a message names it (``vedtak.dato``, ``alder``)."""
        return ".".join(self.sti)

    @property
    def hjelpetekst(self) -> str:
        """The help under the heading: the field's description, whether it is required, and
        how the cell is filled in."""
        deler = [self.hjelp]
        if self.paakrevd:
            deler.append("Påkrevd.")
        if self.art is Art.janei:
            deler.append("ja eller nei.")
        elif self.art is Art.kode:
            deler.append("Velg fra listen.")
        elif self.art is Art.liste:
            deler.append(f"Flere skilles med «{LISTESKILLE}».")
        elif self.art is Art.dato:
            deler.append("Dato.")
        return " ".join(d for d in deler if d)

    def nedtrekk(self) -> tuple[str, ...]:
        """The values of the column's drop-down list (none for free text, numbers and dates)."""
        if self.art is Art.janei:
            return (JA, NEI)
        if self.art is Art.kodeflagg:
            return (JA,)
        return self.koder if self.art is Art.kode else ()


@dataclass(frozen=True)
class Ark:
    """One sheet: its name, where its rows go in a case (``liste``: the path of the list field
    from the case, empty for «Saker»), and its columns (the first is always Sak-id)."""

    navn: str
    hjelp: str
    liste: tuple[str, ...]
    kolonner: tuple[Kolonne, ...]

    @functools.cached_property
    def etter_overskrift(self) -> dict[str, Kolonne]:
        return {k.overskrift: k for k in self.kolonner}

    @functools.cached_property
    def etter_sti(self) -> dict[tuple[str, ...], Kolonne]:
        """The column of each field path (a list of codes: its first column)."""
        ut: dict[tuple[str, ...], Kolonne] = {}
        for k in self.kolonner:
            ut.setdefault(k.sti, k)
        return ut

    @functools.cached_property
    def kodeflagg(self) -> tuple[tuple[str, ...], ...]:
        """The field paths of the lists of codes (one column per code)."""
        return tuple(dict.fromkeys(k.sti for k in self.kolonner if k.art is Art.kodeflagg))


def _art(felttype: Felttype) -> tuple[Art, tuple[str, ...]]:
    kjerne = felttype.kjerne
    if felttype.literalverdier:
        return Art.kode, tuple(str(v) for v in felttype.literalverdier)
    if felttype.er_liste:
        element = felttype.element
        if element.literalverdier:
            return Art.kodeflagg, tuple(str(v) for v in element.literalverdier)
        return Art.liste, ()
    if felttype.er_dato:
        return Art.dato, ()
    arter: dict[Any, Art] = {bool: Art.janei, int: Art.heltall, float: Art.tall, str: Art.tekst}
    if kjerne in arter:
        return arter[kjerne], ()
    raise TypeError(f"regnearket kjenner ikke felttypen {kjerne!r}")  # pragma: no cover


def _info(modell: type[BaseModel], navn: str) -> tuple[str, str, bool]:
    info = modell.model_fields[navn]
    return info.title or navn, info.description or "", info.is_required()


def _konstant(felttype: Felttype, paakrevd: bool) -> bool:
    """A required field with one possible value (``versjon: 1``): filled in, not a column."""
    return paakrevd and len(felttype.literalverdier) == 1


def _bygg(
    modell: type[BaseModel],
    sti: tuple[str, ...],
    ut: list[Kolonne],
    ark: list[Ark],
    liste: tuple[str, ...],
    alltid: bool = True,
) -> None:
    """The columns of ``modell`` (below ``sti`` of its sheet's record) into ``ut``; each list of
    records below it becomes a sheet of its own in ``ark``. ``alltid``: the record is always
    there (a field it requires is required of the sheet's row)."""
    for navn, felttype in felt_i(modell).items():
        tittel, hjelp, paakrevd = _info(modell, navn)
        if _konstant(felttype, paakrevd):
            continue
        if felttype.modell is not None:
            _bygg(felttype.modell, (*sti, navn), ut, ark, liste, alltid and paakrevd)
            continue
        if felttype.er_liste and (element := felttype.element.modell) is not None:
            kolonner: list[Kolonne] = [_sak_id_kolonne()]
            under: list[Ark] = []
            _bygg(element, (), kolonner, under, (*liste, *sti, navn))
            if under:  # pragma: no cover - the case model has no list in a list
                raise TypeError("regnearket kjenner ikke lister i lister")
            ark.append(Ark(tittel, hjelp, (*liste, *sti, navn), tuple(kolonner)))
            continue
        art, koder = _art(felttype)
        overskrift = tittel
        if art is Art.kodeflagg:
            ut += [
                Kolonne(
                    f"{overskrift}: {kode}",
                    f"{hjelp} Skriv «ja» hvis «{kode}» er med.",
                    art,
                    (*sti, navn),
                    koder,
                    kode,
                )
                for kode in koder
            ]
            continue
        paakrevd = paakrevd and alltid  # a field of a record the case may lack is not
        ut.append(
            Kolonne(overskrift, hjelp, art, (*sti, navn), koder, None, paakrevd, felttype.fritekst)
        )


def _sak_id_kolonne() -> Kolonne:
    _, hjelp, _ = _info(Sak, "sak_id")
    return Kolonne(SAK_ID, hjelp, Art.tekst, ("sak_id",), paakrevd=True)


@functools.cache
def oppsett() -> tuple[Ark, ...]:
    """Every data sheet, «Saker» first, in the order of the case model's fields."""
    kolonner: list[Kolonne] = []
    ark: list[Ark] = []
    _bygg(Sak, (), kolonner, ark, ())
    sak_id = next(k for k in kolonner if k.sti == ("sak_id",))
    kolonner.remove(sak_id)
    saker = Ark(SAKSARK, "Én rad per sak.", (), (_sak_id_kolonne(), *kolonner))
    alle = (saker, *ark)
    for a in alle:  # the reader finds a column by its heading
        if len(a.etter_overskrift) != len(a.kolonner):  # pragma: no cover - a model change
            raise TypeError(f"arket {a.navn} har to kolonner med samme overskrift")
    return alle


def ark_etter_navn() -> dict[str, Ark]:
    return {a.navn: a for a in oppsett()}


def konstanter() -> dict[str, Any]:
    """The case fields that have one possible value and so no column (``versjon``)."""
    ut: dict[str, Any] = {}
    for navn, felttype in felt_i(Sak).items():
        if _konstant(felttype, Sak.model_fields[navn].is_required()):
            ut[navn] = felttype.literalverdier[0]
    return ut


def valgfrie_poster() -> frozenset[tuple[str, ...]]:
    """Paths of the records a case may lack (vedtak, vedtak.beregning, rådgivning): made only
    when one of their cells (or rows below them) is filled in."""
    ut: set[tuple[str, ...]] = set()

    def besok(modell: type[BaseModel], sti: tuple[str, ...]) -> None:
        for navn, felttype in felt_i(modell).items():
            if felttype.modell is not None:
                if not modell.model_fields[navn].is_required():
                    ut.add((*sti, navn))
                besok(felttype.modell, (*sti, navn))

    besok(Sak, ())
    return frozenset(ut)
