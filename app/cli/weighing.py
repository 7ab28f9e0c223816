"""``parcelproof weigh-line``: a headless automatic weighing line (serial scanner + scale).

The same rules and records as the weighing station: a waybill scanned from the serial scanner
arms the capture; the first stable non-zero weight after that is recorded (committed) and only
then printed as one JSON line per parcel (docs/dev/contract.md)::

    {"waybill_no", "order_no", "grams", "expected_grams", "tolerance_grams", "verdict",
     "reason", "suspects": [{"sku", "qty"}]}

The platform must come back near zero before the next capture, so one load is never recorded
for two waybills. Scale and scanner states (connected, no data, disconnected, overload, ready)
go to stderr as one line each. Threads: the scanner and scale readers run their own threads
and hand data to the main thread through queues; all database work is on the main thread.
"""

from __future__ import annotations

import argparse
import contextlib
import queue
import sys
import time
from typing import Any

from app.cli.common import UsageError, print_json, ready_db

STATION = "weigh-line"


def _note(text: str) -> None:
    with contextlib.suppress(BrokenPipeError, ValueError):
        print(f"parcelproof: weigh-line: {text}", file=sys.stderr, flush=True)


def _emit(obj: dict) -> bool:
    try:
        print_json(obj)
        sys.stdout.flush()
        return True
    except BrokenPipeError:
        return False


def _scale_settings(url: str, protocol: str, unit: str | None):
    from devices.errors import DeviceError
    from devices.scales import get_protocol, protocol_names
    from devices.scales.detect import probe_port

    name = (protocol or "auto").strip().lower()
    if name == "auto":
        try:
            found = probe_port(url, capture_s=1.0, unit=unit)
        except DeviceError as exc:
            from app.cli.device_messages import device_message

            raise UsageError(device_message(exc)) from None
        if found is None:
            raise UsageError(f"{url}: no known scale protocol heard (try --scale-protocol)")
        return found.protocol, found.settings
    if name not in protocol_names():
        raise UsageError(
            f"--scale-protocol {protocol!r}: one of {', '.join(protocol_names())}, auto"
        )
    return name, get_protocol(name).settings


def cmd_weigh_line(args: argparse.Namespace) -> int:
    from app.cli.device_messages import device_message
    from app.domain import weighing as rules
    from app.domain.stability import floor_stability
    from app.services.errors import ServiceError
    from app.services.weighing import record_weighing
    from devices.errors import DeviceError
    from devices.scales.reader import ScaleReader
    from devices.scanners.serial_scanner import SerialScanner

    if args.count is not None and args.count < 1:
        raise UsageError(f"--count must be 1 or more, not {args.count}")
    if args.zero_band < 0:
        raise UsageError(f"--zero-band must be 0 or more, not {args.zero_band}")
    db = ready_db(args)
    operator = getattr(args, "operator", None) or ""
    if operator:
        from app.services.operators import find_operator

        try:
            operator = find_operator(db, operator).code
        except ServiceError:
            raise UsageError(f"--operator {operator!r}: no such operator") from None
    protocol, settings = _scale_settings(args.scale, args.scale_protocol, args.unit)

    readings: queue.Queue[tuple[Any, bool]] = queue.Queue()
    events: queue.Queue[tuple[str, str]] = queue.Queue()

    def on_reading(r, st) -> None:  # scale reader thread
        readings.put((r, bool(st.stable)))

    def on_scale_state(state: str, err: DeviceError | None) -> None:  # scale reader thread
        events.put(("scale", state + (f" ({device_message(err)})" if err else "")))

    def on_scanner_state(state: str, err: DeviceError | None) -> None:  # scanner thread
        if state != "no_data":  # a scanner is silent between scans
            events.put(("scanner", state + (f" ({device_message(err)})" if err else "")))

    scale = ScaleReader(
        args.scale, protocol, unit=args.unit, settings=settings, on_reading=on_reading,
        on_state=on_scale_state, retry_interval=0.3, stability=floor_stability(),
    )  # fmt: skip
    scanner = SerialScanner(args.scanner, on_state=on_scanner_state, retry_interval=0.3)
    gate = rules.CaptureGate(zero_band_grams=args.zero_band)
    done = 0
    overload = False
    ready = False
    deadline = time.monotonic() + args.timeout if args.timeout else None
    scale.start()
    scanner.start()
    try:
        while args.count is None or done < args.count:
            if deadline is not None and time.monotonic() > deadline:
                _note(f"timed out after {args.timeout:g} s ({done} parcel(s))")
                return 1
            while True:
                try:
                    who, state = events.get_nowait()
                except queue.Empty:
                    break
                _note(f"{who} {state}")
            while True:
                try:
                    code = scanner.scans.get_nowait()
                except queue.Empty:
                    break
                if gate.armed and gate.armed != code:
                    _note(f"{gate.armed}: scanned over before a weight was captured")
                gate.arm(code)
                _note(f"scanned {code}")
            try:
                r, stable = readings.get(timeout=0.05)
            except queue.Empty:
                continue
            if r.overload != overload:
                overload = r.overload
                _note("scale overload" if overload else "scale back in range")
            got = gate.feed(r.grams, stable, r.overload)
            if not ready and not gate.needs_zero:
                ready = True
                _note("ready")
            if got is None:
                continue
            waybill, grams = got
            division = args.division or r.division_grams or 1
            try:
                res = record_weighing(db, waybill, grams, division, operator, STATION)
            except ServiceError as exc:
                line = {
                    "waybill_no": waybill,
                    "order_no": None,
                    "grams": grams,
                    "expected_grams": None,
                    "tolerance_grams": None,
                    "verdict": "hold",
                    "reason": exc.code,
                    "suspects": [],
                }
            else:
                line = res.as_json()
            done += 1
            if not _emit(line):
                break
            _note(f"{waybill}: {line['verdict']} — remove the parcel")
    except KeyboardInterrupt:
        return 130
    finally:
        scanner.stop()
        scale.stop()
        db.dispose()
    return 0


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "weigh-line", help="headless automatic weighing line: serial scanner + scale"
    )
    p.add_argument("--scanner", required=True, help="serial scanner port (path or URL)")
    p.add_argument("--scale", required=True, help="scale port (path or serial_for_url URL)")
    p.add_argument("--scale-protocol", default="auto", help="scale protocol name or auto")
    p.add_argument("--unit", choices=("g", "kg", "lb"), help="unit of frames that name none")
    p.add_argument("--division", type=int, default=0, help="scale division in g (default: frame)")
    p.add_argument(
        "--zero-band", type=int, default=20, help="grams counted as an empty platform (20)"
    )
    p.add_argument("--count", type=int, help="stop after N parcels")
    p.add_argument("--timeout", type=float, help="give up after S seconds (exit 1)")
    p.set_defaults(func=cmd_weigh_line)
