"""File-like backends: PDF files on disk, raw device nodes, and an in-memory recorder."""

from __future__ import annotations

import itertools
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from printing.backends.base import JobResult

_SAFE = re.compile(r"[^0-9A-Za-z_.\-\u4e00-\u9fff]+")


class PdfFileBackend:
    """Writes each job to a file: the "PDF printer" of ``--demo`` and ``--out FILE.pdf``.

    ``target`` is a directory (each job gets ``<title>-<YYYYmmdd-HHMMSS>-<n>.pdf`` inside it) or
    a file path (every job overwrites it). Files are written to a temporary name and renamed,
    so a reader never sees half a PDF. Blocking; call from a worker thread.
    """

    name = "pdf-file"

    def __init__(self, target: str | os.PathLike[str], *, suffix: str = ".pdf") -> None:
        self.target = Path(target)
        # Path() drops a trailing slash: remember it, "out/" is a folder even before it exists
        self.folder = str(target).endswith(("/", os.sep))
        self.suffix = suffix
        self._n = itertools.count(1)
        self._lock = threading.Lock()

    def _path_for(self, title: str) -> Path:
        if self.folder or self.target.is_dir():
            stem = _SAFE.sub("_", title).strip("_") or "job"
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            with self._lock:
                n = next(self._n)
            return self.target / f"{stem}-{stamp}-{n}{self.suffix}"
        return self.target

    def send(self, data: bytes, *, title: str = "", media: str | None = None) -> JobResult:
        path = self._path_for(title)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".part-", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            return JobResult(False, None, f"cannot write {path}: {exc.strerror or exc}", self.name)
        return JobResult(True, str(path), f"written {path} ({len(data)} bytes)", self.name)


class RawDeviceBackend:
    """Writes raw printer language (ZPL/TSPL) to a device node such as ``/dev/usb/lp0``
    (or a serial port path). Blocking; call from a worker thread."""

    name = "raw-device"

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def send(self, data: bytes, *, title: str = "", media: str | None = None) -> JobResult:
        try:
            with open(self.path, "wb", buffering=0) as dev:
                view = memoryview(data)
                while view:
                    n = dev.write(view)
                    if not n:
                        raise OSError("device accepted no bytes")
                    view = view[n:]
        except OSError as exc:
            return JobResult(
                False, None, f"cannot write to {self.path}: {exc.strerror or exc}", self.name
            )
        return JobResult(True, None, f"{len(data)} bytes sent to {self.path}", self.name)


@dataclass(frozen=True, slots=True)
class RecordedJob:
    data: bytes
    title: str
    media: str | None
    job_id: str


class RecordingBackend:
    """Keeps every job in memory (``jobs``): for ``--demo`` and tests, like escpos' ``Dummy``.

    ``fail_with`` makes the next sends fail with that message (to exercise retry paths).
    Thread-safe.
    """

    name = "recording"

    def __init__(self) -> None:
        self.jobs: list[RecordedJob] = []
        self.fail_with: str | None = None
        self._lock = threading.Lock()

    def send(self, data: bytes, *, title: str = "", media: str | None = None) -> JobResult:
        with self._lock:
            if self.fail_with:
                return JobResult(False, None, self.fail_with, self.name)
            job_id = f"rec-{len(self.jobs) + 1}"
            self.jobs.append(RecordedJob(bytes(data), title, media, job_id))
        return JobResult(True, job_id, f"recorded {len(data)} bytes", self.name)

    @property
    def last(self) -> RecordedJob | None:
        return self.jobs[-1] if self.jobs else None
