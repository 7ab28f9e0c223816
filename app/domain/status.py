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
