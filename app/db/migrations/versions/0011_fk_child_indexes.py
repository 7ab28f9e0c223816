"""an index on every foreign-key column whose parent a station writes while its events wait to
be sealed: SQLite, with a deferred foreign-key violation outstanding (a row pointing at an event
the seal inserts at the commit), looks up the children of every parent row inserted, and without
an index that is a scan of the whole child table (a weighing scanned every weighing for its
``batch_of``: 38 ms at 900,000 weighings)

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_weighings_batch_of", "weighings", "batch_of"),
    ("ix_print_jobs_reprint_of", "print_jobs", "reprint_of"),
    ("ix_scan_events_order_line_id", "scan_events", "order_line_id"),
    ("ix_overrides_target_event_id", "overrides", "target_event_id"),
    ("ix_video_clips_expired_event_id", "video_clips", "expired_event_id"),
)


def upgrade() -> None:
    for name, table, column in INDEXES:
        op.create_index(name, table, [column])


def downgrade() -> None:
    for name, table, _column in INDEXES:
        op.drop_index(name, table_name=table)
