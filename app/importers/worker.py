"""Parsing order files in other processes, so that reading and writing run at once.

A big file takes seconds to parse and seconds to write, both mostly Python; one process does
them one after the other on one core. `parse_in_worker` starts ``python -m
app.importers.worker`` for the order file (and one more for a Taobao detail file); each parses
with `parse_chunks` / `parse_lines` and streams the chunks back over its stdout while this
process writes the chunks already received. A worker imports no database code, so it starts
in under 0.1 s.

The wire: frames of an 8-byte length and a `marshal` payload (plain tuples, str, int; times as
microseconds since 1970 UTC): ``("chunk", ...)``, ``("unreadable", message)`` and ``("end",)``.
"""

from __future__ import annotations

import datetime as dt
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
from operator import attrgetter
from pathlib import Path
from typing import BinaryIO

from app.domain.orders import LineRecord, OrderRecord
from app.importers.orders import Chunk, RowError, parse_chunks, parse_lines
from app.importers.tables import UnreadableFile

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
US = dt.timedelta(microseconds=1)
_LEN = 8

_ORDER_HEAD = attrgetter(
    "platform",
    "order_no",
    "status",
    "line",
    "shop",
    "buyer",
    "receiver_name",
    "receiver_phone",
    "province",
    "city",
    "district",
    "address",
)
_ORDER_TAIL = attrgetter("buyer_message", "seller_remark", "total_fen", "item_count")


class WorkerFailed(RuntimeError):
    """A parsing process could not start, or stopped without finishing (what it wrote to
    stderr is in the message)."""


def _us(t: dt.datetime | None) -> int | None:
    return None if t is None else (t - EPOCH) // US


def _time(us: int | None) -> dt.datetime | None:
    return None if us is None else EPOCH + dt.timedelta(microseconds=us)


def encode(chunk: Chunk) -> tuple:
    records = tuple(
        (
            *_ORDER_HEAD(r),
            _us(r.paid_at),  # type: ignore[arg-type]
            _us(r.promised_ship_at),  # type: ignore[arg-type]
            *_ORDER_TAIL(r),
            tuple(map(tuple, r.lines)),
        )
        for r in chunk.records
    )
    lines = tuple(chunk.lines)
    errors = tuple((e.line, e.message) for e in chunk.errors)
    return (records, lines, errors, chunk.skipped, chunk.lines_follow)


def decode(payload: tuple) -> Chunk:
    records, lines, errors, skipped, lines_follow = payload
    out = Chunk(skipped=skipped, lines_follow=lines_follow)
    out.errors = [RowError(n, m) for n, m in errors]
    make = LineRecord._make
    out.lines = list(lines)
    out.records = [
        OrderRecord(
            *r[:12],
            paid_at=_time(r[12]),
            promised_ship_at=_time(r[13]),
            buyer_message=r[14],
            seller_remark=r[15],
            total_fen=r[16],
            item_count=r[17],
            lines=list(map(make, r[18])),
        )
        for r in records
    ]
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

    Raises `UnreadableFile` as `parse_chunks` would and `WorkerFailed` when a process cannot
    start or dies. Stopping early (or an error while the caller writes a chunk) ends the
    processes."""
    request = {
        "path": str(path),
        "platform": platform,
        "lines_path": None if lines_path is None else str(lines_path),
        "colmap": colmap,
    }
    orders = _Worker({**request, "part": "orders"})
    details = None
    try:
        if lines_path is not None:
            details = _Worker({**request, "part": "lines"})
        lines_follow = False
        for chunk in orders.chunks():
            lines_follow = chunk.lines_follow
            yield chunk
        if details is not None and lines_follow:
            yield from details.chunks()
    finally:
        orders.stop()
        if details is not None:
            details.stop()


class _Worker:
    """One parsing process, started at once; its frames are read by a thread (reading
    releases the GIL), so it never waits for the importer before it hands on the next."""

    def __init__(self, request: dict) -> None:
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
        self.frames: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.reader = threading.Thread(
            target=_drain, args=(self.proc.stdout, self.frames), daemon=True
        )
        self.reader.start()
        try:
            self.proc.stdin.write(json.dumps(request).encode() + b"\n")
            self.proc.stdin.close()
        except OSError:
            pass  # it died at once: `chunks` reports what it said

    def chunks(self) -> Iterator[Chunk]:
        while (data := self.frames.get()) is not None:
            frame = marshal.loads(data)
            if frame[0] == "chunk":
                yield decode(frame[1])
            elif frame[0] == "unreadable":
                raise UnreadableFile(frame[1])
            else:  # "end"
                return
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


def _drain(src: BinaryIO, frames: queue.SimpleQueue[bytes | None]) -> None:
    try:
        while True:
            head = src.read(_LEN)
            if len(head) < _LEN:
                break
            frames.put(src.read(int.from_bytes(head, "little")))
    except (OSError, ValueError):  # the pipe closed under us: the caller stopped early
        pass
    frames.put(None)


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
