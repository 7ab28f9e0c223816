"""The print station's words: its service refusals, the events it records (for every
station's timeline), and the reasons for a reprint and for a carrier changed by hand.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.ui.kit.texts import register_error_texts, register_event_labels


@register_error_texts
def _error_texts() -> dict[str, str]:
    return {
        "waybill_not_found": QCoreApplication.translate(
            "Error", "Waybill {waybill} is not known (or no longer in use)."
        ),
        "order_cancelled": QCoreApplication.translate(
            "Error", "Waybill {waybill} belongs to a cancelled order: do not ship it."
        ),
        "bad_format": QCoreApplication.translate("Error", "Unknown label format {format}."),
        "bad_limit": QCoreApplication.translate("Error", "The batch needs at least one order."),
        "shop_not_found": QCoreApplication.translate("Error", "No shop is called {shop}."),
        "pool_empty": QCoreApplication.translate(
            "Error", "The carrier has no free waybill numbers left."
        ),
        "no_carrier_serves": QCoreApplication.translate("Error", "No carrier serves this address."),
        "not_waiting": QCoreApplication.translate("Error", "The order is not waiting to print."),
        "carrier_unknown": QCoreApplication.translate(
            "Error", "No carrier has the code {carrier}."
        ),
        "reprint_left_warehouse": QCoreApplication.translate(
            "Error",
            "Order {order_no} ({status}): waybill {waybill} is already with the courier.",
        ),
        "carrier_change_too_late": QCoreApplication.translate(
            "Error",
            "Order {order} is already printed: void its waybill before changing the carrier.",
        ),
        "carrier_not_serving": QCoreApplication.translate(
            "Error", "{carrier} does not deliver to {area} (order {order})."
        ),
    }


@register_event_labels
def _event_labels() -> dict[str, str]:
    return {
        "print_failed": QCoreApplication.translate("Event", "Print failed"),
        "batch_allocated": QCoreApplication.translate("Event", "Print batch formed"),
        "waybill_allocated": QCoreApplication.translate("Event", "Waybill number given"),
        "waybill_voided": QCoreApplication.translate("Event", "Waybill voided"),
        "waybill_updated": QCoreApplication.translate(
            "Event", "Waybill updated on the platform (new address)"
        ),
        "routing_imported": QCoreApplication.translate("Event", "Routing table imported"),
        "carrier_changed": QCoreApplication.translate("Event", "Carrier changed by hand"),
    }
