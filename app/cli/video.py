"""``parcelproof video show`` and ``parcelproof video export`` (docs/dev/contract.md)."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import UsageError, print_json, ready_db


def _message(exc: Exception, lang: str | None = None) -> str:
    """A refusal in the shared wording of app/cli/messages.py, in the session's language."""
    from app.cli.messages import worded

    return worded(exc, lang)


def cmd_video_show(args: argparse.Namespace) -> int:
    from app.services.video import show_clips

    doc = show_clips(ready_db(args), args.key)
    if args.json:
        print_json(doc)
    else:
        print(f"{doc['waybill_no']}  {doc['order_no']}")
        for c in doc["clips"]:
            gone = " (expired)" if c["expired_at"] else ""
            print(
                f"  {c['started_at']}  {c['duration_s']:.1f} s  {c['frames']} frames  "
                f"{c['state']}  {c['station']}  {c['file']}{gone}"
            )
    if not doc["clips"]:
        from app.services.errors import ServiceError

        no_clip = ServiceError("no_clip", key=args.key)
        print(f"parcelproof: {_message(no_clip, args.lang)}", file=sys.stderr)
        return 1
    return 0


def cmd_video_export(args: argparse.Namespace) -> int:
    from app.services.errors import ServiceError
    from app.services.video import export_clips

    try:
        res = export_clips(ready_db(args), args.key, args.out, limit=args.limit)
    except ServiceError as exc:
        if exc.code == "no_clip":
            print(f"parcelproof: {_message(exc, args.lang)}", file=sys.stderr)
            return 1
        raise UsageError(_message(exc, args.lang)) from None
    print_json({"sidecar": res.sidecar, "files": res.files})
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser("video", help="packing video: a parcel's clips")
    vsub = v.add_subparsers(dest="video_command", required=True, parser_class=type(v))
    show = vsub.add_parser("show", help="a parcel's clips by waybill or order number")
    show.add_argument("key")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_video_show)
    exp = vsub.add_parser("export", help="a parcel's clips and a JSON sidecar for an appeal")
    exp.add_argument("key")
    exp.add_argument("--out", required=True, help="folder to write to")
    exp.add_argument(
        "--limit",
        default="platform",
        help="cut each copy to: platform (the order's platform's upload limit, the default),"
        " none, or a number of seconds",
    )
    exp.set_defaults(func=cmd_video_export)
