"""Frame-parsing benchmark: ``python -m devices.bench [--frames N] [--chunk B]``.

Prints JSON ``{"frames_per_second": {protocol: fps}, "slowest": {"protocol", "fps"}}``.
The stream is made by each protocol's own ``encode`` (varying weights, every fifth frame in
motion, some garbage between frames) and fed in ``chunk``-byte reads, as a port delivers it.
:func:`frames_per_second` is what ``parcelproof bench`` calls. Numbers, never asserts.
"""

from __future__ import annotations

import argparse
import json
import sys

from benchstats import best_of
from devices.scales.registry import PROTOCOLS, get_protocol


def make_stream(protocol_name: str, n: int, garbage_every: int = 50) -> bytes:
    """``n`` frames of ``protocol_name`` with a little garbage now and then."""
    enc = get_protocol(protocol_name)
    opts = {"checksum": True} if protocol_name == "toledo-continuous" else {}
    distinct = [
        enc.encode(
            (i * 7919) % 60000 - 500,
            stable=i % 5 != 0,
            net=i % 7 == 0,
            **opts,  # type: ignore[arg-type]
        )
        for i in range(997)
    ]
    parts = []
    for i in range(n):
        parts.append(distinct[i % 997])
        if garbage_every and i % garbage_every == garbage_every - 1:
            parts.append(b"\x00\xff\x13")
    return b"".join(parts)


def frames_per_second(
    protocol_name: str, n: int = 50_000, chunk: int = 4096, repeat: int = 3
) -> float:
    """Frames parsed per second for ``protocol_name`` (best of ``repeat`` runs of ``n``)."""
    data = make_stream(protocol_name, n)
    chunks = [data[i : i + chunk] for i in range(0, len(data), chunk)]

    def parse_all() -> None:
        p = get_protocol(protocol_name)
        got = sum(len(p.feed(c)) for c in chunks) + len(p.flush())
        if got != n:
            raise RuntimeError(f"{protocol_name}: parsed {got} of {n} frames")

    return n / best_of(parse_all, repeat)


def run(n: int = 50_000, chunk: int = 4096) -> dict[str, object]:
    fps = {name: round(frames_per_second(name, n, chunk)) for name in PROTOCOLS}
    slow = min(fps, key=lambda k: fps[k])
    return {
        "frames_per_second": fps,
        "slowest": {"protocol": slow, "fps": fps[slow]},
        "frames": n,
        "chunk_bytes": chunk,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m devices.bench")
    ap.add_argument("--frames", type=int, default=50_000)
    ap.add_argument("--chunk", type=int, default=4096)
    a = ap.parse_args(argv)
    json.dump(run(a.frames, a.chunk), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
