"""The device panel as a technician uses it: a simulated scale on a real pty shows its raw
bytes, readings and stable flag; pulling the cable shows 'disconnected', plugging it back
shows data again; auto-detect names the protocol; a port the user may not open explains the
dialout group; scanner scans are listed with their key timing."""

from __future__ import annotations

import pytest
import serial
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.services.operators import OperatorInfo
from app.settings import Settings, load_settings
from app.ui.desks.devices.panel import DevicePanel
from app.ui.desks.devices.scale import RawLines, format_raw
from app.ui.kit.context import StationContext
from devices.simulate import SimulatedScale, SimulatedSerialScanner
from tests.ui.test_wedge_filter import keep_singletons_alive, key_of

keep_singletons_alive()

T = 20_000  # generous: the machine is shared


def _ctx(settings: Settings | None = None, demo: bool = False) -> StationContext:
    return StationContext(
        db=None,  # type: ignore[arg-type]  # the panel never touches the database
        operator=OperatorInfo(id=6, code="1006", name="称重员", role="weigher"),
        settings=settings or Settings(),
        station_name="称重台 1",
        demo=demo,
    )


@pytest.fixture
def make_panel(qtbot):
    panels: list[DevicePanel] = []

    def make(**kw) -> DevicePanel:
        p = DevicePanel(_ctx(**kw))
        qtbot.addWidget(p)
        p.resize(1400, 900)
        p.show()
        panels.append(p)
        return p

    yield make
    for p in panels:
        p.close_station()


@pytest.fixture
def scale():
    sim = SimulatedScale("stgs", rate_hz=25, settle_s=0.2, noise_grams=0, seed=3)
    sim.set_target(1234, settle=False)
    yield sim
    sim.close()


def test_panel_shows_raw_bytes_readings_and_the_stable_flag(qtbot, make_panel, scale):
    panel = make_panel(settings=Settings(scale_port=scale.port, scale_protocol="stgs"))
    assert panel.port == scale.port and panel.protocol == "stgs"
    qtbot.mouseClick(panel.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: panel.last_stability is not None and panel.last_stability.stable, timeout=T
    )
    assert panel.scale_state == "ok"
    assert "Connected" in panel.state_label.text()
    assert panel.last_reading.grams == 1234
    assert "1,234 g" in panel.weight_label.text()
    assert "Stable" in panel.stable_label.text()
    assert panel.frames > 0 and panel.bad_frames == 0
    assert f"Frames: {panel.frames}" in panel.counters_label.text()
    assert "|ST,GS,+  1.234kg··|" in panel.raw_view.toPlainText()
    assert "53 54 2C 47 53" in panel.raw_view.toPlainText()  # "ST,GS" in hex
    row = [panel.readings_table.item(0, c).text() for c in range(7)]
    assert row[1] == "1,234" and row[2] == "stable" and row[5] == "gross"
    # a parcel goes on: the scale moves first (its own flag says so), then settles
    scale.place(2500)
    qtbot.waitUntil(lambda: panel.last_reading.stable is False, timeout=T)
    qtbot.waitUntil(
        lambda: panel.last_reading.grams == 2500 and panel.last_stability.stable, timeout=T
    )
    panel.grab().save("/tmp/devpanel_connected.png")


def test_unplug_shows_disconnected_and_replug_recovers(qtbot, make_panel, scale):
    panel = make_panel(settings=Settings(scale_port=scale.port, scale_protocol="stgs"))
    panel.connect_button.click()
    qtbot.waitUntil(lambda: panel.scale_state == "ok", timeout=T)
    scale.unplug()
    qtbot.waitUntil(lambda: panel.scale_state == "disconnected", timeout=T)
    qtbot.waitUntil(lambda: panel.scale_error is not None, timeout=T)
    assert "Disconnected" in panel.state_label.text()
    assert panel.error_label.text()  # what went wrong, in words
    assert "Stable" not in panel.stable_label.text()
    scale.replug()
    qtbot.waitUntil(lambda: panel.scale_state == "ok", timeout=T)
    assert panel.error_label.text() == ""
    frames = panel.frames
    qtbot.waitUntil(lambda: panel.frames > frames + 3, timeout=T)
    panel.disconnect_button.click()
    assert "Not connected" in panel.state_label.text()


@pytest.mark.parametrize("protocol", ["yaohua-tf0", "ohaus"])
def test_auto_detect_finds_the_protocol_of_a_simulated_scale(qtbot, make_panel, protocol):
    with SimulatedScale(protocol, rate_hz=20, settle_s=0.1, seed=1) as sim:
        sim.set_target(5000, settle=False)
        panel = make_panel()
        panel.set_port(sim.port)
        assert panel.protocol == "auto"
        panel.detect_button.click()
        assert "Detecting" in panel.state_label.text()
        qtbot.waitUntil(lambda: panel.detect_result is not None, timeout=T)
        assert panel.detect_result.protocol == protocol
        assert panel.protocol == protocol  # filled in for the technician
        assert protocol in panel.detect_label.text() and "confidence" in panel.detect_label.text()
        assert panel.baudrate == 9600 or panel.baudrate == panel.detect_result.settings.baudrate
        panel.connect_button.click()
        qtbot.waitUntil(
            lambda: panel.last_reading is not None and panel.last_reading.grams == 5000,
            timeout=T,
        )


def test_connect_with_auto_detects_first_in_demo_mode(qtbot, make_panel):
    panel = make_panel(demo=True)
    assert panel.sim_button.isVisible()
    panel.sim_button.click()
    assert panel.port == panel._sim.port
    panel.connect_button.click()  # protocol "auto": detect, then connect
    qtbot.waitUntil(lambda: panel.scale_state == "ok" and panel.frames > 0, timeout=T)
    assert panel.protocol == "stgs"
    panel.place_button.click()
    qtbot.waitUntil(lambda: panel.last_reading.grams != 1250, timeout=T)


def test_permission_denied_explains_the_dialout_group(qtbot, make_panel, monkeypatch):
    def deny(url, **kw):
        raise serial.SerialException(13, f"could not open port {url}: [Errno 13] Permission denied")

    monkeypatch.setattr(serial, "serial_for_url", deny)
    panel = make_panel(settings=Settings(scale_port="/dev/ttyUSB0", scale_protocol="stgs"))
    panel.connect_button.click()
    qtbot.waitUntil(lambda: panel.scale_state == "disconnected", timeout=T)
    assert panel.scale_error.code == "permission_denied"
    text = panel.error_label.text()
    assert "/dev/ttyUSB0" in text and "dialout" in text
    assert "sudo usermod -aG dialout $USER" in text
    assert "log in again" in text
    panel.grab().save("/tmp/devpanel_denied.png")


def test_auto_detect_on_a_denied_port_says_so(qtbot, make_panel, monkeypatch):
    def deny(url, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(serial, "serial_for_url", deny)
    panel = make_panel()
    panel.set_port("/dev/ttyS0")
    panel.detect_button.click()
    qtbot.waitUntil(lambda: panel.scale_state == "disconnected", timeout=T)
    assert "dialout" in panel.error_label.text()


def test_save_writes_port_and_protocol(qtbot, make_panel, monkeypatch, tmp_path):
    monkeypatch.setenv("PARCELPROOF_CONFIG", str(tmp_path / "settings.json"))
    panel = make_panel()
    panel.set_port("/dev/ttyUSB3")
    panel.set_protocol("mt-sics")
    panel.set_baudrate(4800)
    panel.save_button.click()
    saved = load_settings()
    assert (saved.scale_port, saved.scale_protocol) == ("/dev/ttyUSB3", "mt-sics")
    assert saved.extra["scale_baud"] == 4800
    assert panel.ctx.settings.scale_port == "/dev/ttyUSB3"
    assert "Saved" in panel.saved_label.text()
    again = make_panel(settings=saved)
    assert (again.port, again.protocol, again.baudrate) == ("/dev/ttyUSB3", "mt-sics", 4800)


def test_scanner_test_lists_wedge_scans_with_timing_and_serial_scans(qtbot, make_panel):
    panel = make_panel()
    panel.focus_scan_field()
    t = 5_000_000
    for i, ch in enumerate("6901234567892"):
        t += 3 if i % 2 else 4
        k, m = key_of(ch)
        ev = QKeyEvent(QEvent.Type.KeyPress, k, m, ch)
        ev.setTimestamp(t)
        QApplication.sendEvent(panel.scan_field, ev)
    ev = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
    ev.setTimestamp(t + 3)
    QApplication.sendEvent(panel.scan_field, ev)
    assert panel.scan_field.text() == ""  # the scan did not leak into the field
    source, code, timing = panel.scans[-1]
    assert (source, code) == ("keyboard", "6901234567892")
    assert timing.keys == 14 and timing.max_gap_ms == 4 and 3 <= timing.avg_gap_ms <= 4
    assert panel.scans_table.item(0, 2).text() == "6901234567892"
    assert panel.scans_table.item(0, 5).text() == "4.0"
    assert "6901234567892" in panel.last_scan_label.text()

    with SimulatedSerialScanner() as sc:
        panel.serial_scanner_edit.setText(sc.port)
        panel.scanner_button.click()
        qtbot.waitUntil(lambda: "waiting for a scan" in panel.scanner_state_label.text(), timeout=T)
        sc.scan("SF1234567890123")
        qtbot.waitUntil(lambda: panel.scans[-1][1] == "SF1234567890123", timeout=T)
        assert panel.scans[-1][0] == "serial"
        assert panel.scans_table.item(0, 1).text() == "serial"
        panel.scanner_button.click()  # disconnect
    panel.grab().save("/tmp/devpanel_scans.png")


def test_raw_lines_split_frames_and_show_hex_and_text():
    rl = RawLines()
    assert rl.feed(b"ST,GS,+  1.2") == []
    assert rl.feed(b"34kg\r\nST,GS") == [b"ST,GS,+  1.234kg\r\n"]
    assert rl.feed(b"\x02+001234\r") == []  # a lone CR waits: CR LF may follow
    assert rl.feed(b"\x03") == [b"ST,GS\x02+001234\r"]
    assert format_raw(b"A\x02\r\n") == "41 02 0D 0A   |A···|"
    assert len(RawLines().feed(bytes(100))) == 2  # binary without line ends: 48-byte rows


# --- the camera tab (packing video) -----------------------------------------------------------


def test_camera_tab_previews_test_records_and_saves_the_camera(
    qtbot, make_panel, monkeypatch, tmp_path
):
    monkeypatch.setenv("PARCELPROOF_CONFIG", str(tmp_path / "settings.json"))
    panel = make_panel(settings=Settings(camera_width=320, camera_height=240, camera_fps=10))
    tab = panel.camera_tab
    panel.tabs.setCurrentWidget(tab)
    assert "test:" in [tab.url_combo.itemText(i) for i in range(tab.url_combo.count())]
    assert tab.frame_size == (320, 240) and tab.fps_spin.value() == 10
    tab.url_combo.setEditText("test:")
    shown = []
    tab.preview_shown.connect(lambda: shown.append(1))
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=T)
    pix = tab.preview.pixmap()
    assert not pix.isNull() and pix.width() == 480
    assert "recording" in tab.state_label.text() and "fps" in tab.state_label.text()
    assert not tab.url_combo.isEnabled()  # the camera is not changed under a running capture
    recorded = []
    tab.test_recorded.connect(recorded.append)
    qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(recorded), timeout=T)
    rec = recorded[0]
    assert 4.5 <= rec.seconds <= 6.5 and abs(rec.frames - rec.seconds * 10) <= 3 and rec.bytes > 0
    assert f"{rec.frames} frames" in tab.result_label.text()
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    assert tab.camera is None and tab.url_combo.isEnabled()
    tab.size_combo.setCurrentIndex(tab.size_combo.findData("1280x720"))
    tab.fps_spin.setValue(12)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    saved = load_settings(tmp_path / "settings.json")
    assert (saved.camera, saved.camera_width, saved.camera_height, saved.camera_fps) == (
        "test:",
        1280,
        720,
        12,
    )
    assert "✔" in tab.saved_label.text()


def test_camera_tab_says_loudly_when_the_camera_cannot_be_reached(qtbot, make_panel):
    panel = make_panel(settings=Settings(camera_width=320, camera_height=240, camera_fps=10))
    tab = panel.camera_tab
    tab.url_combo.setEditText("http://127.0.0.1:9/video.mjpg")
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "NOT REACHABLE" in tab.state_label.text(), timeout=T)
    qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "✖" in tab.result_label.text(), timeout=40_000)
