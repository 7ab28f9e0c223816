"""Handover to the courier (交接) and the platforms' bulk-ship files (平台发货).

A handover is a cart for one carrier's pickup. Each parcel scanned onto it is checked (weighed
``ok`` or overridden, for this carrier, not cancelled, not on another cart) and recorded as a
scan event; the cart is held in the database (``Order.claimed_by = "handover:<cart>"``) so two
carts never take the same parcel. Closing the cart writes the `Handover` and its items in one
transaction (``handover_items.order_id`` is unique: a parcel is handed over once, ever) and
moves the orders to ``handed_over``.

The platform export may come first: stubs go back to the print operator through the day and
the waybill numbers are confirmed to the platform before the courier comes (docs/dev/floor.md).
Such an order is ``shipped`` but still on the floor; it is accepted on a cart (and stays
``shipped``) as long as it has no handover item.

The package: ``carts`` (open, scan, remove, close; the carrier's day) and ``shipments`` (the
platforms' bulk-ship files). Everything is importable from here as before.
"""

from app.services.handover.carts import (
    CART_PREFIX,
    HANDOVER_ROLES,
    PASSED,
    SHIPPED_WINDOW,
    STALE_CART,
    CarrierDay,
    Cart,
    ClosedHandover,
    HandedParcel,
    HandoverScan,
    carrier_day,
    carriers,
    close_cart,
    destination,
    left_behind,
    open_cart,
    remove_parcel,
    scan_parcel,
    waiting_per_carrier,
)
from app.services.handover.shipments import (
    PLATFORM_CARRIER_NAMES,
    PLATFORM_FILES,
    ExportResult,
    export_shipments,
    not_confirmed_count,
)

__all__ = [
    "CART_PREFIX",
    "CarrierDay",
    "Cart",
    "ClosedHandover",
    "ExportResult",
    "HANDOVER_ROLES",
    "HandedParcel",
    "HandoverScan",
    "PASSED",
    "PLATFORM_CARRIER_NAMES",
    "PLATFORM_FILES",
    "SHIPPED_WINDOW",
    "STALE_CART",
    "carrier_day",
    "carriers",
    "close_cart",
    "destination",
    "export_shipments",
    "left_behind",
    "not_confirmed_count",
    "open_cart",
    "remove_parcel",
    "scan_parcel",
    "waiting_per_carrier",
]
