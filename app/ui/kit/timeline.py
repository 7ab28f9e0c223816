"""An evidence event's detail in words, for the timelines of the dispute desk and the order
browser: "校验 · 扫描 6901234567890 · 错货（已拒绝）", not ``step: verify, code: …, verdict: …``.

`event_detail` gives the text and whether the event was a refusal (a refused scan, a refused
weighing, a failed print), which the tables mark in red with ✖ so that it never looks like a
counted scan. Keys without words of their own are shown as ``key: value`` at the end, so that
nothing recorded is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableWidgetItem

from app.domain.privacy import mask_receiver_fields
from app.domain.verify import REFUSED
from app.ui.kit import fmt
from app.ui.kit.texts import hold_reason_label, status_label

#: scan verdicts that refused the scan (nothing counted), besides the matcher's own
_REFUSED_SCANS = REFUSED | {
    "need_serial",
    "other_order",
    "awaiting_decision",
    "not_found",
    "claimed_elsewhere",
    "unknown_carton",
    "intercepted",
    "refused",
    "rejected",
    "wrong_carrier",
    "not_ready",
}
REFUSED_COLOUR = "#c62828"
# keys that only tie records together (a cart's id, a job's id): not worth a word
_SILENT = {"cart", "job_id", "explanation", "division_grams", "target_seq", "ref"}


@dataclass(frozen=True)
class Detail:
    text: str
    refused: bool = False


def step_label(step: str) -> str:
    words = {
        "print": QCoreApplication.translate("Timeline", "Print"),
        "pick": QCoreApplication.translate("Timeline", "Pick"),
        "verify": QCoreApplication.translate("Timeline", "Verify"),
        "pack": QCoreApplication.translate("Timeline", "Pack"),
        "weigh": QCoreApplication.translate("Timeline", "Weigh"),
        "handover": QCoreApplication.translate("Timeline", "Handover"),
        "hold": QCoreApplication.translate("Timeline", "Hold"),
    }
    return words.get(step, step)


def verdict_label(verdict: str) -> str:
    words = {
        "ok": QCoreApplication.translate("Timeline", "counted"),
        "line_complete": QCoreApplication.translate("Timeline", "counted, line complete"),
        "order_complete": QCoreApplication.translate("Timeline", "counted, order complete"),
        "wrong_item": QCoreApplication.translate("Timeline", "wrong item"),
        "extra_unit": QCoreApplication.translate("Timeline", "one too many"),
        "bad_check_digit": QCoreApplication.translate("Timeline", "misread barcode"),
        "unknown_code": QCoreApplication.translate("Timeline", "unknown code"),
        "need_serial": QCoreApplication.translate("Timeline", "serial number needed"),
        "serial_duplicate": QCoreApplication.translate("Timeline", "serial number already shipped"),
        "serial_in_parcel": QCoreApplication.translate(
            "Timeline", "serial number already scanned in this parcel"
        ),
        "awaiting_decision": QCoreApplication.translate(
            "Timeline", "refused: a decision was awaited first"
        ),
        "other_order": QCoreApplication.translate("Timeline", "another order's waybill"),
        "opened": QCoreApplication.translate("Timeline", "order opened"),
        "not_found": QCoreApplication.translate("Timeline", "not found"),
        "claimed_elsewhere": QCoreApplication.translate(
            "Timeline", "being handled at another station"
        ),
        "undone": QCoreApplication.translate("Timeline", "undone"),
        "confirmed": QCoreApplication.translate("Timeline", "line confirmed"),
        "shortage": QCoreApplication.translate("Timeline", "shortage recorded"),
        "packed": QCoreApplication.translate("Timeline", "packed"),
        "unknown_carton": QCoreApplication.translate("Timeline", "unknown carton"),
        "intercepted": QCoreApplication.translate("Timeline", "intercepted"),
        "accepted": QCoreApplication.translate("Timeline", "accepted"),
        "hold": QCoreApplication.translate("Timeline", "held"),
        "override": QCoreApplication.translate("Timeline", "released by a supervisor"),
    }
    return words.get(verdict, verdict)


def _reason(kind: str, reason: str) -> str:
    if kind in ("reprinted", "print_failed"):
        from app.ui.kit.texts import reason_label

        return reason_label(reason)
    words = {
        "light": QCoreApplication.translate("Timeline", "too light"),
        "heavy": QCoreApplication.translate("Timeline", "too heavy"),
        "not_verified": QCoreApplication.translate("Timeline", "not verified yet"),
        "held": QCoreApplication.translate("Timeline", "on hold"),
        "batch": QCoreApplication.translate("Timeline", "batch weighing"),
    }
    if reason in words:
        return words[reason]
    return hold_reason_label(reason)


def _grams(v: object) -> str:
    return (
        QCoreApplication.translate("Timeline", "{grams} g").format(grams=fmt.number(v))
        if isinstance(v, int)
        else str(v)
    )


def event_detail(kind: str, detail: dict | None) -> Detail:
    """The words for one event's detail, in the UI language."""
    d = dict(detail or {})
    parts: list[str] = []
    refused = False
    step = d.pop("step", None)
    code = d.pop("code", None)
    verdict = d.pop("verdict", None)
    if step:
        parts.append(step_label(str(step)))
    if code:
        parts.append(QCoreApplication.translate("Timeline", "scan {code}").format(code=code))
    if verdict:
        words = verdict_label(str(verdict))
        if kind == "weighed" and verdict == "ok":
            words = QCoreApplication.translate("Timeline", "within tolerance")
        if kind in ("scan", "weigh_refused") and verdict in _REFUSED_SCANS:
            refused = True
            words = QCoreApplication.translate("Timeline", "{verdict} (refused)").format(
                verdict=words
            )
        elif kind == "weighed" and verdict == "hold":
            refused = True
        parts.append(words)
    if kind in ("weigh_refused", "print_failed", "intercept_too_late"):
        refused = True
    if (sku := d.pop("sku", None)) is not None:
        parts.append(str(sku))
    if (serial := d.pop("serial", None)) is not None:
        parts.append(
            QCoreApplication.translate("Timeline", "serial number {serial}").format(serial=serial)
        )
    if (wb := d.pop("waybill_no", None)) and not code:
        parts.append(QCoreApplication.translate("Timeline", "waybill {waybill}").format(waybill=wb))
    if (g := d.pop("grams", None)) is not None:
        parts.append(_grams(g))
    if (e := d.pop("expected_grams", None)) is not None:
        tol = d.pop("tolerance_grams", None)
        text = QCoreApplication.translate("Timeline", "expected {grams}").format(grams=_grams(e))
        if tol is not None:
            text += f" ± {_grams(tol)}"
        parts.append(text)
    if (diff := d.pop("difference_grams", None)) is not None and isinstance(diff, int):
        sign = "+" if diff > 0 else ""
        parts.append(
            QCoreApplication.translate("Timeline", "difference {diff}").format(
                diff=sign + _grams(diff)
            )
        )
    if (r := d.pop("reason", None)) is not None and r != "":
        parts.append(_reason(kind, str(r)))
    if (v := d.pop("status", None)) not in (None, ""):
        parts.append(
            QCoreApplication.translate("Timeline", "status: {status}").format(
                status=status_label(str(v))
            )
        )
    if (v := d.pop("status_before", None)) not in (None, ""):
        parts.append(
            QCoreApplication.translate("Timeline", "before: {status}").format(
                status=status_label(str(v))
            )
        )
    if (v := d.pop("hold_reason", None)) not in (None, ""):
        parts.append(hold_reason_label(str(v)))
    if d.pop("forced", False):
        parts.append(QCoreApplication.translate("Timeline", "after handover, confirmed"))
    if (doc := d.pop("document", None)) is not None:
        docs = {
            "waybill": QCoreApplication.translate("Timeline", "waybill"),
            "slip": QCoreApplication.translate("Timeline", "outbound slip"),
            "picklist": QCoreApplication.translate("Timeline", "pick list"),
        }
        parts.append(docs.get(str(doc), str(doc)))
    if (b := d.pop("batch", None)) is not None and b != "":
        parts.append(QCoreApplication.translate("Timeline", "batch {batch}").format(batch=b))
    if (p := d.pop("printer", None)) is not None and p != "":
        parts.append(QCoreApplication.translate("Timeline", "printer {printer}").format(printer=p))
    if (c := d.pop("carrier", None)) is not None and c != "":
        parts.append(QCoreApplication.translate("Timeline", "carrier {carrier}").format(carrier=c))
    if (c := d.pop("courier", None)) is not None:
        parts.append(QCoreApplication.translate("Timeline", "courier {courier}").format(courier=c))
    if (m := d.pop("manifest_no", None)) is not None:
        parts.append(QCoreApplication.translate("Timeline", "handover list {no}").format(no=m))
    if (n := d.pop("parcels", None)) is not None:
        parts.append(QCoreApplication.translate("Timeline", "parcels: {n}").format(n=n))
    if (n := d.pop("units", None)) is not None:
        parts.append(QCoreApplication.translate("Timeline", "units: {n}").format(n=n))
    if (n := d.pop("orders", None)) is not None and isinstance(n, int):
        parts.append(QCoreApplication.translate("Timeline", "orders: {n}").format(n=n))
    if (g := d.pop("total_grams", None)) is not None:
        parts.append(
            QCoreApplication.translate("Timeline", "{grams} in all").format(grams=_grams(g))
        )
    for key in ("note", "message"):
        if (v := d.pop(key, None)) not in (None, ""):
            parts.append(str(v))
    for key in _SILENT:
        d.pop(key, None)
    if isinstance(d.get("changes"), dict):  # an import changed the order: the receiver masked
        d["changes"] = mask_receiver_fields(d["changes"])
    parts += [f"{k}: {v}" for k, v in d.items() if v not in (None, "", [], {})]
    return Detail(" · ".join(parts), refused)


def detail_item(kind: str, detail: dict | None) -> QTableWidgetItem:
    """A table cell for the detail: a refusal in red with ✖ in front."""
    d = event_detail(kind, detail)
    item = QTableWidgetItem(f"✖ {d.text}" if d.refused else d.text)
    item.setToolTip(d.text)
    if d.refused:
        item.setForeground(QBrush(QColor(REFUSED_COLOUR)))
    return item
