"""Sounds and spoken prompts: a distinct tone for OK, refusal, interception; a voice for the
errors that matter (错货, 多扫一件, 拦截件，请退回, 重量偏轻 四百一十二 克).

The WAV files are committed under ``resources/sounds/`` (made once by ``scripts/make_sounds.py``
with espeak-ng; mono, 16 kHz, 16-bit). A weight difference is spoken from pieces: digits and
units, read the Chinese way (四 百 一 十 二) or the English way (four hundred twelve). The pieces
of one prompt are joined into one temporary WAV and played by a single ``QSoundEffect``, so a
prompt never blocks the GUI thread and a new prompt cuts the previous one short.

Without an audio output (a station without a sound card, CI, an SSH session) the player falls
back to ``QApplication.beep`` (once for OK, twice for a refusal, three times for a stop) and
says nothing on the console: QtMultimedia's start-up complaints about PulseAudio are swallowed
while it is probed, once per process.

The voice follows the UI language (``QLocale()``, set by ``install_translators``) and is switched
on and off by :func:`set_voice_enabled` (the setting ``extra["voice_prompts"]``). Everything here
runs on the GUI thread.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
import wave
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, QTimer, QUrl, Signal
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[3]
SOUNDS = ROOT / "resources" / "sounds"
RATE = 16000
GAP_S = 0.06  # silence between the tone and the voice, and between spoken pieces
SETTING = "voice_prompts"  # key in Settings.extra

#: kind → tone file. Kinds are the stations' (``ok``/``error``/``stop``/``warn``) and the
#: weighing verdicts (``hold`` is a refusal, ``override`` a release).
TONES = {
    "ok": "tone_ok.wav",
    "error": "tone_error.wav",
    "stop": "tone_stop.wav",
    "warn": "tone_warn.wav",
}
KIND_TONE = {"hold": "error", "override": "ok"}
BEEPS = {"ok": 1, "override": 1, "warn": 2, "error": 2, "hold": 2, "stop": 3}

#: prompts that have a voice: the verify verdicts, an intercepted parcel, the weigh reasons
PROMPTS = ("wrong_item", "extra_unit", "intercepted", "light", "heavy")
MAX_SPOKEN_GRAMS = 99_999  # above this the number is left out (the screen shows it)

_ZH_DIGITS = "零一二三四五六七八九"
VOICE_TEXTS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "wrong_item": "错货",
        "extra_unit": "多扫一件",
        "intercepted": "拦截件，请退回",
        "light": "重量偏轻",
        "heavy": "重量偏重",
        "grams": "克",
        **{str(i): _ZH_DIGITS[i] for i in range(10)},
        "shi": "十",
        "bai": "百",
        "qian": "千",
        "wan": "万",
    },
    "en": {
        "wrong_item": "Wrong item",
        "extra_unit": "One too many",
        "intercepted": "Intercepted. Send it back",
        "light": "Too light",
        "heavy": "Too heavy",
        "grams": "grams",
        "gram": "gram",
        **{
            str(i): w
            for i, w in enumerate(
                [
                    "zero",
                    "one",
                    "two",
                    "three",
                    "four",
                    "five",
                    "six",
                    "seven",
                    "eight",
                    "nine",
                    "ten",
                    "eleven",
                    "twelve",
                    "thirteen",
                    "fourteen",
                    "fifteen",
                    "sixteen",
                    "seventeen",
                    "eighteen",
                    "nineteen",
                ]
            )
        },
        **{
            str(10 * i): w
            for i, w in enumerate(
                ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
                start=2,
            )
        },
        "hundred": "hundred",
        "thousand": "thousand",
    },
}


# --- which clips (pure; tested without audio) ---------------------------------------------


def zh_number(n: int) -> list[str]:
    """Clip keys for ``n`` read the Chinese way (0 ≤ n ≤ 99 999): 412 → 四 百 一 十 二,
    10 → 十, 105 → 一 百 零 五, 10 012 → 一 万 零 一 十 二."""
    if not 0 <= n <= MAX_SPOKEN_GRAMS:
        raise ValueError(n)
    if n == 0:
        return ["0"]
    out: list[str] = []
    started = zero = False
    for value, unit in ((10_000, "wan"), (1000, "qian"), (100, "bai"), (10, "shi")):
        d = n // value % 10
        if d:
            if zero:
                out.append("0")
                zero = False
            if not (value == 10 and d == 1 and not started):  # 十五, not 一十五
                out.append(str(d))
            out.append(unit)
            started = True
        elif started:
            zero = True
    if n % 10:
        if zero:
            out.append("0")
        out.append(str(n % 10))
    return out


def _en_below_1000(n: int) -> list[str]:
    hundreds, rest = divmod(n, 100)
    out = [str(hundreds), "hundred"] if hundreds else []
    if 0 < rest < 20:
        out.append(str(rest))
    elif rest >= 20:
        tens, units = divmod(rest, 10)
        out.append(str(tens * 10))
        if units:
            out.append(str(units))
    return out


def en_number(n: int) -> list[str]:
    """Clip keys for ``n`` in English (0 ≤ n ≤ 99 999): 412 → four hundred twelve."""
    if not 0 <= n <= MAX_SPOKEN_GRAMS:
        raise ValueError(n)
    if n == 0:
        return ["0"]
    thousands, rest = divmod(n, 1000)
    out = [*_en_below_1000(thousands), "thousand"] if thousands else []
    return out + _en_below_1000(rest)


def voice_language(locale: QLocale | None = None) -> str:
    """``zh_CN`` for any Chinese UI, else ``en``."""
    name = (locale if locale is not None else QLocale()).name()
    return "zh_CN" if name.startswith("zh") else "en"


def clips_for(
    kind: str,
    prompt: str | None = None,
    grams: int | None = None,
    lang: str = "zh_CN",
    voice: bool = True,
) -> list[str]:
    """The files (relative to ``resources/sounds``) to play, in order, for one event.

    ``kind``: the station's sound kind; ``prompt``: a verdict or reason code (only those in
    :data:`PROMPTS` are spoken); ``grams``: the weight difference for ``light``/``heavy`` (the
    sign is ignored: the word says which way). A ``stop`` always speaks the interception.
    """
    files = [TONES[KIND_TONE.get(kind, kind if kind in TONES else "error")]]
    if kind == "stop" and prompt is None:
        prompt = "intercepted"
    if not voice or prompt not in PROMPTS:
        return files
    lang = lang if lang in VOICE_TEXTS else "en"
    files.append(f"{lang}/{prompt}.wav")
    if prompt in ("light", "heavy") and grams is not None and abs(grams) <= MAX_SPOKEN_GRAMS:
        n = abs(int(grams))
        words = zh_number(n) if lang == "zh_CN" else en_number(n)
        unit = "gram" if lang == "en" and n == 1 else "grams"
        files += [f"{lang}/{w}.wav" for w in (*words, unit)]
    return files


def referenced_files() -> list[str]:
    """Every file the player can ask for (for the test that they all exist)."""
    files = list(TONES.values())
    for lang, texts in VOICE_TEXTS.items():
        files += [f"{lang}/{key}.wav" for key in texts]
    return files


# --- playing -------------------------------------------------------------------------------

_voice_enabled = True


def set_voice_enabled(on: bool) -> None:
    global _voice_enabled
    _voice_enabled = bool(on)


def voice_enabled() -> bool:
    return _voice_enabled


def join_wavs(paths: list[Path], out: Path, gap_s: float = GAP_S) -> None:
    """Concatenate mono 16-bit WAVs of one rate into ``out`` with ``gap_s`` of silence between."""
    frames: list[bytes] = []
    rate = RATE
    for i, p in enumerate(paths):
        with wave.open(str(p), "rb") as w:
            rate = w.getframerate()
            if i:
                frames.append(b"\0\0" * int(rate * gap_s))
            frames.append(w.readframes(w.getnframes()))
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(frames))


def _audio_output_present() -> bool:
    """Probe QtMultimedia once, swallowing the messages it prints when there is no sound
    server (``PulseAudioService: pa_context_connect() failed`` and friends).

    The messages are silenced by logging rules, not by a Python message handler: the probe
    loads the audio libraries (dlopen) and they log while the dynamic loader's lock is held; a
    Python handler then waits for the GIL, which a thread importing an extension module (the
    camera's start, a job) holds while it waits for that same lock: the station froze."""
    from PySide6.QtCore import QLoggingCategory

    QLoggingCategory.setFilterRules("*=false")
    try:
        from PySide6.QtMultimedia import QMediaDevices

        return not QMediaDevices.defaultAudioOutput().isNull()
    except Exception:  # noqa: BLE001 - no multimedia plugin: beep instead
        return False
    finally:
        QLoggingCategory.setFilterRules("")


class SoundPlayer(QObject):
    """Plays tones and prompts on the GUI thread; one per application (:func:`player`).

    ``played(kind, files)`` is emitted for every event, whether it was heard through the
    speaker or as beeps (``audible`` tells which: ``True`` for the speaker).
    """

    played = Signal(str, list, bool)  # kind, files, through the speaker

    def __init__(self, folder: Path = SOUNDS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self._available: bool | None = None
        self._effect = None
        self._tmp: Path | None = None
        self._joined: dict[tuple[str, ...], Path] = {}

    @property
    def audio_available(self) -> bool:
        if self._available is None:
            self._available = _audio_output_present()
        return self._available

    def play(self, kind: str, prompt: str | None = None, grams: int | None = None) -> list[str]:
        """Play the tone (and the prompt) for ``kind``; returns the files chosen."""
        files = clips_for(kind, prompt, grams, voice_language(), voice_enabled())
        path = self._source(files) if self.audio_available else None
        if path is not None:
            self._play_file(path)
        else:
            for i in range(BEEPS.get(kind, 1)):
                QTimer.singleShot(i * 180, QApplication.beep)
        self.played.emit(kind, files, path is not None)
        return files

    def _source(self, files: list[str]) -> Path | None:
        paths = [self.folder / f for f in files]
        if not all(p.is_file() for p in paths):
            return None
        if len(paths) == 1:
            return paths[0]
        key = tuple(files)
        joined = self._joined.get(key)
        if joined is None:
            if self._tmp is None:
                self._tmp = Path(tempfile.mkdtemp(prefix="parcelproof-sound-"))
                atexit.register(shutil.rmtree, self._tmp, True)
            joined = self._tmp / (hashlib.sha1("|".join(files).encode()).hexdigest() + ".wav")
            try:
                join_wavs(paths, joined)
            except (OSError, wave.Error):
                return None
            self._joined[key] = joined
        return joined

    def _play_file(self, path: Path) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        if self._effect is None:
            self._effect = QSoundEffect(self)
            self._effect.setVolume(1.0)
        self._effect.stop()
        self._effect.setSource(QUrl.fromLocalFile(str(path)))
        self._effect.play()


_player: SoundPlayer | None = None


def player() -> SoundPlayer:
    """The application's player (made on first use, on the GUI thread)."""
    global _player
    if _player is None:
        _player = SoundPlayer(parent=QApplication.instance())
    return _player


def play(kind: str, prompt: str | None = None, grams: int | None = None) -> list[str]:
    """Shortcut for ``player().play(...)``: what the stations call instead of beeping."""
    return player().play(kind, prompt, grams)
