"""Conditions as Python source: what each operation of the language means, written out.

``test`` writes a condition whose evidence is not used (it may stop at the first answer);
``sjekk`` also appends the evidence it finds to a list: ``og`` keeps the evidence of every part
it tried (also the one that failed), ``eller`` tries every branch and keeps the evidence of
those that hold, a quantifier keeps its ``bevis`` text (or what ``hvor`` found) for each item
satisfying ``hvor``.

Both return an expression to be used once, in a boolean context, after the lines they wrote.
A condition nested deeper than ``DYPEST`` levels of code is written as a function of its own
(Python compiles at most 20 loops inside each other and 100 levels of indentation).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from revisjon.kriteriesprak import modell as m
from revisjon.kriteriesprak.kodegen import Kodefeil, Kodeskriver, Skop, er_tekst, med
from revisjon.kriteriesprak.stier import normaliser
from revisjon.kriteriesprak.tekstlesing import Lesingsfeil, Sprak
from revisjon.tekst.leser import Leser
from revisjon.tekst.lesing import INGEN

Kvantornode = m.Noen | m.Alle | m.Ingen | m.Antall

DYPEST = 12
"""The deepest level of code a condition is written at in one function; deeper, it gets its own
function. At most this many loops are nested in a function (Python allows 20)."""

FLAT = DYPEST - 4
"""The level from which the parts of an ``og``/``eller`` stand side by side (room below it for
the parts' own loops before they need a function of their own)."""

_ENKLE = (m.Lik, m.EnAv, m.Inneholder, m.Finnes, m.Datokrav, m.AntallUlike, m.Tall)


def _inneholder_lik(onsket: object, verdier: Sequence[object] | None) -> bool:
    """``inneholder`` on a list of values that are not text (numbers, dates): compared by ==."""
    for v in verdier or ():  # noqa: SIM110
        if normaliser(v) == onsket:
            return True
    return False


def gir_bevis(b: m.Betingelse) -> bool:
    """Whether the condition can find evidence (only ``tekst`` and ``dager_mellom`` do, and
    what holds them)."""
    if isinstance(b, m.Og):
        return any(gir_bevis(d) for d in b.og)
    if isinstance(b, m.Eller):
        return any(gir_bevis(d) for d in b.eller)
    if isinstance(b, m.Ikke):
        return gir_bevis(b.ikke)
    if isinstance(b, m.Noen | m.Alle | m.Ingen | m.Antall):
        k = _kvantor(b)
        return k.bevis is not None or (k.hvor is not None and gir_bevis(k.hvor))
    return isinstance(b, m.Tekst | m.DagerMellom)


def bare_ved_treff(b: m.Betingelse) -> bool:
    """Whether the condition finds evidence only when it holds (then it may write straight
    into the list of an ``eller`` or a quantifier)."""
    if not gir_bevis(b):
        return True
    return isinstance(b, m.Tekst | m.Eller | m.Noen)


def _kvantor(b: Kvantornode) -> m.Kvantor:
    if isinstance(b, m.Noen):
        return b.noen
    if isinstance(b, m.Alle):
        return b.alle
    if isinstance(b, m.Ingen):
        return b.ingen
    return b.antall


class Betingelser:
    """Writes conditions into a ``Kodeskriver``."""

    def __init__(
        self,
        s: Kodeskriver,
        negasjonsord: Sequence[str],
        tekstlesing: m.Tekstlesing | None = None,
    ) -> None:
        self.s = s
        self.neg = tuple(negasjonsord)
        self.sprak = Sprak(self.neg, tekstlesing or m.Tekstlesing())
        self.dato = s.konst(dt.date)

    # --- the two entry points --------------------------------------------------------------

    def test(self, b: m.Betingelse, skop: Skop, niva: int) -> str:
        """Whether ``b`` holds."""
        uttrykk = self.uttrykk(b, skop)
        if uttrykk is not None:
            return uttrykk
        if niva >= DYPEST:
            return self.s.hjelper(lambda n: self.test(b, skop, n), skop, None)
        if isinstance(b, m.Og | m.Eller):
            og = isinstance(b, m.Og)
            deler = b.og if isinstance(b, m.Og) else b.eller
            ok = self.s.nytt("o")
            ikke = "" if og else "not "
            return self._kjede(deler, niva, ok, ikke, lambda d, n: self.test(d, skop, n))
        if isinstance(b, m.Ikke):
            return f"(not {self.test(b.ikke, skop, niva)})"
        if isinstance(b, m.Noen | m.Alle | m.Ingen | m.Antall):
            return self._tell_test(b, skop, niva)
        raise Kodefeil(f"ukjent betingelse {type(b).__name__}")  # pragma: no cover

    def sjekk(self, b: m.Betingelse, skop: Skop, niva: int, bevis: str) -> str:
        """Whether ``b`` holds; its evidence appended to the list ``bevis``."""
        if not gir_bevis(b):
            return self.test(b, skop, niva)
        s = self.s
        if niva >= DYPEST:
            return s.hjelper(lambda n: self.sjekk(b, skop, n, bevis), skop, bevis)
        ok = s.nytt("o")
        if isinstance(b, m.Og):
            return self._kjede(b.og, niva, ok, "", lambda d, n: self.sjekk(d, skop, n, bevis))
        if isinstance(b, m.Eller):
            s.skriv(niva, f"{ok} = False")
            for del_ in b.eller:
                if not gir_bevis(del_):  # no evidence: needed only while none has held
                    s.skriv(niva, f"if not {ok}:")
                    s.skriv(niva + 1, f"{ok} = bool({self.test(del_, skop, niva + 1)})")
                    continue
                liste = bevis if bare_ved_treff(del_) else s.nytt("b")
                if liste != bevis:
                    s.skriv(niva, f"{liste} = []")
                o = s.nytt("o")
                s.skriv(niva, f"{o} = {self.sjekk(del_, skop, niva, liste)}")
                s.skriv(niva, f"if {o}:")
                s.skriv(niva + 1, f"{ok} = True")
                if liste != bevis:
                    s.skriv(niva + 1, f"{bevis} += {liste}")
            return ok
        if isinstance(b, m.Ikke):
            return f"(not {self.sjekk(b.ikke, skop, niva, bevis)})"
        if isinstance(b, m.Noen | m.Alle | m.Ingen | m.Antall):
            return self._tell_sjekk(b, skop, niva, bevis)
        if isinstance(b, m.Tekst) and b.tekst.lesing is not None:
            a = b.tekst
            lesning = s.nytt("l")
            leser = s.konst(self._leser(a))
            t = s.nytt("t")
            s.navnerom["INGEN_LESNING"] = INGEN
            s.skriv(
                niva,
                f"{lesning} = {leser}.les({t}) if ({t} := {s.sti(a.felt, skop)}) else INGEN_LESNING",
            )
            ok = s.nytt("o")
            s.skriv(niva, f"{ok} = {lesning}.har({a.krav!r})")
            s.skriv(niva, f"if {ok}:")
            sted = s.konst(s.tekststed(a.felt, skop[0]))
            s.skriv(niva + 1, f"{bevis}.append({lesning}.bevis({a.krav!r}, {sted}))")
            return ok
        if isinstance(b, m.Tekst):
            funnet = s.nytt("f")
            sok = s.tekstsok(b.tekst, self.neg)
            sted = s.konst(f" i {s.tekststed(b.tekst.felt, skop[0])}")
            t = s.nytt("t")
            s.skriv(
                niva, f"{funnet} = {sok}.treff({t}) if ({t} := {s.sti(b.tekst.felt, skop)}) else ()"
            )
            s.skriv(niva, f"if {funnet}:")
            s.skriv(niva + 1, f"{bevis}.append(J({funnet}) + {sted})")
            return funnet
        if isinstance(b, m.DagerMellom):
            return self._dager_sjekk(b.dager_mellom, skop, niva, bevis)
        raise Kodefeil(f"ukjent betingelse {type(b).__name__}")  # pragma: no cover

    def _leser(self, a: m.TekstArgumenter) -> Leser:
        assert a.lesing is not None
        try:
            return self.sprak.leser(a.lesing)
        except Lesingsfeil as feil:
            raise Kodefeil(str(feil)) from None

    # --- expressions -----------------------------------------------------------------------

    def uttrykk(self, b: m.Betingelse, skop: Skop) -> str | None:
        """``b`` as one expression, when it needs no loop or list (then only as a test)."""
        if isinstance(b, m.Og | m.Eller):
            deler = [self.uttrykk(d, skop) for d in (b.og if isinstance(b, m.Og) else b.eller)]
            if any(d is None for d in deler):
                return None
            return "(" + (" and " if isinstance(b, m.Og) else " or ").join(map(str, deler)) + ")"
        if isinstance(b, m.Ikke):
            indre = self.uttrykk(b.ikke, skop)
            return None if indre is None else f"(not {indre})"
        if isinstance(b, m.Noen | m.Alle | m.Ingen | m.Antall):
            k = _kvantor(b)
            if k.hvor is not None:
                return None
            antall = f"len({self.s.sti(k.liste, skop)} or ())"
            return self._avgjor(b, antall, antall)
        if isinstance(b, m.Tekst) and b.tekst.lesing is not None:
            t = self.s.nytt("t")
            leser = self.s.konst(self._leser(b.tekst))
            sti = self.s.sti(b.tekst.felt, skop)
            return f"(bool({t} := {sti}) and {leser}.les({t}).har({b.tekst.krav!r}))"
        if isinstance(b, m.Tekst):
            t = self.s.nytt("t")
            sok = self.s.tekstsok(b.tekst, self.neg)
            return f"(({t} := {self.s.sti(b.tekst.felt, skop)}) and {sok}.treff({t}))"
        if isinstance(b, m.DagerMellom):
            a = b.dager_mellom
            fra, til = self.s.nytt("d"), self.s.nytt("d")
            grenser = self._innenfor(f"({til} - {fra}).days", a.minst, a.hoyst)
            return (
                f"(isinstance({fra} := {self._dato(a.fra, skop)}, {self.dato}) and "
                f"isinstance({til} := {self._dato(a.til, skop)}, {self.dato}) and {grenser})"
            )
        lag = _UTTRYKK.get(type(b))
        return lag(self, b, skop) if lag else None

    def _lik(self, b: m.Lik, skop: Skop) -> str:
        s, a = self.s, b.lik
        v = s.nytt("v")
        verdi = s.sti(a.felt, skop)
        if a.som_felt is None:
            # Normalised twice: once as the value to compare with, once as it is compared
            # (casefold() of a casefolded text is not always the same text).
            motpart = s.konst(normaliser(normaliser(a.verdi)))
        else:
            motpart = s.normalisert(s.sti(a.som_felt, skop), skop[0].type_av(a.som_felt))
        normal = s.normalisert(v, skop[0].type_av(a.felt))
        return f"(({v} := {verdi}) is not None and {normal} == {motpart})"

    def _en_av(self, b: m.EnAv, skop: Skop) -> str:
        s, a = self.s, b.en_av
        verdier = s.konst({normaliser(v) for v in a.verdier})
        return f"({s.normalisert(s.sti(a.felt, skop), skop[0].type_av(a.felt))} in {verdier})"

    def _inneholder(self, b: m.Inneholder, skop: Skop) -> str:
        s, a = self.s, b.inneholder
        if a.som_felt is None:
            onsket = s.konst(normaliser(normaliser(a.verdi)))
        else:
            onsket = s.normalisert(s.sti(a.som_felt, skop), skop[0].type_av(a.som_felt))
        # ``in`` compares by identity first: the same as == for text, not for a float NaN.
        if not er_tekst(skop[0].type_av(a.felt).element):
            return f"{s.konst(_inneholder_lik)}({onsket}, {s.sti(a.felt, skop)})"
        return f"({onsket} in map(N, {s.sti(a.felt, skop)} or ()))"

    def _finnes(self, b: m.Finnes, skop: Skop) -> str:
        v = self.s.nytt("v")
        return f"(({v} := {self.s.sti(b.finnes, skop)}) is not None and {v} != [] and {v} != '')"

    def _dato_krav(self, b: m.Datokrav, skop: Skop) -> str:
        a, s = b.dato, self.s
        v = s.nytt("v")
        mangler = "True" if a.hvis_mangler else "False"
        deler: list[str] = []
        for grense, tegn in ((a.senest, "<="), (a.tidligst, ">=")):
            if grense is None or grense == "":
                continue
            fast = m.som_dato(grense)
            if fast is not None:
                deler.append(f"{v} {tegn} {s.konst(fast)}")
            else:
                g = s.nytt("g")
                deler.append(
                    f"({mangler} if ({g} := {s.sti(grense, skop)}) is None else {v} {tegn} {g})"
                )
        sann = " and ".join(deler) or "True"
        return f"({mangler} if ({v} := {s.sti(a.felt, skop)}) is None else ({sann}))"

    def _antall_ulike(self, b: m.AntallUlike, skop: Skop) -> str:
        a = b.antall_ulike
        return self._innenfor(
            f"len(set(map(N, {self.s.sti(a.felt, skop)} or [])))", a.minst, a.hoyst
        )

    def _tall(self, b: m.Tall, skop: Skop) -> str:
        a = b.tall
        v = self.s.nytt("v")
        grenser = self._innenfor(v, a.minst, a.hoyst)
        return f"(({v} := {self.s.sti(a.felt, skop)}) is not None and {grenser})"

    def _innenfor(self, verdi: str, minst: float | None, hoyst: float | None) -> str:
        """Whether ``verdi`` (used once) is within ``minst``–``hoyst``, both ends included."""
        if minst is not None and hoyst is not None:
            return f"({self.s.konst(minst)} <= {verdi} <= {self.s.konst(hoyst)})"
        if minst is not None:
            return f"({verdi} >= {self.s.konst(minst)})"
        if hoyst is not None:
            return f"({verdi} <= {self.s.konst(hoyst)})"
        return "True"

    def _dato(self, sti_eller_dato: str, skop: Skop) -> str:
        fast = m.som_dato(sti_eller_dato)
        return self.s.konst(fast) if fast is not None else self.s.sti(sti_eller_dato, skop)

    # --- statements ------------------------------------------------------------------------

    def _kjede(
        self,
        deler: Sequence[m.Betingelse],
        niva: int,
        ok: str,
        ikke: str,
        skriv: Callable[[m.Betingelse, int], str],
    ) -> str:
        """Parts in turn, each only while ``ok`` (``ikke``: while not ``ok``) says go on: nested
        ``if``s down to ``FLAT``, then side by side (the same answer, less indentation)."""
        s = self.s
        vakt = niva  # where the next «if ok:» goes
        for i, del_ in enumerate(deler):
            if not i:
                s.skriv(niva, f"{ok} = {skriv(del_, niva)}")
                continue
            s.skriv(vakt, f"if {ikke}{ok}:")
            s.skriv(vakt + 1, f"{ok} = {skriv(del_, vakt + 1)}")
            if vakt + 1 < FLAT:
                vakt += 1
        return ok

    def _avgjor(self, b: Kvantornode, antall: str, treff: str) -> str:
        """The quantifier's answer from the counts (each used once)."""
        if isinstance(b, m.Noen):
            return f"({treff} > 0)"
        if isinstance(b, m.Alle):
            return f"({treff} == {antall})"
        if isinstance(b, m.Ingen):
            return f"({treff} == 0)"
        return self._innenfor(treff, b.antall.minst, b.antall.hoyst)

    def _lokke(self, k: m.Kvantor, skop: Skop, niva: int, liste: str) -> Skop:
        """``for e in liste:`` with the item bound to ``k.som``."""
        omfang = skop[0]
        type_ = omfang.type_av(k.liste).element
        element = self.s.nytt("e")
        self.s.skriv(niva, f"for {element} in {liste}:")
        return med(skop, k.som, type_, element)

    def _tell_test(self, b: Kvantornode, skop: Skop, niva: int) -> str:
        s, k = self.s, _kvantor(b)
        assert k.hvor is not None
        liste = f"{s.sti(k.liste, skop)} or ()"
        if isinstance(b, m.Antall):
            n = s.nytt("n")
            s.skriv(niva, f"{n} = 0")
            indre = self._lokke(k, skop, niva, liste)
            s.skriv(niva + 1, f"if {self.test(k.hvor, indre, niva + 1)}:")
            s.skriv(niva + 2, f"{n} += 1")
            return self._avgjor(b, "", n)
        # Stop at the first item that decides.
        ok = s.nytt("o")
        start, ved = (
            ("False", "")
            if isinstance(b, m.Noen)
            else ("True", "not " if isinstance(b, m.Alle) else "")
        )
        s.skriv(niva, f"{ok} = {start}")
        indre = self._lokke(k, skop, niva, liste)
        s.skriv(niva + 1, f"if {ved}{self.test(k.hvor, indre, niva + 1)}:")
        s.skriv(niva + 2, f"{ok} = {'False' if start == 'True' else 'True'}")
        s.skriv(niva + 2, "break")
        return ok

    def _tell_sjekk(self, b: Kvantornode, skop: Skop, niva: int, bevis: str) -> str:
        s, k = self.s, _kvantor(b)
        liste, n = s.nytt("l"), s.nytt("n")
        s.skriv(niva, f"{liste} = {s.sti(k.liste, skop)} or ()")
        s.skriv(niva, f"{n} = 0")
        indre = self._lokke(k, skop, niva, liste)
        niva += 1
        funnet: str | None = None
        if k.hvor is not None:
            if k.bevis is not None or not gir_bevis(k.hvor):
                treff = self.test(k.hvor, indre, niva)
            else:
                funnet = bevis if bare_ved_treff(k.hvor) else s.nytt("b")
                if funnet != bevis:
                    s.skriv(niva, f"{funnet} = []")
                treff = self.sjekk(k.hvor, indre, niva, funnet)
            s.skriv(niva, f"if not {treff}:")
            s.skriv(niva + 1, "continue")
        s.skriv(niva, f"{n} += 1")
        if k.bevis is not None:
            s.skriv(niva, f"{bevis}.append({s.mal(k.bevis, indre, {})})")
        elif funnet is not None and funnet != bevis:
            s.skriv(niva, f"{bevis} += {funnet}")
        return self._avgjor(b, f"len({liste})", n)

    def _dager_sjekk(self, a: m.DagerArgumenter, skop: Skop, niva: int, bevis: str) -> str:
        s = self.s
        fra, til, ok = s.nytt("d"), s.nytt("d"), s.nytt("o")
        s.skriv(niva, f"{fra} = {self._dato(a.fra, skop)}")
        s.skriv(niva, f"{til} = {self._dato(a.til, skop)}")
        s.skriv(niva, f"{ok} = False")
        s.skriv(niva, f"if isinstance({fra}, {self.dato}) and isinstance({til}, {self.dato}):")
        dager = s.nytt("n")
        s.skriv(niva + 1, f"{dager} = ({til} - {fra}).days")
        tekst = s.konst(" dager fra ")
        og_til = s.konst(" til ")
        s.skriv(
            niva + 1,
            f"{bevis}.append(''.join((str({dager}), {tekst}, F({fra}), {og_til}, F({til}))))",
        )
        s.skriv(niva + 1, f"{ok} = {self._innenfor(dager, a.minst, a.hoyst)}")
        return ok


_UTTRYKK: dict[type[Any], Callable[[Betingelser, Any, Skop], str]] = {
    m.Lik: Betingelser._lik,
    m.EnAv: Betingelser._en_av,
    m.Inneholder: Betingelser._inneholder,
    m.Finnes: Betingelser._finnes,
    m.Datokrav: Betingelser._dato_krav,
    m.AntallUlike: Betingelser._antall_ulike,
    m.Tall: Betingelser._tall,
}

assert set(_UTTRYKK) == set(_ENKLE)
