"""The weigh station's words and colours: its refusals and event names, the verdict box's
colours and signs, and the sentence that names the likely missing (or extra) units."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain import weighing as rules
from app.ui.kit.texts import packing_label, register_error_texts, register_event_labels
from app.ui.kit.widgets import COLOURS as SCAN_COLOURS

# the verdict box: the scanning stations' colours (a hold is their error, a parcel being
# looked up their info), a quieter grey between parcels, blue for a supervisor's override
COLOURS = {
    **SCAN_COLOURS,
    "hold": SCAN_COLOURS["error"],
    "busy": SCAN_COLOURS["info"],
    "info": ("#f2f2f2", "#1a1a1a"),
    "override": ("#1565c0", "#ffffff"),
}
SIGNS = {"ok": "✔", "hold": "✖", "override": "✔", "stop": "⛔", "busy": "…", "warn": "⚠"}
BEEPS = {"ok": 1, "override": 1, "hold": 2, "error": 2, "stop": 3}


@register_error_texts
def _error_texts() -> dict[str, str]:
    return {
        "not_found": QCoreApplication.translate("Weigh", "No order has the waybill number {key}."),
        "intercepted": QCoreApplication.translate(
            "Weigh", "Order {order_no} is cancelled: stop the parcel."
        ),
        "not_verified": QCoreApplication.translate(
            "Weigh", "Order {order_no} is not verified yet ({status}): back to verification."
        ),
        "batch_not_identical": QCoreApplication.translate(
            "Weigh", "{waybill} is not identical (goods or carton differ): weigh it on its own."
        ),
        "batch_not_ready": QCoreApplication.translate(
            "Weigh", "{waybill} is not ready for weighing."
        ),
        "nothing_to_override": QCoreApplication.translate(
            "Weigh", "{waybill} has no weight hold to override."
        ),
        "cannot_override": QCoreApplication.translate(
            "Weigh", "This hold cannot be overridden at the scale."
        ),
        "no_open_bundle": QCoreApplication.translate(
            "Weigh", "There is no open stub bundle at this station."
        ),
        "stub_count_mismatch": QCoreApplication.translate(
            "Weigh",
            "Bundle {bundle}: {stubs} stubs given out, {parcels} parcels weighed, {counted} "
            "counted. Recount before closing.",
        ),
        "no_stub": QCoreApplication.translate(
            "Weigh", "The stub of {waybill} has not been pulled yet."
        ),
        "unknown_sku": QCoreApplication.translate("Weigh", "{sku} is not a known product."),
        "bad_grams": QCoreApplication.translate("Weigh", "{grams} is not a valid weight."),
    }


@register_event_labels
def _event_labels() -> dict[str, str]:
    return {
        "weigh_refused": QCoreApplication.translate("Weigh", "Refused at the scale"),
        "bundle_closed": QCoreApplication.translate("Weigh", "Stub bundle closed"),
        "weight_adopted": QCoreApplication.translate("Weigh", "Unit weight adopted"),
    }


def suspect_text(s: rules.Suspect) -> str:
    name = packing_label(s.sku) or s.name or s.sku
    return QCoreApplication.translate("Weigh", "{qty} × {name} ({grams} g)").format(
        qty=s.qty, name=name, grams=s.unit_grams
    )


def explanation_text(ex: rules.Explanation | None, difference: int) -> str:
    """``轻 412 g ≈ 少 1 × 记忆棉枕头 (410 g)``, or why nothing fits, or that it is ambiguous."""
    light = difference < 0
    diff = abs(difference)
    if ex is None or not ex.found:
        if light:
            return QCoreApplication.translate(
                "Weigh", "Light {diff} g — no unit of this order explains it."
            ).format(diff=diff)
        return QCoreApplication.translate(
            "Weigh", "Heavy {diff} g — nothing known explains it."
        ).format(diff=diff)
    items = " + ".join(suspect_text(s) for s in ex.suspects)
    if light:
        text = QCoreApplication.translate("Weigh", "Light {diff} g ≈ missing {items}").format(
            diff=diff, items=items
        )
    else:
        text = QCoreApplication.translate("Weigh", "Heavy {diff} g ≈ extra {items}").format(
            diff=diff, items=items
        )
    if ex.ambiguous:
        alts = "; ".join(" + ".join(suspect_text(s) for s in alt) for alt in ex.alternatives)
        text += "\n" + QCoreApplication.translate(
            "Weigh", "Ambiguous — as likely: {alternatives}. Check the parcel."
        ).format(alternatives=alts)
    return text


def reason_text(reason: str) -> str:
    return {
        "not_verified": QCoreApplication.translate("Weigh", "Not verified: back to verification"),
        "held": QCoreApplication.translate("Weigh", "On hold: a supervisor decides first"),
        "intercepted": QCoreApplication.translate("Weigh", "Cancelled order: stop the parcel"),
        "light": QCoreApplication.translate("Weigh", "Too light"),
        "heavy": QCoreApplication.translate("Weigh", "Too heavy"),
    }.get(reason, reason)
