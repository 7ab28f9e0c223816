"""``parcelproof scale …`` through app.__main__.main (stdin/stdout patched) and a subprocess."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from app.__main__ import main
from devices.scales import protocol_names
from devices.simulate import SimulatedScale


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def run(argv, data=b"", monkeypatch=None):
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    code = main(argv)
    return code, out.getvalue(), err.getvalue()


def test_protocols(monkeypatch):
    code, out, _ = run(["scale", "protocols"], monkeypatch=monkeypatch)
    assert code == 0 and out.split() == protocol_names()


def test_parse_named_protocol(monkeypatch):
    data = b"ST,GS,+  1.234kg\r\n\x00junk\r\nUS,NT,-  0.005kg\r\nOL,GS,+       kg\r\n"
    code, out, err = run(["scale", "parse", "--protocol", "stgs"], data, monkeypatch)
    assert code == 0, err
    lines = [json.loads(x) for x in out.splitlines()]
    assert lines == [
        {
            "protocol": "stgs",
            "grams": 1234,
            "stable": True,
            "overload": False,
            "net": False,
            "tare_grams": None,
        },
        {
            "protocol": "stgs",
            "grams": -5,
            "stable": False,
            "overload": False,
            "net": True,
            "tare_grams": None,
        },
        {
            "protocol": "stgs",
            "grams": 0,
            "stable": False,
            "overload": True,
            "net": False,
            "tare_grams": None,
        },
    ]


def test_parse_auto_and_unit(monkeypatch):
    data = b"=0002.500" * 4
    code, out, _ = run(["scale", "parse", "--protocol", "auto", "--unit", "lb"], data, monkeypatch)
    assert code == 0
    lines = [json.loads(x) for x in out.splitlines()]
    assert len(lines) == 4 and lines[0]["protocol"] == "yaohua-tf2"
    assert lines[0]["grams"] == 1134 and lines[0]["stable"] is None


def test_parse_toledo_with_checksum(monkeypatch):
    frame = b"\x02\x2d\x30\x20001234000000\r"
    frame += bytes(((-sum(frame)) & 0x7F,))
    code, out, _ = run(
        ["scale", "parse", "--protocol", "toledo-continuous"], frame * 2, monkeypatch
    )
    assert code == 0
    assert [json.loads(x)["tare_grams"] for x in out.splitlines()] == [0, 0]


@pytest.mark.parametrize(
    "argv",
    [
        ["scale", "parse", "--protocol", "nope"],
        ["scale", "parse"],
        ["scale", "parse", "--protocol", "stgs", "--unit", "stone"],
        ["scale", "read", "--port", "/nonexistent/ttyX", "--protocol", "stgs"],
        ["scale", "read", "--port", "loop://", "--count", "0"],
        ["scale"],
    ],
)
def test_bad_usage_exit_2_one_line(argv, monkeypatch):
    code, out, err = run(argv, b"", monkeypatch)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_parse_auto_nothing_found(monkeypatch):
    code, _, err = run(["scale", "parse", "--protocol", "auto"], b"hello\r\n", monkeypatch)
    assert code == 2 and "no known scale protocol" in err


def test_read_live_count_and_stable(monkeypatch):
    sim = SimulatedScale("mt-sics", settle_s=0.2)
    sim.place(2500)
    try:
        code, out, err = run(
            [
                "scale",
                "read",
                "--port",
                sim.port,
                "--protocol",
                "mt-sics",
                "--count",
                "3",
                "--timeout",
                "10",
            ],
            b"",
            monkeypatch,
        )
        assert code == 0, err
        assert len(out.splitlines()) == 3
        code, out, err = run(
            [
                "scale",
                "read",
                "--port",
                sim.port,
                "--protocol",
                "mt-sics",
                "--stable",
                "--count",
                "1",
                "--timeout",
                "10",
            ],
            b"",
            monkeypatch,
        )
        assert code == 0, err
        assert json.loads(out)["grams"] == 2500
    finally:
        sim.close()


def test_probe_and_read_auto(monkeypatch):
    sim = SimulatedScale("and", rate_hz=30, settle_s=0.0)
    sim.place(150)
    try:
        code, out, err = run(
            ["scale", "probe", "--port", sim.port, "--capture", "0.4"], b"", monkeypatch
        )
        assert code == 0, err
        found = json.loads(out)
        assert found["protocol"] == "and" and found["frames"] >= 3
        code, out, err = run(
            ["scale", "read", "--port", sim.port, "--count", "2", "--timeout", "10"],
            b"",
            monkeypatch,
        )
        assert code == 0, err
        assert [json.loads(x)["protocol"] for x in out.splitlines()] == ["and", "and"]
    finally:
        sim.close()


def test_subprocess_parse():
    data = b"S S     100.00 g\r\nS D     100.5 g\r\n"
    proc = subprocess.run(
        [sys.executable, "-m", "app", "scale", "parse", "--protocol", "mt-sics"],
        input=data,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(x)["grams"] for x in proc.stdout.splitlines()] == [100, 101]


def test_no_qt_imported_by_devices():
    code = (
        "import sys, devices.scales.reader, devices.scales.detect, devices.simulate, "
        "devices.barcodes, devices.scanners.wedge, devices.scanners.serial_scanner, "
        "devices.bench, app.cli.scale; "
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'PyQt'))]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_bench_function():
    from devices.bench import frames_per_second, run

    assert frames_per_second("stgs", 2000, repeat=1) > 0
    res = run(500)
    assert set(res["frames_per_second"]) == set(protocol_names())
