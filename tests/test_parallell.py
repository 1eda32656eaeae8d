"""Judging in worker processes gives exactly what judging in one process gives.

The shipped examples are copied many times under distinct sak_ids, with a duplicate sak_id and
bad files among them, and the run is made to use worker processes with a low threshold. No
timings here: speed is measured by benchmarks/mal.py.
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import pickle
import re
import shutil
import sys
import tempfile
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revisjon.feil import Avvisning
from revisjon.inntak import forhandslesing, jsonldeler, lesing
from revisjon.inntak.lesing import finn_filer, finn_inndata
from revisjon.kriteriesprak.lasting import LastetSett
from revisjon.rapport import Format
from revisjon.resultat import Kjoring, naturlig_sakorden
from revisjon.vurdering import arbeider, parallell
from revisjon.vurdering import enhet as vurdering
from revisjon.vurdering.enhet import uten_syklusrydding, vurder_bit
from revisjon.vurdering.kjoring import vurder
from tests.conftest import EKSEMPLER, skriv_rapport

KOPIER = 12
BIT_I_TESTEN = 40
"""Files or lines per chunk in these tests: small, so a run is many chunks whose order counts."""


def _kopier_eksemplene(mappe: Path, kopier: int = KOPIER) -> None:
    """The examples ``kopier`` times over, each copy's sak_ids made unique, in subdirectories."""
    for n in range(kopier):
        del_ = mappe / f"kopi-{n:02d}"
        del_.mkdir(parents=True)
        for kilde in sorted(EKSEMPLER.iterdir()):
            if kilde.suffix in (".yaml", ".yml"):
                tekst = re.sub(
                    r'^sak_id: "?([^"\n]+)"?$',
                    lambda t, n=n: f'sak_id: "{t.group(1)}-K{n}"',
                    kilde.read_text("utf-8"),
                    flags=re.MULTILINE,
                )
                (del_ / kilde.name).write_text(tekst, encoding="utf-8")
            elif kilde.suffix == ".jsonl":
                linjer = []
                for linje in kilde.read_text("utf-8").splitlines():
                    sak = json.loads(linje)
                    sak["sak_id"] = f"{sak['sak_id']}-K{n}"
                    linjer.append(json.dumps(sak, ensure_ascii=False))
                (del_ / kilde.name).write_text("\n".join(linjer) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def saksmappe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    mappe = tmp_path_factory.mktemp("mange")
    _kopier_eksemplene(mappe)
    # A duplicate sak_id: both cases must be rejected, in either mode.
    shutil.copy(mappe / "kopi-03" / "os-02.yaml", mappe / "kopi-07" / "os-02-igjen.yaml")
    # Bad files among the good ones.
    (mappe / "kopi-05" / "odelagt.yaml").write_text("versjon: 1\nsak_id: [\n", encoding="utf-8")
    (mappe / "kopi-05" / "tom.json").write_bytes(b"")
    (mappe / "kopi-08" / "regneark.csv").write_text("a;b\n", encoding="utf-8")
    (mappe / "kopi-09" / "utf16.json").write_bytes('{"versjon": 1}'.encode("utf-16"))
    (mappe / "kopi-10" / "liste.json").write_text("[1, 2]", encoding="utf-8")
    (mappe / "kopi-11" / "notat.md").write_text("# ikke en sak\n", encoding="utf-8")
    return mappe


def _kjor(mappe: Path, standardsett: list[LastetSett], **valg: int) -> Kjoring:
    return vurder([mappe], kriteriesett=standardsett, **valg)


@pytest.fixture(params=["fork", "spawn"])
def startmetode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test that uses it runs with forked and with spawned workers."""
    metode: str = request.param
    if metode not in multiprocessing.get_all_start_methods():
        pytest.skip(f"{metode} finnes ikke her")
    monkeypatch.setattr(parallell, "startmetode", lambda: metode)
    return metode


def test_arbeidsprosesser_gir_det_samme_som_en_prosess(
    saksmappe: Path, standardsett: list[LastetSett], startmetode: str
) -> None:
    en = _kjor(saksmappe, standardsett, arbeidere=1)
    flere = _kjor(saksmappe, standardsett, arbeidere=2, terskel=20, bit=BIT_I_TESTEN)
    assert len(en.saker) > 250
    assert en.saker == flere.saker
    assert en.avviste == flere.avviste
    assert en.filer == flere.filer
    assert flere.saker == sorted(flere.saker, key=naturlig_sakorden)
    for format_ in Format:
        assert skriv_rapport(en, standardsett, format_) == skriv_rapport(
            flere, standardsett, format_
        )


def test_tabellen_av_dommer_fylles_likt_hos_arbeideren_og_forelderen(
    saksmappe: Path, standardsett: list[LastetSett], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A worker sends each verdict once and then only its place; the parent's table must
    # follow it through many chunks and new generations of the table.
    monkeypatch.setattr(arbeider, "TABELLGRENSE", 30)
    kriterier = [k for s in standardsett for k in s.kriterier]
    enheter: list[str | Avvisning] = list(finn_inndata([saksmappe]))
    biter = [enheter[i : i + 20] for i in range(0, len(enheter), 20)]
    arbeider.start([], kriterier)
    try:
        utpakker = arbeider.Utpakker()
        faktisk = []
        generasjoner = set()
        nye = 0
        for bit in biter:
            svar = arbeider.vurder(list(bit))
            generasjoner.add(svar[1])
            nye += len(svar[2])
            faktisk += utpakker.bit(svar, list(bit))[0]
    finally:
        gc.unfreeze()
    forventet, _ = vurder_bit(enheter, kriterier)
    assert faktisk == forventet
    assert len(generasjoner) > 3
    assert nye < sum(len(v.resultater) for v in forventet if not isinstance(v, Avvisning))


def test_nye_generasjoner_av_tabellen_i_arbeidsprosessene(
    saksmappe: Path, standardsett: list[LastetSett], monkeypatch: pytest.MonkeyPatch
) -> None:
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("fork finnes ikke her")
    monkeypatch.setattr(parallell, "startmetode", lambda: "fork")
    monkeypatch.setattr(arbeider, "TABELLGRENSE", 25)  # inherited by the forked workers
    en = _kjor(saksmappe, standardsett, arbeidere=1)
    flere = _kjor(saksmappe, standardsett, arbeidere=2, terskel=20, bit=BIT_I_TESTEN)
    assert (flere.saker, flere.avviste, flere.filer) == (en.saker, en.avviste, en.filer)


def test_duplisert_sak_id_avviser_begge_sakene_ogsa_med_arbeidsprosesser(
    saksmappe: Path, standardsett: list[LastetSett], startmetode: str
) -> None:
    kjoring = _kjor(saksmappe, standardsett, arbeidere=2, terskel=20, bit=BIT_I_TESTEN)
    dubletter = [a for a in kjoring.avviste if a.felt == "sak_id"]
    assert {Path(a.fil).name for a in dubletter} == {"os-02.yaml", "os-02-igjen.yaml"}
    assert not any(s.sak_id == "GJ-ØS-02-K3" for s in kjoring.saker)
    avviste_filer = {Path(a.fil).name for a in kjoring.avviste}
    assert {"odelagt.yaml", "tom.json", "regneark.csv", "utf16.json", "liste.json"} <= (
        avviste_filer
    )
    assert kjoring.antall_lest == len(kjoring.saker) + kjoring.antall_avviste_inndata


def test_uten_kriteriefil_arves_kriteriene_eller_kjoringen_blir_i_en_prosess(
    saksmappe: Path, standardsett: list[LastetSett], startmetode: str
) -> None:
    # A set that was not loaded from a file cannot be loaded again by a spawned worker; a
    # forked one inherits it.
    uten_fil = [LastetSett(s.fil, s.sha256, s.sett, s.kriterier) for s in standardsett]
    assert parallell.kriteriekilder(uten_fil) is None
    assert parallell.kan_starte(uten_fil, startmetode) == (startmetode == "fork")  # type: ignore[arg-type]
    assert (
        _kjor(saksmappe, uten_fil, arbeidere=2, terskel=20, bit=BIT_I_TESTEN).saker
        == _kjor(saksmappe, standardsett, arbeidere=1).saker
    )


def test_fork_bare_uten_andre_tradar() -> None:
    assert parallell.startmetode() == ("fork" if sys.platform.startswith("linux") else "spawn")
    stopp = threading.Event()
    trad = threading.Thread(target=stopp.wait)
    trad.start()
    try:
        assert parallell.startmetode() == "spawn"
    finally:
        stopp.set()
        trad.join()


def test_nar_arbeidsprosesser_svikter_vurderes_alt_i_denne_prosessen(
    saksmappe: Path, standardsett: list[LastetSett], monkeypatch: pytest.MonkeyPatch
) -> None:
    en = _kjor(saksmappe, standardsett, arbeidere=1)

    def svikter(*_args: object, **_kwargs: object) -> object:
        yield from []
        raise parallell.Prosessfeil("ingen prosesser her")

    monkeypatch.setattr(parallell, "vurder_parallelt", svikter)
    kjoring = _kjor(saksmappe, standardsett, arbeidere=2, terskel=20, bit=BIT_I_TESTEN)
    assert (kjoring.saker, kjoring.avviste, kjoring.filer) == (en.saker, en.avviste, en.filer)


def test_en_endret_kriteriefil_stopper_arbeidsprosessene(
    saksmappe: Path, standardsett: list[LastetSett]
) -> None:
    endret = [replace(s, sha256="0" * 64) for s in standardsett]
    enheter = list(finn_inndata([saksmappe]))
    with pytest.raises(parallell.Prosessfeil):
        list(parallell.vurder_parallelt(enheter, endret, {}, arbeidere=2, metode="spawn"))


def test_filene_finnes_i_samme_rekkefolge_som_sortert_rglob(tmp_path: Path) -> None:
    filer = [
        "b.json", "a/b.yaml", "a-b.json", "a.b/c.json", "A.json", "æ/ø.yml", "x.csv",
        "y.md", "z.TXT", ".skjult.json", "a/.skjult/c.json", "g/x.", "dypt/1/2/3/sak.jsonl",
    ]  # fmt: skip
    for navn in filer:
        (tmp_path / navn).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / navn).write_text("{}", encoding="utf-8")
    (tmp_path / "lenke").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "lenke.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "brutt.json").symlink_to(tmp_path / "finnes-ikke.json")

    forventet: list[str | tuple[str, str]] = []
    # A dangling link and a link to a directory are listed as rejected, not passed over.
    for fil in sorted(p for p in tmp_path.rglob("*") if p.is_file() or p.is_symlink()):
        if not fil.is_file():
            forventet.append(("x", str(fil)))
            continue
        if any(d.startswith(".") for d in fil.relative_to(tmp_path).parts):
            continue
        if fil.suffix.lower() in lesing.HOPP_OVER:
            continue
        forventet.append(str(fil) if fil.suffix.lower() in lesing.FILTYPER else ("x", str(fil)))
    funnet = [f if isinstance(f, str) else ("x", f.fil) for f in finn_inndata([tmp_path])]
    assert funnet == forventet
    assert [str(f) if isinstance(f, Path) else ("x", f.fil) for f in finn_filer([tmp_path])] == (
        forventet
    )


@settings(max_examples=200, deadline=None)
@given(
    linjer=st.lists(
        st.tuples(
            st.binary(max_size=12).filter(lambda b: b"\n" not in b and b"\r" not in b),
            st.sampled_from([b"\n", b"\r\n", b"\r", b""]),
        ),
        max_size=12,
    ),
    blokk=st.integers(min_value=1, max_value=9),
    grense=st.integers(min_value=0, max_value=14),
)
def test_jsonl_deles_i_linjer_som_splitlines_ogsa_blokk_for_blokk(
    linjer: list[tuple[bytes, bytes]], blokk: int, grense: int
) -> None:
    innhold = b"".join(tekst + slutt for tekst, slutt in linjer)
    forventet: list[bytes | int] = [
        linje if len(linje) <= grense else len(linje) for linje in innhold.splitlines()
    ]

    class Kilde:
        def __init__(self, data: bytes) -> None:
            self.data, self.pos = data, 0

        def read(self, n: int) -> bytes:
            bit = self.data[self.pos : self.pos + n]
            self.pos += len(bit)
            return bit

    class Sum:
        def __init__(self) -> None:
            self.lest = b""

        def update(self, data: bytes) -> None:
            self.lest += data

    kilde, summen = Kilde(innhold), Sum()
    forste = kilde.read(blokk)
    summen.update(forste)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lesing, "BLOKK", blokk)
        mp.setattr(lesing, "MAKS_FILSTORRELSE", grense)
        funnet = list(lesing._linjer(forste, kilde, summen))  # type: ignore[arg-type]
    assert funnet == forventet
    assert summen.lest == innhold


def test_en_stor_jsonl_leses_blokk_for_blokk_med_samme_sjekksum(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kilde = EKSEMPLER / "flere-saker.jsonl"
    fil = tmp_path / "saker.jsonl"
    fil.write_bytes(kilde.read_bytes().replace(b"\n", b"\r\n"))
    hele = list(lesing.les_fil(fil, filsummer=(summer_hele := {})))
    monkeypatch.setattr(lesing, "BLOKK", 7)
    blokkvis = list(lesing.les_fil(fil, filsummer=(summer_blokk := {})))
    assert hele == blokkvis
    assert summer_hele == summer_blokk
    assert not any(isinstance(e, Avvisning) for e in hele)


def test_syklusryddingen_er_slatt_pa_igjen_etter_kjoringen(
    saksmappe: Path, standardsett: list[LastetSett], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cycle collector is paused during a run, and a library caller gets it back as it was,
    also when the run fails."""
    import gc

    assert gc.isenabled()
    _kjor(saksmappe, standardsett, arbeidere=1)
    assert gc.isenabled()
    gc.disable()
    try:
        _kjor(saksmappe, standardsett, arbeidere=1)
        assert not gc.isenabled()  # left off, as the caller had it
    finally:
        gc.enable()

    def svikter(*_args: object, **_kwargs: object) -> object:
        raise OSError("disken forsvant")

    monkeypatch.setattr("revisjon.vurdering.enhet.les_fil", svikter)
    with pytest.raises(OSError):
        _kjor(saksmappe, standardsett, arbeidere=1)
    assert gc.isenabled()


def test_etter_en_stor_pause_fryses_objektene_og_ellers_ikke(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # After a large run the collector would walk every verdict at its first allocation; they
    # are frozen instead. A small run (a test, a spot check) leaves the collector as it was.
    gc.unfreeze()
    try:
        with uten_syklusrydding():
            smatt = [[] for _ in range(10)]
        assert gc.get_freeze_count() == 0
        monkeypatch.setattr(vurdering, "FRYS_FRA", 5)
        with uten_syklusrydding():
            stort = [[] for _ in range(10)]
        assert gc.get_freeze_count() >= len(stort + smatt)
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def _stor_jsonl(fil: Path, antall: int) -> None:
    """``antall`` lines from the example JSON Lines file under distinct sak_ids, with a blank
    line, a broken line and a duplicate sak_id among them."""
    eksempler = [
        json.loads(linje)
        for linje in (EKSEMPLER / "flere-saker.jsonl").read_text("utf-8").splitlines()
    ]
    linjer = []
    for n in range(antall):
        sak = dict(eksempler[n % len(eksempler)], sak_id=f"L-{n:04d}")
        linjer.append(json.dumps(sak, ensure_ascii=False))
    linjer[10] = ""
    linjer[250] = '{"versjon": 1, "sak_id": '
    linjer[300] = linjer[299]
    fil.write_text("\n".join(linjer) + "\n", encoding="utf-8")


def test_en_stor_jsonl_deles_pa_arbeidsprosessene_med_samme_resultat(
    tmp_path: Path,
    standardsett: list[LastetSett],
    startmetode: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _stor_jsonl(tmp_path / "uttrekk.jsonl", 450)
    monkeypatch.setattr(jsonldeler, "DEL_BYTE", 20_000)  # pieces of some ten lines
    en = _kjor(tmp_path, standardsett, arbeidere=1)
    flere = _kjor(tmp_path, standardsett, arbeidere=2, terskel=20, bit=BIT_I_TESTEN)
    assert (flere.saker, flere.avviste, flere.filer) == (en.saker, en.avviste, en.filer)
    assert len(en.saker) == 450 - 1 - 1 - 2  # blank line, broken line, both duplicates
    assert [a.linje for a in en.avviste] == [251, 300, 301]
    assert en.filer[0][1] == hashlib.sha256((tmp_path / "uttrekk.jsonl").read_bytes()).hexdigest()


def test_jsonl_deles_i_stykker_som_arbeidsprosessene_leser_selv(tmp_path: Path) -> None:
    fil = tmp_path / "uttrekk.jsonl"
    _stor_jsonl(fil, 450)
    filsummer: dict[str, str] = {}
    enheter = list(jsonldeler.jsonl_deler(str(fil), filsummer, 20_000))
    assert all(isinstance(e, jsonldeler.JsonlDel) for e in enheter)
    deler = [e for e in enheter if isinstance(e, jsonldeler.JsonlDel)]
    assert len(deler) > 3
    # Whole lines, one piece after the other, from the start of the file to its end.
    innhold = fil.read_bytes()
    assert [d.start for d in deler[1:]] == [d.slutt for d in deler[:-1]]
    assert (deler[0].start, deler[-1].slutt) == (0, len(innhold))
    assert all(innhold[d.slutt - 1 : d.slutt] == b"\n" for d in deler)
    assert [d.forste_linje for d in deler] == [innhold[: d.start].count(b"\n") + 1 for d in deler]
    assert filsummer == {str(fil): hashlib.sha256(innhold).hexdigest()}
    biter = list(parallell._biter(enheter, 200))
    assert [len(b) for b in biter] == [1] * len(deler)
    # Only the places of the pieces are sent to the workers, never the lines.
    assert sum(len(pickle.dumps(d)) for d in deler) < 200 * len(deler)


def test_en_liten_jsonl_leses_hel_av_en_arbeidsprosess(tmp_path: Path) -> None:
    fil = tmp_path / "uttrekk.jsonl"
    _stor_jsonl(fil, 450)  # 0.6 MB, under two pieces of 1 MiB
    filsummer: dict[str, str] = {}
    assert list(jsonldeler.jsonl_deler(str(fil), filsummer)) == [str(fil)]
    assert filsummer == {}  # summed by the worker that reads it


@settings(max_examples=150, deadline=None)
@given(
    linjer=st.lists(
        st.tuples(
            st.sampled_from([0, 1, 2, 3]),
            st.sampled_from([b"\n", b"\r\n", b"\r", b"\n\n", b"   \n"]),
        ),
        min_size=1,
        max_size=30,
    ),
    byte_per_del=st.integers(min_value=1, max_value=4000),
    blokk=st.integers(min_value=50, max_value=3000),
    bom=st.booleans(),
)
def test_stykkene_gir_det_samme_som_filen_lest_hel(
    linjer: list[tuple[int, bytes]], byte_per_del: int, blokk: int, bom: bool
) -> None:
    """Cases, rejections and line numbers from the pieces, read one by one, are those of the
    file read whole: any line breaks (also \r\n split between two blocks), blank lines, a
    byte-order mark, lines that are not JSON."""
    eksempler = [*(EKSEMPLER / "flere-saker.jsonl").read_bytes().splitlines()[:3], b'{"sak_id": ']
    innhold = (lesing.BOM if bom else b"") + b"".join(
        eksempler[i % len(eksempler)] + slutt for i, slutt in linjer
    )
    with tempfile.TemporaryDirectory() as mappe:
        fil = Path(mappe) / "uttrekk.jsonl"
        fil.write_bytes(innhold)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(lesing, "BLOKK", blokk)
            mp.setattr(jsonldeler, "BLOKK", blokk)
            mp.setattr(jsonldeler, "DEL_BYTE", byte_per_del)
            hele = list(lesing.les_fil(fil, filsummer=(summer_hele := {})))
            filsummer: dict[str, str] = {}
            stykkevis: list[object] = []
            for enhet in jsonldeler.jsonl_deler(str(fil), filsummer):
                if isinstance(enhet, jsonldeler.JsonlDel):
                    stykkevis += jsonldeler.les_del(enhet)
                elif isinstance(enhet, str):
                    stykkevis += lesing.les_fil(enhet, filsummer=filsummer)
                else:
                    stykkevis.append(enhet)
    assert stykkevis == hele
    assert filsummer == summer_hele


def test_et_stykke_av_en_fil_som_er_endret_avvises(tmp_path: Path) -> None:
    fil = tmp_path / "uttrekk.jsonl"
    _stor_jsonl(fil, 450)
    deler = [
        e
        for e in jsonldeler.jsonl_deler(str(fil), {}, 20_000)
        if isinstance(e, jsonldeler.JsonlDel)
    ]
    assert not any(isinstance(e, Avvisning) for e in jsonldeler.les_del(deler[1]))
    with fil.open("ab") as ut:
        ut.write(b"\n")
    (avvist,) = jsonldeler.les_del(deler[1])
    assert isinstance(avvist, Avvisning)
    assert avvist.fil == str(fil)
    assert "endret mens den ble lest" in avvist.melding


def test_forhandslesingen_tar_filer_som_mangler_og_filer_i_sidebufferen(tmp_path: Path) -> None:
    # Reading ahead is a hint to the kernel: a missing file is left to the reading proper, which
    # names it, and a run gives the same verdicts with it as without (the tests above).
    fil = tmp_path / "sak.json"
    fil.write_bytes(b"{}")
    fil.read_bytes()
    assert forhandslesing._i_sidebufferen(str(fil))
    assert forhandslesing._i_sidebufferen(str(tmp_path / "mangler.json"))
    forhandslesing.be_om([str(tmp_path / "mangler.json"), str(fil)])
    forhandslesing.be_om([])
