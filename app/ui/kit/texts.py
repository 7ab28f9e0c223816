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
        "address_changed": QCoreApplication.translate("Event", "Address changed"),
        "printed": QCoreApplication.translate("Event", "Waybill printed"),
        "reprinted": QCoreApplication.translate("Event", "Waybill reprinted"),
        "scan": QCoreApplication.translate("Event", "Scan"),
        "weighed": QCoreApplication.translate("Event", "Weighed"),
        "override": QCoreApplication.translate("Event", "Override"),
        "handed_over": QCoreApplication.translate("Event", "Handed over"),
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
        "wrong_pin": QCoreApplication.translate("Error", "Wrong PIN."),
        "order_not_found": QCoreApplication.translate("Error", "No order matches {key}."),
        "no_clip": QCoreApplication.translate("Error", "No packing video of {key} was found."),
        "clip_unreachable": QCoreApplication.translate(
            "Error",
            "The packing video {file} cannot be opened here: it is kept on station {host}"
            " (or it has expired).",
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
        "schema_newer": QCoreApplication.translate(
            "Error",
            "This program is older than the database (schema {have}, program {want}): "
            "update this station.",
        ),
    }
    for extra in _EXTRA_ERRORS:
        texts.update(extra())
    return texts


def exception_text(exc: BaseException) -> str:
    """Any exception from a job worded for the user (service codes first)."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.db.engine import is_connection_error

    if is_connection_error(exc):
        return error_text("server_unreachable")
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
