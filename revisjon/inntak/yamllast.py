"""Safe, bounded YAML loading with line numbers, shared by case files and criteria files.

Only plain data is built (no tags that construct objects), duplicate keys are errors, dates stay
strings (so YAML and JSON are validated alike), and alias expansion is bounded so that a
"billion laughs" file is refused at once instead of filling memory.

Lines come from PyYAML's C loader's nodes rather than from ruamel.yaml's round-trip positions:
ruamel.yaml reads a case 11 times more slowly (5.7 s against 0.50 s for 500 example cases;
``benchmarks/biblioteker.py``), and intake reads every case of a national extract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from revisjon.inntak.fodselsnummer import fodselsnummer_linjer
from revisjon.inntak.meldinger import vis_nokkel

try:
    from yaml import CSafeLoader as _Grunnlaster
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Grunnlaster  # type: ignore[assignment]

MAKS_NODER = 200_000
"""How many nodes a document may expand to, counting every alias use again."""

MAKS_TEGN = 1024 * 1024
"""Characters in one YAML document. Reading YAML builds a node object per value before any
limit above can be checked, some 60 bytes of memory per character of text; a case is some ten
thousand characters and a criteria file some fifty thousand."""

MAKS_NOSTING = 100
"""How many mappings and lists may lie inside one another (a case is about five deep, a
criteria file about fifteen). libyaml itself stops at 1000; the walks here are not recursive."""

FOR_DYPT = (
    f"dokumentet er nøstet for dypt; grensen er {MAKS_NOSTING} nivåer med mappinger og lister "
    "inni hverandre"
)

Sti = tuple[str | int, ...]


class YamlFeil(Exception):
    """A YAML document that cannot be read; ``linje`` is 1-based, or None."""

    def __init__(self, melding: str, linje: int | None = None) -> None:
        super().__init__(melding)
        self.melding = melding
        self.linje = linje


FNR_MELDING = (
    "inneholder noe som ligner et fødselsnummer eller D-nummer; filen er ikke lest videre. "
    "Fjern nummeret (også fra kommentarer, tagger og nøkler)"
)


class FodselsnummerFeil(YamlFeil):
    """A YAML text that holds an identity number somewhere (a value, a key, a comment, a tag):
    the text is not parsed, so nothing of it can reach a message. ``linjer`` are the lines."""

    def __init__(self, linjer: list[int]) -> None:
        flere = f" (også på linje {', '.join(map(str, linjer[1:]))})" if linjer[1:] else ""
        super().__init__(FNR_MELDING + flere, linjer[0])
        self.linjer = linjer


class _Laster(_Grunnlaster):
    """SafeLoader that keeps timestamps as strings and refuses duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        sett: set[Any] = set()
        for nokkel_node, _ in node.value:
            if nokkel_node.tag == "tag:yaml.org,2002:merge":
                continue  # «<<: *anker» merges a mapping; explicit keys override merged ones
            nokkel = self.construct_object(nokkel_node, deep=deep)
            try:
                if nokkel in sett:
                    raise YamlFeil(
                        f"{vis_nokkel(nokkel)} står to ganger i samme mapping; fjern den ene",
                        nokkel_node.start_mark.line + 1,
                    )
                sett.add(nokkel)
            except TypeError:
                raise YamlFeil(
                    "en nøkkel må være tekst, ikke en liste eller mapping",
                    nokkel_node.start_mark.line + 1,
                ) from None
        return super().construct_mapping(node, deep=deep)


_Laster.yaml_implicit_resolvers = {
    forbokstav: [(tag, regex) for tag, regex in resolvere if tag != "tag:yaml.org,2002:timestamp"]
    for forbokstav, resolvere in _Grunnlaster.yaml_implicit_resolvers.items()
}


@dataclass
class YamlDokument:
    """The data of one YAML document and the line of each field path.

    A path's line is the line of its key (or, for a list item, where the item starts), so a
    problem with a block mapping, a list or a multi-line text is shown on the line that names
    it, not on the line after."""

    data: Any
    linjer: dict[Sti, int] = field(default_factory=dict)

    def linje(self, sti: Sti) -> int | None:
        """The line of ``sti``, or of its nearest ancestor that has one."""
        while sti:
            if sti in self.linjer:
                return self.linjer[sti]
            sti = sti[:-1]
        return self.linjer.get(())


TAGG_MELDING = (
    "en YAML-tagg (!…) er ikke tillatt; saksuttrekk og kriteriefiler skal bare inneholde vanlige "
    "data (tekst, tall, lister og mappinger). Fjern taggen, og skriv tekst i anførselstegn"
)

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


def _har_tagg(laster: _Laster, node: yaml.Node) -> bool:
    """Whether ``node`` has an explicit tag (``!!bool maybe``, ``!!set``, ``!x``): any tag other
    than the one YAML would give the node by itself. Such nodes are refused before anything is
    built: the constructors of the standard tags fail in their own ways on odd values."""
    if isinstance(node, yaml.MappingNode):
        return bool(node.tag != _MAP)
    if isinstance(node, yaml.SequenceNode):
        return bool(node.tag != _SEQ)
    # A plain scalar (libyaml gives style "", PyYAML None): int, float, bool, null or str by
    # its form.
    if not getattr(node, "style", None):
        implisitt = laster.resolve(yaml.ScalarNode, node.value, (True, False))  # type: ignore[no-untyped-call]
        return bool(node.tag != implisitt)
    return bool(node.tag != _STR)


def _kartlegg_linjer(rot: yaml.Node, laster: _Laster) -> dict[Sti, int]:
    """Walk the node graph with a budget, recording the line of each path's key; refuse tags."""
    linjer: dict[Sti, int] = {}
    budsjett = MAKS_NODER
    stabel: list[tuple[yaml.Node, Sti, int]] = [(rot, (), rot.start_mark.line + 1)]
    while stabel:
        node, sti, linje = stabel.pop()
        budsjett -= 1
        if budsjett < 0:
            raise YamlFeil(
                f"dokumentet har mer enn {MAKS_NODER} noder, eller utvider seg til så mange "
                "gjennom YAML-alias (*); del det opp, eller skriv verdiene ut i stedet for å "
                "gjenbruke dem så mange ganger",
                node.start_mark.line + 1,
            )
        linjer.setdefault(sti, linje)
        if _har_tagg(laster, node):
            raise YamlFeil(TAGG_MELDING, node.start_mark.line + 1)
        if len(sti) >= MAKS_NOSTING and isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            raise YamlFeil(FOR_DYPT, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for nokkel_node, verdi_node in node.value:
                if nokkel_node.tag != "tag:yaml.org,2002:merge" and _har_tagg(laster, nokkel_node):
                    raise YamlFeil(TAGG_MELDING, nokkel_node.start_mark.line + 1)
                nokkel = nokkel_node.value if isinstance(nokkel_node, yaml.ScalarNode) else "?"
                stabel.append((verdi_node, (*sti, nokkel), nokkel_node.start_mark.line + 1))
        elif isinstance(node, yaml.SequenceNode):
            stabel.extend(
                (barn, (*sti, i), barn.start_mark.line + 1) for i, barn in enumerate(node.value)
            )
    return linjer


def les_yaml(tekst: str, *, vakt: bool = True) -> YamlDokument:
    """Parse one YAML document; raise YamlFeil with a Norwegian message and line on failure.

    With ``vakt`` (always, but for the caller that has already had FodselsnummerFeil and wants
    to name the fields) the whole text is first searched for identity numbers: every input the
    tool reads as YAML (cases, criteria, overrides, manifests, results) goes through here.
    """
    if len(tekst) > MAKS_TEGN:
        raise YamlFeil(
            f"YAML-filen har {len(tekst)} tegn, over grensen på {MAKS_TEGN} tegn; del den opp, "
            "eller bruk JSON (.json, .jsonl) for store saksuttrekk"
        )
    if vakt and (med_nummer := fodselsnummer_linjer(tekst)):
        raise FodselsnummerFeil(med_nummer)
    laster = _Laster(tekst)
    try:
        node = laster.get_single_node()
        if node is None:
            raise YamlFeil("filen er tom")
        linjer = _kartlegg_linjer(node, laster)
        data = laster.construct_document(node)
    except yaml.MarkedYAMLError as feil:
        raise _oversett(feil) from None
    except yaml.reader.ReaderError as feil:
        # libyaml gives the position as a byte offset in the UTF-8 text
        linje = tekst.encode("utf-8", "surrogatepass")[: feil.position].count(b"\n") + 1
        tegn = f" (U+{feil.character:04X})" if isinstance(feil.character, int) else ""
        raise YamlFeil(
            f"filen har et kontrolltegn{tegn} som YAML ikke tillater; fjern det", linje
        ) from None
    except yaml.YAMLError as feil:
        raise YamlFeil(f"ugyldig YAML ({feil})") from None
    except ValueError:  # an integer with more digits than Python will convert
        raise YamlFeil("et tall i filen har for mange siffer") from None
    except RecursionError:  # the pure-Python parser (PyYAML without libyaml) on deep nesting
        raise YamlFeil(FOR_DYPT) from None
    finally:
        laster.dispose()
    return YamlDokument(data, linjer)


def _oversett(feil: yaml.MarkedYAMLError) -> YamlFeil:
    merke = feil.problem_mark or feil.context_mark
    linje = merke.line + 1 if merke else None
    problem = feil.problem or ""
    if "could not determine a constructor" in problem or "constructor for the tag" in problem:
        return YamlFeil(TAGG_MELDING, linje)  # the tag's name is never shown: it is input
    if "another document" in problem or "single document" in str(feil.context):
        return YamlFeil("filen har flere YAML-dokumenter (---); legg én sak i hver fil", linje)
    if "maximum nesting depth" in problem:  # libyaml's own limit (1000), far above ours
        return YamlFeil(FOR_DYPT, linje)
    if "found undefined alias" in problem:
        return YamlFeil("YAML-aliaset (*) viser til et anker (&) som ikke finnes", linje)
    kolonne = f" kolonne {merke.column + 1}" if merke else ""
    return YamlFeil(
        f"ugyldig YAML-syntaks ved{kolonne}; kontroller innrykk, kolon og anførselstegn "
        f"(parseren sier: {problem or feil})",
        linje,
    )
