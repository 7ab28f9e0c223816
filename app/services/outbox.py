"""The station's offline outbox (离线暂存): scans and weighings kept while the server is gone.

When the shared PostgreSQL server cannot be reached, a station does not stop the floor: it
keeps each action — a weighing, a verification scan — in a small SQLite file of its own, each
with a unique id made at the station and the time it happened, and says so on screen (never
"OK": the verdict waits for the server). When the server answers again the actions are
replayed **in order, exactly once**, through the same service functions as online:

* the station's id becomes the uid of the action's first evidence event (`station_event`),
  and ``events.uid`` is unique, so an action that did reach the server (its answer was lost
  with the connection) is recognised and not done twice;
* a replay the server refuses (the order was cancelled or verified elsewhere meanwhile) is a
  **conflict**: the order is put on hold for a person (``offline_conflict``) where it can be,
  and the conflict stays listed in the outbox; a weighing that comes back as a hold (light,
  heavy, intercepted) is reported as such, loudly.

The file is the station's, not the server's: plain ``sqlite3`` (WAL, synchronous FULL: an
action kept here survives a power cut), one table.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.db.chain import station_event
from app.db.engine import Database, is_connection_error, is_privilege_error, privilege_detail
from app.db.models import Event, utcnow
from app.services.errors import ServiceError

WEIGH = "weigh"
VERIFY_OPEN = "verify_open"
VERIFY_ITEM = "verify_item"
PACK = "pack"  # the parcel's waybill and the carton it was packed in
OPS = (WEIGH, VERIFY_OPEN, VERIFY_ITEM, PACK)

PENDING, DONE, CONFLICT = "pending", "done", "conflict"
CONFLICT_HOLD = "offline_conflict"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT NOT NULL UNIQUE,
    op TEXT NOT NULL,
    params TEXT NOT NULL,
    at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    result TEXT NOT NULL DEFAULT ''
)
"""


@dataclass(frozen=True)
class OutboxItem:
    n: int
    uid: str
    op: str
    params: dict[str, Any]
    at: dt.datetime
    state: str = PENDING
    result: str = ""


@dataclass
class ReplayReport:
    replayed: int = 0  # applied now
    already_there: int = 0  # had reached the server before the connection went
    conflicts: list[tuple[OutboxItem, str]] = field(default_factory=list)  # item, error code
    holds: list[tuple[OutboxItem, str]] = field(default_factory=list)  # weighing held: reason
    still_offline: bool = False
    #: the server refused the station's login (a privilege, not the action): what it said.
    #: The action stays kept, like an outage, until the grants are put right.
    refused: str = ""
    seconds: float = 0.0


class Outbox:
    """The station's local store of actions waiting for the server. Thread-safe."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.execute(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def add(
        self,
        op: str,
        params: dict[str, Any],
        *,
        uid: str | None = None,
        at: dt.datetime | None = None,
    ) -> str:
        """Keep one action; returns its uid. Durable when this returns."""
        if op not in OPS:
            raise ValueError(op)
        uid = uid or str(uuid.uuid4())
        at = (at or utcnow()).astimezone(dt.UTC)
        with self._lock:
            self._conn.execute(
                "INSERT OR IGNORE INTO outbox (uid, op, params, at) VALUES (?, ?, ?, ?)",
                (uid, op, json.dumps(params, ensure_ascii=False), at.isoformat()),
            )
        return uid

    def _rows(self, where: str, args: tuple = ()) -> list[OutboxItem]:
        with self._lock:
            rows = self._conn.execute(
                f"SELECT n, uid, op, params, at, state, result FROM outbox {where} ORDER BY n",
                args,
            ).fetchall()
        return [
            OutboxItem(n, uid, op, json.loads(p), dt.datetime.fromisoformat(at), st, res)
            for n, uid, op, p, at, st, res in rows
        ]

    def pending(self) -> list[OutboxItem]:
        return self._rows("WHERE state = ?", (PENDING,))

    def conflicts(self) -> list[OutboxItem]:
        return self._rows("WHERE state = ?", (CONFLICT,))

    def count(self) -> int:
        with self._lock:
            return int(
                self._conn.execute(
                    "SELECT count(*) FROM outbox WHERE state = ?", (PENDING,)
                ).fetchone()[0]
            )

    def mark(self, uid: str, state: str, result: str = "") -> None:
        with self._lock:
            self._conn.execute(
                "UPDATE outbox SET state = ?, result = ? WHERE uid = ?", (state, result, uid)
            )


def default_path(station: str) -> Path:
    """The station's outbox file in the user data dir (one per station name)."""
    from platformdirs import user_data_dir

    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in station) or "station"
    return Path(user_data_dir("parcelproof", appauthor=False)) / f"outbox-{safe}.sqlite"


def _reached_server(db: Database, uid: str) -> bool:
    with db.read() as s:
        return s.scalar(select(Event.id).where(Event.uid == uid)) is not None


def _hold_for_person(db: Database, order_id: int | None, item: OutboxItem, code: str) -> None:
    """A verification replay the server refused: hold the order so a person looks at it."""
    from app.services import scanning

    if order_id is None:
        return
    p = item.params
    # cancelled (the stop is then on record) or already held: a person sees it either way
    with contextlib.suppress(ServiceError):
        scanning.hold(
            db,
            order_id,
            CONFLICT_HOLD,
            station=p.get("station", ""),
            operator=p.get("operator", ""),
            step="pack" if item.op == PACK else "verify",
            note=f"{code} (offline {item.at.isoformat(timespec='seconds')})",
        )


def _apply(db: Database, item: OutboxItem, opened: dict[str, int]) -> str | None:
    """Run one action through the service; returns a hold reason for a weighing held."""
    from app.services import scanning, weighing

    p = item.params
    if item.op == WEIGH:
        res = weighing.record_weighing(
            db,
            p["waybill_no"],
            int(p["grams"]),
            int(p.get("division", 1)),
            p.get("operator", ""),
            p.get("station", ""),
        )
        return (res.reason or "hold") if res.verdict == "hold" else None
    if item.op == VERIFY_OPEN:
        view = scanning.open_order(
            db, p["code"], station=p.get("station", ""), operator=p.get("operator", "")
        )
        opened[p["code"]] = view.order_id
        return None
    if item.op == VERIFY_ITEM:
        order_id = opened.get(p["order_code"])
        if order_id is None:
            raise ServiceError("offline_order_not_opened", key=p["order_code"])
        res = scanning.scan_item(
            db,
            order_id,
            p["code"],
            station=p.get("station", ""),
            operator=p.get("operator", ""),
            serial=p.get("serial"),
        )
        if not res.counted:  # wrong item, one too many…: nobody heard the beep at the time
            raise ServiceError(f"offline_{res.verdict}", key=p["code"])
        return None
    if item.op == PACK:
        st, op = p.get("station", ""), p.get("operator", "")
        view = scanning.open_order(db, p["code"], station=st, operator=op, step="pack")
        opened[p["code"]] = view.order_id
        scanning.pack_order(db, view.order_id, p["carton"], station=st, operator=op)
        return None
    raise ValueError(item.op)


def _order_of(db: Database, item: OutboxItem, opened: dict[str, int]) -> int | None:
    from app.db.models import Order

    key = item.params.get("order_code") or item.params.get("code")
    if key in opened:
        return opened[key]
    with db.read() as s:
        return s.scalar(select(Order.id).where((Order.waybill_no == key) | (Order.order_no == key)))


def replay(db: Database, outbox: Outbox) -> ReplayReport:
    """Replay what is pending, oldest first; stops at the first sign the server is gone."""
    t0 = time.perf_counter()
    report = ReplayReport()
    opened: dict[str, int] = {}
    opens: dict[str, OutboxItem] = {}  # orders opened by this replay: checked at the end
    for item in outbox.pending():
        if item.op == VERIFY_OPEN:
            opens[item.params["code"]] = item
        try:
            if _reached_server(db, item.uid):
                if item.op == VERIFY_OPEN:  # later item scans need the order it opened
                    order_id = _order_of(db, item, opened)
                    if order_id is not None:
                        opened[item.params["code"]] = order_id
                outbox.mark(item.uid, DONE, "already")
                report.already_there += 1
                continue
            with station_event(item.uid, item.at):
                held = _apply(db, item, opened)
        except ServiceError as exc:
            if item.op != WEIGH:
                _hold_for_person(db, _order_of(db, item, opened), item, exc.code)
            outbox.mark(item.uid, CONFLICT, exc.code)
            report.conflicts.append((item, exc.code))
            continue
        except Exception as exc:
            if is_connection_error(exc):
                report.still_offline = True
                break
            if is_privilege_error(exc):  # the login's grants, not the floor's rules
                report.still_offline = True
                report.refused = privilege_detail(exc)
                break
            outbox.mark(item.uid, CONFLICT, type(exc).__name__)
            report.conflicts.append((item, type(exc).__name__))
            continue
        outbox.mark(item.uid, DONE, held or "ok")
        report.replayed += 1
        if held:
            report.holds.append((item, held))
    if not report.still_offline:
        _hold_unfinished(db, opened, opens, report)
    report.seconds = time.perf_counter() - t0
    return report


def _hold_unfinished(
    db: Database, opened: dict[str, int], opens: dict[str, OutboxItem], report: ReplayReport
) -> None:
    """An order verified offline whose kept scans do not complete it (an item was missed, or
    the server refused one): nobody saw "incomplete" at the time, so a person checks it."""
    from app.db.models import Order, OrderStatus

    unfinished = (OrderStatus.PRINTED.value, OrderStatus.PICKED.value)
    for code, item in opens.items():
        order_id = opened.get(code)
        if order_id is None:
            continue
        with db.read() as s:
            status = s.scalar(select(Order.status).where(Order.id == order_id))
        if status in unfinished:
            _hold_for_person(db, order_id, item, "offline_incomplete")
            report.conflicts.append((item, "offline_incomplete"))
