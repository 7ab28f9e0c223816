"""The admin's edits: products, carriers and shops' carrier rules, waybill pools, operators and
the floor settings (管理员).

Every function that changes something:

* is refused (``not_allowed``) unless ``operator`` is an active admin — decided here by
  `require_role`, not only by the screen that hides the button;
* is one transaction that also appends one ``admin_changed`` event to the evidence hash chain,
  whose detail is ``{"entity", "key", "action", "before", "after"}`` (only the fields that
  changed; a PIN is never written, only that it was set or reset), so `verify-log` covers the
  audit trail like any other evidence;
* refuses bad input with a `ServiceError` code the UI words (``invalid_value`` with the
  ``field``, ``duplicate_sku``, ``duplicate_barcode``, …) and writes nothing then.

Nothing is ever deleted: an operator or carrier is deactivated (events name them), and a
waybill number, once in the table, stays there whatever its pool — adding a range that
overlaps numbers already known skips those numbers, so a used number is never issued again.

The package, by purpose: ``products``, ``carriers`` (and the shops' carrier rules), ``pools``,
``operators``, ``settings`` (the floor settings), ``audit`` (the log), on ``common`` (the admin
check, the audit event, the input checks). Everything is importable from here as before.
"""

from app.services.admin.audit import AuditRow, audit_log
from app.services.admin.carriers import (
    CarrierEdit,
    CarrierRow,
    ShopEdit,
    ShopRow,
    list_carriers,
    list_shops,
    save_carrier,
    save_shop,
)
from app.services.admin.common import (
    ADMIN_ROLES,
    AUDIT_KIND,
    MAX_BUNDLE_SIZE,
    MAX_GRAMS,
    MAX_RANGE,
    ROLES,
)
from app.services.admin.operators import (
    OperatorRow,
    add_operator,
    list_operators,
    locked_badges,
    reset_pin,
    set_operator_active,
    unlock_badge,
    update_operator,
)
from app.services.admin.pools import PoolAdded, PoolRow, add_pool, expand_range, list_pools
from app.services.admin.products import ProductEdit, ProductRow, list_products, save_product
from app.services.admin.settings import FloorSettings, floor_settings, save_floor_settings

__all__ = [
    "ADMIN_ROLES",
    "AUDIT_KIND",
    "AuditRow",
    "CarrierEdit",
    "CarrierRow",
    "FloorSettings",
    "MAX_BUNDLE_SIZE",
    "MAX_GRAMS",
    "MAX_RANGE",
    "OperatorRow",
    "PoolAdded",
    "PoolRow",
    "ProductEdit",
    "ProductRow",
    "ROLES",
    "ShopEdit",
    "ShopRow",
    "add_operator",
    "add_pool",
    "audit_log",
    "expand_range",
    "floor_settings",
    "list_carriers",
    "list_operators",
    "list_pools",
    "list_products",
    "list_shops",
    "locked_badges",
    "reset_pin",
    "save_carrier",
    "save_floor_settings",
    "save_product",
    "save_shop",
    "set_operator_active",
    "unlock_badge",
    "update_operator",
]
