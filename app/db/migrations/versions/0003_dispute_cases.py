"""dispute register (报表登记)

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from app.db.models import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dispute_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("waybill_no", sa.String(length=40), nullable=False),
        sa.Column("carrier_id", sa.Integer(), nullable=True),
        sa.Column("claim", sa.String(length=16), nullable=False),
        sa.Column("dest_grams", sa.Integer(), nullable=True),
        sa.Column("recorded_grams", sa.Integer(), nullable=True),
        sa.Column("expected_grams", sa.Integer(), nullable=False),
        sa.Column("difference_grams", sa.Integer(), nullable=True),
        sa.Column("finding", sa.String(length=16), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("operator", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=128), nullable=False),
        sa.Column("responsible", sa.String(length=128), nullable=False),
        sa.Column("settled_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["carrier_id"], ["carriers.id"], name=op.f("fk_dispute_cases_carrier_id_carriers")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_dispute_cases_event_id_events")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_dispute_cases_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispute_cases")),
        sa.UniqueConstraint("event_id", name=op.f("uq_dispute_cases_event_id")),
    )
    with op.batch_alter_table("dispute_cases") as batch_op:
        batch_op.create_index(batch_op.f("ix_dispute_cases_created_at"), ["created_at"])
        batch_op.create_index(batch_op.f("ix_dispute_cases_order_id"), ["order_id"])
        batch_op.create_index(batch_op.f("ix_dispute_cases_waybill_no"), ["waybill_no"])


def downgrade() -> None:
    op.drop_table("dispute_cases")
