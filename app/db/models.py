"""Typed SQLAlchemy 2 models: the master data, orders and the append-only evidence.

Amounts are integers (grams, fen). Times are timezone-aware UTC (`UTCDateTime`).
Evidence (events, scans, prints, weighings, overrides, handovers) is never updated or deleted:
a correction is a new row that references the old one. Every evidence row hangs off one
`Event`, and events form a hash chain (see `app.db.chain`).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.domain.status import OrderStatus

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A datetime stored as UTC and always read back timezone-aware.

    SQLite keeps no zone; PostgreSQL gets ``timestamp with time zone``. Naive values given to
    the database are refused, so local time can never sneak in as if it were UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect):  # type: ignore[override]
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: dt.datetime | None, dialect):  # type: ignore[override]
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Role(StrEnum):
    PRINT_OPERATOR = "print_operator"
    PICKER = "picker"
    VERIFIER = "verifier"
    PACKER = "packer"
    WEIGHER = "weigher"
    AFTER_SALES = "after_sales"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# --- master data ---------------------------------------------------------------------------


class Carrier(Base):
    __tablename__ = "carriers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    # Regular expression a waybill number of this carrier matches (full match).
    waybill_pattern: Mapped[str] = mapped_column(String(200), default="")
    # Areas not served (超区): list of "province" or "province/city" strings.
    excluded_areas: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Shop(Base):
    __tablename__ = "shops"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    platform: Mapped[str] = mapped_column(String(16), default="generic")
    sender_name: Mapped[str] = mapped_column(String(64), default="")
    sender_phone: Mapped[str] = mapped_column(String(32), default="")
    sender_address: Mapped[str] = mapped_column(String(256), default="")
    primary_carrier_id: Mapped[int | None] = mapped_column(ForeignKey("carriers.id"))
    secondary_carrier_id: Mapped[int | None] = mapped_column(ForeignKey("carriers.id"))
    tolerance_abs_grams: Mapped[int] = mapped_column(Integer, default=50)
    # Tolerance percentage in tenths of a percent (30 = 3.0 %).
    tolerance_permille: Mapped[int] = mapped_column(Integer, default=30)


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)  # 商家编码
    name: Mapped[str] = mapped_column(String(200))
    unit_grams: Mapped[int] = mapped_column(Integer, default=0)
    # Weight learned from the floor and adopted by a supervisor; used when set.
    adopted_grams: Mapped[int | None] = mapped_column(Integer)
    bin_location: Mapped[str] = mapped_column(String(32), default="")
    serial_tracked: Mapped[bool] = mapped_column(Boolean, default=False)
    fragile: Mapped[bool] = mapped_column(Boolean, default=False)
    length_mm: Mapped[int | None] = mapped_column(Integer)
    width_mm: Mapped[int | None] = mapped_column(Integer)
    height_mm: Mapped[int | None] = mapped_column(Integer)

    barcodes: Mapped[list[ProductBarcode]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductBarcode.id"
    )


class ProductBarcode(Base):
    __tablename__ = "product_barcodes"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(64), unique=True)

    product: Mapped[Product] = relationship(back_populates="barcodes")


class Operator(Base):
    __tablename__ = "operators"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # 工号
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    badge: Mapped[str] = mapped_column(String(64), unique=True)
    pin_hash: Mapped[str | None] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PinGuard(Base):
    """Wrong PINs in a row for one operator, shared by every station of the floor: when the
    next try may come (`retry_at`) and until when the badge is locked (`locked_until`).

    Working state, not evidence: each failed PIN, lock and unlock is also an event on the
    chain (``pin_failed``, ``badge_locked``, ``badge_unlocked``). A right PIN resets it.
    """

    __tablename__ = "pin_guards"

    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    retry_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Station(Base):
    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(32), default="")
    host: Mapped[str] = mapped_column(String(128), default="")


class WaybillPool(Base):
    """One range of numbers a carrier issued, as imported by a supervisor."""

    __tablename__ = "waybill_pools"

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id"))
    first_no: Mapped[str] = mapped_column(String(40))
    last_no: Mapped[str] = mapped_column(String(40))
    count: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    source: Mapped[str] = mapped_column(String(256), default="")


class WaybillNumber(Base):
    """A single number. ``number`` is unique forever: a number is used once, ever."""

    __tablename__ = "waybill_numbers"
    __table_args__ = (Index("ix_waybill_numbers_free", "carrier_id", "status", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id"))
    pool_id: Mapped[int | None] = mapped_column(ForeignKey("waybill_pools.id"))
    number: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="free")  # free / used / void
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    allocated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Carton(Base):
    """A carton or bag type with its own barcode; set up by the supervisor."""

    __tablename__ = "cartons"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)  # the barcode on the shelf
    name: Mapped[str] = mapped_column(String(64))
    tare_grams: Mapped[int] = mapped_column(Integer)
    filler_grams: Mapped[int] = mapped_column(Integer, default=0)
    length_mm: Mapped[int | None] = mapped_column(Integer)
    width_mm: Mapped[int | None] = mapped_column(Integer)
    height_mm: Mapped[int | None] = mapped_column(Integer)
    max_grams: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class StubBundle(Base):
    """A bundle of waybill stubs (底单) at a weighing station; positions are allocated in the
    database so two stations never give the same place."""

    __tablename__ = "stub_bundles"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    station: Mapped[str] = mapped_column(String(64), default="")
    size: Mapped[int] = mapped_column(Integer, default=50)
    filled: Mapped[int] = mapped_column(Integer, default=0)
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class PlatformAccount(Base):
    """A shop's e-waybill account for one carrier on the platform that issues its numbers
    (Cainiao, Pinduoduo, Douyin, JD). The secret and the session token are stored encrypted
    (`app.services.vault`); nothing here is shown or logged in clear."""

    __tablename__ = "platform_accounts"
    __table_args__ = (UniqueConstraint("shop_id", "carrier_id", name="uq_platform_account"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id"))
    platform: Mapped[str] = mapped_column(String(16))  # cainiao / pdd / douyin / jd
    app_key: Mapped[str] = mapped_column(String(128))
    secret_enc: Mapped[str] = mapped_column(Text)
    session_enc: Mapped[str] = mapped_column(Text)
    gateway: Mapped[str] = mapped_column(String(256), default="")
    template_url: Mapped[str] = mapped_column(String(256), default="")
    #: the custom area's template (自定义区): our goods summary, order number and expected
    #: weight print there, beside the platform's own data
    custom_area_url: Mapped[str] = mapped_column(String(256), default="", server_default="")
    branch_code: Mapped[str] = mapped_column(String(64), default="")
    user_id: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class PlatformWaybill(Base):
    """A number a platform issued for an order, with the print data to hand its print
    component untouched (the receiver of a protected order is in it, encrypted by the
    platform: we never decrypt it). ``object_id`` is what the platform was asked with."""

    __tablename__ = "platform_waybills"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("platform_accounts.id"))
    waybill_no: Mapped[str] = mapped_column(String(40), index=True)
    object_id: Mapped[str] = mapped_column(String(64))
    print_data: Mapped[str] = mapped_column(Text)
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class FloorSetting(Base):
    """Floor-wide settings shared by all stations (packing step on, bundle size, cut-off…)."""

    __tablename__ = "floor_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict] = mapped_column(JSON, default=dict)


# --- orders --------------------------------------------------------------------------------


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("platform", "order_no", name="uq_orders_platform_order_no"),
        Index("ix_orders_status_paid", "status", "paid_at"),
        Index("ix_orders_phone_tail", "phone_tail"),
        Index("ix_orders_receiver_name", "receiver_name"),
        Index("ix_orders_paid_at", "paid_at"),
        # only orders holding a number: one waiting to print adds no entry (an import adds
        # thousands), and "waiting" queries (IS NULL) never wanted this index anyway
        Index(
            "ix_orders_waybill_no",
            "waybill_no",
            sqlite_where=text("waybill_no IS NOT NULL"),
            postgresql_where=text("waybill_no IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    order_no: Mapped[str] = mapped_column(String(64), index=True)
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shops.id"))
    buyer: Mapped[str] = mapped_column(String(128), default="")
    receiver_name: Mapped[str] = mapped_column(String(64), default="")
    receiver_phone: Mapped[str] = mapped_column(String(32), default="")
    phone_tail: Mapped[str] = mapped_column(String(4), default="")
    province: Mapped[str] = mapped_column(String(32), default="")
    city: Mapped[str] = mapped_column(String(32), default="")
    district: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(256), default="")
    paid_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    promised_ship_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    buyer_message: Mapped[str] = mapped_column(Text, default="")
    seller_remark: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=OrderStatus.PAID.value)
    hold_reason: Mapped[str] = mapped_column(String(64), default="")
    total_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    carrier_id: Mapped[int | None] = mapped_column(ForeignKey("carriers.id"))
    waybill_no: Mapped[str | None] = mapped_column(String(40))
    # the carton (or bag) packed, chosen at packing; its tare enters the expected weight
    carton_id: Mapped[int | None] = mapped_column(ForeignKey("cartons.id"))
    # "this order is being verified at station 3": decided in the database, shared by stations
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    shop: Mapped[Shop | None] = relationship()
    carrier: Mapped[Carrier | None] = relationship()
    carton: Mapped[Carton | None] = relationship()
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.line_no"
    )


class OrderLine(Base):
    __tablename__ = "order_lines"
    __table_args__ = (UniqueConstraint("order_id", "line_no", name="uq_order_lines_order_line"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64), default="")
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), index=True)
    title: Mapped[str] = mapped_column(String(256), default="")
    attributes: Mapped[str] = mapped_column(String(256), default="")
    qty: Mapped[int] = mapped_column(Integer, default=1)
    price_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    # Derived progress of verification; the evidence is in scan_events.
    verified_qty: Mapped[int] = mapped_column(Integer, default=0)

    order: Mapped[Order] = relationship(back_populates="lines")
    product: Mapped[Product | None] = relationship()


# --- evidence (append-only, hash-chained) --------------------------------------------------


class ChainHead(Base):
    """The single row that serialises evidence writes and holds the chain's last hash."""

    __tablename__ = "chain_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    hash: Mapped[str] = mapped_column(String(64), default="")


class ChainCheckpoint(Base):
    """A chain head printed on paper (the daily report's): ``verify-log --since`` starts there.

    A pointer to an event, not an event: recording it changes no hash. Append-only like the
    evidence; ``verify-log --since`` checks that the event at ``seq`` still has ``hash``.
    """

    __tablename__ = "chain_checkpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    hash: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(32))  # what printed it: "daily 2026-12-04"
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Event(Base):
    """One entry of an order's timeline and of the evidence chain."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_order_at", "order_id", "at"),
        Index("ix_events_kind_at", "kind", "at"),  # the day's counts (dashboard)
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)  # made where the event happened
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(32))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    station: Mapped[str] = mapped_column(String(64), default="")
    operator: Mapped[str] = mapped_column(String(32), default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class ScanEvent(Base):
    __tablename__ = "scan_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", deferrable=True, initially="DEFERRED"), unique=True
    )
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    step: Mapped[str] = mapped_column(String(16))  # pick / verify / pack / weigh / handover
    code: Mapped[str] = mapped_column(String(128))
    verdict: Mapped[str] = mapped_column(String(32))
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_lines.id"), index=True)
    serial_no: Mapped[str | None] = mapped_column(String(64), index=True)


class PrintJob(Base):
    __tablename__ = "print_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", deferrable=True, initially="DEFERRED"), unique=True
    )
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    document: Mapped[str] = mapped_column(String(16))  # waybill / slip / picklist / manifest
    waybill_no: Mapped[str | None] = mapped_column(String(40), index=True)
    batch_code: Mapped[str] = mapped_column(String(32), default="")
    printer: Mapped[str] = mapped_column(String(128), default="")
    reprint_of: Mapped[int | None] = mapped_column(ForeignKey("print_jobs.id"), index=True)
    reason: Mapped[str] = mapped_column(String(128), default="")
    result: Mapped[str] = mapped_column(String(16), default="sent")
    message: Mapped[str] = mapped_column(String(256), default="")


class Weighing(Base):
    __tablename__ = "weighings"
    __table_args__ = (Index("ix_weighings_stub", "stub_bundle", "stub_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", deferrable=True, initially="DEFERRED"), unique=True
    )
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    waybill_no: Mapped[str] = mapped_column(String(40), index=True)
    grams: Mapped[int] = mapped_column(Integer)
    expected_grams: Mapped[int] = mapped_column(Integer)
    tolerance_grams: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(16))  # ok / hold / override
    reason: Mapped[str] = mapped_column(String(256), default="")
    batch_of: Mapped[int | None] = mapped_column(ForeignKey("weighings.id"), index=True)
    stub_bundle: Mapped[int | None] = mapped_column(Integer)
    stub_position: Mapped[int | None] = mapped_column(Integer)


class Override(Base):
    __tablename__ = "overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", deferrable=True, initially="DEFERRED"), unique=True
    )
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    target_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", deferrable=True, initially="DEFERRED"), index=True
    )
    supervisor: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(256))


class Handover(Base):
    __tablename__ = "handovers"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", deferrable=True, initially="DEFERRED"), unique=True
    )
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id"))
    manifest_no: Mapped[str] = mapped_column(String(32), unique=True)
    courier_name: Mapped[str] = mapped_column(String(64), default="")
    parcel_count: Mapped[int] = mapped_column(Integer, default=0)
    total_grams: Mapped[int] = mapped_column(BigInteger, default=0)


class HandoverItem(Base):
    __tablename__ = "handover_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    handover_id: Mapped[int] = mapped_column(ForeignKey("handovers.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    waybill_no: Mapped[str] = mapped_column(String(40))
    grams: Mapped[int] = mapped_column(Integer)


class DisputeCase(Base):
    """One after-sales case (报表登记): the claim, what the record showed, the outcome.

    The findings are copied at registration (the record they came from is evidence and does
    not change); outcome and responsible party are filled in when the case is settled.
    """

    __tablename__ = "dispute_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", deferrable=True, initially="DEFERRED"), unique=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    waybill_no: Mapped[str] = mapped_column(String(40), default="", index=True)
    carrier_id: Mapped[int | None] = mapped_column(ForeignKey("carriers.id"))
    claim: Mapped[str] = mapped_column(String(16))  # missing / broken / wrong / not-received
    dest_grams: Mapped[int | None] = mapped_column(Integer)
    recorded_grams: Mapped[int | None] = mapped_column(Integer)
    expected_grams: Mapped[int] = mapped_column(Integer, default=0)
    difference_grams: Mapped[int | None] = mapped_column(Integer)
    finding: Mapped[str] = mapped_column(String(16))  # consistent / short / over / no_weighing
    findings: Mapped[dict] = mapped_column(JSON, default=dict)  # the full dispute JSON
    operator: Mapped[str] = mapped_column(String(32), default="")
    outcome: Mapped[str] = mapped_column(String(128), default="")
    responsible: Mapped[str] = mapped_column(String(128), default="")
    settled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class VideoClip(Base):
    """The index of the packing-video clips (打包视频): one row per clip file.

    The evidence is the ``clip_recorded`` event (``event_id``) whose detail holds the file's
    SHA-256, start, end and frame count; this row is where the desks find a parcel's clips.
    It is not an evidence table: retention fills ``expired_at`` / ``expired_event_id`` when it
    deletes the file (and appends a ``clip_expired`` event).
    """

    __tablename__ = "video_clips"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", deferrable=True, initially="DEFERRED"), unique=True
    )
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    waybill_no: Mapped[str] = mapped_column(String(40), index=True)
    order_no: Mapped[str] = mapped_column(String(64), default="")
    station: Mapped[str] = mapped_column(String(64), default="")
    operator: Mapped[str] = mapped_column(String(32), default="")
    camera: Mapped[str] = mapped_column(String(256), default="")
    host: Mapped[str] = mapped_column(String(128), default="")  # the machine that holds it
    folder: Mapped[str] = mapped_column(String(512), default="")  # the clip folder there
    file: Mapped[str] = mapped_column(String(256))  # relative to ``folder``
    sha256: Mapped[str] = mapped_column(String(64))
    bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    ended_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    frames: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(
        String(16)
    )  # complete/next_scan/time_limit/stopped/incomplete
    closed_by: Mapped[str] = mapped_column(String(16), default="")
    expired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    expired_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", deferrable=True, initially="DEFERRED"), index=True
    )


EVIDENCE_TABLES = (
    "events",
    "scan_events",
    "print_jobs",
    "weighings",
    "overrides",
    "handovers",
    "handover_items",
    "chain_checkpoints",  # the daily report's chain heads, that verify-log --since starts from
)
