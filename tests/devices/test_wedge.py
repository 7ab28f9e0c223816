"""Keyboard-wedge burst detection, driven like a Qt event filter with a flush timer."""

from __future__ import annotations

import random
import string

from devices.scanners.wedge import WedgeDetector


class Harness:
    """Delivers events in time order, firing the flush timer when its deadline passes,
    and collects what reaches the widget and what is reported as scans."""

    def __init__(self, det: WedgeDetector) -> None:
        self.det = det
        self.typed: list[str] = []  # what the widget received
        self.scans: list[str] = []
        self.leaked_scan_keys = 0

    def _apply(self, d, char=None, key=None, is_scan_key=False):
        if d.release:
            self.typed.append(d.release)
        if d.scan is not None:
            self.scans.append(d.scan)
        if key is not None and not d.swallow:
            if is_scan_key:
                self.leaked_scan_keys += 1
            if key == "char":
                self.typed.append(char)
            else:
                self.typed.append({"enter": "\n", "tab": "\t"}.get(key, ""))

    def key(self, char, key, t, is_scan_key=False):
        dl = self.det.deadline_ms
        if dl is not None and t > dl:
            self._apply(self.det.flush(dl + 1))
        self._apply(self.det.feed(char, key, t), char, key, is_scan_key)

    def end(self, t):
        dl = self.det.deadline_ms
        if dl is not None:
            self._apply(self.det.flush(max(t, dl + 1)))


def test_simple_scan_and_human_text():
    h = Harness(WedgeDetector())
    t = 0.0
    for ch in "6901234567892":
        h.key(ch, "char", t, True)
        t += 3
    h.key(None, "enter", t, True)
    t += 300
    for ch in "hi":
        h.key(ch, "char", t)
        t += 150
    h.key(None, "enter", t)
    h.end(t + 500)
    assert h.scans == ["6901234567892"]
    assert "".join(h.typed) == "hi\n"
    assert h.leaked_scan_keys == 0


def test_short_fast_burst_is_typing_and_tab_terminates():
    h = Harness(WedgeDetector(min_length=4))
    h.key("a", "char", 0)
    h.key("b", "char", 5)
    h.key(None, "enter", 10)
    for i, ch in enumerate("ABCD1234"):
        h.key(ch, "char", 100 + i * 2, True)
    h.key(None, "tab", 120, True)
    h.end(1000)
    assert h.scans == ["ABCD1234"]
    assert "".join(h.typed) == "ab\n"


def test_flush_without_terminator_option():
    det = WedgeDetector(require_terminator=False)
    for i, ch in enumerate("SF1234567890123"):
        assert det.feed(ch, "char", i * 4).swallow
    assert det.flush(100).scan == "SF1234567890123"
    assert det.pending == ""


def test_other_key_releases_held_text():
    det = WedgeDetector()
    assert det.feed("x", "char", 0).swallow
    d = det.feed(None, "other", 10)
    assert d.release == "x" and not d.swallow


def test_ten_thousand_scans_interleaved_with_typing():
    rnd = random.Random(4)
    det = WedgeDetector(max_gap_ms=40, min_length=4)
    h = Harness(det)
    t = 0.0
    expected_scans: list[str] = []
    expected_text: list[str] = []
    alphabet = string.ascii_letters + string.digits
    last = None
    for i in range(10_000):
        # a scan: 2-5 ms per key; sometimes the same code twice in a row
        if last is not None and rnd.random() < 0.1:
            code = last
        else:
            code = "".join(rnd.choice(string.digits + "SFJDYT") for _ in range(rnd.randint(8, 20)))
        last = code
        t += rnd.uniform(80, 250)
        for ch in code:
            h.key(ch, "char", t, True)
            t += rnd.uniform(2, 5)
        h.key(None, "enter" if i % 3 else "tab", t, True)
        expected_scans.append(code)
        # a person types between scans: 80-250 ms per key, sometimes with Enter
        if rnd.random() < 0.5:
            words = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 6)))
            for ch in words:
                t += rnd.uniform(80, 250)
                h.key(ch, "char", t)
                expected_text.append(ch)
            if rnd.random() < 0.3:
                t += rnd.uniform(80, 250)
                h.key(None, "enter", t)
                expected_text.append("\n")
    h.end(t + 1000)
    assert len(h.scans) == 10_000  # none lost, none doubled
    assert h.scans == expected_scans
    assert "".join(h.typed) == "".join(expected_text)  # human text intact, in order
    assert h.leaked_scan_keys == 0  # no scanner key reached the widget
    assert det.scans == 10_000
