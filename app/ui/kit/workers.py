"""Running service calls off the GUI thread.

A `JobRunner` lives on the GUI thread. `submit(fn, on_done, on_failed)` runs ``fn`` on a pool
thread (`QThreadPool`); the result comes back as a queued signal and the callback runs on the
GUI thread. ``fn`` must open its own session (services do) and return plain data, never ORM
objects. A runner that has been discarded drops late results instead of calling dead widgets.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_log = logging.getLogger(__name__)
_ids = itertools.count(1)
_pool: QThreadPool | None = None


def pool() -> QThreadPool:
    """The pool for database and printing jobs (two threads: this is a 2-core station)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
    return _pool


def _log_failure(exc: Exception) -> None:
    """An expected refusal (`ServiceError`: the user is told) is not logged; a lost database
    server is one line; anything else is a bug and is logged with its traceback."""
    from app.db.engine import is_connection_error
    from app.services.errors import ServiceError

    if isinstance(exc, ServiceError):
        return
    if is_connection_error(exc):
        _log.warning("database unreachable: %s", str(exc).splitlines()[0] if str(exc) else "")
        return
    _log.error("a background job failed", exc_info=exc)


class _Job(QRunnable):
    """Runs on a pool thread; reports through the runner's signals (queued to the GUI)."""

    def __init__(self, runner: JobRunner, job_id: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._runner = runner
        self._job_id = job_id
        self._fn = fn

    def run(self) -> None:  # pool thread
        try:
            result = self._fn()
        except Exception as exc:  # reported to the GUI, which words it for the user
            _log_failure(exc)
            self._emit("job_failed", exc)
        else:
            self._emit("job_finished", result)

    def _emit(self, signal: str, value: object) -> None:
        # the runner's widget may have been closed meanwhile: then nobody is told
        with contextlib.suppress(RuntimeError):
            getattr(self._runner, signal).emit(self._job_id, value)


class JobRunner(QObject):
    """Submits jobs and calls back on the GUI thread."""

    job_finished = Signal(int, object)
    job_failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._callbacks: dict[int, tuple[Callable, Callable | None]] = {}
        self.job_finished.connect(self._on_self_job_finished)
        self.job_failed.connect(self._on_self_job_failed)

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None] | None = None,
    ) -> int:
        job_id = next(_ids)
        self._callbacks[job_id] = (on_done, on_failed)
        pool().start(_Job(self, job_id, fn))
        return job_id

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def _on_self_job_finished(self, job_id: int, result: object) -> None:
        cbs = self._callbacks.pop(job_id, None)
        if cbs:
            cbs[0](result)

    def _on_self_job_failed(self, job_id: int, exc: object) -> None:
        cbs = self._callbacks.pop(job_id, None)
        if cbs and cbs[1]:
            cbs[1](exc)  # type: ignore[arg-type]
