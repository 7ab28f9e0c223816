"""Live reads over real pty pairs (os.openpty) with the simulator: readings, stability,
polling, unplug/replug, silence, error translation."""

from __future__ import annotations

import queue
import threading
import time

import pytest
import serial

from devices.connection import PortReader, open_port
from devices.errors import DeviceError, from_serial_exception
from devices.scales.detect import detect_protocol, probe_port
from devices.scales.reader import ScaleReader
from devices.scanners.serial_scanner import ScanSplitter, SerialScanner
from devices.simulate import SimulatedScale, SimulatedSerialScanner


def wait_for(pred, timeout=5.0, step=0.02):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(step)
    return pred()


class States:
    def __init__(self):
        self.seen: list[tuple[str, str | None]] = []
        self.lock = threading.Lock()

    def __call__(self, state, error):
        with self.lock:
            self.seen.append((state, error.code if error else None))

    def names(self):
        with self.lock:
            return [s for s, _ in self.seen]


@pytest.mark.parametrize("proto", ["stgs", "toledo-continuous", "toledo-8217", "mt-sics", "cas"])
def test_live_stable_reading(proto):
    sim = SimulatedScale(proto, rate_hz=25, settle_s=0.3, noise_grams=0)
    states = States()
    r = ScaleReader(sim.port, proto, on_state=states, retry_interval=0.1, poll_interval=0.04)
    try:
        r.start()
        sim.place(2345)
        got = r.stable_readings.get(timeout=5)
        while got.grams != 2345:  # a settle at 0 before the parcel came is fine
            got = r.stable_readings.get(timeout=5)
        assert got.grams == 2345 and not got.overload
        assert "ok" in states.names()
        assert r.bad_frames == 0
    finally:
        r.stop()
        sim.close()
    assert states.names()[-1] == "stopped"


def test_unplug_replug_and_silence():
    sim = SimulatedScale("stgs", rate_hz=25, settle_s=0.0)
    states = States()
    r = ScaleReader(sim.port, "stgs", on_state=states, no_data_after=0.4, retry_interval=0.1)
    try:
        r.start()
        sim.place(1000)
        assert wait_for(lambda: r.state == "ok")
        sim.unplug()
        assert wait_for(lambda: r.state == "disconnected")
        assert r.error is not None and r.error.code in ("io_error", "not_found")
        time.sleep(0.3)  # it keeps retrying while the port is gone
        assert r.state == "disconnected"
        sim.replug()
        assert wait_for(lambda: r.state == "ok")
        while not r.readings.empty():
            r.readings.get_nowait()
        assert r.readings.get(timeout=3).grams == 1000
        sim.pause()
        assert wait_for(lambda: r.state == "no_data")
        sim.resume()
        assert wait_for(lambda: r.state == "ok")
    finally:
        r.stop()
        sim.close()
    names = states.names()
    i = names.index("disconnected")
    assert "ok" in names[i:] and "no_data" in names[i:]


def test_reader_starts_before_the_scale_is_plugged_in():
    sim = SimulatedScale("and", rate_hz=20, settle_s=0.0)
    sim.unplug()
    r = ScaleReader(sim.port, "and", retry_interval=0.1)
    try:
        r.start()
        assert wait_for(lambda: r.state == "disconnected")
        assert r.error.code == "not_found"
        sim.replug()
        sim.place(500)
        assert wait_for(lambda: r.state == "ok")
        assert wait_for(lambda: r.last is not None and r.last.grams == 500)
    finally:
        r.stop()
        sim.close()


def test_simulator_motion_then_settle_and_overload():
    sim = SimulatedScale("stgs", rate_hz=40, settle_s=0.3, capacity_grams=30_000)
    r = ScaleReader(sim.port, "stgs")
    try:
        r.start()
        assert wait_for(lambda: r.state == "ok")
        sim.place(12_000)
        seen_motion = wait_for(lambda: r.last is not None and r.last.stable is False, 2)
        assert seen_motion
        assert wait_for(lambda: r.last.stable is True and r.last.grams == 12_000, 3)
        sim.set_target(40_000, settle=False)
        assert wait_for(lambda: r.last.overload, 2)
    finally:
        r.stop()
        sim.close()


def test_loop_url_and_given_port():
    port = serial.serial_for_url("loop://", timeout=0.05)
    sim = SimulatedScale("yaohua-tf2", serial_port=port, rate_hz=30, settle_s=0.0)
    r = ScaleReader("loop://", "yaohua-tf2", port=port)
    try:
        sim.place(4321)
        r.start()
        assert wait_for(lambda: r.last is not None and r.last.grams == 4321)
        assert r.last.stable is None
    finally:
        r.stop()
        sim.close()
        port.close()


def test_raw_bytes_callback_for_live_view():
    sim = SimulatedScale("stgs", rate_hz=30)
    raw: queue.Queue[bytes] = queue.Queue()
    r = ScaleReader(sim.port, "stgs", on_raw=raw.put)
    try:
        r.start()
        assert b"GS," in raw.get(timeout=3) + raw.get(timeout=3)
    finally:
        r.stop()
        sim.close()


def test_probe_port_finds_protocol():
    sim = SimulatedScale("cas", rate_hz=30)
    try:
        found = probe_port(sim.port, capture_s=0.4)
        assert found is not None and found.protocol == "cas"
        assert found.frames >= 3 and found.confidence > 0.8
    finally:
        sim.close()


def test_probe_port_polls_poll_protocols():
    sim = SimulatedScale("toledo-8217", settle_s=0.0)
    sim.place(800)
    try:
        found = probe_port(sim.port, capture_s=0.6)
        assert found is not None and found.protocol == "toledo-8217"
    finally:
        sim.close()


def test_detect_on_simulator_streams():
    from devices.scales import PROTOCOLS

    for name in PROTOCOLS:
        sim = SimulatedScale(name, start=False, settle_s=0.0, seed=1)
        data = b""
        for g in (1234, 1236, 45_678, -5, 0, 777):
            sim.set_target(g, settle=False)
            data += sim.frame()
        cands = detect_protocol(b"\x00\xff" + data * 2)
        assert cands and cands[0].protocol == name, (name, cands[:3])
        sim.close()


# -- errors --------------------------------------------------------------------------------------


def test_open_errors_become_device_errors(tmp_path):
    with pytest.raises(DeviceError) as e:
        open_port(str(tmp_path / "ttyNOPE"))
    assert e.value.code == "not_found" and "ttyNOPE" in e.value.message
    with pytest.raises(DeviceError) as e:
        open_port("bogus://x")
    assert e.value.code == "bad_url"


def test_permission_denied_names_dialout(monkeypatch):
    def deny(url, **kw):
        raise serial.SerialException(13, f"could not open port {url}: [Errno 13] Permission denied")

    monkeypatch.setattr(serial, "serial_for_url", deny)
    with pytest.raises(DeviceError) as e:
        open_port("/dev/ttyUSB0")
    assert e.value.code == "permission_denied"
    assert "dialout" in e.value.message and "/dev/ttyUSB0" in e.value.message
    assert from_serial_exception(PermissionError(13, "x"), "/dev/ttyS0").code == "permission_denied"


def test_port_reader_reports_disconnected_with_error(tmp_path):
    states = States()
    pr = PortReader(str(tmp_path / "gone"), on_state=states, retry_interval=0.05)
    with pr:
        assert wait_for(lambda: ("disconnected", "not_found") in states.seen)
    assert pr.state == "stopped"


# -- serial scanner ------------------------------------------------------------------------------


def test_scan_splitter():
    s = ScanSplitter(prefix="]C0", suffix="#")
    assert s.feed(b"]C0SF1234567890123#\r") == ["SF1234567890123"]
    assert s.feed(b"69012345") == []
    assert s.feed(b"67892\r\n\r\nABC\n") == ["6901234567892", "ABC"]


def test_serial_scanner_live_with_replug():
    sim = SimulatedSerialScanner()
    got: queue.Queue[str] = queue.Queue()
    sc = SerialScanner(sim.port, on_scan=got.put, retry_interval=0.1)
    try:
        sc.start()
        assert wait_for(lambda: sc.state in ("connecting", "ok"))
        time.sleep(0.1)
        sim.scan("SF1234567890123")
        sim.scan("SF1234567890123")
        assert [got.get(timeout=3), got.get(timeout=3)] == ["SF1234567890123"] * 2
        sim.unplug()
        assert wait_for(lambda: sc.state == "disconnected")
        sim.replug()
        assert wait_for(lambda: sc.state == "connecting")
        time.sleep(0.1)
        sim.scan("6901234567892")
        assert got.get(timeout=3) == "6901234567892"
    finally:
        sc.stop()
        sim.close()
