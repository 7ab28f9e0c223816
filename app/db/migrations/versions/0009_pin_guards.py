"""wrong PINs in a row per operator (`pin_guards`): the wait before the next try and the lock
after five, shared by every station of the floor

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pin_guards",
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("retry_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["operators.id"], name="fk_pin_guards_operator_id_operators"
        ),
        sa.PrimaryKeyConstraint("operator_id", name="pk_pin_guards"),
    )


def downgrade() -> None:
    op.drop_table("pin_guards")
