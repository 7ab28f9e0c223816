"""an e-waybill account's custom-area template (自定义区): where our own content (goods,
order number, expected weight) prints on the platform's standard label

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("platform_accounts") as batch:
        batch.add_column(
            sa.Column("custom_area_url", sa.String(256), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("platform_accounts") as batch:
        batch.drop_column("custom_area_url")
