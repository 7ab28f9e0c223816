"""Words for codes: order statuses, roles, event kinds and service error codes.

The domain and services speak in codes (``paid``, ``unknown_badge``); this module turns them
into the user's language through Qt's translation, so the .ts files carry every word.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app.domain.weighing import CARTON, FILLER


def status_label(status: str) -> str:
    labels = {
        "unpaid": QCoreApplication.translate("Status", "Unpaid"),
        "paid": QCoreApplication.translate("Status", "Paid, to print"),
        "printed": QCoreApplication.translate("Status", "Printed"),
        "picked": QCoreApplication.translate("Status", "Picked"),
        "verified": QCoreApplication.translate("Status", "Verified"),
        "packed": QCoreApplication.translate("Status", "Packed"),
        "weighed": QCoreApplication.translate("Status", "Weighed"),
        "handed_over": QCoreApplication.translate("Status", "Handed over"),
        "shipped": QCoreApplication.translate("Status", "Shipped"),
        "held": QCoreApplication.translate("Status", "Held"),
        "cancelled": QCoreApplication.translate("Status", "Cancelled"),
    }
    return labels.get(status, status)


STATUSES = (
    "unpaid",
    "paid",
    "printed",
    "picked",
    "verified",
    "packed",
    "weighed",
    "handed_over",
    "shipped",
    "held",
    "cancelled",
)


def role_label(role: str) -> str:
    labels = {
        "print_operator": QCoreApplication.translate("Role", "Print operator"),
        "picker": QCoreApplication.translate("Role", "Picker"),
        "verifier": QCoreApplication.translate("Role", "Verifier"),
        "packer": QCoreApplication.translate("Role", "Packer"),
        "weigher": QCoreApplication.translate("Role", "Weighing clerk"),
        "after_sales": QCoreApplication.translate("Role", "After-sales clerk"),
        "supervisor": QCoreApplication.translate("Role", "Supervisor"),
        "admin": QCoreApplication.translate("Role", "Administrator"),
    }
    return labels.get(role, role)


_EXTRA_EVENTS: list[Callable[[], dict[str, str]]] = []


def register_event_labels(fn: Callable[[], dict[str, str]]) -> Callable[[], dict[str, str]]:
    """A station module adds the words for the event kinds it records."""
    _EXTRA_EVENTS.append(fn)
    return fn


#: the station modules that register words for the event kinds they record: a timeline shown
#: at one station (the dispute desk) names events recorded at all the others
_EVENT_MODULES = (
    "app.ui.desks.scan",
    "app.ui.desks.weigh.station",
    "app.ui.desks.print.texts",
    "app.ui.desks.handover",
    "app.ui.desks.admin.station",
    "app.ui.desks.dispute.station",
)


@functools.cache
def _load_event_labels() -> None:
    """Import the station modules once, so their words are registered."""
    import importlib

    for name in _EVENT_MODULES:
        importlib.import_module(name)


def event_label(kind: str) -> str:
    _load_event_labels()
    for extra in _EXTRA_EVENTS:
        if kind in (words := extra()):
            return words[kind]
    labels = {
        "order_imported": QCoreApplication.translate("Event", "Imported"),
        "order_updated": QCoreApplication.translate("Event", "Changed by re-import"),
        "intercepted": QCoreApplication.translate("Event", "Intercepted"),
        "cancelled": QCoreApplication.translate("Event", "Cancelled"),
        "intercept_too_late": QCoreApplication.translate("Event", "Interception too late"),
        "cancel_after_shipment": QCoreApplication.translate(
            "Event", "Cancelled on the platform after shipment"
        ),
        "held": QCoreApplication.translate("Event", "Put on hold"),
        "pin_failed": QCoreApplication.translate("Event", "Wrong PIN"),
        "badge_locked": QCoreApplication.translate("Event", "Badge locked after wrong PINs"),
        "badge_unlocked": QCoreApplication.translate("Event", "Badge unlocked by an admin"),
        "address_changed": QCoreApplication.translate("Event", "Address changed"),
        "printed": QCoreApplication.translate("Event", "Waybill printed"),
        "reprinted": QCoreApplication.translate("Event", "Waybill reprinted"),
        "scan": QCoreApplication.translate("Event", "Scan"),
        "weighed": QCoreApplication.translate("Event", "Weighed"),
        "override": QCoreApplication.translate("Event", "Override"),
        "handed_over": QCoreApplication.translate("Event", "Handed over"),
        "restore_forced": QCoreApplication.translate("Event", "Backup restored by force"),
    }
    return labels.get(kind, kind)


def hold_reason_label(reason: str) -> str:
    labels = {
        "platform_locked": QCoreApplication.translate("Hold", "Locked on the platform"),
        "address_changed": QCoreApplication.translate("Hold", "Address changed after printing"),
        "shortage": QCoreApplication.translate("Hold", "Out of stock"),
        "wrong_item": QCoreApplication.translate("Hold", "Wrong item found"),
        "damaged": QCoreApplication.translate("Hold", "Damaged goods"),
        "address_problem": QCoreApplication.translate("Hold", "Address problem"),
        "weight": QCoreApplication.translate("Hold", "Weight out of tolerance"),
        "incomplete": QCoreApplication.translate("Hold", "Verification incomplete"),
        "offline_conflict": QCoreApplication.translate(
            "Hold", "Scanned while offline, refused when sent: check the parcel"
        ),
    }
    return labels.get(reason, reason)


def packing_label(sku: str) -> str:
    """The words for the packing material a weight's story may name (``@carton``,
    ``@filler``: a second carton, more filler); '' for a product's SKU."""
    labels = {
        CARTON: QCoreApplication.translate("Packing", "carton"),
        FILLER: QCoreApplication.translate("Packing", "filler"),
    }
    return labels.get(sku, "")


def weight_off_label(direction: str, grams: int) -> str:
    """How far a weighing was off, the same words at verify and in the holds list:
    ``too light by 400 g`` / ``too heavy by 180 g``."""
    text = (
        QCoreApplication.translate("Weight", "too light by {grams} g")
        if direction == "light"
        else QCoreApplication.translate("Weight", "too heavy by {grams} g")
    )
    return text.format(grams=abs(int(grams)))


_EXTRA_ERRORS: list[Callable[[], dict[str, str]]] = []


def register_error_texts(fn: Callable[[], dict[str, str]]) -> Callable[[], dict[str, str]]:
    """A station module adds the words for its own error codes (a function, so that the
    texts are translated when shown, in the language then installed)."""
    _EXTRA_ERRORS.append(fn)
    return fn


# parameters of a service error that carry an order status code: shown as the status's label
STATUS_PARAMS = ("status",)


def error_text(code: str, params: dict | None = None) -> str:
    """A service error code worded for the user (a status code among the parameters is put
    in words: "已打印", not "printed"; so is a hold's reason)."""
    p = dict(params or {})
    for key in STATUS_PARAMS:
        if isinstance(p.get(key), str):
            p[key] = status_label(p[key])
    if code == "held":  # a hold's reason is a code: its words, the same at every station
        reason = str(p.get("reason") or "")
        p["reason"] = (
            hold_reason_label(reason)
            if reason
            else QCoreApplication.translate("Error", "reason not given")
        )
    text = error_templates().get(code)
    if text is None:
        return QCoreApplication.translate("Error", "Something went wrong: {code}").format(code=code)
    try:
        return text.format(**p)
    except (KeyError, IndexError):
        return text


def error_templates() -> dict[str, str]:
    """Every error code's text (ours and the stations' registered ones), translated."""
    texts = {
        "unknown_badge": QCoreApplication.translate(
            "Error", "Badge or staff number {badge} is not known."
        ),
        "operator_inactive": QCoreApplication.translate(
            "Error", "Operator {operator} is no longer active."
        ),
        "pin_required": QCoreApplication.translate("Error", "Enter your PIN to sign in."),
        "wrong_pin": QCoreApplication.translate(
            "Error", "Wrong PIN. {left} more wrong in a row lock the badge."
        ),
        "pin_wait": QCoreApplication.translate(
            "Error", "A wrong PIN was typed just now: try again in {wait} s."
        ),
        "badge_locked": QCoreApplication.translate(
            "Error",
            "The badge of {operator} is locked after too many wrong PINs, until {until}. "
            "An admin can unlock it.",
        ),
        "pin_too_short": QCoreApplication.translate(
            "Error",
            "This floor needs PINs of {digits} digits: ask the admin for a new {digits}-digit PIN.",
        ),
        "order_not_found": QCoreApplication.translate("Error", "No order matches {key}."),
        "no_clip": QCoreApplication.translate("Error", "No packing video of {key} was found."),
        "clip_unreachable": QCoreApplication.translate(
            "Error",
            "The packing video {file} cannot be opened here: it is kept on station {host}"
            " (or it has expired).",
        ),
        "bad_export_limit": QCoreApplication.translate(
            "Error",
            "A video copy can be cut to the platform's limit, not at all, or to a number of"
            " seconds, not {limit}.",
        ),
        "reason_required": QCoreApplication.translate("Error", "A reason is required."),
        "not_allowed": QCoreApplication.translate(
            "Error", "Operator {operator} may not do this (needs: {roles})."
        ),
        "database": QCoreApplication.translate("Error", "The database cannot be reached: {detail}"),
        "server_unreachable": QCoreApplication.translate(
            "Error",
            "The database server cannot be reached (network or server down). Nothing was"
            " recorded for this scan: try again when the server is back.",
        ),
        "schema_missing": QCoreApplication.translate(
            "Error", "The database has no tables yet: run “parcelproof db upgrade”."
        ),
        "schema_older": QCoreApplication.translate(
            "Error",
            "The database (schema {have}) is older than this program ({want}): "
            "run “parcelproof db upgrade”.",
        ),
        "schema_older_station": QCoreApplication.translate(
            "Error",
            "The database (schema {have}) is older than this program ({want}). This station"
            " signs in to the database as {login}, which may not change the schema: the"
            " database's owner must run “parcelproof db upgrade” first.",
        ),
        "no_privilege": QCoreApplication.translate(
            "Error",
            "The database refused this to this station's login ({detail}). Nothing was"
            " recorded. Ask whoever looks after the server to run “parcelproof db"
            " grant-station” again.",
        ),
        "schema_newer": QCoreApplication.translate(
            "Error",
            "This program is older than the database (schema {have}, program {want}): "
            "update this station.",
        ),
        # backups and the offline outbox (the CLI words the same codes: app/cli/messages.py)
        "backup_chain_broken": QCoreApplication.translate(
            "Error",
            "The evidence chain in {path} does not verify ({problem}); nothing was changed.",
        ),
        "backup_damaged": QCoreApplication.translate(
            "Error",
            "{path} is damaged (truncated or altered) and cannot be restored: nothing was changed.",
        ),
        "backup_failed": QCoreApplication.translate("Error", "The backup failed: {detail}."),
        "backup_newer": QCoreApplication.translate(
            "Error",
            "{path} was written by a newer program (schema {revision}): update this station first; nothing was changed.",
        ),
        "file_not_found": QCoreApplication.translate("Error", "There is no file {path}."),
        "not_a_backup": QCoreApplication.translate(
            "Error", "{path} is not a Parcelproof backup: nothing was changed."
        ),
        "offline_bad_check_digit": QCoreApplication.translate(
            "Error", "A scan kept while offline ({key}) has a wrong check digit: check the parcel."
        ),
        "offline_extra_unit": QCoreApplication.translate(
            "Error", "A scan kept while offline ({key}) was one unit too many: check the parcel."
        ),
        "offline_need_serial": QCoreApplication.translate(
            "Error", "A scan kept while offline ({key}) needed a serial number: check the parcel."
        ),
        "offline_order_not_opened": QCoreApplication.translate(
            "Error",
            "A scan kept while offline names order {key}, which was never opened: check the parcel.",
        ),
        "offline_serial_duplicate": QCoreApplication.translate(
            "Error",
            "A serial number kept while offline ({key}) was scanned twice: check the parcel.",
        ),
        "offline_serial_in_parcel": QCoreApplication.translate(
            "Error",
            "A serial number kept while offline ({key}) is already in another parcel: check the parcel.",
        ),
        "offline_unknown_code": QCoreApplication.translate(
            "Error", "A scan kept while offline ({key}) is no known product: check the parcel."
        ),
        "offline_wrong_item": QCoreApplication.translate(
            "Error", "A scan kept while offline ({key}) was the wrong item: check the parcel."
        ),
        "restore_failed": QCoreApplication.translate(
            "Error", "The restore failed and was rolled back: {detail}."
        ),
        "stations_connected": QCoreApplication.translate(
            "Error",
            "Stations are still connected to the database ({count}): close them first; nothing was changed.",
        ),
        "tool_missing": QCoreApplication.translate(
            "Error", "{tool} is not installed (the PostgreSQL client tools)."
        ),
    }
    for extra in _EXTRA_ERRORS:
        texts.update(extra())
    return texts


def exception_text(exc: BaseException) -> str:
    """Any exception from a job worded for the user (service codes first)."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.db.engine import is_connection_error, is_privilege_error, privilege_detail

    if is_connection_error(exc):
        return error_text("server_unreachable")
    if is_privilege_error(exc):
        return error_text("no_privilege", {"detail": privilege_detail(exc)})
    code = getattr(exc, "code", None)
    # SQLAlchemy's errors carry a `code` of their own (a link to its docs), not one of ours
    if isinstance(code, str) and not isinstance(exc, SQLAlchemyError):
        return error_text(code, getattr(exc, "params", {}))
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return error_text("database", {"detail": first})


def platform_label(platform: str) -> str:
    return {
        "cainiao": QCoreApplication.translate("Platforms", "Cainiao"),
        "pdd": QCoreApplication.translate("Platforms", "Pinduoduo"),
        "douyin": QCoreApplication.translate("Platforms", "Douyin"),
        "jd": QCoreApplication.translate("Platforms", "JD"),
    }.get(platform, platform)


def component_label(platform: str) -> str:
    """The component's own name, as the print PC shows it (the program to start)."""
    return {
        "cainiao": QCoreApplication.translate("Platforms", "Cainiao print component"),
        "pdd": QCoreApplication.translate("Platforms", "Pinduoduo print component"),
        "douyin": QCoreApplication.translate("Platforms", "Douyin e-waybill print component"),
        "jd": QCoreApplication.translate("Platforms", "JD print component"),
    }.get(platform, platform)


def reason_label(code: str) -> str:
    base, _, note = code.partition(":")
    labels = {
        "jammed": QCoreApplication.translate("PrintStation", "Paper jammed"),
        "smudged": QCoreApplication.translate("PrintStation", "Smudged"),
        "lost": QCoreApplication.translate("PrintStation", "Lost"),
        "address_changed": QCoreApplication.translate("PrintStation", "Address changed"),
        "other": QCoreApplication.translate("PrintStation", "Other"),
    }
    text = labels.get(base.strip(), base)
    return f"{text}: {note.strip()}" if note.strip() else text


def carrier_reason_label(code: str) -> str:
    base, _, note = code.partition(":")
    labels = {
        "buyer_asked": QCoreApplication.translate("PrintStation", "Buyer asked for this carrier"),
        "faster": QCoreApplication.translate("PrintStation", "Faster delivery needed"),
        "bulky": QCoreApplication.translate("PrintStation", "Bulky or heavy parcel"),
        "fragile": QCoreApplication.translate("PrintStation", "Fragile goods"),
        "other": QCoreApplication.translate("PrintStation", "Other"),
    }
    text = labels.get(base.strip(), base)
    return f"{text}: {note.strip()}" if note.strip() else text


def camera_warning_text(code: str) -> str:
    """A packing-video camera's warning (`app.services.video.WARNINGS`, the codes of
    `devices.camera.CameraStatus.error`), for the station to show loudly."""
    text = {
        "disk_full": QCoreApplication.translate(
            "Camera", "Disk full: packing video has stopped. Scanning goes on; free disk space."
        ),
        "camera_unreachable": QCoreApplication.translate(
            "Camera", "The camera cannot be opened: this parcel's video will be incomplete."
        ),
        "camera_lost": QCoreApplication.translate(
            "Camera", "The camera stopped sending pictures: this parcel's video is incomplete."
        ),
        "capture_died": QCoreApplication.translate(
            "Camera",
            "Video recording stopped and is restarting: this parcel's video is incomplete.",
        ),
        "bad_url": QCoreApplication.translate(
            "Camera",
            "The camera address is not valid: use v4l2:/dev/videoN, rtsp://, http:// or test:.",
        ),
        "encoder_failed": QCoreApplication.translate(
            "Camera", "No H.264 video encoder is available: packing video is off."
        ),
    }.get(code)
    if text is None:
        return QCoreApplication.translate("Camera", "Camera problem: {code}").format(code=code)
    return text
