"""`parcelproof weigh-line` end to end over two real pty pairs (simulated scale + simulated
serial scanner), and the capture itself from the simulator with motion and noise."""

from __future__ import annotations

import queue
import threading
import time

import pytest
from sqlalchemy import select

from app.domain.weighing import (
    STABLE_BAND_DIVISIONS,
    STABLE_READINGS,
    STABLE_SECONDS,
    CaptureGate,
)
from devices.scales.reader import ScaleReader
from devices.scales.stability import StabilityChecker
from devices.simulate import SimulatedScale, SimulatedSerialScanner
from tests.floor import Line, add_order


def test_stable_capture_from_the_simulator_with_motion_and_noise():
    """Over a real pty: the gate captures the settled weight once, never the motion."""
    sim = SimulatedScale("stgs", rate_hz=25, settle_s=0.4, noise_grams=1, seed=3)
    got: queue.Queue = queue.Queue()
    seen_motion = threading.Event()
    gate = CaptureGate()

    def on_reading(r, st):  # reader thread: the gate lives here
        if not st.stable and abs(r.grams - 1234) > 5 and r.grams > 50:
            seen_motion.set()
        cap = gate.feed(r.grams, st.stable, r.overload)
        if cap:
            got.put(cap)

    reader = ScaleReader(
        sim.port,
        "stgs",
        on_reading=on_reading,
        retry_interval=0.1,
        stability=StabilityChecker(STABLE_READINGS, STABLE_SECONDS, STABLE_BAND_DIVISIONS),
    )
    try:
        reader.start()
        deadline = time.monotonic() + 10
        while gate.needs_zero and time.monotonic() < deadline:
            time.sleep(0.02)
        gate.arm("WB1")
        sim.place(1234)
        waybill, grams = got.get(timeout=10)
        assert waybill == "WB1" and abs(grams - 1234) <= 1
        assert seen_motion.is_set()
        # the same parcel, a second waybill: nothing until it is lifted off
        gate.arm("WB2")
        with pytest.raises(queue.Empty):
            got.get(timeout=1.0)
        sim.remove()
        time.sleep(0.8)
        sim.place(2222)
        waybill, grams = got.get(timeout=10)
        assert waybill == "WB2" and abs(grams - 2222) <= 1
    finally:
        reader.stop()
        sim.close()


def _weigh(scale, scanner, line, waybill, grams):
    scanner.scan(waybill)
    scale.place(grams)
    res = line.next()
    scale.remove()
    time.sleep(0.6)  # the clerk lifts the parcel off before the next one comes
    return res


@pytest.fixture
def floor(sqlite_db):
    add_order(sqlite_db, "WB1", [("BED-PIL-MEM", 1), ("CLO-TSH-M", 2), ("ELE-CBL-C1M", 1)])
    add_order(sqlite_db, "WB2", [("BED-PIL-MEM", 1)])
    add_order(sqlite_db, "WB3", [("BED-PIL-MEM", 1)], status="printed")
    return sqlite_db


def test_weigh_line_end_to_end(floor):
    from app.db.models import Weighing

    scale = SimulatedScale("stgs", rate_hz=25, settle_s=0.3, noise_grams=1, seed=1)
    scanner = SimulatedSerialScanner()
    line = Line(floor.url, scale, scanner)
    try:
        assert line.ready.wait(20), "".join(line.err)
        ok = _weigh(scale, scanner, line, "WB2", 551)
        assert ok["waybill_no"] == "WB2" and ok["order_no"] == "OWB2"
        assert ok["verdict"] == "ok" and ok["reason"] == "" and ok["suspects"] == []
        assert abs(ok["grams"] - 551) <= 1 and ok["expected_grams"] == 550
        assert ok["tolerance_grams"] == 51
        light = _weigh(scale, scanner, line, "WB1", 543)
        assert (light["verdict"], light["reason"]) == ("hold", "light")
        assert light["suspects"] == [{"sku": "BED-PIL-MEM", "qty": 1}]
        refused = _weigh(scale, scanner, line, "WB3", 550)
        assert (refused["verdict"], refused["reason"]) == ("hold", "not_verified")
        unknown = _weigh(scale, scanner, line, "NOPE", 800)
        assert (unknown["verdict"], unknown["reason"], unknown["order_no"]) == (
            "hold",
            "not_found",
            None,
        )
        assert set(ok) == {
            "waybill_no", "order_no", "grams", "expected_grams", "tolerance_grams", "verdict",
            "reason", "suspects",
        }  # fmt: skip
    finally:
        line.close()
        scale.close()
        scanner.close()
    with floor.read() as s:
        rows = s.execute(select(Weighing.waybill_no, Weighing.verdict, Weighing.reason)).all()
    assert sorted(rows) == [
        ("WB1", "hold", "light"),
        ("WB2", "ok", ""),
        ("WB3", "hold", "not_verified"),
    ]


def test_weigh_line_never_gives_one_load_to_two_waybills(floor):
    scale = SimulatedScale("stgs", rate_hz=25, settle_s=0.3, noise_grams=0, seed=2)
    scanner = SimulatedSerialScanner()
    line = Line(floor.url, scale, scanner)
    try:
        assert line.ready.wait(20), "".join(line.err)
        scanner.scan("WB2")
        scale.place(550)
        assert line.next()["waybill_no"] == "WB2"
        scanner.scan("WB1")  # the first parcel is still on the platform
        with pytest.raises(AssertionError):
            line.next(timeout=1.5)
        scale.remove()
        time.sleep(0.5)
        scale.place(955)
        second = line.next()
        assert second["waybill_no"] == "WB1" and second["grams"] == 955
    finally:
        line.close()
        scale.close()
        scanner.close()


def test_weigh_line_bad_usage(sqlite_db, capsys):
    from app.__main__ import main

    code = main(["--db", sqlite_db.url, "weigh-line", "--scanner", "x", "--scale", "y",
                 "--scale-protocol", "nonsense"])  # fmt: skip
    assert code == 2
    assert "nonsense" in capsys.readouterr().err
