"""``parcelproof print waybills``, ``reprint``, ``void`` and ``import routing``
(docs/dev/contract.md).

``print waybills`` prints one JSON object ``{"batch", "waybills": [{"order_no", "waybill_no",
"carrier"}], …}`` (extra keys: ``ok``, ``message``, ``refused``, ``slips``, ``pick_list``) even
when the printer failed, so that the allocated numbers are known; it then exits 1 and says on
stderr that the numbers stay with their orders (retry with ``--order``). Bad usage: one line on
stderr, exit 2. No Qt here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import UsageError, operator_pin, print_json, ready_db
from app.domain.stations import SUPERVISOR_ACT

FORMATS = ("76x130", "100x150", "100x180")

#: Service refusals worded for the command line (the UI words them through Qt).
_ERRORS = {
    "reason_required": "--reason must not be empty",
    "waybill_not_found": "waybill {waybill} is not known (or not in use)",
    "order_cancelled": "waybill {waybill} belongs to a cancelled order: do not ship it",
    "reprint_left_warehouse": "waybill {waybill} (order {order_no}) is {status}: the parcel is"
    " with the courier and a second label can ship a duplicate; --force reprints anyway",
    "not_allowed": "operator {operator} may not do this (needs: {roles})",
    "bad_limit": "--limit must be 1 or more, not {limit}",
    "bad_format": "unknown label format {format!r}; one of {formats}",
    "shop_not_found": "no shop is called {shop!r}",
    "order_not_found": "order {order!r} is not known",
    "carrier_unknown": "no carrier has the code {carrier!r}",
    "carrier_change_too_late": "order {order} is {status}: void its waybill first",
    "carrier_not_serving": "{carrier} does not deliver to {area} (order {order})",
    "needs_component": "waybill {waybill} is a platform's e-waybill: it prints only through "
    "the platform's print component (--printer {platform}+ws://HOST:PORT?printer=NAME)",
    "needs_label_printer": "waybill {waybill} is not a platform's e-waybill: a print component"
    " prints only the platform's own",
    "platform_refused": "the platform ({platform}) refused: {platform_code} {message}",
    "pin_required": "the PIN of {operator} is needed",
    "wrong_pin": "wrong PIN for {operator}",
    "secret_unreadable": "this station cannot read the account's stored secret: its key is not "
    "the one the account was saved with",
}


def _worded(exc: Exception) -> str:
    from app.cli.messages import worded

    return worded(exc, None, local=_ERRORS)


def _lang(args: argparse.Namespace) -> str:
    return "en" if getattr(args, "lang", None) == "en" else "zh_CN"


def _backend(printer: str):
    from printing import CupsBackend, backend_from_url

    try:
        return backend_from_url(printer) if ":" in printer else CupsBackend(printer)
    except ValueError as exc:
        raise UsageError(f"--printer {printer!r}: {exc}") from None


def _pdf_target(path: str, option: str) -> Path:
    p = Path(path)
    if p.is_dir():
        raise UsageError(f"{option} {path!r} is a directory; give a file name ending in .pdf")
    if not p.parent.exists():
        raise UsageError(f"{option} {path!r}: folder {str(p.parent)!r} does not exist")
    return p


def _sibling(p: Path, tag: str) -> Path:
    return p.with_name(f"{p.stem}-{tag}{p.suffix or '.pdf'}")


def cmd_print_waybills(args: argparse.Namespace) -> int:
    from app.services.errors import ServiceError
    from app.services.print_jobs import carrier_codes, check_format, find_shop, print_batch
    from printing import PdfFileBackend

    try:
        fmt = check_format(args.format)
    except ServiceError as exc:
        raise UsageError(_worded(exc)) from None
    if args.limit is not None and args.limit < 1:
        raise UsageError(f"--limit must be 1 or more, not {args.limit}")
    if args.slips and not args.out:
        raise UsageError("--slips needs --out (with --printer the slips go to --slips-printer)")
    slips_backend = pick_backend = None
    if args.out:
        out = _pdf_target(args.out, "--out")
        slips = _pdf_target(args.slips, "--slips") if args.slips else _sibling(out, "slips")
        backend = PdfFileBackend(out)
        slips_backend = PdfFileBackend(slips)
        pick_backend = PdfFileBackend(_sibling(slips if args.slips else out, "picklist"))
    else:
        backend = _backend(args.printer)
        if args.slips_printer:
            slips_backend = _backend(args.slips_printer)
    db = ready_db(args)
    shop_id = None
    try:
        if args.shop:
            shop_id = find_shop(db, args.shop)
        if args.carrier and args.carrier not in (codes := carrier_codes(db)):
            raise UsageError(f"--carrier {args.carrier!r} is not known; one of {', '.join(codes)}")
        order_nos = [o.strip() for o in (args.order or []) if o.strip()] or None
        limit = args.limit or (max(100, len(order_nos)) if order_nos else 100)
        res = print_batch(
            db,
            backend,
            fmt=fmt,
            limit=limit,
            carrier=args.carrier,
            sku=args.sku,
            shop_id=shop_id,
            order_nos=order_nos,
            operator=args.operator or "",
            station="cli",
            lang=_lang(args),
            slips_backend=slips_backend,
            picklist_backend=pick_backend,
        )
    except ServiceError as exc:
        raise UsageError(_worded(exc)) from None
    print_json(res.as_json())
    # one line per reason: a refused account (a wrong secret) is one line, not one per order
    by_reason: dict[str, list[str]] = {}
    for order_no, reason in res.refused:
        by_reason.setdefault(reason, []).append(order_no)
    for reason, nos in by_reason.items():
        shown = " ".join(nos[:5]) + (" …" if len(nos) > 5 else "")
        what = f"order {shown}" if len(nos) == 1 else f"{len(nos)} orders ({shown})"
        print(f"parcelproof: {what} not printed: {reason}", file=sys.stderr)
    if not res.ok:
        nos = " ".join(w["order_no"] for w in res.waybills)
        print(
            f"parcelproof: printer failed: {res.message}. The {len(res.waybills)} waybill "
            f"number(s) stay allocated to their orders; retry with: print waybills --order {nos}",
            file=sys.stderr,
        )
        return 1
    if res.slips_ok is False or res.pick_list_ok is False:
        print(
            "parcelproof: waybills printed, but "
            + (
                f"slips failed: {res.slips_message}"
                if res.slips_ok is False
                else f"pick list failed: {res.pick_list_message}"
            ),
            file=sys.stderr,
        )
        return 1
    if not res.waybills and not res.refused:
        print("parcelproof: no orders waiting to be printed", file=sys.stderr)
    return 0


def cmd_reprint(args: argparse.Namespace) -> int:
    from app.services.errors import ServiceError
    from app.services.print_jobs import check_format, reprint
    from printing import PdfFileBackend

    try:
        fmt = check_format(args.format)
    except ServiceError as exc:
        raise UsageError(_worded(exc)) from None
    if not args.reason.strip():
        raise UsageError("--reason must not be empty")
    backend = PdfFileBackend(_pdf_target(args.out, "--out")) if args.out else None
    backend = backend or _backend(args.printer)
    db = ready_db(args)
    try:
        res = reprint(
            db,
            args.waybill,
            args.reason,
            backend,
            operator=args.operator or "",
            station="cli",
            fmt=fmt,
            lang=_lang(args),
            force=args.force,
        )
    except ServiceError as exc:
        if exc.code == "order_cancelled":
            print(f"parcelproof: {_worded(exc)}", file=sys.stderr)
            return 1
        raise UsageError(_worded(exc)) from None
    print_json(res.as_json())
    if not res.ok:
        print(f"parcelproof: printer failed: {res.message}", file=sys.stderr)
        return 1
    return 0


def cmd_void(args: argparse.Namespace) -> int:
    from app.services.errors import ServiceError
    from app.services.print_jobs import void

    if not args.operator:
        raise UsageError("void needs --operator: the 工号 of a supervisor")
    if not args.reason.strip():
        raise UsageError("--reason must not be empty")
    operator, pin = operator_pin(args)
    db = ready_db(args)
    try:
        order_no = void(db, args.waybill, args.reason, operator, pin=pin, station="cli")
    except ServiceError as exc:
        raise UsageError(_worded(exc)) from None
    print_json({"waybill_no": args.waybill.strip(), "order_no": order_no, "voided": True})
    return 0


def cmd_set_carrier(args: argparse.Namespace) -> int:
    from app.services.errors import ServiceError
    from app.services.waybills import override_carrier

    if not args.reason.strip():
        raise UsageError("--reason must not be empty")
    db = ready_db(args)
    try:
        changes = override_carrier(
            db, args.orders, args.carrier, args.reason, operator=args.operator or "", station="cli"
        )
    except ServiceError as exc:
        raise UsageError(_worded(exc)) from None
    print_json(
        {
            "changed": [
                {"order_no": c.order_no, "from": c.old_carrier, "to": c.new_carrier}
                for c in changes
            ]
        }
    )
    return 0


def cmd_import_routing(args: argparse.Namespace) -> int:
    from app.services.print_jobs import import_routing
    from printing import RoutingError

    db = ready_db(args)
    try:
        res = import_routing(
            db, args.carrier, args.file, operator=args.operator or "", station="cli"
        )
    except RoutingError as exc:
        raise UsageError(str(exc)) from None
    print_json(res)
    return 0


def _add_import_routing(sub: argparse._SubParsersAction) -> None:
    """``import routing`` joins the ``import`` command that ``app.__main__`` defines."""
    imp = sub.choices.get("import")
    if imp is None:
        return
    for action in imp._actions:
        if isinstance(action, argparse._SubParsersAction):
            ir = action.add_parser("routing", help="a carrier's routing table (三段码/大头笔) CSV")
            ir.add_argument("--carrier", required=True)
            ir.add_argument("file")
            ir.set_defaults(func=cmd_import_routing)
            return


def register(sub: argparse._SubParsersAction) -> None:
    pr = sub.add_parser("print", help="print waybills and slips for the next batch")
    psub = pr.add_subparsers(dest="print_what", required=True, parser_class=type(pr))
    pw = psub.add_parser("waybills", help="allocate numbers and print the next batch")
    pw.add_argument("--limit", type=int, help="orders in the batch (default at most 100)")
    pw.add_argument("--order", action="extend", nargs="+", metavar="NO", help="these orders")
    pw.add_argument("--carrier", help="only orders for this carrier code")
    pw.add_argument("--shop", help="only orders of this shop (name or code)")
    pw.add_argument("--sku", help="only orders containing this SKU")
    pw.add_argument("--format", default="100x180", help="label format: " + "|".join(FORMATS))
    where = pw.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", metavar="FILE.pdf", help="write the waybills to this PDF")
    where.add_argument("--printer", metavar="NAME", help="CUPS queue or printer URL")
    pw.add_argument("--slips", metavar="FILE.pdf", help="write the outbound slips here")
    pw.add_argument("--slips-printer", metavar="NAME", help="slips and pick list printer")
    pw.set_defaults(func=cmd_print_waybills)

    rp = sub.add_parser("reprint", help="reprint a waybill with the same number")
    rp.add_argument("waybill")
    rp.add_argument(
        "--reason", required=True, help="jammed|smudged|lost|address_changed|other or 卡纸/…"
    )
    rp.add_argument("--format", default="100x180", help="label format: " + "|".join(FORMATS))
    rwhere = rp.add_mutually_exclusive_group(required=True)
    rwhere.add_argument("--out", metavar="FILE.pdf")
    rwhere.add_argument("--printer", metavar="NAME")
    rp.add_argument(
        "--force",
        action="store_true",
        help="reprint although the parcel was already handed over (recorded as forced)",
    )
    rp.set_defaults(func=cmd_reprint)

    vd = sub.add_parser("void", help="take a waybill number out of use (supervisor)")
    vd.add_argument("waybill")
    vd.add_argument("--reason", required=True)
    vd.set_defaults(func=cmd_void, privileged=SUPERVISOR_ACT)

    sc = sub.add_parser(
        "set-carrier", help="change the carrier of orders still waiting to print (改快递)"
    )
    sc.add_argument("orders", nargs="+", metavar="ORDER_NO")
    sc.add_argument("--carrier", required=True, help="carrier code, e.g. SF")
    sc.add_argument("--reason", required=True, help="why (buyer_asked, faster, bulky, …)")
    sc.set_defaults(func=cmd_set_carrier)

    _add_import_routing(sub)
