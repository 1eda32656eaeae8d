#!/usr/bin/env python3
"""Lag syntetiske saksuttrekk (JSON, én sak per fil) for ytelsesmålingen.

Sakene ligner eksempelsakene: økonomisk stønad og rådgivning, 0–4 barn, vedtak med tekst og
beregning, samtaler, kartlegginger, brev og tiltak, og noen journalnotater på noen hundre ord hver.
Alt er syntetisk (ingen navn, ingen fødselsnumre) og bestemt av frøet: sak nr. i er den samme
uansett hvor mange saker som lages, så de første N sakene i et stort sett er de N sakene i et lite.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Any

from _norsk import NorskParser

PER_MAPPE = 1000
"""Saker per undermappe (del-000, del-001, …), som et uttrekk per kontor eller måned."""

ENHETER = ["Skaffe arbeid over 30", "Skaffe arbeid under 30", "Økonomi og gjeld", "Oppfølging"]
KONTORER = ["Nav Gjøvik", "Nav Hamar", "Nav Lillehammer", "Nav Elverum", "Nav Kongsvinger"]

SETNINGER = [
    "Søker møtte til avtalt samtale på kontoret og hadde med seg dokumentasjon på husleie og strøm.",
    "Vi gikk gjennom økonomien for de siste tre månedene, og det er ingen endring i inntekten.",
    "Søker forteller at det har vært en krevende periode med mye sykdom i familien.",
    "Eldste barn har startet på ungdomsskolen og trenger utstyr til kroppsøving og en ny sykkel.",
    "Det ble snakket om fritidsaktiviteter, og søker ønsker at barna skal kunne fortsette på fotball.",
    "Søker har ikke søkt om bostøtte og ble veiledet om ordningen, jf. husbankens regler.",
    "Veileder informerte om retten til å klage og om fristen på tre uker.",
    "Barna går i barnehage og på skole i nærmiljøet, og familien ønsker ikke å flytte.",
    "Husleien er høy sammenlignet med kommunens veiledende satser, f.eks. for en leilighet med tre rom.",
    "Søker ble bedt om å sende kontoutskrifter for de to siste månedene innen 18. mars.",
    "Det er avtalt ny samtale om fire uker for å følge opp budsjettet.",
    "Søker mottar arbeidsavklaringspenger og venter på svar fra spesialisthelsetjenesten.",
    "Vi drøftet muligheten for et arbeidsrettet tiltak når helsen tillater det.",
    "Søker har gjeld til inkasso og ønsker hjelp til å få oversikt, bl.a. over forfalte regninger.",
    "Familien har ikke råd til internett hjemme, og barna gjør lekser på biblioteket.",
    "Yngste barn har behov for oppfølging fra helsestasjonen, og søker har takket ja til det.",
    "Det ble gitt råd om å kontakte skolen for å høre om gratis leksehjelp.",
    "Søker sier at barna savner å kunne delta på bursdager og turer med klassen.",
    "Samværsforelder bidrar ikke økonomisk, og søker har søkt om bidrag via Nav.",
    "Veileder forklarte hvordan stønaden beregnes, og at barnetrygden holdes utenfor.",
    "Søker har fått tilbud om plass i introduksjonsprogrammet fra høsten.",
    "Det er ikke registrert endringer i husstanden siden forrige søknad.",
    "Vi gikk gjennom kartleggingsskjemaet for barnefamilier sammen med søker.",
    "Søker opplyser at barna trives på skolen, men at det er vanskelig å kjøpe nye klær.",
    "Tolk var til stede under samtalen, og søker forsto informasjonen som ble gitt.",
    "Det er avtalt at søker selv tar kontakt med utleier om nedbetaling av restanse.",
    "Strømregningen for vinteren er høy, og søker ber om hjelp til å dekke den.",
    "Barnevernet er ikke involvert i familien, opplyser søker.",
    "Søker har sendt inn kvittering for kontingent og utstyr til håndball.",
    "Veileder noterte at søker virket sliten, og tilbød en samtale med familieveileder.",
]

VEDTAKSSETNINGER = [
    "Du innvilges økonomisk stønad til livsopphold og husleie for neste måned, jf. sosialtjenesteloven § 18.",
    "Stønaden er beregnet etter kommunens veiledende satser.",
    "Barnetrygden er holdt utenfor beregningen.",
    "Det innvilges i tillegg stønad til kontingent for fritidsaktivitet etter dokumentert utgift.",
    "Du må fortsatt være registrert som arbeidssøker og møte til avtalte samtaler med veileder.",
    "Søknaden om stønad til innbo avslås, da det ikke er dokumentert et behov.",
    "Vedtaket kan påklages innen tre uker fra du mottok det.",
]
BARNETS_BESTE = [
    "Barnets beste er vurdert, og hensynet til barna er vektlagt i vurderingen av stønaden.",
    "Hensynet til barna er vurdert.",
    "Vi har ikke vurdert barnets beste særskilt i denne saken.",
    "Barnas beste er avveid mot kommunens satser, og det er gitt et tillegg til fritidsaktiviteter.",
]
TEMAER = ["fritid", "skole", "barnehage", "sfo", "helse", "bolig", "sosialt", "utstyr"]
JOURNALTYPER = ["Notat", "Samtalereferat", "Barns aktiviteter og situasjon", "Telefonnotat"]


def _dato(start: dt.date, rng: random.Random, minst: int, hoyst: int) -> dt.date:
    return start + dt.timedelta(days=rng.randint(minst, hoyst))


def _notat(rng: random.Random) -> str:
    """A journal note of a few hundred words, in paragraphs."""
    ord_mal = rng.randint(150, 400)
    avsnitt: list[str] = []
    setninger: list[str] = []
    antall_ord = 0
    while antall_ord < ord_mal:
        setning = rng.choice(SETNINGER)
        setninger.append(setning)
        antall_ord += len(setning.split())
        if len(setninger) >= rng.randint(3, 6):
            avsnitt.append(" ".join(setninger))
            setninger = []
    if setninger:
        avsnitt.append(" ".join(setninger))
    return "\n\n".join(avsnitt) + "\n"


def lag_sak(nr: int, frø: int) -> dict[str, Any]:
    """Case number ``nr`` for seed ``frø``: the same every time."""
    rng = random.Random(f"{frø}-{nr}")
    tjeneste = rng.choices(
        ["okonomisk_stonad", "opplysning_rad_veiledning", "okonomisk_radgivning"], [6, 2, 2]
    )[0]
    mottatt = _dato(dt.date(2023, 1, 1), rng, 0, 600)
    barn = [
        {"id": f"B{i + 1}", "alder": rng.randint(0, 17)}
        for i in range(rng.choices([0, 1, 2, 3, 4], [2, 3, 3, 2, 1])[0])
    ]
    for b in barn:
        if rng.random() < 0.2:
            b["delt_bosted"] = rng.random() < 0.5
    barne_id = [b["id"] for b in barn]
    sak: dict[str, Any] = {
        "versjon": 1,
        "sak_id": f"SYN-{nr:07d}",
        "kontor": rng.choice(KONTORER),
        "enhet": rng.choice(ENHETER),
        "tjeneste": tjeneste,
        "soknad": {
            "mottatt": mottatt.isoformat(),
            "forstegangssoker": rng.random() < 0.3,
            "gjelder": rng.sample(["livsopphold", "husleie", "strom", "fritid", "utstyr"], 2),
        },
        "husstand": {
            "voksne": rng.randint(1, 2),
            "enslig_forsorger": rng.random() < 0.5,
            "introduksjonsprogram": rng.random() < 0.1,
            "barn": barn,
        },
    }
    vedtaksdato = _dato(mottatt, rng, 3, 40)
    if tjeneste == "okonomisk_stonad" and rng.random() < 0.95:
        tekst = rng.sample(VEDTAKSSETNINGER, rng.randint(3, 6))
        if barn and rng.random() < 0.6:
            tekst.insert(rng.randint(0, len(tekst)), rng.choice(BARNETS_BESTE))
        inntekter: list[dict[str, Any]] = [
            {
                "type": "arbeidsavklaringspenger",
                "belop": rng.randint(80, 200) * 100,
                "medregnet": True,
            }
        ]
        if barn:
            inntekter.append(
                {
                    "type": "barnetrygd",
                    "belop": 1766 * len(barn),
                    "medregnet": rng.random() < 0.1,
                }
            )
        utgifter: list[dict[str, Any]] = [
            {"type": "husleie", "belop": rng.randint(60, 140) * 100},
            {"type": "strom", "belop": rng.randint(5, 20) * 100},
        ]
        if barn and rng.random() < 0.5:
            utgifter.append(
                {"type": "fritid", "belop": rng.randint(2, 9) * 100, "barn": [rng.choice(barne_id)]}
            )
        sak["vedtak"] = {
            "dato": vedtaksdato.isoformat(),
            "utfall": rng.choices(
                ["innvilget", "delvis_innvilget", "avslag", "henlagt"], [6, 2, 2, 1]
            )[0],
            "hjemmel": ["sosialtjenesteloven § 18"],
            "tekst": " ".join(tekst) + "\n",
            "beregning": {"inntekter": inntekter, "utgifter": utgifter},
        }
    sak["journal"] = [
        {
            "dato": _dato(mottatt, rng, -30, 60).isoformat(),
            "system": rng.choice(["socio", "modia"]),
            "journaltype": rng.choice(JOURNALTYPER),
            "rolle": rng.choice(["saksbehandler", "veileder", "familieveileder"]),
            "barn": rng.sample(barne_id, rng.randint(0, len(barne_id))) if barn else [],
            "tekst": _notat(rng),
        }
        for _ in range(rng.randint(2, 4))
    ]
    sak["samtaler"] = [
        {
            "dato": _dato(mottatt, rng, -60, 60).isoformat(),
            "type": rng.choice(
                ["kartleggingssamtale", "oppfolgingssamtale", "hjemmebesok", "radgivningssamtale"]
            ),
            "status": rng.choices(["gjennomfort", "avlyst", "ikke_mott", "planlagt"], [7, 1, 1, 1])[
                0
            ],
            "tolk": rng.choices([None, "ikke_behov", "profesjonell", "barn"], [6, 2, 2, 1])[0],
            "referat": rng.random() < 0.7,
        }
        for _ in range(rng.randint(0, 4))
    ]
    for s in sak["samtaler"]:
        if s["tolk"] is None:
            del s["tolk"]
    sak["kartlegginger"] = [
        {
            "dato": _dato(mottatt, rng, -10, 45).isoformat(),
            "barn": b["id"],
            "kilde": rng.choice(["forelder", "forelder", "barnet", "skole"]),
            "tema": rng.sample([*TEMAER, "barnets_synspunkter"], rng.randint(1, 3)),
            "skjema": "Kartleggingsskjema barnefamilier",
        }
        for b in barn
        if rng.random() < 0.5
    ]
    sak["brev"] = [
        {
            "dato": _dato(mottatt, rng, 0, 20).isoformat(),
            "type": "sporsmal_om_barn",
            "besvart": rng.random() < 0.5,
        }
        for _ in range(rng.randint(0, 2))
    ]
    if barn and rng.random() < 0.3:
        sak["tiltak"] = [
            {
                "dato": _dato(mottatt, rng, 0, 60).isoformat(),
                "type": rng.choice(["fritidskort", "leksehjelp", "ferietilbud"]),
                "barn": [rng.choice(barne_id)],
            }
        ]
    if tjeneste != "okonomisk_stonad":
        radgivning: dict[str, Any] = {
            "kartlagt": rng.sample(["gjeld", "inntekt", "utgifter_til_barn", "budsjett"], 2)
        }
        if rng.random() < 0.85:
            radgivning["forste_samtale"] = _dato(mottatt, rng, 2, 60).isoformat()
        sak["radgivning"] = radgivning
    return sak


def skriv_saker(antall: int, mappe: Path, frø: int, *, jsonl: bool = False) -> int:
    """Write ``antall`` cases below ``mappe``; return the bytes written. With ``jsonl``, all of
    them as lines of one file, ``mappe/saker.jsonl``."""
    byte = 0
    if jsonl:
        mappe.mkdir(parents=True, exist_ok=True)
        with open(mappe / "saker.jsonl", "wb") as ut:
            for nr in range(1, antall + 1):
                linje = json.dumps(lag_sak(nr, frø), ensure_ascii=False).encode("utf-8") + b"\n"
                ut.write(linje)
                byte += len(linje)
        return byte
    for nr in range(1, antall + 1):
        undermappe = mappe / f"del-{(nr - 1) // PER_MAPPE:03d}"
        if (nr - 1) % PER_MAPPE == 0:
            undermappe.mkdir(parents=True, exist_ok=True)
        data = json.dumps(lag_sak(nr, frø), ensure_ascii=False, indent=2).encode("utf-8")
        (undermappe / f"sak-{nr:07d}.json").write_bytes(data)
        byte += len(data)
    return byte


def main(argv: list[str] | None = None) -> int:
    parser = NorskParser(
        prog="lag_saker.py",
        description=(
            "Lager N syntetiske saksuttrekk (én JSON-fil per sak, 1000 per undermappe, eller med "
            "--jsonl alle i MAPPE/saker.jsonl) i MAPPE, bestemt av frøet, til ytelsesmålingen "
            "(benchmarks/mal.py)."
        ),
    )
    parser.add_argument("antall", metavar="N", type=int, help="antall saker å lage")
    parser.add_argument("mappe", metavar="MAPPE", type=Path, help="mappen sakene skrives til")
    parser.add_argument(
        "--frø", type=int, default=2024, help="frø for tilfeldighetene (standard: 2024)"
    )
    parser.add_argument(
        "--jsonl", action="store_true", help="skriv alle sakene som linjer i én .jsonl-fil"
    )
    args = parser.parse_args(argv)
    if args.antall < 1:
        parser.error("N må være minst 1")
    if args.mappe.exists() and any(args.mappe.iterdir()):
        print(f"{args.mappe}: mappen finnes og er ikke tom; velg en ny mappe", file=sys.stderr)
        return 2
    byte = skriv_saker(args.antall, args.mappe, args.frø, jsonl=args.jsonl)
    print(
        f"Laget {args.antall} saker i {args.mappe} "
        f"({byte / 1e6:.1f} MB, i snitt {byte / args.antall / 1000:.1f} kB per sak)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
