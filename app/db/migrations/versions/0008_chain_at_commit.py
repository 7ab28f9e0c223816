"""the chain head is taken at the commit: the rows that point at an event are written before
it (their foreign keys to ``events`` checked at the commit), and the daily report's chain head
is kept as a checkpoint (``chain_checkpoints``) that ``verify-log --since`` starts from

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

#: (table, column) of every foreign key to ``events.id``
TO_EVENTS = (
    ("scan_events", "event_id"),
    ("print_jobs", "event_id"),
    ("weighings", "event_id"),
    ("overrides", "event_id"),
    ("overrides", "target_event_id"),
    ("handovers", "event_id"),
    ("dispute_cases", "event_id"),
)


def _fk_timing(timing: str) -> None:
    # SQLite: the app defers foreign keys per transaction (PRAGMA defer_foreign_keys), no
    # table rebuild needed; PostgreSQL: the constraints themselves are made deferrable
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column in TO_EVENTS:
        op.execute(
            sa.text(f"ALTER TABLE {table} ALTER CONSTRAINT fk_{table}_{column}_events {timing}")
        )


def upgrade() -> None:
    _fk_timing("DEFERRABLE INITIALLY DEFERRED")
    op.create_table(
        "chain_checkpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_checkpoints")),
        sa.UniqueConstraint("seq", name=op.f("uq_chain_checkpoints_seq")),
    )
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                sa.text(
                    f"CREATE TRIGGER chain_checkpoints_no_{action.lower()} BEFORE {action} "
                    "ON chain_checkpoints "
                    "BEGIN SELECT RAISE(ABORT, 'evidence is append-only: chain_checkpoints'); END"
                )
            )
    else:
        op.execute(
            sa.text(
                "CREATE TRIGGER chain_checkpoints_append_only BEFORE UPDATE OR DELETE "
                "ON chain_checkpoints FOR EACH ROW EXECUTE FUNCTION parcelproof_append_only()"
            )
        )


def downgrade() -> None:
    op.drop_table("chain_checkpoints")
    _fk_timing("NOT DEFERRABLE")
