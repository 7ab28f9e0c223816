"""orders' waybill index holds only orders with a number: an import of new orders (all
without one) writes no entry to it, and the "waiting to print" queries plan better

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_HELD = sa.text("waybill_no IS NOT NULL")


def upgrade() -> None:
    op.drop_index("ix_orders_waybill_no", table_name="orders")
    op.create_index(
        "ix_orders_waybill_no",
        "orders",
        ["waybill_no"],
        sqlite_where=_HELD,
        postgresql_where=_HELD,
    )


def downgrade() -> None:
    op.drop_index("ix_orders_waybill_no", table_name="orders")
    op.create_index("ix_orders_waybill_no", "orders", ["waybill_no"])
