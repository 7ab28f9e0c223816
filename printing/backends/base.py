"""What every print backend is: bytes in, a :class:`JobResult` out.

Backends are *blocking* (a socket connect, an ``lp`` subprocess, a device write can take
seconds or hang until a timeout). Call ``send`` from a worker thread, never from the GUI
thread. A backend reports printer trouble in the result (``ok=False`` and a message for the
operator) instead of raising, so the caller can record the failed job and offer a retry that
re-sends the same bytes (no new waybill number).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class JobResult:
    """Outcome of one ``send``: ``job_id`` is the queue's id (CUPS ``X-12``), the file written,
    or ``None`` where the transport has no ids (raw socket/device)."""

    ok: bool
    job_id: str | None
    message: str
    backend: str


@runtime_checkable
class Backend(Protocol):
    """Where print bytes go. ``media`` is a label format (``"100x180"``) or a paper name
    (``"A4"``); backends that cannot choose media ignore it."""

    name: str

    def send(self, data: bytes, *, title: str = "", media: str | None = None) -> JobResult:
        """Deliver ``data``; blocking (see module docstring)."""
        ...
