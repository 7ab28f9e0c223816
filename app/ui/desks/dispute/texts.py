"""The dispute desk's words: its service refusals, the events it records, the claims, the
findings and how sure they are, the suspected items and the steps of a parcel's handling.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.ui.kit.texts import packing_label, register_error_texts, register_event_labels


@register_error_texts
def _error_texts() -> dict[str, str]:
    return {
        "ambiguous_key": QCoreApplication.translate(
            "Dispute", "{key} matches {count} parcels: choose one."
        ),
        "unknown_claim": QCoreApplication.translate("Dispute", "{claim} is not a known claim."),
        "bad_weight": QCoreApplication.translate("Dispute", "{grams} is not a weight."),
        "case_not_found": QCoreApplication.translate("Dispute", "Case {case} does not exist."),
        "bad_month": QCoreApplication.translate("Dispute", "{month} is not a month (YYYY-MM)."),
        "cannot_write": QCoreApplication.translate("Dispute", "Cannot write {path}: {detail}"),
    }


@register_event_labels
def _event_labels() -> dict[str, str]:
    return {
        "dispute_registered": QCoreApplication.translate("Dispute", "Dispute registered"),
        "dispute_settled": QCoreApplication.translate("Dispute", "Dispute settled"),
    }


def claim_label(claim: str) -> str:
    labels = {
        "missing": QCoreApplication.translate("Dispute", "Items missing (少件)"),
        "broken": QCoreApplication.translate("Dispute", "Broken (破损)"),
        "wrong": QCoreApplication.translate("Dispute", "Wrong goods (错发)"),
        "not-received": QCoreApplication.translate("Dispute", "Not received (未收到)"),
    }
    return labels.get(claim, claim)


def finding_words(f: dict) -> str:
    """The finding as a sentence for the clerk."""
    diff = f.get("difference_grams")
    n = abs(diff) if diff is not None else 0
    finding = f.get("finding")
    if finding == "no_weighing":
        return QCoreApplication.translate("Dispute", "No weighing on record for this parcel.")
    if f.get("dest_grams") is not None:
        texts = {
            "consistent": QCoreApplication.translate(
                "Dispute", "The destination's weight agrees with dispatch ({n} g apart)."
            ),
            "short": QCoreApplication.translate(
                "Dispute", "Lighter at the destination by {n} g: something left the parcel."
            ),
            "over": QCoreApplication.translate("Dispute", "Heavier at the destination by {n} g."),
        }
    else:
        texts = {
            "consistent": QCoreApplication.translate(
                "Dispute", "Weighed as expected at dispatch ({n} g apart): it left complete."
            ),
            "short": QCoreApplication.translate(
                "Dispute", "Lighter than expected at dispatch by {n} g: it left short?"
            ),
            "over": QCoreApplication.translate(
                "Dispute", "Heavier than expected at dispatch by {n} g: extra goods?"
            ),
        }
    return texts.get(finding or "", finding or "").format(n=n)


def confidence_words(confidence: str) -> str:
    texts = {
        "sure": QCoreApplication.translate("Dispute", "Sure: only this fits the difference."),
        "ambiguous": QCoreApplication.translate(
            "Dispute", "Not sure: other items fit the difference as well."
        ),
        "none": QCoreApplication.translate("Dispute", "No item fits the difference."),
    }
    return texts.get(confidence, confidence)


def suspect_words(suspect: dict, names: dict[str, str]) -> str:
    """``BED-PIL-MEM 记忆棉枕头 × 1 (410 g)``; packing material by its name."""
    sku = suspect["sku"]
    what = packing_label(sku) or f"{sku} {suspect.get('name') or names.get(sku, '')}".rstrip()
    return f"{what} × {suspect['qty']} ({suspect['grams']} g)"


def step_label(step: str) -> str:
    texts = {
        "print": QCoreApplication.translate("Dispute", "Printed"),
        "reprint": QCoreApplication.translate("Dispute", "Reprinted"),
        "pick": QCoreApplication.translate("Dispute", "Picked"),
        "verify": QCoreApplication.translate("Dispute", "Verified"),
        "pack": QCoreApplication.translate("Dispute", "Packed"),
        "weigh": QCoreApplication.translate("Dispute", "Weighed"),
        "handover": QCoreApplication.translate("Dispute", "Handed over"),
    }
    return texts.get(step, step)
