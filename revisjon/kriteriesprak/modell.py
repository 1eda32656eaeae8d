"""The criteria file format (``revisjon-kriterier/1``) as pydantic models.

A condition (``Betingelse``) is a mapping with exactly one key naming its operation. The set of
operations is closed; each is a small model below, ``gyldighet`` checks it against the case model
and ``kodegen_betingelser`` writes out its meaning.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Discriminator, Field, Tag, model_validator

from revisjon.sak import Dato, Modell, Tjeneste
from revisjon.tekst.fraser import kompiler as kompiler_frase

Skalar = str | int | float | bool
STATUSER = ("oppfylt", "delvis_oppfylt", "ikke_oppfylt", "ikke_aktuelt", "ikke_vurdert")
Status = Literal["oppfylt", "delvis_oppfylt", "ikke_oppfylt", "ikke_aktuelt", "ikke_vurdert"]


class Kvantor(Modell):
    """A list to look through, the name each item is bound to, and what the item must satisfy."""

    liste: str
    som: str = Field(pattern=r"^[a-z_][a-z0-9_]*$")
    hvor: Betingelse | None = None
    bevis: str | None = None


class Telling(Kvantor):
    minst: int | None = Field(default=None, ge=0)
    hoyst: int | None = Field(default=None, ge=0)


class Sammenligning(Modell):
    """``felt`` compared with a literal ``verdi`` or with another field, ``som_felt``."""

    felt: str
    verdi: Skalar | None = None
    som_felt: str | None = None

    @model_validator(mode="after")
    def _en_motpart(self) -> Sammenligning:
        if (self.verdi is None) == (self.som_felt is None):
            raise ValueError("oppgi enten «verdi» eller «som_felt», ikke begge og ikke ingen")
        return self


class EnAvArgumenter(Modell):
    felt: str
    verdier: list[Skalar] = Field(min_length=1)


class DatoArgumenter(Modell):
    """``felt`` on or before ``senest`` / on or after ``tidligst`` (a field path or a date)."""

    felt: str
    senest: str | None = None
    tidligst: str | None = None
    hvis_mangler: bool = False

    @model_validator(mode="after")
    def _en_grense(self) -> DatoArgumenter:
        if self.senest is None and self.tidligst is None:
            raise ValueError("oppgi «senest», «tidligst» eller begge")
        return self


class Grenser(Modell):
    minst: float | None = None
    hoyst: float | None = None

    @model_validator(mode="after")
    def _en_grense(self) -> Grenser:
        if self.minst is None and self.hoyst is None:
            raise ValueError("oppgi «minst», «hoyst» eller begge")
        if self.minst is not None and self.hoyst is not None and self.minst > self.hoyst:
            raise ValueError("«minst» er større enn «hoyst»")
        return self


class FeltGrenser(Grenser):
    felt: str


class DagerArgumenter(Grenser):
    fra: str
    til: str


def _frase(tekst: str) -> str:
    kompiler_frase(tekst)  # ValueError with a Norwegian message: the phrase has no word, …
    return tekst


Fraseliste = list[Annotated[str, Field(min_length=1), AfterValidator(_frase)]]
"""Phrases of the text reading (syntax in ``revisjon.tekst.fraser``), checked at load."""
Niva = Literal["nevnt", "vektet"]


class TekstArgumenter(Modell):
    """A free-text field read sentence by sentence: either phrases or regular expressions found
    in a sentence without negation, or a reading (``lesing``, see ``Lesing``) that reaches the
    level ``krav``."""

    felt: str
    fraser: list[str] = []
    regex: list[str] = []
    ta_med_negerte: bool = False
    lesing: str | None = None
    krav: Niva = "nevnt"

    @model_validator(mode="after")
    def _noe_a_se_etter(self) -> TekstArgumenter:
        if self.lesing is not None:
            if self.fraser or self.regex or self.ta_med_negerte:
                raise ValueError(
                    "«lesing» står alene: «fraser», «regex» og «ta_med_negerte» hører til et "
                    "frasesøk"
                )
        elif not self.fraser and not self.regex:
            raise ValueError("oppgi «fraser», «regex» eller begge, eller en «lesing»")
        elif "krav" in self.model_fields_set:
            raise ValueError("«krav» hører til en «lesing»")
        return self


class Negasjon(Modell):
    """The negation lexicon of the text reading (``revisjon.tekst.ledd``); a list not given
    keeps the package's default."""

    ord: Fraseliste | None = None
    hoyre: Fraseliste | None = None
    ikke_nektende: Fraseliste | None = None
    inn_i_at: Fraseliste | None = None
    leddskille: Fraseliste | None = None
    etter_komma: Fraseliste | None = None


class Setningsart(Modell):
    """A kind of sentence a reading can leave out (``revisjon.tekst.arter``)."""

    start: Fraseliste = []
    overalt: Fraseliste = []
    sammen: list[Fraseliste] = []
    ikke_hvis: Fraseliste = []
    omfang: Literal["setning", "fra_leddet", "leddet"] = "setning"


Omfang = Literal["samme_setning", "neste_setning"]


class Lesing(Modell):
    """One reading of a text (``revisjon.tekst.lesing``): who the text is about, what counts as
    a mention, a weighing and concrete content, and which kinds of sentence are left out."""

    beskrivelse: str | None = None
    barn: Fraseliste = Field(min_length=1)
    pronomen: Fraseliste = []
    omtale: Fraseliste = Field(min_length=1)
    vekting: Fraseliste = []
    vekting_utfall: Fraseliste = []
    tilbakevisning: Fraseliste = []
    tilbakevisning_start: Fraseliste = []
    innhold: Fraseliste = []
    fakta: Fraseliste = []
    vedtaksformel: Fraseliste = []
    utelat: list[str] = ["regel", "soker", "utsatt"]
    omfang: list[Omfang] = Field(default=["samme_setning", "neste_setning"], min_length=1)


class Tekstlesing(Modell):
    """``tekstlesing:`` in a criteria file: negation, kinds of sentence and readings. Each
    part replaces the package's default of the same name (``revisjon/tekst/standard.yaml``);
    what is not given keeps the default."""

    negasjon: Negasjon = Negasjon()
    setningsarter: dict[str, Setningsart] = {}
    lesinger: dict[str, Lesing] = {}


class Og(Modell):
    og: list[Betingelse] = Field(min_length=1)


class Eller(Modell):
    eller: list[Betingelse] = Field(min_length=1)


class Ikke(Modell):
    ikke: Betingelse


class Noen(Modell):
    noen: Kvantor


class Alle(Modell):
    alle: Kvantor


class Ingen(Modell):
    ingen: Kvantor


class Antall(Modell):
    antall: Telling


class Lik(Modell):
    lik: Sammenligning


class Inneholder(Modell):
    inneholder: Sammenligning


class EnAv(Modell):
    en_av: EnAvArgumenter


class Finnes(Modell):
    finnes: str


class Datokrav(Modell):
    dato: DatoArgumenter


class AntallUlike(Modell):
    antall_ulike: FeltGrenser


class Tall(Modell):
    tall: FeltGrenser


class Tekst(Modell):
    tekst: TekstArgumenter


class DagerMellom(Modell):
    dager_mellom: DagerArgumenter


OPERASJONER: dict[str, type[Modell]] = {
    "og": Og,
    "eller": Eller,
    "ikke": Ikke,
    "noen": Noen,
    "alle": Alle,
    "ingen": Ingen,
    "antall": Antall,
    "lik": Lik,
    "en_av": EnAv,
    "inneholder": Inneholder,
    "finnes": Finnes,
    "dato": Datokrav,
    "antall_ulike": AntallUlike,
    "tall": Tall,
    "tekst": Tekst,
    "dager_mellom": DagerMellom,
}
"""Every operation of the language, by its key."""


def _operasjon(verdi: Any) -> str | None:
    if isinstance(verdi, dict):
        return next(iter(verdi)) if len(verdi) == 1 else "<flere-nokler>"
    if isinstance(verdi, Modell):
        return next(iter(type(verdi).model_fields))
    return None


Betingelse = Annotated[
    Annotated[Og, Tag("og")]
    | Annotated[Eller, Tag("eller")]
    | Annotated[Ikke, Tag("ikke")]
    | Annotated[Noen, Tag("noen")]
    | Annotated[Alle, Tag("alle")]
    | Annotated[Ingen, Tag("ingen")]
    | Annotated[Antall, Tag("antall")]
    | Annotated[Lik, Tag("lik")]
    | Annotated[EnAv, Tag("en_av")]
    | Annotated[Inneholder, Tag("inneholder")]
    | Annotated[Finnes, Tag("finnes")]
    | Annotated[Datokrav, Tag("dato")]
    | Annotated[AntallUlike, Tag("antall_ulike")]
    | Annotated[Tall, Tag("tall")]
    | Annotated[Tekst, Tag("tekst")]
    | Annotated[DagerMellom, Tag("dager_mellom")],
    Discriminator(_operasjon),
]


class Gjelder(Modell):
    """When a criterion applies; when any part fails the verdict is ``ikke_aktuelt``."""

    tjeneste: list[Tjeneste] | None = None
    har_barn: bool | None = None
    har_vedtak: bool | None = None
    i_kraft_fra: Dato | None = None
    i_kraft_til: Dato | None = None
    vilkar: Betingelse | None = None


class ForHvert(Modell):
    liste: str
    som: str = Field(pattern=r"^[a-z_][a-z0-9_]*$")
    hvor: Betingelse | None = None


class Vurdering(Modell):
    """Either a quantifier over a list (``for_hvert`` + ``krav``) or graded conditions."""

    for_hvert: ForHvert | None = None
    krav: Betingelse | None = None
    tekst_oppfylt: str | None = None
    tekst_mangler: str | None = None
    oppfylt: Betingelse | None = None
    delvis_oppfylt: Betingelse | None = None

    @model_validator(mode="after")
    def _en_form(self) -> Vurdering:
        if self.for_hvert is not None:
            if self.krav is None:
                raise ValueError("«for_hvert» trenger «krav»: det hvert element må oppfylle")
            if self.oppfylt is not None or self.delvis_oppfylt is not None:
                raise ValueError(
                    "bruk enten «for_hvert» med «krav», eller «oppfylt»/«delvis_oppfylt», "
                    "ikke begge"
                )
            if self.tekst_mangler is None:
                raise ValueError(
                    "«for_hvert» trenger «tekst_mangler» (hva som mangler per element)"
                )
        else:
            if self.oppfylt is None:
                raise ValueError("oppgi «oppfylt» (eller «for_hvert» med «krav»)")
            if self.krav is not None or self.tekst_oppfylt or self.tekst_mangler:
                raise ValueError("«krav», «tekst_oppfylt» og «tekst_mangler» hører til «for_hvert»")
        return self


class Begrunnelser(Modell):
    """Finding texts per status; ``{felt.sti}`` and a few named values are filled in."""

    oppfylt: str
    delvis_oppfylt: str | None = None
    ikke_oppfylt: str
    ikke_aktuelt: str | None = None
    ikke_vurdert: str | None = None


class RevisjonensVurdering(Modell):
    """The auditor's assessment text, chosen by the result: met in all, some or none of the cases.

    Texts may use {oppfylt}, {delvis_oppfylt}, {ikke_oppfylt}, {ikke_aktuelt}, {ikke_vurdert},
    {vurdert}, {andel}, {intervall} and {grad}.
    """

    alle: str = Field(min_length=1)
    noen: str = Field(min_length=1)
    ingen: str = Field(min_length=1)


class Kriterium(Modell):
    id: str = Field(pattern=r"^[A-Za-z0-9ÆØÅæøå_.-]+$")
    tittel: str = Field(min_length=1)
    kilde: list[str] = Field(min_length=1)
    beskrivelse: str | None = None
    gjelder: Gjelder = Gjelder()
    krever: list[str] = []
    vurdering: Vurdering
    begrunnelse: Begrunnelser
    revisjonens_vurdering: RevisjonensVurdering | None = None
    anbefaling: str | None = None
    anbefaling_ved_avvik: bool = False
    """Recommend at any deviation, not only below the file's ``anbefaling_under`` (a breach
    that must never happen, such as a child used as interpreter)."""
    # Whether begrunnelse.delvis_oppfylt is needed is checked when the criterion is compiled
    # (regel.kompiler_kriterium), so that the problem is reported at «begrunnelse».


class Grad(Modell):
    """One step of the wording scale: a share of at least ``minst`` (or above ``over``) reads
    as ``tekst`` ("i stor grad"). Steps are tried from the top; the first that holds is used."""

    tekst: str = Field(min_length=1)
    minst: float | None = Field(default=None, ge=0, le=1)
    over: float | None = Field(default=None, ge=0, le=1)

    @model_validator(mode="after")
    def _en_grense(self) -> Grad:
        if (self.minst is None) == (self.over is None):
            raise ValueError("oppgi enten «minst» eller «over» for hvert trinn")
        return self

    @property
    def grense(self) -> float:
        return self.minst if self.minst is not None else self.over  # type: ignore[return-value]


STANDARD_GRADERING = [
    Grad(minst=0.9, tekst="i stor grad"),
    Grad(minst=0.6, tekst="langt på veg"),
    Grad(minst=0.3, tekst="i noen grad"),
    Grad(over=0, tekst="i begrenset grad"),
    Grad(minst=0, tekst="i liten grad"),
]
"""The wording scale used when a criteria file sets none."""


class Problemstilling(Modell):
    """A question the audit answers, and the criteria its conclusion rests on (all if absent)."""

    tekst: str = Field(min_length=1)
    kriterier: list[str] | None = None
    konklusjon: str | None = None


STANDARD_KONKLUSJON = (
    "I de gjennomgåtte sakene er revisjonskriteriene samlet sett {grad} oppfylt: {kriteriegrader}."
)

Konklusjonsregel = Literal["median", "svakeste"]
"""How a problemstilling's grade follows from the grades of its criteria, each criterion
counting once whatever its number of cases: ``median`` is the grade of the middle criterion
(the weaker of the two middle ones when their number is even), ``svakeste`` that of the weakest."""


class Kriterietest(Modell):
    """A small example case with the status each named criterion must give it: the auditor's
    own proof that a criterion means what they think. ``sak`` is the case inline (YAML anchors
    and ``<<:`` merges keep it short), or ``fil`` names a case file relative to the criteria file."""

    navn: str = Field(min_length=1)
    sak: dict[str, Any] | None = None
    fil: str | None = None
    forventet: dict[str, Status] = Field(min_length=1)

    @model_validator(mode="after")
    def _en_sak(self) -> Kriterietest:
        if (self.sak is None) == (self.fil is None):
            raise ValueError(
                "oppgi enten «sak» (saken i fila) eller «fil» (en saksfil), ikke begge"
            )
        return self


class Kriteriesett(Modell):
    """One criteria file: a named set of criteria, and what the report says about them."""

    format: Literal["revisjon-kriterier/1"]
    tittel: str = Field(min_length=1)
    beskrivelse: str | None = None
    formaal: str | None = None
    bakgrunn: str | None = None
    problemstilling: str | list[Problemstilling] | None = None
    gradering: list[Grad] = Field(default=STANDARD_GRADERING, min_length=1)
    # An empty word would match between any two non-letters and make every sentence negated.
    negasjonsord: list[Annotated[str, Field(min_length=1)]] = Field(
        default=["ikke", "uten"], min_length=1
    )
    tekstlesing: Tekstlesing = Tekstlesing()
    toleranse: float | None = Field(default=None, gt=0, lt=1)
    """Tolerable deviation rate for internal control (``vurder --toleranse`` overrides it)."""
    statusnavn: dict[Status, str] = {}
    konklusjonsregel: Konklusjonsregel = "median"
    anbefaling_under: float | None = Field(default=None, gt=0, le=1)
    """A criterion gets its recommendation when its share met is below this (default: the
    lower limit of the top step of ``gradering``), or at any deviation with
    ``anbefaling_ved_avvik``."""
    kriterier: list[Kriterium] = Field(min_length=1)
    tester: list[Kriterietest] = []

    def problemstillinger(self) -> list[Problemstilling]:
        """The questions with their criteria made explicit (one question for all if none)."""
        alle = [k.id for k in self.kriterier]
        if self.problemstilling is None:
            return [
                Problemstilling(
                    tekst="I hvilken grad er revisjonskriteriene oppfylt i de gjennomgåtte sakene?",
                    kriterier=alle,
                )
            ]
        if isinstance(self.problemstilling, str):
            return [Problemstilling(tekst=self.problemstilling, kriterier=alle)]
        return [
            p if p.kriterier is not None else p.model_copy(update={"kriterier": alle})
            for p in self.problemstilling
        ]


for _modell in (Kvantor, Telling, Og, Eller, Ikke, Gjelder, Vurdering, Kriterium, Kriteriesett):
    _modell.model_rebuild()

DATO_LITERAL = r"^\d{4}-\d{2}-\d{2}$"


def som_dato(tekst: str) -> dt.date | None:
    """A literal ISO date in a criteria file, or None when ``tekst`` is a field path."""
    import re

    if re.match(DATO_LITERAL, tekst):
        return dt.date.fromisoformat(tekst)
    return None
