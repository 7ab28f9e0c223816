"""``parcelproof report daily``: the day's report (发货日报) as PDF, with the chain head."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from app.cli.common import UsageError, print_json, ready_db


def cmd_report_daily(args: argparse.Namespace) -> int:
    from app.services.daily_report import daily_report, daily_report_pdf
    from printing import backend_from_url

    day = None
    if args.date:
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError:
            raise UsageError(f"--date {args.date!r}: expected YYYY-MM-DD") from None
    data = daily_report(ready_db(args), day, warehouse=args.warehouse or "")
    lang = "en" if getattr(args, "lang", None) == "en" else "zh_CN"
    pdf = daily_report_pdf(data, lang)
    where = ""
    if args.out:
        try:
            with open(args.out, "wb") as f:
                f.write(pdf)
        except OSError as exc:
            raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from None
        where = args.out
    elif args.printer:
        try:
            backend = backend_from_url(args.printer)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        res = backend.send(pdf, title=f"daily report {data.day}", media="A4")
        if not res.ok:
            raise UsageError(f"printer {args.printer}: {res.message}")
        where = res.job_id or args.printer
    print_json(
        {
            "day": data.day.isoformat(),
            "totals": data.totals,
            "chain_seq": data.chain_seq,
            "chain_head": data.chain_head,
            "file": where,
        }
    )
    return 0


def register(sub: Any) -> None:
    rp = sub.add_parser("report", help="reports: the daily report (发货日报)")
    rsub = rp.add_subparsers(dest="report_what", required=True, parser_class=type(rp))
    d = rsub.add_parser("daily", help="one day's counts, holds and the evidence chain head")
    d.add_argument("--date", help="YYYY-MM-DD, local day (default today)")
    d.add_argument("--warehouse", help="name printed in the head")
    where = d.add_mutually_exclusive_group()
    where.add_argument("--out", metavar="FILE.pdf")
    where.add_argument("--printer", metavar="NAME", help="printer URL (cups:NAME, qt:NAME, …)")
    d.set_defaults(func=cmd_report_daily)
