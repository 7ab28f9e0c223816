"""the chain's seal on PostgreSQL reads its batch of events once: ``parcelproof_seal`` takes
the same JSON array and returns the same row, but reads it as typed rows
(``json_to_recordset``) instead of extracting each field with ``->>``, which parses the event's
JSON text again for every field (ten times an event, its canonical form included)

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

#: as 0010's, the batch read once: each event's columns and its canonical form cut around the
#: seq (``pre``, ``post``); hash = sha256(prev || pre || seq || post); returns the first seq,
#: the hash before it, the last hash and how long the head was held (ms)
SEAL = """
CREATE OR REPLACE FUNCTION parcelproof_seal(batch json)
RETURNS TABLE (first_seq bigint, prev_hash text, last_hash text, held_ms double precision)
AS $$
DECLARE
    h_seq bigint;
    h_hash text;
    locked_at timestamptz;
    e record;
    digest text;
BEGIN
    SELECT c.seq, c.hash INTO h_seq, h_hash FROM chain_head c WHERE c.id = 1 FOR UPDATE;
    locked_at := clock_timestamp();
    first_seq := h_seq + 1;
    prev_hash := h_hash;
    FOR e IN
        SELECT * FROM json_to_recordset(batch) AS x(
            id bigint, uid text, at timestamptz, kind text, order_id integer, station text,
            operator text, detail text, pre text, post text
        )
    LOOP
        h_seq := h_seq + 1;
        digest := encode(sha256(convert_to(h_hash || e.pre || h_seq::text || e.post, 'UTF8')), 'hex');
        INSERT INTO events
            (id, seq, uid, at, kind, order_id, station, operator, detail, prev_hash, hash)
        VALUES (
            e.id, h_seq, e.uid, e.at, e.kind, e.order_id, e.station, e.operator, e.detail::json,
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
    if op.get_bind().dialect.name != "sqlite":
        op.execute(sa.text(SEAL))


def downgrade() -> None:
    """Nothing to undo: 0010's function and this one take the same batch and return the same
    row; the one in place stays."""
