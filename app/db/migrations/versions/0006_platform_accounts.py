"""shops' e-waybill accounts on the platforms (Cainiao, Pinduoduo, Douyin, JD), secrets
encrypted

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "platform_accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("shop_id", sa.Integer(), sa.ForeignKey("shops.id"), nullable=False),
        sa.Column("carrier_id", sa.Integer(), sa.ForeignKey("carriers.id"), nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("app_key", sa.String(128), nullable=False),
        sa.Column("secret_enc", sa.Text(), nullable=False),
        sa.Column("session_enc", sa.Text(), nullable=False),
        sa.Column("gateway", sa.String(256), nullable=False),
        sa.Column("template_url", sa.String(256), nullable=False),
        sa.Column("branch_code", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("shop_id", "carrier_id", name="uq_platform_account"),
    )
    op.create_table(
        "platform_waybills",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("order_id", sa.Integer(), sa.ForeignKey("orders.id"), nullable=False),
        sa.Column(
            "account_id", sa.Integer(), sa.ForeignKey("platform_accounts.id"), nullable=False
        ),
        sa.Column("waybill_no", sa.String(40), nullable=False),
        sa.Column("object_id", sa.String(64), nullable=False),
        sa.Column("print_data", sa.Text(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_platform_waybills_order_id", "platform_waybills", ["order_id"])
    op.create_index("ix_platform_waybills_waybill_no", "platform_waybills", ["waybill_no"])


def downgrade() -> None:
    op.drop_table("platform_waybills")
    op.drop_table("platform_accounts")
