"""the chain head is taken at the commit (on PostgreSQL by one function, parcelproof_seal,
sent with the COMMIT): the rows that point at an event are written before
it (their foreign keys to ``events`` checked at the commit), and the daily report's chain head
is kept as a checkpoint (``chain_checkpoints``) that ``verify-log --since`` starts from

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
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
    ("video_clips", "event_id"),
    ("video_clips", "expired_event_id"),
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


#: PostgreSQL: a transaction's events put on the chain in one statement (app/db/chain.py).
#: ``batch``: a JSON array, one object per event: its columns and its canonical form cut
#: around the seq (``pre`` and ``post``: the canonical bytes are pre || seq || post), so the
#: hash is sha256(prev || pre || seq || post), exactly `link(prev, canonical(...))`. Returns
#: the first seq, the hash before it, the last hash and how long the head was held (ms).
SEAL = """
CREATE OR REPLACE FUNCTION parcelproof_seal(batch json)
RETURNS TABLE (first_seq bigint, prev_hash text, last_hash text, held_ms double precision)
AS $$
DECLARE
    h_seq bigint;
    h_hash text;
    locked_at timestamptz;
    e json;
    digest text;
BEGIN
    SELECT c.seq, c.hash INTO h_seq, h_hash FROM chain_head c WHERE c.id = 1 FOR UPDATE;
    locked_at := clock_timestamp();
    first_seq := h_seq + 1;
    prev_hash := h_hash;
    FOR e IN SELECT * FROM json_array_elements(batch) LOOP
        h_seq := h_seq + 1;
        digest := encode(
            sha256(convert_to(h_hash || (e->>'pre') || h_seq::text || (e->>'post'), 'UTF8')),
            'hex'
        );
        INSERT INTO events
            (id, seq, uid, at, kind, order_id, station, operator, detail, prev_hash, hash)
        VALUES (
            (e->>'id')::bigint, h_seq, e->>'uid', (e->>'at')::timestamptz, e->>'kind',
            (e->>'order_id')::integer, e->>'station', e->>'operator', (e->>'detail')::json,
            h_hash, digest
        );
        h_hash := digest;
    END LOOP;
    UPDATE chain_head SET seq = h_seq, hash = h_hash WHERE id = 1;
    last_hash := h_hash;
    held_ms := extract(epoch FROM clock_timestamp() - locked_at) * 1000;
    RETURN NEXT;
END
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    _fk_timing("DEFERRABLE INITIALLY DEFERRED")
    if op.get_bind().dialect.name != "sqlite":
        op.execute(sa.text(SEAL))
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
    if op.get_bind().dialect.name != "sqlite":
        op.execute(sa.text("DROP FUNCTION IF EXISTS parcelproof_seal(json)"))
    op.drop_table("chain_checkpoints")
    _fk_timing("NOT DEFERRABLE")
