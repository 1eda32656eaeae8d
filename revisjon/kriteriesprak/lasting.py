"""Loading criteria files: YAML → checked models → compiled criteria, or every problem found.

Problems are reported as ``file:line: kriterium-id: what is wrong`` (KriterieFeil), so that a
broken criterion is caught before a single case is judged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from revisjon.feil import Avvisning, KriterieFeil
from revisjon.felttre import forslag
from revisjon.inntak.datafil import MAKS_FEIL, fnr_i_data, fnr_i_navn
from revisjon.inntak.dekoding import DekodingFeil, dekod
from revisjon.inntak.meldinger import felt_sti, og_flere, oversett
from revisjon.inntak.yamllast import Sti, YamlDokument, YamlFeil, les_yaml
from revisjon.kriteriesprak.gyldighet import Kompileringsfeil
from revisjon.kriteriesprak.maler import sjekk_rapporttekst
from revisjon.kriteriesprak.modell import OPERASJONER, Kriteriesett, Kriterium
from revisjon.kriteriesprak.regel import KompilertKriterium, kompiler_kriterium

STANDARDSETT = "barnefattigdom-nav.yaml"


@dataclass(frozen=True)
class LastetSett:
    """One criteria file, checked and compiled."""

    fil: str
    sha256: str
    sett: Kriteriesett
    kriterier: tuple[KompilertKriterium, ...]
    sti: Path | None = field(default=None, compare=False)
    linjer: YamlDokument | None = field(default=None, compare=False, repr=False)

    def linje(self, loc: Sti) -> int | None:
        """The line of a path in the file (for messages about tests and report texts)."""
        return self.linjer.linje(loc) if self.linjer else None


def standard_kriteriefil() -> Path:
    """The bundled default criteria set (installed with the package)."""
    return Path(str(resources.files("revisjon") / "kriterier" / STANDARDSETT))


def finn_kriteriefiler(stier: Sequence[Path]) -> list[Path]:
    """Criteria files named directly, or every .yaml/.yml directly in a named directory (sorted).

    Subdirectories are not searched: they hold the example cases that criteria tests refer to.
    """
    filer: list[Path] = []
    for sti in stier:
        if sti.is_dir():
            filer += sorted(
                p for p in sti.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml")
            )
        else:
            filer.append(sti)
    return filer


def last_kriterier(stier: Sequence[Path] = ()) -> list[LastetSett]:
    """Load and compile criteria files (the bundled default when none are given).

    Raises KriterieFeil listing every problem in every file, and duplicate ids across files.
    """
    filer = finn_kriteriefiler(stier) if stier else [standard_kriteriefil()]
    problemer: list[Avvisning] = []
    if not filer:
        navn = ", ".join(str(s) for s in stier)
        raise KriterieFeil([Avvisning(navn, None, None, "ingen kriteriefiler (.yaml) funnet")])
    lastet: list[LastetSett] = []
    sett_id: dict[str, tuple[str, int | None]] = {}
    for fil in filer:
        sett, feil = last_fil(fil)
        problemer += feil
        if sett is None:
            continue
        for i, kriterium in enumerate(sett.kriterier):
            linje = sett.linje(("kriterier", i, "id"))
            if kriterium.id in sett_id:
                forste, forste_linje = sett_id[kriterium.id]
                if forste == sett.fil:
                    hvor = f"på linje {forste_linje} i samme fil" if forste_linje else "før"
                else:
                    hvor = (
                        f"før (i {forste}:{forste_linje})" if forste_linje else f"før (i {forste})"
                    )
                problemer.append(
                    Avvisning(
                        sett.fil,
                        linje,
                        kriterium.id,
                        f"id-en er brukt {hvor}; gi hvert kriterium en unik id",
                    )
                )
            sett_id.setdefault(kriterium.id, (sett.fil, linje))
        lastet.append(sett)
    if problemer:
        raise KriterieFeil(problemer)
    return lastet


def visningsnavn(fil: Path) -> str:
    """How a criteria file is named in messages and reports; the bundled set by its package
    name, so that reports do not depend on where the package is installed."""
    return f"revisjon:kriterier/{fil.name}" if fil == standard_kriteriefil() else str(fil)


def last_fil(fil: Path) -> tuple[LastetSett | None, list[Avvisning]]:
    """One criteria file, or the problems that make it unusable."""
    navn = visningsnavn(fil)
    if problemer := fnr_i_navn(fil):
        return None, problemer
    try:
        innhold = fil.read_bytes()
        tekst = dekod(innhold)
        dokument = les_yaml(tekst)
    except OSError as feil:
        return None, [Avvisning(navn, None, None, f"kan ikke leses ({feil.strerror})")]
    except (YamlFeil, DekodingFeil) as feil:
        return None, [Avvisning(navn, feil.linje, None, feil.melding)]
    if problemer := fnr_i_data(navn, dokument):
        return None, problemer

    try:
        sett = Kriteriesett.model_validate(dokument.data)
    except ValidationError as feil:
        forste = oversett(feil, Kriteriesett, maks=MAKS_FEIL)
        funnet = [
            Avvisning(
                navn,
                dokument.linje(_operasjonsnokkel(dokument.data, loc)),
                _kriterium_id(dokument.data, loc),
                _sted(loc, m),
            )
            for loc, m in forste
        ]
        if flere := og_flere(len(funnet), feil.error_count()):
            funnet.append(Avvisning(navn, None, None, flere))
        # Every problem in one run: the criteria that are valid on their own are compiled too.
        ugyldige = {
            loc[1]
            for loc, _ in forste
            if len(loc) >= 2 and loc[0] == "kriterier" and isinstance(loc[1], int)
        }
        funnet += _kompileringsfeil_i_gyldige(navn, dokument, ugyldige)
        return None, funnet
    kompilerte: list[KompilertKriterium] = []
    problemer = []
    for i, kriterium in enumerate(sett.kriterier):
        try:
            kompilerte.append(kompiler_kriterium(kriterium, sett.negasjonsord, sett.tekstlesing))
        except Kompileringsfeil as feil:
            loc = ("kriterier", i, *feil.sted)
            problemer.append(
                Avvisning(navn, dokument.linje(loc), kriterium.id, _sted(loc, feil.melding))
            )
    for loc, kriterium_id, melding in rapportproblemer(sett):
        problemer.append(Avvisning(navn, dokument.linje(loc), kriterium_id, _sted(loc, melding)))
    if problemer:
        return None, problemer
    sha = hashlib.sha256(innhold).hexdigest()
    return LastetSett(navn, sha, sett, tuple(kompilerte), sti=fil, linjer=dokument), []


def _kompileringsfeil_i_gyldige(
    navn: str, dokument: YamlDokument, ugyldige: set[int]
) -> list[Avvisning]:
    """The duplicate ids and compile problems of the criteria in a file that failed validation
    elsewhere, so that one run of ``sjekk`` shows them all."""
    data = dokument.data
    kriterier = data.get("kriterier") if isinstance(data, dict) else None
    if not isinstance(kriterier, list):
        return []
    neg = data.get("negasjonsord")
    negasjonsord = (
        neg if isinstance(neg, list) and all(isinstance(o, str) and o for o in neg) else None
    ) or ["ikke", "uten"]
    problemer: list[Avvisning] = []
    brukt: dict[str, int | None] = {}
    for i, raa in enumerate(kriterier):
        kid = raa.get("id") if isinstance(raa, dict) else None
        if isinstance(kid, str):
            linje = dokument.linje(("kriterier", i, "id"))
            if kid in brukt:
                sted = f"på linje {brukt[kid]}" if brukt[kid] else "før"
                melding = f"id-en er brukt {sted} i samme fil; gi hvert kriterium en unik id"
                problemer.append(Avvisning(navn, linje, kid, melding))
            brukt.setdefault(kid, linje)
        if i in ugyldige:
            continue
        try:
            kriterium = Kriterium.model_validate(raa)
            kompiler_kriterium(kriterium, negasjonsord)
        except ValidationError:
            continue
        except Kompileringsfeil as feil:
            loc = ("kriterier", i, *feil.sted)
            problemer.append(
                Avvisning(navn, dokument.linje(loc), kriterium.id, _sted(loc, feil.melding))
            )
    return problemer


def rapportproblemer(sett: Kriteriesett) -> list[tuple[Sti, str | None, str]]:
    """Problems in what the report uses: the wording scale, problemstillinger and report texts."""
    problemer: list[tuple[Sti, str | None, str]] = []
    forrige: tuple[float, int] | None = None
    for i, steg in enumerate(sett.gradering):
        # Non-increasing thresholds; at equal thresholds «over» (strict) must come first.
        noekkel = (steg.grense, 1 if steg.over is not None else 0)
        if forrige is not None and noekkel > forrige:
            problemer.append(
                (
                    ("gradering", i),
                    None,
                    "trinnene står ikke i synkende rekkefølge; skriv det høyeste trinnet først",
                )
            )
        forrige = noekkel
    siste = sett.gradering[-1]
    if siste.minst != 0:
        problemer.append(
            (
                ("gradering", len(sett.gradering) - 1),
                None,
                "siste trinn må være «minst: 0», så hver andel får en formulering",
            )
        )
    kjente = {k.id for k in sett.kriterier}
    if isinstance(sett.problemstilling, list):
        for i, p in enumerate(sett.problemstilling):
            for j, kid in enumerate(p.kriterier or []):
                if kid not in kjente:
                    tips = forslag(kid, kjente)
                    hint = f"; mente du «{tips}»?" if tips else ""
                    problemer.append(
                        (
                            ("problemstilling", i, "kriterier", j),
                            None,
                            f"kriteriet «{kid}» finnes ikke i filen{hint}",
                        )
                    )
            if p.konklusjon and (feil := sjekk_rapporttekst(p.konklusjon)):
                problemer.append((("problemstilling", i, "konklusjon"), None, feil))
    for i, k in enumerate(sett.kriterier):
        tekster: list[tuple[Sti, str | None]] = [(("anbefaling",), k.anbefaling)]
        if k.revisjonens_vurdering:
            tekster += [
                (("revisjonens_vurdering", navn), tekst)
                for navn, tekst in k.revisjonens_vurdering.model_dump().items()
            ]
        for sted, tekst in tekster:
            if tekst and (feil := sjekk_rapporttekst(tekst)):
                problemer.append((("kriterier", i, *sted), k.id, feil))
    return problemer


_BETINGELSESFELT = ("oppfylt", "delvis_oppfylt", "krav", "vilkar", "hvor", "ikke")


def _operasjonsnokkel(data: Any, loc: Sti) -> Sti:
    """For a condition with an unknown operation or with several keys: the key to point at.

    The message names the condition (``…hvor: ukjent operasjon «finns»``); the line is the
    line of the misspelt (or the second) key, not of the key that holds the condition.
    """
    siste = loc[-1] if loc else None
    if not (
        siste in _BETINGELSESFELT
        or (isinstance(siste, int) and len(loc) >= 2 and loc[-2] in ("og", "eller"))
    ):
        return loc
    verdi = data
    for ledd in loc:
        try:
            verdi = verdi[ledd]
        except (KeyError, IndexError, TypeError):
            return loc
    if not isinstance(verdi, dict) or not verdi:
        return loc
    nokler = list(verdi)
    if len(nokler) > 1:
        return (*loc, str(nokler[1]))
    return (*loc, str(nokler[0])) if nokler[0] not in OPERASJONER else loc


def _kriterium_id(data: Any, loc: tuple[str | int, ...]) -> str | None:
    """The id of the criterion a location is inside, as written in the file."""
    if len(loc) >= 2 and loc[0] == "kriterier" and isinstance(loc[1], int):
        try:
            kriterium = data["kriterier"][loc[1]]
            return (
                str(kriterium.get("id"))
                if isinstance(kriterium, dict) and kriterium.get("id")
                else f"kriterium nr. {loc[1] + 1}"
            )
        except (KeyError, IndexError, TypeError):
            return None
    return None


def _sted(loc: tuple[str | int, ...], melding: str) -> str:
    """The field path inside the criterion (or the file) in front of the message."""
    inni = loc[2:] if len(loc) >= 2 and loc[0] == "kriterier" and isinstance(loc[1], int) else loc
    sti = felt_sti(inni)
    return f"{sti}: {melding}" if sti else melding
