"""A station's threads that write one SQLite file take their turns in the order they came,
not in the order SQLite's busy handler happens to wake them."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import select

from app.db.chain import append_event
from app.db.engine import WriterTurn, open_database
from app.db.migrate import upgrade
from app.db.models import Event


def test_a_thread_waiting_to_write_goes_before_the_thread_that_just_wrote(
    tmp_path: Path,
) -> None:
    # the packing-video recorder writes clip after clip while a scan waits: the scan must not
    # wait for every clip (SQLite's busy handler sleeps 1, 2, 5 … ms and, waking late, lost
    # the lock to the writer that had just committed)
    db = open_database(f"sqlite:///{tmp_path / 'station.db'}")
    upgrade(db)
    waiting = threading.Event()

    def scan() -> None:
        waiting.set()
        with db.write() as s:
            append_event(s, "scan_test", detail={"who": "scan"})

    try:
        with db.write() as s:
            append_event(s, "clip_test", detail={"who": "clip 1"})
            t = threading.Thread(target=scan)
            t.start()
            waiting.wait(5)
            time.sleep(0.3)  # the scan is waiting for the write lock by now
        with db.write() as s:  # at once: the recorder's next clip
            append_event(s, "clip_test", detail={"who": "clip 2"})
        t.join(10)
        with db.read() as s:
            who = [e.detail["who"] for e in s.scalars(select(Event).order_by(Event.seq))]
        assert who[-3:] == ["clip 1", "scan", "clip 2"]
    finally:
        db.dispose()


def test_a_write_inside_a_write_on_the_same_thread_is_not_held_by_its_own_turn() -> None:
    turn = WriterTurn()
    assert turn.acquire(1) and turn.acquire(1)
    turn.release()
    other = threading.Thread(target=lambda: result.append(turn.acquire(0.2)))
    result: list[bool] = []
    other.start()
    other.join()
    assert result == [False]  # still this thread's turn: one release of two
    turn.release()
    assert turn.acquire(0.2)  # free again
    turn.release()


def test_a_writer_that_gave_up_waiting_does_not_hold_up_those_after_it() -> None:
    turn = WriterTurn()
    assert turn.acquire(1)
    gave_up: list[bool] = []
    got: list[bool] = []
    impatient = threading.Thread(target=lambda: gave_up.append(turn.acquire(0.1)))
    impatient.start()
    impatient.join()
    patient = threading.Thread(target=lambda: (got.append(turn.acquire(5)), turn.release()))
    patient.start()
    time.sleep(0.1)
    turn.release()
    patient.join(5)
    assert gave_up == [False] and got == [True]
