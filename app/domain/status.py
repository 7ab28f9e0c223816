"""The order statuses, a plain enum: the database stores their values (`app.db.models`
re-exports it), and importers read them without loading the database layer."""

from __future__ import annotations

from enum import StrEnum


class OrderStatus(StrEnum):
    UNPAID = "unpaid"
    PAID = "paid"
    PRINTED = "printed"
    PICKED = "picked"
    VERIFIED = "verified"
    PACKED = "packed"
    WEIGHED = "weighed"
    HANDED_OVER = "handed_over"
    SHIPPED = "shipped"
    HELD = "held"
    CANCELLED = "cancelled"


#: statuses a released hold may go back to
_RELEASABLE = frozenset(
    {
        OrderStatus.PAID,
        OrderStatus.PRINTED,
        OrderStatus.PICKED,
        OrderStatus.VERIFIED,
        OrderStatus.PACKED,
    }
)


def release_target(hold_reason: str, status_before: str, has_waybill: bool) -> tuple[str, bool]:
    """Where a held order goes when a supervisor releases it, and whether it is recounted.

    A weight hold (the sealed parcel weighed out of tolerance) goes back to verification with
    its counts reset: open, recount, repack, weigh again — the release must not put it back
    on the scale unchanged. Any other hold goes back to where it stood (to printing when it
    had no waybill yet)."""
    if hold_reason == "weight":
        return (OrderStatus.PRINTED.value if has_waybill else OrderStatus.PAID.value), True
    status = status_before if status_before in _RELEASABLE else OrderStatus.PRINTED.value
    if status == OrderStatus.PRINTED.value and not has_waybill:
        status = OrderStatus.PAID.value
    return status, False
