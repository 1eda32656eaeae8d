"""The trend chart as an SVG file, written by hand (no plotting library): one small panel per
criterion, the share met per period as a point with its confidence interval as a bar, points
joined by a line. A period with too few cases is drawn as a hollow grey point and is not joined
to its neighbours; a panel with no data says «ikke vurdert».

The output is deterministic (fixed layout, numbers with one decimal) and valid XML: text from
the inputs is escaped and stripped of control characters. Hand-written because a plotting
library costs more than the chart: matplotlib imports in 0.94 s and installs 35 MB, this module
is under 200 lines and imports in 0.04 s (``benchmarks/biblioteker.py``), and its SVG is the
same byte for byte on every machine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from revisjon import norsk

BREDDE = 760
VENSTRE, HOYRE = 56, 16
TOPP = 64
PLOTT = 110
"""Height of a panel's plot area, in pixels."""
TITTEL = 26
ETIKETTER, SKRA_ETIKETTER = 44, 96
"""Room below a plot for the period labels, level or slanted."""
SKRA_FRA = 6
"""More periods than this get slanted labels."""
FARGE = "#1f5f99"
SVAK = "#8a8a8a"
_KONTROLLTEGN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Grafpunkt:
    """One period of one criterion; ``andel`` None when nothing was assessed."""

    etikett: str
    andel: float | None
    lav: float | None
    hoy: float | None
    vurdert: int
    svak: bool


@dataclass(frozen=True)
class Panel:
    tittel: str
    punkter: list[Grafpunkt]


def _tekst(verdi: str) -> str:
    return escape(_KONTROLLTEGN.sub("", " ".join(verdi.split())))


def _tall(verdi: float) -> str:
    return f"{verdi:.1f}"


def _sammenhengende(punkter: Sequence[Grafpunkt]) -> list[list[tuple[int, float]]]:
    """Runs of consecutive periods with a share from enough cases; the line breaks where a
    period has none, or too few cases to say anything about a change (``svak``)."""
    biter: list[list[tuple[int, float]]] = [[]]
    for i, p in enumerate(punkter):
        if p.andel is None or p.svak:
            biter.append([])
        else:
            biter[-1].append((i, p.andel))
    return [b for b in biter if b]


def _panelhoyde(perioder: int) -> int:
    return TITTEL + PLOTT + (SKRA_ETIKETTER if perioder > SKRA_FRA else ETIKETTER)


def _panel(panel: Panel, topp: int, perioder: int) -> list[str]:
    bredde = BREDDE - VENSTRE - HOYRE
    y0 = topp + TITTEL  # the plot area starts below the panel title

    def y(andel: float) -> float:
        return y0 + PLOTT * (1 - andel)

    def x(i: int) -> float:
        return VENSTRE + bredde * (i + 0.5) / perioder

    ut = [
        '<g class="panel">',
        f'<text x="{VENSTRE}" y="{topp + 16}" font-size="13" font-weight="bold">'
        f"{_tekst(panel.tittel)}</text>",
    ]
    for steg in (0, 25, 50, 75, 100):
        yy = _tall(y(steg / 100))
        ut.append(
            f'<line x1="{VENSTRE}" y1="{yy}" x2="{BREDDE - HOYRE}" y2="{yy}" '
            f'stroke="#dddddd" stroke-width="1"/>'
        )
        ut.append(
            f'<text x="{VENSTRE - 6}" y="{_tall(y(steg / 100) + 4)}" font-size="10" '
            f'text-anchor="end">{steg} %</text>'
        )
    if all(p.andel is None for p in panel.punkter):
        ut.append(
            f'<text x="{_tall(VENSTRE + bredde / 2)}" y="{_tall(y(0.5) + 4)}" font-size="12" '
            f'text-anchor="middle" fill="{SVAK}">ikke vurdert</text>'
        )
    skra = perioder > SKRA_FRA
    for i, p in enumerate(panel.punkter):
        xx = x(i)
        ly = y0 + PLOTT + 14
        if skra:
            ut.append(
                f'<text x="{_tall(xx)}" y="{_tall(ly)}" font-size="10" text-anchor="end" '
                f'transform="rotate(-30 {_tall(xx)} {_tall(ly)})">{_tekst(p.etikett)} '
                f"(N = {norsk.heltall(p.vurdert)})</text>"
            )
        else:
            ut.append(
                f'<text x="{_tall(xx)}" y="{_tall(ly)}" font-size="10" text-anchor="middle">'
                f'{_tekst(p.etikett)}<tspan x="{_tall(xx)}" dy="12">'
                f"N = {norsk.heltall(p.vurdert)}</tspan></text>"
            )
    for bit in _sammenhengende(panel.punkter):
        if len(bit) > 1:
            punkter = " ".join(f"{_tall(x(i))},{_tall(y(a))}" for i, a in bit)
            ut.append(
                f'<polyline points="{punkter}" fill="none" stroke="{FARGE}" stroke-width="1.5"/>'
            )
    for i, p in enumerate(panel.punkter):
        if p.andel is None or p.lav is None or p.hoy is None:
            continue
        farge = SVAK if p.svak else FARGE
        xt = _tall(x(i))
        ut.append(
            f'<line x1="{xt}" y1="{_tall(y(p.lav))}" x2="{xt}" y2="{_tall(y(p.hoy))}" '
            f'stroke="{farge}" stroke-width="1.5"/>'
        )
        for grense in (p.lav, p.hoy):
            ut.append(
                f'<line x1="{_tall(x(i) - 4)}" y1="{_tall(y(grense))}" x2="{_tall(x(i) + 4)}" '
                f'y2="{_tall(y(grense))}" stroke="{farge}" stroke-width="1.5"/>'
            )
        fyll = "#ffffff" if p.svak else FARGE
        ut.append(
            f'<circle cx="{xt}" cy="{_tall(y(p.andel))}" r="4" fill="{fyll}" stroke="{farge}" '
            'stroke-width="1.5"/>'
        )
    ut.append("</g>")
    return ut


def tegn(paneler: Sequence[Panel], *, tittel: str, forklaring: str) -> str:
    """The whole chart as SVG text."""
    perioder = max((len(p.punkter) for p in paneler), default=1) or 1
    hoyde = TOPP + _panelhoyde(perioder) * max(len(paneler), 1)
    ut = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{BREDDE}" height="{hoyde}" '
        f'viewBox="0 0 {BREDDE} {hoyde}" role="img" font-family="sans-serif" '
        f"aria-label={quoteattr(_KONTROLLTEGN.sub('', tittel))}>",
        f"<title>{_tekst(tittel)}</title>",
        f"<desc>{_tekst(forklaring)}</desc>",
        f'<rect x="0" y="0" width="{BREDDE}" height="{hoyde}" fill="#ffffff"/>',
        f'<text x="{VENSTRE}" y="24" font-size="16" font-weight="bold">{_tekst(tittel)}</text>',
        f'<circle cx="{VENSTRE + 4}" cy="44" r="4" fill="{FARGE}" stroke="{FARGE}"/>',
        f'<text x="{VENSTRE + 14}" y="48" font-size="11">andel oppfylt med konfidensintervall</text>',
        f'<circle cx="{VENSTRE + 250}" cy="44" r="4" fill="#ffffff" stroke="{SVAK}" '
        'stroke-width="1.5"/>',
        f'<text x="{VENSTRE + 260}" y="48" font-size="11">{_tekst(forklaring)}</text>',
    ]
    for i, panel in enumerate(paneler):
        ut += _panel(panel, TOPP + i * _panelhoyde(perioder), perioder)
    ut.append("</svg>")
    return "\n".join(ut) + "\n"
