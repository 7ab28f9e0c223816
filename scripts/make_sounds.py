"""Generate resources/sounds/: three tones and the spoken prompts (zh_CN, en).

Run once on a machine with espeak-ng (``apt-get install espeak-ng``) and commit the WAV files;
the application only plays the committed files and never needs espeak-ng::

    .venv/bin/python scripts/make_sounds.py            # writes resources/sounds/
    .venv/bin/python scripts/make_sounds.py --tones    # only the tones (no espeak-ng needed)

Every file is mono, 16 kHz, 16-bit PCM. Spoken pieces are trimmed of leading and trailing
silence so that numbers built from pieces (四 百 一 十 二 克) follow each other closely. The
list of clips is ``app.ui.kit.sound.VOICE_TEXTS``: the player and this script share it, so a clip
the player asks for is a clip this script makes.
"""

from __future__ import annotations

import argparse
import array
import math
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.ui.kit.sound import RATE, SOUNDS, TONES, VOICE_TEXTS  # noqa: E402

# espeak-ng's Mandarin dictionary (Debian's espeak-ng-data) lacks most characters and reads
# them letter by letter in English; its pinyin voice speaks tone-numbered pinyin correctly.
ESPEAK_VOICES = {"zh_CN": "cmn-latn-pinyin", "en": "en"}
PINYIN = {
    "wrong_item": "cuo4 huo4",
    "extra_unit": "duo1 sao3 yi2 jian4",
    "intercepted": "lan2 jie2 jian4, qing3 tui4 hui2",
    "light": "zhong4 liang4 pian1 qing1",
    "heavy": "zhong4 liang4 pian1 zhong4",
    "grams": "ke4",
    **{
        str(i): p
        for i, p in enumerate(
            ["ling2", "yi1", "er4", "san1", "si4", "wu3", "liu4", "qi1", "ba1", "jiu3"]
        )
    },
    "shi": "shi2",
    "bai": "bai3",
    "qian": "qian1",
    "wan": "wan4",
}
SILENCE = 400  # |sample| below this counts as silence when trimming
MARGIN = int(RATE * 0.015)  # keep 15 ms around the voiced part


def _write(path: Path, samples: array.array) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(samples.tobytes())


def _tone(parts: list[tuple[float, float, float]]) -> array.array:
    """``parts``: (frequency Hz, seconds, volume 0..1); frequency 0 is a pause. Each part fades
    in and out over 5 ms so that it does not click."""
    out = array.array("h")
    fade = int(RATE * 0.005)
    for freq, secs, vol in parts:
        n = int(RATE * secs)
        for i in range(n):
            env = min(1.0, i / fade, (n - 1 - i) / fade) if fade else 1.0
            v = math.sin(2 * math.pi * freq * i / RATE) if freq else 0.0
            # a little of the third harmonic makes it cut through the floor's noise
            v += 0.25 * math.sin(6 * math.pi * freq * i / RATE) if freq else 0.0
            out.append(int(max(-1.0, min(1.0, v * vol * env / 1.25)) * 32000))
    return out


TONE_SHAPES: dict[str, list[tuple[float, float, float]]] = {
    # one short bright blip: done, carry on
    "ok": [(1318.5, 0.09, 0.6), (0, 0.02, 0), (1760.0, 0.11, 0.6)],
    # two low buzzes: refused, look at the screen
    "error": [(220.0, 0.18, 0.9), (0, 0.07, 0), (220.0, 0.18, 0.9)],
    # a falling three-note alarm, twice: stop the parcel
    "stop": [
        (988.0, 0.12, 0.9),
        (740.0, 0.12, 0.9),
        (494.0, 0.20, 0.9),
        (0, 0.08, 0),
        (988.0, 0.12, 0.9),
        (740.0, 0.12, 0.9),
        (494.0, 0.20, 0.9),
    ],
    # a middle double note: attention, not a refusal
    "warn": [(660.0, 0.10, 0.7), (0, 0.04, 0), (660.0, 0.10, 0.7)],
}


def _read_espeak(text: str, voice: str, speed: int) -> array.array:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "x.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(out), text],
            check=True,
            capture_output=True,
        )
        with wave.open(str(out), "rb") as w:
            if w.getnchannels() != 1 or w.getsampwidth() != 2:
                raise SystemExit(f"espeak-ng wrote an unexpected format for {text!r}")
            rate = w.getframerate()
            data = array.array("h", w.readframes(w.getnframes()))
    return _resample(data, rate, RATE)


def _resample(data: array.array, src: int, dst: int) -> array.array:
    """Linear interpolation; good enough for speech going down from 22.05 to 16 kHz."""
    if src == dst or not data:
        return data
    n = int(len(data) * dst / src)
    out = array.array("h")
    step = src / dst
    last = len(data) - 1
    for i in range(n):
        x = i * step
        j = int(x)
        f = x - j
        a = data[j]
        b = data[j + 1] if j < last else a
        out.append(int(a + (b - a) * f))
    return out


def _trim(data: array.array) -> array.array:
    loud = [i for i, v in enumerate(data) if abs(v) > SILENCE]
    if not loud:
        return data
    start = max(0, loud[0] - MARGIN)
    end = min(len(data), loud[-1] + MARGIN)
    return data[start:end]


def make_tones(folder: Path) -> list[Path]:
    paths = []
    for kind, file in TONES.items():
        path = folder / file
        _write(path, _tone(TONE_SHAPES[kind]))
        paths.append(path)
    return paths


def make_voices(folder: Path) -> list[Path]:
    paths = []
    for lang, texts in VOICE_TEXTS.items():
        voice = ESPEAK_VOICES[lang]
        for key, text in texts.items():
            speed = 165
            if lang == "zh_CN":
                text = PINYIN[key]  # KeyError: a new zh clip needs its pinyin here
            data = _trim(_read_espeak(text, voice, speed))
            path = folder / lang / f"{key}.wav"
            _write(path, data)
            paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=SOUNDS, help="folder (default resources/sounds)")
    ap.add_argument("--tones", action="store_true", help="only the tones (no espeak-ng)")
    args = ap.parse_args(argv)
    made = make_tones(args.out)
    if not args.tones:
        made += make_voices(args.out)
    total = sum(p.stat().st_size for p in made)
    print(f"{len(made)} files, {total / 1024:.0f} KiB in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
