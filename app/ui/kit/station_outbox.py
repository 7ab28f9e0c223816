"""A station's offline outbox as the screens use it: the file, opened when first needed (or at
once when one is left from before a restart), and a timer that sends what it keeps every few
seconds on the station's job pool. Shared by the scanning stations and the weighing station;
what is kept and how a replay is worded stays with each station."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.db.engine import Database
from app.services import outbox as ob
from app.ui.kit.workers import JobRunner

#: how often a station with actions kept offline tries the server again
REPLAY_EVERY_MS = 5000


class StationOutbox(QObject):
    replayed = Signal(object)  # ob.ReplayReport, once the server answered (not still offline)

    def __init__(self, db: Database, path: str | Path, jobs: JobRunner, parent: QObject) -> None:
        super().__init__(parent)
        self.db, self.path, self.jobs = db, Path(path), jobs
        self._box: ob.Outbox | None = None
        self._sending = False
        self._timer = QTimer(self)
        self._timer.setInterval(REPLAY_EVERY_MS)
        self._timer.timeout.connect(self.send)
        self._timer.start()
        if self.path.exists():
            self.box()  # kept from before a restart: sent when the server answers

    @property
    def opened(self) -> bool:
        return self._box is not None

    def box(self) -> ob.Outbox:
        if self._box is None:
            self._box = ob.Outbox(self.path)
        return self._box

    def kept(self) -> int:
        """Actions waiting to be sent."""
        return self._box.count() if self._box is not None else 0

    def send(self) -> None:
        """Replay what is kept (pool thread), if anything and not already sending."""
        if self._sending or not self.kept():
            return
        self._sending = True
        db, box = self.db, self._box
        self.jobs.submit(lambda: ob.replay(db, box), self._on_sent, self._on_send_failed)

    def _on_send_failed(self, exc: Exception) -> None:
        self._sending = False

    def _on_sent(self, rep: ob.ReplayReport) -> None:
        self._sending = False
        if not rep.still_offline:
            self.replayed.emit(rep)

    def close(self) -> None:
        self._timer.stop()
        if self._box is not None:
            self._box.close()
            self._box = None
