"""Writing conditions and templates as Python source, for one generated function per criterion.

Each criterion is judged by one generated function of straight-line code with local variables
(no call, context dict or evidence list per node and per item). ``Kodeskriver`` writes that code
from a criterion that ``gyldighet`` has already checked; the tests compare it with a simple
closure interpreter kept under ``tests/`` as a reference.

Safety: no text from a criteria file becomes source code. Values, phrases, template text and
searches are passed in as constants (``Kodeskriver.konst``: a generated name in the function's
globals); bound names (``som``) become generated local names; a field name is written as an
attribute only after the path has been checked against the case model and the name is a plain
identifier.
"""

from __future__ import annotations

import builtins
import dataclasses
import keyword
import types
import typing
from collections.abc import Callable, Sequence
from typing import Any, Union

from revisjon.felttre import Felttype
from revisjon.kriteriesprak import modell as m
from revisjon.kriteriesprak.maler import Plass, kodenavn, mal_deler, tall_med_ord
from revisjon.kriteriesprak.stier import _DATOER, NORMALISERT, Omfang, StiFeil, formater, normaliser
from revisjon.kriteriesprak.tekstsok import Tekstsok
from revisjon.sak import KODENAVN

Skop = tuple[Omfang, dict[str, tuple[str, Felttype]]]
"""The names in scope: their types, and for each bound name its local variable and type."""


TEKSTFELTNAVN = {"Vedtak": "vedtaksteksten", "Journalnotat": "journalnotatet"}
"""How evidence names the free-text field a phrase was found in."""


BYGGET_INN = ("bool", "filter", "isinstance", "len", "map", "set", "str")
"""The only built-in names the generated code can reach (no ``open``, ``__import__``, ``eval``).
A plain dict per function: Python looks built-ins up fast only in a dict."""


class Kodefeil(Exception):
    """An internal error: the generator was handed what the load-time checks (``gyldighet``)
    refuse. It cannot happen for a criterion that was loaded; it is never caught."""


def kan_vaere_none(type_: Felttype) -> bool:
    """Whether a value of this type may be None (an optional field); unknown forms may."""
    annotasjon = type_.annotasjon
    while typing.get_origin(annotasjon) is typing.Annotated:
        annotasjon = typing.get_args(annotasjon)[0]
    if typing.get_origin(annotasjon) in (Union, types.UnionType):
        return type(None) in typing.get_args(annotasjon)
    return annotasjon is Any or annotasjon is object


def er_tekst(type_: Felttype) -> bool:
    """Whether every value of the type is text (``str`` or a literal of text)."""
    verdier = type_.literalverdier
    return type_.kjerne is str or (bool(verdier) and all(isinstance(v, str) for v in verdier))


def _attributt(navn: str) -> str:
    # The path is checked against the case model before this, so the name is one of its
    # fields; refuse anything that is not a plain name all the same.
    if not navn.isidentifier() or keyword.iskeyword(navn) or navn.startswith("_"):
        raise Kodefeil(f"feltnavnet «{navn}» kan ikke skrives som kode")
    return navn


class Kodeskriver:
    """The source of one function being written: lines, constants and root paths read once."""

    def __init__(self) -> None:
        self.linjer: list[str] = []
        # Where the common case is a dict lookup, the lookup is called straight from the
        # generated code (a call of a Python function costs a frame); ``formater`` and
        # ``normaliser`` answer the rest.
        self.navnerom: dict[str, object] = {
            "__builtins__": {navn: getattr(builtins, navn) for navn in BYGGET_INN},
            "F": formater,
            "DG": _DATOER.get,
            "N": normaliser,
            "NG": NORMALISERT.get,
            "KN": kodenavn,
            "KNG": KODENAVN.get,
            "J": ", ".join,
            "FL": tall_med_ord,
        }
        self._teller = 0
        self.rot: dict[tuple[str, ...], str] = {}
        """Root paths read once into a local, by their parts."""
        self.rotlinjer: list[str] = []
        self.hjelpere: list[str] = []
        """Functions of their own for conditions nested too deep for one (``hjelper``)."""

    def nytt(self, prefiks: str) -> str:
        """A fresh local name."""
        self._teller += 1
        return f"{prefiks}{self._teller}"

    def konst(self, verdi: object) -> str:
        """A name in the function's globals that holds ``verdi``."""
        navn = self.nytt("c")
        self.navnerom[navn] = verdi
        return navn

    def skriv(self, niva: int, linje: str) -> None:
        self.linjer.append("    " * niva + linje)

    # --- paths -----------------------------------------------------------------------------

    def sti(self, sti: str, skop: Skop) -> str:
        """An expression with the value of ``sti`` (None where a part is absent), as
        ``Omfang.henter`` reads it."""
        omfang, bundne = skop
        omfang.type_av(sti)  # checked already; raises StiFeil if not
        forste, *resten = sti.split(".")
        if forste in bundne:
            var, type_ = bundne[forste]
            return self._steg(var, type_, resten, omfang, forste)
        return self._rot(tuple(sti.split(".")))

    def _steg(
        self, var: str, type_: Felttype, resten: Sequence[str], omfang: Omfang, vei: str
    ) -> str:
        uttrykk = var
        for del_ in resten:
            attr = _attributt(del_)
            if kan_vaere_none(type_):
                if uttrykk.isidentifier():
                    uttrykk = f"(None if {uttrykk} is None else {uttrykk}.{attr})"
                else:
                    t = self.nytt("t")
                    uttrykk = f"(None if ({t} := {uttrykk}) is None else {t}.{attr})"
            else:
                uttrykk = f"{uttrykk}.{attr}"
            vei = f"{vei}.{del_}"
            type_ = omfang.type_av(vei)
        return uttrykk

    def _rot(self, deler: tuple[str, ...]) -> str:
        navn = self.rot.get(deler)
        if navn is not None:
            return navn
        attr = _attributt(deler[-1])
        if len(deler) == 1:
            kilde = f"sak.{attr}"
        else:
            forelder = self._rot(deler[:-1])
            if kan_vaere_none(Omfang.rot().type_av(".".join(deler[:-1]))):
                kilde = f"None if {forelder} is None else {forelder}.{attr}"
            else:
                kilde = f"{forelder}.{attr}"
        navn = self.rot[deler] = self.nytt("r")
        self.rotlinjer.append(f"{navn} = {kilde}")
        return navn

    # --- templates -------------------------------------------------------------------------

    def mal(self, tekst: str, skop: Skop, navngitte: dict[str, str]) -> str:
        """An expression with the filled template: ``navngitte`` maps each named value the
        template may use to the local that holds it."""
        ledd: list[str] = []
        for del_ in mal_deler(tekst, skop[0], tuple(navngitte)):
            ledd.append(self._malledd(del_, skop, navngitte))
        if not ledd:
            return "''"
        if len(ledd) == 1:  # every part is text already
            return ledd[0]
        return f"''.join(({', '.join(ledd)},))"

    def _malledd(self, del_: str | Plass, skop: Skop, navngitte: dict[str, str]) -> str:
        if isinstance(del_, str):
            return self.konst(del_)
        if del_.former is not None:
            tall = self._malledd(dataclasses.replace(del_, former=None), skop, navngitte)
            return f"FL({tall}, {self.konst(del_.former[0])}, {self.konst(del_.former[1])})"
        if del_.navngitt:
            return navngitte[del_.navn]
        verdi = self.sti(del_.navn, skop)
        type_ = skop[0].type_av(del_.navn)
        if kan_vaere_none(type_):
            return f"F(KN({verdi}))" if del_.kode else f"F({verdi})"
        if er_tekst(type_):  # ``formater`` gives text as it is
            return f"KNG({(t := self.nytt('t'))} := {verdi}, {t})" if del_.kode else verdi
        if type_.er_dato:
            return f"(DG({(t := self.nytt('t'))} := {verdi}) or F({t}))"
        if type_.kjerne is int:  # ``formater`` ends in str() for a whole number
            return f"str({verdi})"
        if type_.er_liste and not del_.kode and er_tekst(type_.element):
            return f"(J({(t := self.nytt('t'))}) if ({t} := {verdi}) else 'ingen')"
        return f"F(KN({verdi}))" if del_.kode else f"F({verdi})"

    def normalisert(self, uttrykk: str, type_: Felttype) -> str:
        """``normaliser`` of the value of ``uttrykk`` (a field of type ``type_``)."""
        if type_.er_dato or type_.kjerne in (bool, int, float):
            return uttrykk  # None or not text: its own normal form
        t = self.nytt("t")
        # A text normalised before is looked up; "" (falsy) and other values ask again.
        return f"(NG({t} := {uttrykk}) or N({t}))"

    @staticmethod
    def bruker(tekst: str | None, navn: str, omfang: Omfang, navngitte: Sequence[str]) -> bool:
        """Whether a template uses the named value ``navn``."""
        if tekst is None:
            return False
        return any(
            isinstance(d, Plass) and d.navngitt and d.navn == navn
            for d in mal_deler(tekst, omfang, navngitte)
        )

    # --- searches --------------------------------------------------------------------------

    def tekstsok(self, a: m.TekstArgumenter, negasjonsord: Sequence[str]) -> str:
        return self.konst(
            Tekstsok.lag(
                fraser=tuple(a.fraser),
                regex=tuple(a.regex),
                negasjonsord=tuple(negasjonsord),
                ta_med_negerte=a.ta_med_negerte,
            )
        )

    def tekststed(self, felt: str, omfang: Omfang) -> str:
        """How evidence names the text field: ``vedtaksteksten``, ``journalnotatet``, or the path."""
        eier = omfang.type_av(felt.rsplit(".", 1)[0]).modell if "." in felt else None
        return TEKSTFELTNAVN.get(eier.__name__, felt) if eier else felt

    def hjelper(self, skriv: Callable[[int], str], skop: Skop, bevis: str | None) -> str:
        """A call of a new function whose body ``skriv`` writes (from level 1; it returns the
        answer): a condition nested deeper than one function can hold. The function gets the
        case, the bound items in scope and the evidence list ``bevis`` under the names the
        caller uses, and reads its own root paths."""
        navn = self.nytt("h")
        ytre = (self.linjer, self.rot, self.rotlinjer)
        self.linjer, self.rot, self.rotlinjer = [], {}, []
        try:
            svar = skriv(1)
            kropp, rotlinjer = self.linjer, self.rotlinjer
        finally:
            self.linjer, self.rot, self.rotlinjer = ytre
        parametre = ", ".join(
            ["sak", *(var for var, _ in skop[1].values()), *filter(None, [bevis])]
        )
        linjer = [f"def {navn}({parametre}):", *("    " + linje for linje in rotlinjer), *kropp]
        self.hjelpere.append("\n".join([*linjer, f"    return {svar}"]))
        return f"{navn}({parametre})"

    def kilde(self, forst: Sequence[str], kropp: Sequence[str]) -> str:
        """The body of a function ``(sak)``: ``forst``, the root paths read once, ``kropp``;
        then the functions ``hjelper`` wrote."""
        linjer = ["def vurder(sak):", *forst]
        linjer += ["    " + linje for linje in self.rotlinjer]
        linjer += kropp
        return "\n\n".join(["\n".join(linjer), *self.hjelpere]) + "\n"


def med(skop: Skop, navn: str, type_: Felttype, var: str) -> Skop:
    """``skop`` with ``navn`` bound to the local ``var``."""
    omfang, bundne = skop
    try:
        indre = omfang.med(navn, type_)
    except StiFeil as feil:  # checked by gyldighet already
        raise Kodefeil(str(feil)) from None
    return indre, {**bundne, navn: (var, type_)}
