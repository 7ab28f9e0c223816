"""Sounds: the right clip (or clip sequence) for each verdict; every referenced file is a real,
small WAV; no audio device falls back to beeps without console noise."""

from __future__ import annotations

import wave

import pytest
from PySide6.QtCore import QLocale

from app.ui.kit import sound


@pytest.mark.parametrize(
    "n, words",
    [
        (0, "0"),
        (7, "7"),
        (10, "shi"),
        (15, "shi 5"),
        (20, "2 shi"),
        (105, "1 bai 0 5"),
        (110, "1 bai 1 shi"),
        (412, "4 bai 1 shi 2"),
        (1000, "1 qian"),
        (1005, "1 qian 0 5"),
        (1010, "1 qian 0 1 shi"),
        (2500, "2 qian 5 bai"),
        (10012, "1 wan 0 1 shi 2"),
        (99999, "9 wan 9 qian 9 bai 9 shi 9"),
    ],
)
def test_chinese_numbers_are_read_the_chinese_way(n, words):
    assert sound.zh_number(n) == words.split()


@pytest.mark.parametrize(
    "n, words",
    [
        (0, "0"),
        (13, "13"),
        (40, "40"),
        (412, "4 hundred 12"),
        (999, "9 hundred 90 9"),
        (1005, "1 thousand 5"),
        (2500, "2 thousand 5 hundred"),
        (21034, "20 1 thousand 30 4"),
    ],
)
def test_english_numbers(n, words):
    assert sound.en_number(n) == words.split()


def test_the_verdicts_that_matter_are_spoken_in_chinese():
    assert sound.clips_for("ok") == ["tone_ok.wav"]
    assert sound.clips_for("error", "wrong_item") == ["tone_error.wav", "zh_CN/wrong_item.wav"]
    assert sound.clips_for("error", "extra_unit") == ["tone_error.wav", "zh_CN/extra_unit.wav"]
    # a stop is an intercepted parcel, whoever calls it
    assert sound.clips_for("stop") == ["tone_stop.wav", "zh_CN/intercepted.wav"]
    # 重量偏轻 四百一十二 克
    assert sound.clips_for("hold", "light", -412) == [
        "tone_error.wav",
        "zh_CN/light.wav",
        "zh_CN/4.wav",
        "zh_CN/bai.wav",
        "zh_CN/1.wav",
        "zh_CN/shi.wav",
        "zh_CN/2.wav",
        "zh_CN/grams.wav",
    ]
    assert sound.clips_for("hold", "heavy", 30) == [
        "tone_error.wav",
        "zh_CN/heavy.wav",
        "zh_CN/3.wav",
        "zh_CN/shi.wav",
        "zh_CN/grams.wav",
    ]


def test_english_prompts_and_the_plain_tones():
    assert sound.clips_for("stop", lang="en") == ["tone_stop.wav", "en/intercepted.wav"]
    assert sound.clips_for("hold", "light", -412, lang="en") == [
        "tone_error.wav",
        "en/light.wav",
        "en/4.wav",
        "en/hundred.wav",
        "en/12.wav",
        "en/grams.wav",
    ]
    assert sound.clips_for("hold", "heavy", 1, lang="en")[-1] == "en/gram.wav"
    # codes without a prompt get only their tone; the voice switched off leaves only tones
    assert sound.clips_for("error", "unknown_code") == ["tone_error.wav"]
    assert sound.clips_for("hold", "not_verified") == ["tone_error.wav"]
    assert sound.clips_for("override") == ["tone_ok.wav"]
    assert sound.clips_for("warn", "need_serial") == ["tone_warn.wav"]
    assert sound.clips_for("stop", voice=False) == ["tone_stop.wav"]
    assert sound.clips_for("hold", "light", -412, voice=False) == ["tone_error.wav"]
    # a difference too big to say is shown, not spoken
    assert sound.clips_for("hold", "heavy", 123_456) == ["tone_error.wav", "zh_CN/heavy.wav"]


def test_every_referenced_file_is_a_small_mono_16k_wav():
    files = sound.referenced_files()
    assert len(files) == len(set(files)) > 50
    total = 0
    for name in files:
        path = sound.SOUNDS / name
        assert path.is_file(), f"{name} missing: run scripts/make_sounds.py"
        with wave.open(str(path), "rb") as w:
            assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 16000), name
            seconds = w.getnframes() / w.getframerate()
        assert 0.1 < seconds < 3.5, (name, seconds)
        total += path.stat().st_size
    assert total < 2 * 1024 * 1024


def test_joining_a_prompt_gives_one_wav_of_the_pieces(tmp_path):
    files = sound.clips_for("hold", "light", -412)
    paths = [sound.SOUNDS / f for f in files]
    out = tmp_path / "joined.wav"
    sound.join_wavs(paths, out)
    frames = 0
    for p in paths:
        with wave.open(str(p), "rb") as w:
            frames += w.getnframes()
    gaps = int(sound.RATE * sound.GAP_S) * (len(paths) - 1)
    with wave.open(str(out), "rb") as w:
        assert w.getnframes() == frames + gaps
        assert w.getframerate() == 16000


def test_voice_follows_the_ui_language():
    assert sound.voice_language(QLocale("zh_CN")) == "zh_CN"
    assert sound.voice_language(QLocale("en_US")) == "en"


def test_without_an_audio_device_it_beeps_quietly(qapp, qtbot, qtlog, monkeypatch):
    beeps = []
    monkeypatch.setattr(sound.QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    player = sound.SoundPlayer()
    player._available = None
    monkeypatch.setattr(sound, "_audio_output_present", lambda: False)
    with qtbot.waitSignal(player.played) as sig:
        files = player.play("stop")
    assert sig.args == ["stop", files, False]
    qtbot.waitUntil(lambda: len(beeps) == 3)


def test_probing_the_real_audio_stack_prints_nothing(qapp, qtlog, capfd):
    """This machine and CI have no sound server: the probe must say nothing about it."""
    present = sound._audio_output_present()
    out, err = capfd.readouterr()
    assert "Pulse" not in err and "pa_context" not in err
    assert not [
        r for r in qtlog.records if "multimedia" in r.message.lower() or "Pulse" in r.message
    ]
    assert isinstance(present, bool)


def test_with_an_audio_device_the_joined_prompt_is_played(qapp, qtbot, monkeypatch):
    played = []
    player = sound.SoundPlayer()
    player._available = True
    monkeypatch.setattr(player, "_play_file", played.append)
    sound.set_voice_enabled(True)
    before = QLocale()
    try:
        QLocale.setDefault(QLocale("zh_CN"))
        with qtbot.waitSignal(player.played) as sig:
            player.play("hold", "light", -412)
        assert sig.args[2] is True
        (path,) = played
        with wave.open(str(path), "rb") as w:
            assert w.getnframes() > sound.RATE  # tone + 重量偏轻 + 四百一十二 + 克: over a second
        sound.set_voice_enabled(False)
        player.play("hold", "light", -412)
        assert played[-1] == sound.SOUNDS / "tone_error.wav"
    finally:
        sound.set_voice_enabled(True)
        QLocale.setDefault(before)


# --- the stations ask for the right prompt --------------------------------------------------


@pytest.fixture
def heard(qapp, monkeypatch):
    """What the stations asked the player for: (kind, files), speaker or beeps alike."""
    monkeypatch.setattr(sound.QApplication, "beep", staticmethod(lambda: None))
    got: list[tuple[str, list[str]]] = []
    p = sound.player()
    slot = lambda kind, files, _speaker: got.append((kind, files))  # noqa: E731
    p.played.connect(slot)
    before = QLocale()
    QLocale.setDefault(QLocale("zh_CN"))
    yield got
    QLocale.setDefault(before)
    p.played.disconnect(slot)


def test_verify_station_speaks_wrong_item_and_one_too_many(qtbot, sqlite_db, heard):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.services.operators import find_operator
    from app.ui.desks.verify import VerifyStation
    from app.ui.kit.context import StationContext
    from tests.floor import foreign_barcode, pick, printed_batch

    printed_batch(sqlite_db)
    ctx = StationContext(
        db=sqlite_db, operator=find_operator(sqlite_db, "1004"), station_name="verify-1"
    )
    w = VerifyStation(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.focus_scan_field()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.scan_field, timeout=5000)

    def scan(code: str) -> None:
        qtbot.keyClicks(w.scan_field, code)
        qtbot.keyClick(w.scan_field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: w.idle, timeout=15000)

    g = pick(sqlite_db, serial=False, lines=2)
    scan(g.waybill_no)
    assert heard[-1] == ("ok", ["tone_ok.wav"])
    scan(foreign_barcode(sqlite_db, g))
    assert heard[-1] == ("error", ["tone_error.wav", "zh_CN/wrong_item.wav"])
    _, qty, code, _ = g.lines[0]
    for _ in range(qty + 1):
        scan(code)
    assert heard[-1] == ("error", ["tone_error.wav", "zh_CN/extra_unit.wav"])


def test_weigh_station_speaks_how_many_grams_light(qtbot, sqlite_db, heard, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt

    from app.services.operators import find_operator
    from app.settings import Settings
    from app.ui.desks.weigh.station import WeighStation
    from app.ui.kit.context import StationContext
    from devices.simulate import SimulatedScale
    from tests.floor import add_order

    add_order(sqlite_db, "WB1", [("BED-PIL-MEM", 1), ("CLO-TSH-M", 2), ("ELE-CBL-C1M", 1)])
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    sim = SimulatedScale("stgs", rate_hz=25, settle_s=0.3, noise_grams=1, seed=4)
    ctx = StationContext(
        db=sqlite_db,
        operator=find_operator(sqlite_db, "1006"),
        settings=Settings(scale_port=sim.port, scale_protocol="stgs"),
        station_name="称重台 1",
    )
    w = WeighStation(ctx)
    qtbot.addWidget(w)
    w.show()
    try:
        w.focus_scan_field()
        qtbot.waitUntil(lambda: w.scale_state == "ok" and not w.gate.needs_zero, timeout=20_000)
        qtbot.keyClicks(w.scan_field, "WB1")
        qtbot.keyClick(w.scan_field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: w.context is not None, timeout=20_000)
        with qtbot.waitSignal(w.weighing_recorded, timeout=20_000) as sig:
            sim.place(543)  # 412 g light (± the simulator's 1 g of noise)
        res = sig.args[0]
        assert res.verdict == "hold" and res.reason == "light"
        kind, files = heard[-1]
        number = [f"zh_CN/{x}.wav" for x in sound.zh_number(-res.difference_grams)]
        assert kind == "hold"
        assert files == ["tone_error.wav", "zh_CN/light.wav", *number, "zh_CN/grams.wav"]
        assert number[:2] == ["zh_CN/4.wav", "zh_CN/bai.wav"]  # 四百一十…
    finally:
        w.close_station()
        sim.close()
