"""``parcelproof scale …``: protocols, parse, read, probe (docs/dev/contract.md, "Scales and
the weighing line").

Output: one JSON object per frame, ``{"protocol", "grams", "stable", "overload", "net",
"tare_grams"}``. Bad usage prints one line on stderr and exits 2. No Qt here.
"""

from __future__ import annotations

import argparse
import json
import queue
import sys
import time
from typing import Any

UNITS = ("g", "kg", "lb")


def _fail(message: str, code: int = 2) -> int:
    print(f"parcelproof: scale: {message}", file=sys.stderr)
    return code


def _line(protocol: str, r: Any) -> str:
    return json.dumps(
        {
            "protocol": protocol,
            "grams": r.grams,
            "stable": r.stable,
            "overload": r.overload,
            "net": r.net,
            "tare_grams": r.tare_grams,
        }
    )


def _emit(text: str) -> bool:
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
        return True
    except BrokenPipeError:
        return False


def _check_protocol(name: str | None, allow_auto: bool = True) -> str | None:
    from devices.scales import protocol_names

    if name is None:
        return None
    n = name.strip().lower()
    if n == "auto" and allow_auto:
        return n
    if n not in protocol_names():
        raise ValueError(f"unknown protocol {name!r}; one of: {', '.join(protocol_names())}, auto")
    return n


# -- commands --------------------------------------------------------------------------------


def cmd_protocols(args: argparse.Namespace) -> int:
    from devices.scales import protocol_names

    for name in protocol_names():
        print(name)
    return 0


def _stdin_chunks() -> Any:
    stream = sys.stdin.buffer
    read = getattr(stream, "read1", stream.read)
    while True:
        chunk = read(65536)
        if not chunk:
            return
        yield chunk


def cmd_parse(args: argparse.Namespace) -> int:
    from devices.scales import get_protocol
    from devices.scales.detect import detect_protocol

    try:
        name = _check_protocol(args.protocol)
    except ValueError as exc:
        return _fail(str(exc))
    chunks = _stdin_chunks()
    pending = b""
    if name == "auto":  # detect on the first 8 KiB (or all of a shorter input)
        for chunk in chunks:
            pending += chunk
            if len(pending) >= 8192:
                break
        cands = detect_protocol(pending, args.unit)
        if not cands:
            return _fail("auto: no known scale protocol in the input (try --protocol)")
        name = cands[0].protocol
    assert name is not None
    parser = get_protocol(name, args.unit)

    def out(readings: list[Any]) -> bool:
        return all(_emit(_line(name, r)) for r in readings)

    if pending and not out(parser.feed(pending)):
        return 0
    for chunk in chunks:
        if not out(parser.feed(chunk)):
            return 0
    out(parser.flush())
    if parser.bad_frames:
        print(
            f"parcelproof: scale: {parser.bad_frames} frame(s) dropped for a bad checksum",
            file=sys.stderr,
        )
    return 0


def _open_check(url: str, settings: Any) -> None:
    """Open once so that a wrong path / permissions fail now, with one line."""
    from devices.connection import open_port

    port = open_port(url, settings)
    port.close()


def cmd_read(args: argparse.Namespace) -> int:
    from app.cli.device_messages import device_message
    from devices.errors import DeviceError
    from devices.scales import get_protocol
    from devices.scales.base import LineSettings
    from devices.scales.detect import probe_port
    from devices.scales.reader import ScaleReader

    if args.count is not None and args.count < 1:
        return _fail(f"--count must be 1 or more, not {args.count}")
    if args.baud is not None and args.baud <= 0:
        return _fail(f"--baud must be positive, not {args.baud}")
    try:
        name = _check_protocol(args.protocol or "auto")
    except ValueError as exc:
        return _fail(str(exc))
    try:
        if name == "auto":
            tries = None
            if args.baud:  # only the framings at the baud rate the user named
                tries = [LineSettings(args.baud, b, par, 1) for b, par in ((8, "N"), (7, "E"))]
            found = probe_port(args.port, capture_s=1.0, settings=tries, unit=args.unit)
            if found is None:
                return _fail(f"{args.port}: no known scale protocol heard (try --protocol)", 1)
            name, settings = found.protocol, found.settings
        else:
            settings = get_protocol(name).settings
        if args.baud:
            settings = LineSettings(
                args.baud, settings.bytesize, settings.parity, settings.stopbits
            )
        _open_check(args.port, settings)
    except DeviceError as exc:  # permission_denied names the dialout group, in the user's language
        return _fail(device_message(exc))
    from app.domain.stability import floor_stability

    reader = ScaleReader(
        args.port, name, unit=args.unit, settings=settings, stability=floor_stability()
    )
    source = reader.stable_readings if args.stable else reader.readings
    emitted = 0
    deadline = time.monotonic() + args.timeout if args.timeout else None
    reader.start()
    try:
        while args.count is None or emitted < args.count:
            if deadline is not None and time.monotonic() > deadline:
                return _fail(
                    f"{args.port}: timed out after {args.timeout:g} s "
                    f"({emitted} reading(s), state {reader.state})",
                    1,
                )
            try:
                r = source.get(timeout=0.2)
            except queue.Empty:
                continue
            if not _emit(_line(name, r)):
                break
            emitted += 1
    except KeyboardInterrupt:
        return 130
    finally:
        reader.stop()
    return 0


def cmd_probe(args: argparse.Namespace) -> int:
    from app.cli.device_messages import device_message
    from devices.errors import DeviceError
    from devices.scales.detect import probe_port

    if args.capture <= 0:
        return _fail(f"--capture must be positive, not {args.capture}")
    try:
        found = probe_port(args.port, capture_s=args.capture, unit=args.unit)
    except DeviceError as exc:
        return _fail(device_message(exc))
    if found is None:
        return _fail(f"{args.port}: no known scale protocol heard", 1)
    _emit(
        json.dumps(
            {
                "protocol": found.protocol,
                "settings": found.settings.label(),
                "baudrate": found.settings.baudrate,
                "confidence": found.confidence,
                "frames": found.frames,
            }
        )
    )
    return 0


# -- wiring ----------------------------------------------------------------------------------


def register(subparsers: Any) -> None:
    """Add ``scale`` with its sub-commands to the main parser's sub-parsers action."""
    sc = subparsers.add_parser("scale", help="scale indicators: list, parse, read, probe")
    ssub = sc.add_subparsers(dest="scale_command", required=True, parser_class=type(sc))

    p = ssub.add_parser("protocols", help="list protocol names, one per line")
    p.set_defaults(func=cmd_protocols, operator_free=True)

    p = ssub.add_parser("parse", help="parse raw indicator bytes from stdin")
    p.add_argument("--protocol", required=True, help="protocol name or auto")
    p.add_argument("--unit", choices=UNITS, help="unit of frames that name none (default kg)")
    p.set_defaults(func=cmd_parse, operator_free=True)

    p = ssub.add_parser("read", help="read live frames from a port")
    p.add_argument("--port", required=True, help="device path or serial_for_url URL")
    p.add_argument("--protocol", help="protocol name or auto (default auto)")
    p.add_argument("--baud", type=int, help="baud rate (default: the protocol's)")
    p.add_argument("--stable", action="store_true", help="only readings that passed our check")
    p.add_argument("--count", type=int, help="stop after N readings")
    p.add_argument("--unit", choices=UNITS, help="unit of frames that name none (default kg)")
    p.add_argument("--timeout", type=float, help="give up after S seconds (exit 1)")
    p.set_defaults(func=cmd_read, operator_free=True)

    p = ssub.add_parser("probe", help="find protocol and line settings of a port")
    p.add_argument("--port", required=True, help="device path or serial_for_url URL")
    p.add_argument("--capture", type=float, default=1.0, help="seconds per line setting")
    p.add_argument("--unit", choices=UNITS)
    p.set_defaults(func=cmd_probe, operator_free=True)
