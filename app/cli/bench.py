"""``parcelproof bench [--json] [--quick] [--engine sqlite|postgresql]``: the benchmark suite
(see app/bench/)."""

from __future__ import annotations

import argparse
import os
from typing import Any

from app.cli.common import print_json

ENGINES = ("sqlite", "postgresql")  # app.bench.engines.ENGINES, not imported at start


def cmd_bench(args: argparse.Namespace) -> int:
    from app.bench.suite import run
    from app.db.engine import ENV_DB

    figures = run(quick=args.quick, engine=args.engine, db_url=args.db or os.environ.get(ENV_DB))
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
    b.add_argument(
        "--engine",
        choices=ENGINES,
        default="sqlite",
        help="the database engine measured: SQLite files, or PostgreSQL on the server --db "
        "names (else one the bench starts)",
    )
    b.set_defaults(func=cmd_bench, operator_free=True)
