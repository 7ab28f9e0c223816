"""``parcelproof bench [--json] [--quick]``: the benchmark suite (see app/bench/)."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import print_json


def cmd_bench(args: argparse.Namespace) -> int:
    from app.bench.suite import run

    figures = run(quick=args.quick)
    if args.json:
        print_json(figures)
    else:
        for k, v in figures.items():
            print(f"{k:34} {v}")
    return 0


def register(subparsers: Any) -> None:
    b = subparsers.add_parser("bench", help="benchmarks: the figures a station must meet")
    b.add_argument("--json", action="store_true", help="one JSON object of named figures")
    b.add_argument("--quick", action="store_true", help="small datasets (100,000 orders)")
    b.set_defaults(func=cmd_bench, operator_free=True)
