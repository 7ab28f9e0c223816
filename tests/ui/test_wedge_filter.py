"""The keyboard-wedge filter driven with real Qt key events at scanner speed.

10,000 scans (EAN-13, waybill-like codes, the same code again and again) arrive as key
presses 2-5 ms apart into a window whose focus moves between two line edits, a text edit and
a push button, interleaved with a person typing 80-250 ms per key. Every scan must come out of
``scan_received`` exactly once, no scanner key may reach a widget, and the person's keys must
reach the widget they were typed into, each exactly once and in order.
"""

from __future__ import annotations

import ctypes
import json
import random
import string
import sys
from collections import Counter

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.kit.wedge import WedgeFilter, disable_input_method


def keep_singletons_alive() -> None:
    """Stopgap: PySide6 6.12.0 on Python 3.11 drops a reference to None/True/False on every
    call that returns one (``setText``, ``emit``, ``accept`` ...), so a process dies with
    "deallocating None" after a few thousand such calls. Python 3.12+ has immortal singletons
    and PySide6 6.11 is not affected; there this is a no-op."""
    import PySide6

    if sys.version_info >= (3, 12) or not PySide6.__version__.startswith("6.12."):
        return
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40


keep_singletons_alive()

SHIFT = Qt.KeyboardModifier.ShiftModifier
NOMOD = Qt.KeyboardModifier.NoModifier


def key_of(ch: str) -> tuple[int, Qt.KeyboardModifier]:
    if ch.isdigit():
        return Qt.Key.Key_0.value + int(ch), NOMOD
    if ch.isalpha():
        return Qt.Key.Key_A.value + (ord(ch.upper()) - ord("A")), SHIFT if ch.isupper() else NOMOD
    if ch == " ":
        return Qt.Key.Key_Space.value, NOMOD
    if ch == "-":
        return Qt.Key.Key_Minus.value, NOMOD
    raise ValueError(ch)


def ean13(rng: random.Random) -> str:
    body = "69" + "".join(rng.choice(string.digits) for _ in range(10))
    s = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - s % 10) % 10)


def waybill(rng: random.Random) -> str:
    kind = rng.randrange(5)
    digits = lambda n: "".join(rng.choice(string.digits) for _ in range(n))  # noqa: E731
    if kind == 0:
        return "SF" + digits(13)
    if kind == 1:
        return "YT" + digits(13)
    if kind == 2:
        return "JT" + digits(13)
    if kind == 3:
        return "7" + digits(14)
    return "JD" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(13))


class KeyLog(QObject):
    """Installed on each target widget: records every key press that reaches it."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[QObject, int, str]] = []

    def eventFilter(self, obj, ev):  # noqa: N802
        if ev.type() == QEvent.Type.KeyPress:
            self.seen.append((obj, ev.timestamp(), ev.text()))
        return False


class Floor:
    """A window with the widgets, the filter and a clock of synthetic event times."""

    def __init__(self, qtbot) -> None:
        self.win = QWidget()
        self.win.setObjectName("window")
        self.line1 = QLineEdit(objectName="line1")
        self.line2 = QLineEdit(objectName="line2")
        self.text = QTextEdit(objectName="text")
        self.text.setTabChangesFocus(False)
        self.button = QPushButton("OK", objectName="button")
        self.clicks = 0
        self.button.clicked.connect(self._on_button_clicked)
        lay = QVBoxLayout(self.win)
        for w in (self.line1, self.line2, self.text, self.button):
            lay.addWidget(w)
        disable_input_method(self.line1)
        qtbot.addWidget(self.win)
        self.win.show()
        qtbot.waitExposed(self.win)
        self.win.activateWindow()
        self.log = KeyLog()
        for w in self.widgets:
            w.installEventFilter(self.log)
        self.wedge = WedgeFilter(self.win, scope=self.win).install()
        self.scans: list[str] = []
        self.measured: list = []
        self.wedge.scan_received.connect(self.scans.append)
        self.wedge.scan_measured.connect(self.measured.append)
        self.t = 1_000_000
        self.focus = self.line1
        self.focus_on(self.line1)

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        return (self.line1, self.line2, self.text, self.button)

    def _on_button_clicked(self) -> None:
        self.clicks += 1

    def focus_on(self, w: QWidget) -> None:
        w.setFocus(Qt.FocusReason.OtherFocusReason)
        QApplication.processEvents()  # lets the flush timer run too, as a real loop would
        self.focus = w
        assert QApplication.focusWidget() is w

    def target(self) -> QWidget:
        return QApplication.focusWidget() or self.focus

    def press(self, key: int, mods, text: str, gap_ms: int) -> int:
        self.t += gap_ms
        w = self.target()
        for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            ev = QKeyEvent(etype, key, mods, text)
            ev.setTimestamp(self.t)
            QApplication.sendEvent(w, ev)
        return self.t

    def scan(self, code: str, rng: random.Random, gap_before: int, terminator: int) -> list[int]:
        stamps = []
        for i, ch in enumerate(code):
            k, m = key_of(ch)
            stamps.append(self.press(k, m, ch, gap_before if i == 0 else rng.randint(2, 5)))
        stamps.append(self.press(terminator, NOMOD, "\r", rng.randint(2, 5)))
        return stamps


def widget_text(w: QWidget) -> str:
    if isinstance(w, QLineEdit):
        return w.text()
    if isinstance(w, QTextEdit):
        return w.toPlainText()
    return ""


def test_ten_thousand_scans_among_typing_and_focus_moves(qtbot, capsys):
    rng = random.Random(20240611)
    floor = Floor(qtbot)
    n_scans = 10_000
    sent: list[str] = []
    scan_stamps: set[int] = set()
    human: dict[int, tuple[QWidget, str]] = {}  # timestamp -> (widget, text)
    expected = {w: "" for w in floor.widgets}
    terminators = (Qt.Key.Key_Return.value, Qt.Key.Key_Tab.value, Qt.Key.Key_Enter.value)
    text_widgets = (floor.line1, floor.line2, floor.text)
    last_code = ""
    next_focus_in = 3
    gap = 500
    while len(sent) < n_scans:
        if next_focus_in == 0:
            floor.focus_on(rng.choice(floor.widgets))
            next_focus_in = rng.randint(1, 5)
            gap = max(gap, 80)
        next_focus_in -= 1
        if last_code and rng.random() < 0.2:
            code = last_code  # the same parcel scanned again, at once if nobody typed
            gap = rng.randint(2, 60) if gap < 80 else gap
        else:
            code = ean13(rng) if rng.random() < 0.5 else waybill(rng)
        term = rng.choice(terminators)
        scan_stamps.update(floor.scan(code, rng, gap, term))
        sent.append(code)
        last_code = code
        gap = rng.randint(2, 79) if rng.random() < 0.5 else rng.randint(80, 300)
        # now and then a person types into the focused text field
        if floor.focus in text_widgets and rng.random() < 0.3:
            w = floor.focus
            word = "".join(
                rng.choice(string.ascii_letters + string.digits + " -")
                for _ in range(rng.randint(1, 8))
            )
            human_gap = rng.randint(80, 250)
            for ch in word:
                k, m = key_of(ch)
                t = floor.press(k, m, ch, human_gap)
                human[t] = (w, ch)
                expected[w] += ch
                human_gap = rng.randint(80, 250)
            if rng.random() < 0.3:  # Enter: a new line in the text edit, nothing in a line edit
                t = floor.press(Qt.Key.Key_Return.value, NOMOD, "\r", rng.randint(80, 250))
                human[t] = (w, "\r")
                expected[w] += "\n" if w is floor.text else ""
            if rng.random() < 0.2:
                t = floor.press(Qt.Key.Key_Backspace.value, NOMOD, "\x08", rng.randint(80, 250))
                human[t] = (w, "\x08")
                expected[w] = expected[w][:-1]
            gap = rng.randint(80, 250)
    qtbot.waitUntil(lambda: not floor.wedge.pending, timeout=10_000)  # the flush timer

    received = Counter(floor.scans)
    wanted = Counter(sent)
    lost = sum((wanted - received).values())
    doubled = sum((received - wanted).values())
    reached = Counter(ts for _, ts, _ in floor.log.seen)
    leaked_stamps = {ts for ts in reached if ts in scan_stamps}
    leaked = len(leaked_stamps)
    error_rate = (lost + doubled + leaked) / n_scans
    with capsys.disabled():
        print(
            "\nwedge filter:",
            json.dumps(
                {
                    "scans": n_scans,
                    "lost": lost,
                    "doubled": doubled,
                    "leaked_keys": leaked,
                    "error_rate": error_rate,
                    "human_keys": len(human),
                    "released_keys": floor.wedge.released_keys,
                }
            ),
        )
    assert floor.scans == sent  # every scan once, in order
    assert lost == doubled == leaked == 0
    assert floor.clicks == 0  # no terminator ever pressed the focused button
    # the person's keys reached the widget they were typed into, each exactly once, in order
    for w in floor.widgets:
        got = [(ts, ch) for o, ts, ch in floor.log.seen if o is w]
        want = sorted((ts, ch) for ts, (o, ch) in human.items() if o is w)
        assert got == want, w.objectName()
        assert widget_text(w) == expected[w], w.objectName()
    assert len(floor.measured) == n_scans
    assert all(m.max_gap_ms <= 5 and m.avg_gap_ms >= 2 for m in floor.measured)


def test_typing_alone_is_echoed_by_the_timer_and_never_a_scan(qtbot):
    floor = Floor(qtbot)
    floor.focus_on(floor.line2)
    for ch in "hello":
        k, m = key_of(ch)
        floor.press(k, m, ch, 150)
    # the last key is held until its gap expires in real time; the timer re-delivers it
    qtbot.waitUntil(lambda: floor.line2.text() == "hello", timeout=5_000)
    floor.press(Qt.Key.Key_Return.value, NOMOD, "\r", 150)
    assert floor.scans == []


def test_short_fast_burst_is_typing_and_long_one_is_a_scan(qtbot):
    floor = Floor(qtbot)
    floor.focus_on(floor.text)
    rng = random.Random(1)
    floor.scan("12", rng, 500, Qt.Key.Key_Return.value)  # shorter than min_length
    floor.scan("ABC123", rng, 500, Qt.Key.Key_Tab.value)
    qtbot.waitUntil(lambda: not floor.wedge.pending, timeout=5_000)
    assert floor.scans == ["ABC123"]
    assert floor.text.toPlainText() == "12\n"
    assert floor.measured[-1].terminator == "tab" and floor.measured[-1].keys == 7


def test_events_without_timestamp_use_the_injected_clock(qtbot):
    win = QWidget()
    edit = QLineEdit(win)
    lay = QVBoxLayout(win)
    lay.addWidget(edit)
    qtbot.addWidget(win)
    win.show()
    now = [0.0]
    wedge = WedgeFilter(win, scope=win, clock=lambda: now[0]).install()
    got: list[str] = []
    wedge.scan_received.connect(got.append)
    for ch in "6901234567892":
        now[0] += 3
        k, m = key_of(ch)
        QApplication.sendEvent(edit, QKeyEvent(QEvent.Type.KeyPress, k, m, ch))  # timestamp 0
    now[0] += 3
    QApplication.sendEvent(edit, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, NOMOD, "\r"))
    assert got == ["6901234567892"]
    assert edit.text() == ""
    wedge.uninstall()


def test_exempt_widget_and_other_windows_are_left_alone(qtbot):
    floor = Floor(qtbot)
    WedgeFilter.exempt(floor.line2)
    floor.focus_on(floor.line2)
    floor.scan("ABCD1234", random.Random(2), 500, Qt.Key.Key_Return.value)
    assert floor.line2.text() == "ABCD1234"
    assert floor.scans == []
    other = QLineEdit()  # e.g. a sign-in dialog's badge field: another window
    qtbot.addWidget(other)
    for ch in "OP1001":
        k, m = key_of(ch)
        ev = QKeyEvent(QEvent.Type.KeyPress, k, m, ch)
        ev.setTimestamp(floor.t)
        floor.t += 3
        QApplication.sendEvent(other, ev)
    assert other.text() == "OP1001"


@pytest.mark.parametrize("enabled", [False])
def test_disabled_filter_lets_keys_through(qtbot, enabled):
    floor = Floor(qtbot)
    floor.wedge.set_enabled(enabled)
    floor.focus_on(floor.line1)
    floor.scan("6901234567892", random.Random(3), 500, Qt.Key.Key_Return.value)
    assert floor.line1.text() == "6901234567892"
    assert floor.scans == []


def test_disable_input_method_sets_the_hints(qtbot):
    e = QLineEdit()
    qtbot.addWidget(e)
    disable_input_method(e)
    assert not e.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert e.inputMethodHints() & Qt.InputMethodHint.ImhLatinOnly
    assert e.inputMethodHints() & Qt.InputMethodHint.ImhNoPredictiveText


def test_a_single_key_shortcut_cannot_take_a_key_in_the_middle_of_a_scan(qtbot):
    """QTest goes the platform's way (ShortcutOverride first, then the key press)."""
    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtTest import QTest

    floor = Floor(qtbot)
    hits: list[int] = []
    QShortcut(QKeySequence("5"), floor.win).activated.connect(lambda: hits.append(1))
    floor.focus_on(floor.line1)
    QTest.keyClicks(floor.line1, "1235")
    QTest.keyClick(floor.line1, Qt.Key.Key_Return)
    assert floor.scans == ["1235"]
    assert hits == [] and floor.line1.text() == ""


def test_shift_pressed_for_capital_letters_does_not_split_a_scan(qtbot):
    """A wedge scanner presses Shift for each capital (SF…, JDV…): still one scan."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

    from app.ui.kit.wedge import WedgeFilter

    box = QWidget()
    field = QLineEdit(box)
    qtbot.addWidget(box)
    wf = WedgeFilter(box, scope=box).install()
    scans: list[str] = []
    wf.scan_received.connect(scans.append)
    t = 5_000_000

    def send(key, text="", mods=Qt.KeyboardModifier.NoModifier):
        nonlocal t
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            ev = QKeyEvent(kind, key, mods, text)
            ev.setTimestamp(t)
            QApplication.sendEvent(field, ev)
        t += 3

    for ch in "JDVA2000000005":
        if ch.isupper():
            send(Qt.Key.Key_Shift, "", Qt.KeyboardModifier.ShiftModifier)
            send(Qt.Key(ord(ch)), ch, Qt.KeyboardModifier.ShiftModifier)
        else:
            send(Qt.Key(ord(ch)), ch)
    send(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(scans), timeout=3000)
    assert scans == ["JDVA2000000005"] and field.text() == ""
    wf.uninstall()
