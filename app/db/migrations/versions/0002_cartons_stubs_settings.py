"""cartons, stub bundles, floor settings; orders get a carton and a station claim

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from app.db.models import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cartons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("tare_grams", sa.Integer(), nullable=False),
        sa.Column("filler_grams", sa.Integer(), nullable=False),
        sa.Column("length_mm", sa.Integer(), nullable=True),
        sa.Column("width_mm", sa.Integer(), nullable=True),
        sa.Column("height_mm", sa.Integer(), nullable=True),
        sa.Column("max_grams", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cartons")),
        sa.UniqueConstraint("code", name=op.f("uq_cartons_code")),
    )
    op.create_table(
        "stub_bundles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("station", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("filled", sa.Integer(), nullable=False),
        sa.Column("opened_at", UTCDateTime(), nullable=False),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stub_bundles")),
        sa.UniqueConstraint("number", name=op.f("uq_stub_bundles_number")),
    )
    op.create_table(
        "floor_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_floor_settings")),
    )
    with op.batch_alter_table("orders") as batch_op:
        batch_op.add_column(sa.Column("carton_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("claimed_at", UTCDateTime(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_orders_carton_id_cartons"), "cartons", ["carton_id"], ["id"]
        )
    with op.batch_alter_table("weighings") as batch_op:
        batch_op.create_index("ix_weighings_stub", ["stub_bundle", "stub_position"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("weighings") as batch_op:
        batch_op.drop_index("ix_weighings_stub")
    with op.batch_alter_table("orders") as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_orders_carton_id_cartons"), type_="foreignkey")
        batch_op.drop_column("claimed_at")
        batch_op.drop_column("claimed_by")
        batch_op.drop_column("carton_id")
    op.drop_table("floor_settings")
    op.drop_table("stub_bundles")
    op.drop_table("cartons")
