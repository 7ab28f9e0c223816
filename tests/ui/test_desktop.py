"""Desktop integration: the icon renders, the .desktop entry and udev rules are well formed,
the install script puts them where the menus look, the window carries the icon, and the voice
switch in the header turns the spoken prompts off and remembers it."""

from __future__ import annotations

import configparser
import os
import re
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from app.ui.kit import sound
from app.ui.shell.icons import ICONS, app_icon

ROOT = Path(__file__).resolve().parent.parent.parent
LINUX = ROOT / "resources" / "linux"


def test_icon_svg_and_its_256_px_png(qapp):
    from PySide6.QtSvg import QSvgRenderer

    assert QSvgRenderer(str(ICONS / "parcelproof.svg")).isValid()
    png = QImage(str(ICONS / "parcelproof.png"))
    assert (png.width(), png.height()) == (256, 256)
    assert png.hasAlphaChannel()
    assert png.pixelColor(0, 0).alpha() == 0  # rounded corner: transparent
    assert png.pixelColor(128, 128).alpha() == 255
    icon = app_icon()
    assert not icon.isNull() and not icon.pixmap(48, 48).isNull()


def test_desktop_entry_is_well_formed():
    p = configparser.ConfigParser(interpolation=None, strict=True)
    p.optionxform = str  # keys are case-sensitive
    p.read(LINUX / "parcelproof.desktop", encoding="utf-8")
    e = p["Desktop Entry"]
    assert e["Type"] == "Application" and e["Exec"] == "parcelproof"
    assert e["Icon"] == "parcelproof" and e["Terminal"] == "false"
    assert e["Name[zh_CN]"] and e["Comment[zh_CN]"]
    assert e["Categories"].endswith(";") and e["Keywords"].endswith(";")
    assert p["Desktop Action demo"]["Exec"] == "parcelproof --demo"


def test_udev_rules_are_well_formed():
    rules = [
        line
        for line in (LINUX / "99-parcelproof-serial.rules").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert len(rules) >= 5
    pair = re.compile(r'^[A-Z_]+(\{[^}]+\})?(==|!=|=|\+=|:=)"[^"]*"$')
    for rule in rules:
        parts = [x.strip() for x in rule.split(",")]
        assert all(pair.match(x) for x in parts), rule
        assert 'SUBSYSTEM=="tty"' in parts and 'MODE="0660"' in parts


def test_install_script_puts_entry_and_icons_in_the_user_data_dir(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "share"))
    script = ROOT / "scripts" / "install-desktop.sh"
    run = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    share = tmp_path / "share"
    desktop = (share / "applications" / "parcelproof.desktop").read_text()
    assert re.search(r"^Exec=\S*parcelproof$", desktop, re.M)
    assert (share / "icons/hicolor/256x256/apps/parcelproof.png").is_file()
    assert (share / "icons/hicolor/scalable/apps/parcelproof.svg").is_file()
    run = subprocess.run(["bash", str(script), "--remove"], env=env, capture_output=True)
    assert run.returncode == 0
    assert not (share / "applications" / "parcelproof.desktop").exists()


def test_window_icon_and_the_voice_switch(qtbot, demo_db, tmp_path, monkeypatch):
    from app.services.operators import find_operator
    from app.settings import load_settings
    from app.ui.kit.context import StationContext
    from app.ui.shell.main_window import MainWindow

    monkeypatch.setenv("PARCELPROOF_CONFIG", str(tmp_path / "s.json"))
    ctx = StationContext(db=demo_db, operator=find_operator(demo_db, "1004"))
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    try:
        assert not w.windowIcon().isNull()
        assert w.voice.isChecked() and sound.voice_enabled()
        qtbot.mouseClick(w.voice, Qt.MouseButton.LeftButton)
        assert not sound.voice_enabled() and "off" in w.voice.text()
        assert sound.clips_for("stop", voice=sound.voice_enabled()) == ["tone_stop.wav"]
        assert load_settings().extra[sound.SETTING] is False  # remembered for the next start
        w2 = MainWindow(StationContext(db=demo_db, operator=ctx.operator, settings=load_settings()))
        qtbot.addWidget(w2)
        assert not w2.voice.isChecked()
    finally:
        sound.set_voice_enabled(True)
