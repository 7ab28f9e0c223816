"""``parcelproof export shipments`` and ``parcelproof dispute`` (docs/dev/contract.md)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.common import UsageError, print_json, ready_db


def _service_error(exc: Exception) -> UsageError:
    from app.cli.messages import worded

    return UsageError(worded(exc))


def cmd_export_shipments(args: argparse.Namespace) -> int:
    from app.services.errors import ServiceError
    from app.services.handover import export_shipments

    try:
        res = export_shipments(
            ready_db(args),
            args.platform,
            args.out,
            again=args.again,
            operator=args.operator or "",
            station="cli",
        )
    except ServiceError as exc:
        raise _service_error(exc) from None
    print_json(
        {
            "platform": res.platform,
            "file": res.path,
            "exported": res.exported,
            "again": res.again,
            "orders": res.order_nos,
        }
    )
    return 0


def cmd_dispute(args: argparse.Namespace) -> int:
    from app.services.dispute import dispute_check, register_case
    from app.services.errors import ServiceError

    if not args.json and not args.out:
        raise UsageError("dispute: give --json or --out FILE.pdf")
    if args.register and not args.claim:
        raise UsageError("dispute: --register needs --claim")
    db = ready_db(args)
    try:
        findings = dispute_check(db, args.key, dest_grams=args.dest_weight, claim=args.claim)
    except ServiceError as exc:
        if exc.code == "order_not_found":
            print(f"parcelproof: no parcel matches {args.key!r}", file=sys.stderr)
            return 1
        if exc.code == "ambiguous_key":
            raise UsageError(
                f"{args.key!r} matches {exc.params.get('count')} parcels; "
                "give the waybill or order number"
            ) from None
        raise _service_error(exc) from None
    if args.claim and args.register:
        try:
            findings["case_id"] = register_case(
                db, findings, args.claim, operator=args.operator or "", station="cli"
            )
        except ServiceError as exc:
            raise _service_error(exc) from None
    if args.out:
        from app.domain.floortime import floor_zone
        from app.settings import choose_language
        from printing.documents.dispute_report import render_dispute_report

        lang = choose_language(args.lang)
        data = render_dispute_report(findings, lang=lang, tz=floor_zone())
        try:
            with open(args.out, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise UsageError(f"{args.out}: {exc.strerror or exc}") from None
    if args.json:
        print_json(findings)
    return 0


def register(subparsers: Any) -> None:
    exp = subparsers.add_parser("export", help="files for the shop platforms")
    esub = exp.add_subparsers(dest="export_what", required=True, parser_class=type(exp))
    sh = esub.add_parser("shipments", help="bulk-ship upload: 订单编号, 物流公司, 运单号")
    sh.add_argument("--platform", required=True, choices=("taobao", "jd", "pdd"))
    sh.add_argument("--out", required=True, help="CSV file to write")
    sh.add_argument(
        "--again", action="store_true", help="re-export what was already exported today"
    )
    sh.set_defaults(func=cmd_export_shipments)

    d = subparsers.add_parser("dispute", help="check a parcel's record against a claim")
    d.add_argument("key", help="waybill number, order number or phone tail")
    d.add_argument("--dest-weight", type=int, help="grams the destination depot weighed")
    d.add_argument("--claim", choices=("missing", "broken", "wrong", "not-received"))
    d.add_argument("--json", action="store_true", help="print the findings as JSON")
    d.add_argument("--out", help="write the evidence report PDF")
    d.add_argument(
        "--register",
        action="store_true",
        help="record the case in the dispute register (needs --claim)",
    )
    d.set_defaults(func=cmd_dispute)
