"""Running service calls off the GUI thread.

A `JobRunner` lives on the GUI thread. `submit(fn, on_done, on_failed)` runs ``fn`` on a pool
thread (`QThreadPool`); the result comes back as a queued signal and the callback runs on the
GUI thread. ``fn`` must open its own session (services do) and return plain data, never ORM
objects. A runner that has been discarded drops late results instead of calling dead widgets: the pool
threads emit only on one dispatcher that is never deleted.
"""

from __future__ import annotations

import itertools
import logging
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
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


class _Dispatcher(QObject):
    """The one object pool threads emit on. It lives on the GUI thread for the whole run and is
    never deleted, so a job that ends after its widget was closed never touches a deleted
    object (emitting on a runner whose widget the GUI thread was deleting crashed the
    process). The queued delivery looks the runner up and drops results for dead ones."""

    job_ended = Signal(int, bool, object)  # job id, succeeded, result or exception

    def __init__(self) -> None:
        super().__init__()
        self.job_ended.connect(self._deliver)

    def _deliver(self, job_id: int, ok: bool, value: object) -> None:
        ref = _waiting.pop(job_id, None)
        runner = ref() if ref is not None else None
        if runner is None or not shiboken6.isValid(runner):
            return
        runner._deliver(job_id, ok, value)


_dispatcher: _Dispatcher | None = None
#: job id → the runner that waits for it (weak: a closed widget's runner may go away)
_waiting: dict[int, weakref.ref[JobRunner]] = {}


def _the_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:  # created on the GUI thread by the first submit
        _dispatcher = _Dispatcher()
    return _dispatcher


class _Job(QRunnable):
    """Runs on a pool thread; reports through the dispatcher (queued to the GUI thread)."""

    def __init__(self, dispatcher: _Dispatcher, job_id: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._dispatcher = dispatcher
        self._job_id = job_id
        self._fn = fn

    def run(self) -> None:  # pool thread
        try:
            result = self._fn()
        except Exception as exc:  # reported to the GUI, which words it for the user
            _log_failure(exc)
            self._dispatcher.job_ended.emit(self._job_id, False, exc)
        else:
            self._dispatcher.job_ended.emit(self._job_id, True, result)


class JobRunner(QObject):
    """Submits jobs and calls back on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._callbacks: dict[int, tuple[Callable, Callable | None]] = {}

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None] | None = None,
    ) -> int:
        job_id = next(_ids)
        self._callbacks[job_id] = (on_done, on_failed)
        _waiting[job_id] = weakref.ref(self)
        pool().start(_Job(_the_dispatcher(), job_id, fn))
        return job_id

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def _deliver(self, job_id: int, ok: bool, value: object) -> None:
        cbs = self._callbacks.pop(job_id, None)
        if not cbs:
            return
        if ok:
            cbs[0](value)
        elif cbs[1]:
            cbs[1](value)  # type: ignore[arg-type]
