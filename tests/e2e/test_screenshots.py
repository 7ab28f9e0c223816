"""The README's pictures: scripts/screenshots.py runs unattended (its own Xvfb), saves a real
picture of every station in Chinese and English, and the README shows each of them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app.ui.shell.stations import available_stations

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb")


def _distinct_colours(img: QImage, step: int = 7) -> int:
    seen = set()
    for y in range(0, img.height(), step):
        for x in range(0, img.width(), step):
            seen.add(img.pixel(x, y))
    return len(seen)


def _dark_share(img: QImage, step: int = 5) -> float:
    """Share of sampled pixels that are dark (text, lines): an empty screen has almost none."""
    dark = total = 0
    for y in range(0, img.height(), step):
        for x in range(0, img.width(), step):
            c = img.pixelColor(x, y)
            total += 1
            dark += c.lightness() < 110
    return dark / total


def test_the_script_shoots_every_station_and_the_readme_shows_them(tmp_path):
    out = tmp_path / "shots"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    stations = [c.STATION for c in available_stations()]
    assert {"print", "pick", "verify", "weigh", "handover", "dashboard"} <= set(stations)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"docs/screenshots/([a-z_]+)\.png", readme))
    for folder in (out, out / "en"):
        for name in stations:
            path = folder / f"{name}.png"
            assert path.is_file(), f"{path} was not made"
            img = QImage(str(path))
            # the window is 1280x800; a station whose layout needs more grows it (the script
            # warns), and the picture then shows all of it
            assert img.width() == 1280 and img.height() >= 800, path
            assert img.format() == QImage.Format.Format_Indexed8, path  # kept small
            assert _distinct_colours(img) >= 6, f"{path} is blank"
            assert _dark_share(img) > 0.01, f"{path} shows no text"
            assert path.stat().st_size < 200_000, path
    # the README shows every station's picture, and the committed pictures are the same set
    assert shown == set(stations)
    committed = {p.stem for p in (ROOT / "docs" / "screenshots").glob("*.png")}
    assert committed == set(stations) | {"dispute-video"}
    # and the dispute desk playing a packing clip (issue #22), in both languages
    assert "docs/screenshots/dispute-video.png" in readme
    for folder in (out, out / "en"):
        img = QImage(str(folder / "dispute-video.png"))
        assert img.width() == 1280 and _distinct_colours(img) >= 12  # the test pattern's colours
