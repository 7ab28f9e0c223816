"""Parsing order files in other processes, so that reading and writing run at once.

A big file takes seconds to parse and seconds to write, both mostly Python; one process does
them one after the other on one core. `parse_in_worker` starts ``python -m
app.importers.worker`` for the order file (and one more for a Taobao detail file); each parses
with `parse_chunks` / `parse_lines` and streams the chunks back over its stdout while this
process writes the chunks already received. A worker imports no database code, so it starts
in under 0.1 s.

The wire: frames of an 8-byte length and a `marshal` payload (plain tuples, str, int; the
orders as `OrderRow`s): ``("chunk", ...)``, ``("unreadable", message)`` and ``("end",)``.
"""

from __future__ import annotations

import gc
import json
import marshal
import os
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from app.importers.orders import Chunk, RowError, parse_chunks, parse_lines
from app.importers.tables import UnreadableFile

_LEN = 8


class WorkerFailed(RuntimeError):
    """A parsing process could not start, or stopped without finishing (what it wrote to
    stderr is in the message)."""


def encode(chunk: Chunk) -> tuple:
    """A chunk as plain tuples."""
    rows = tuple(chunk.rows)
    errors = tuple((e.line, e.message) for e in chunk.errors)
    lines = tuple(chunk.lines)
    return (rows, lines, errors, chunk.skipped, chunk.lines_follow, chunk.orders_complete)


def decode(payload: tuple) -> Chunk:
    rows, lines, errors, skipped, lines_follow, complete = payload
    out = Chunk(skipped=skipped, lines_follow=lines_follow, orders_complete=complete)
    out.errors = [RowError(n, m) for n, m in errors]
    out.lines = list(lines)
    out.rows = list(rows)
    return out


def _send(out: BinaryIO, frame: tuple) -> None:
    data = marshal.dumps(frame)
    out.write(len(data).to_bytes(_LEN, "little"))
    out.write(data)
    out.flush()


def parse_in_worker(
    path: str | Path,
    *,
    platform: str | None = None,
    lines_path: str | Path | None = None,
    colmap: dict[str, str] | None = None,
) -> Iterator[Chunk]:
    """The chunks of `parse_chunks`, parsed in other processes: one for the order file and,
    for a Taobao pair, one more for the detail file, both started at once.

    Chunks are handed on as they arrive, so the detail file's lines may come before the
    orders they belong to (the importer keeps them until `Chunk.orders_complete`). Raises
    `UnreadableFile` as `parse_chunks` would and `WorkerFailed` when a process cannot
    start or dies. Stopping early (or an error while the caller writes a chunk) ends the
    processes."""
    request = {
        "path": str(path),
        "platform": platform,
        "lines_path": None if lines_path is None else str(lines_path),
        "colmap": colmap,
    }
    frames: _Frames = queue.SimpleQueue()
    orders = _Worker({**request, "part": "orders"}, frames)
    workers = [orders]
    try:
        if lines_path is not None:
            workers.append(_Worker({**request, "part": "lines"}, frames))
        yield from _arrivals(orders, len(workers), frames)
    finally:
        for w in workers:
            w.stop()


def _arrivals(orders: _Worker, running: int, frames: _Frames) -> Iterator[Chunk]:
    """The workers' chunks in the order they arrive. The detail file's frames wait until the
    first orders tell whether the lines are wanted (``lines_follow``), as `parse_chunks`
    reads the detail file only then."""
    lines_follow: bool | None = None
    held: list[tuple] = []
    ended: set[_Worker] = set()
    while len(ended) < running:
        worker, data = frames.get()
        if data is None:
            if worker not in ended:
                worker.failed()
            continue
        frame = marshal.loads(data)
        if frame[0] != "chunk":  # "end", or "unreadable": its last word either way
            ended.add(worker)
            if frame[0] == "end":
                continue
        if worker is not orders:
            if lines_follow is None:
                held.append(frame)
            elif lines_follow:
                yield from _chunk(frame)
            continue
        if frame[0] == "chunk" and lines_follow is None:
            lines_follow = bool(frame[1][4])
            yield from _chunk(frame)
            for f in held if lines_follow else ():
                yield from _chunk(f)
            held.clear()
        else:
            yield from _chunk(frame)


def _chunk(frame: tuple) -> Iterator[Chunk]:
    if frame[0] == "unreadable":
        raise UnreadableFile(frame[1])
    yield decode(frame[1])


class _Worker:
    """One parsing process, started at once; its frames are read by a thread (reading
    releases the GIL) into ``frames``, tagged with the worker, so it never waits for the
    importer before it hands on the next."""

    def __init__(self, request: dict, frames: _Frames) -> None:
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed in `stop`
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "app.importers.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.errors,
                env=env,
            )
        except OSError as exc:
            self.errors.close()
            raise WorkerFailed(f"the parsing process could not start: {exc}") from exc
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.reader = threading.Thread(
            target=_drain, args=(self, self.proc.stdout, frames), daemon=True
        )
        self.reader.start()
        try:
            self.proc.stdin.write(json.dumps(request).encode() + b"\n")
            self.proc.stdin.close()
        except OSError:
            pass  # it died at once: `failed` reports what it said

    def failed(self) -> None:
        """Its output ended before its "end": raise with what it said."""
        self.proc.wait()
        self.errors.seek(0)
        tail = self.errors.read()[-2000:].decode(errors="replace").strip()
        raise WorkerFailed(f"the parsing process stopped (exit {self.proc.returncode}): {tail}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.reader.join()
        self.proc.stdout.close()  # type: ignore[union-attr]
        self.errors.close()


_Frames = queue.SimpleQueue[tuple[_Worker, bytes | None]]


def _drain(worker: _Worker, src: BinaryIO, frames: _Frames) -> None:
    try:
        while True:
            head = src.read(_LEN)
            if len(head) < _LEN:
                break
            frames.put((worker, src.read(int.from_bytes(head, "little"))))
    except (OSError, ValueError):  # the pipe closed under us: the caller stopped early
        pass
    frames.put((worker, None))


def main() -> None:
    """Worker side: one request (JSON) on stdin, frames on stdout."""
    request = json.loads(sys.stdin.readline())
    out = sys.stdout.buffer
    gc.disable()  # a parse makes many objects and frees none until it ends
    try:
        if request["part"] == "lines":
            chunks = parse_lines(request["lines_path"], request["colmap"] or {})
        else:
            chunks = parse_chunks(
                request["path"],
                platform=request["platform"],
                lines_path=request["lines_path"],
                colmap=request["colmap"],
                read_lines=False,
            )
        for chunk in chunks:
            _send(out, ("chunk", encode(chunk)))
    except UnreadableFile as exc:
        _send(out, ("unreadable", str(exc)))
        return
    _send(out, ("end",))


if __name__ == "__main__":
    main()
