"""packing video: the clips' index (video_clips)

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

from app.db.models import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "video_clips",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("waybill_no", sa.String(length=40), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("station", sa.String(length=64), nullable=False),
        sa.Column("operator", sa.String(length=32), nullable=False),
        sa.Column("camera", sa.String(length=256), nullable=False),
        sa.Column("host", sa.String(length=128), nullable=False),
        sa.Column("folder", sa.String(length=512), nullable=False),
        sa.Column("file", sa.String(length=256), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("bytes", sa.BigInteger(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("ended_at", UTCDateTime(), nullable=False),
        sa.Column("frames", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("closed_by", sa.String(length=16), nullable=False),
        sa.Column("expired_at", UTCDateTime(), nullable=True),
        sa.Column("expired_event_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_video_clips_event_id_events")
        ),
        sa.ForeignKeyConstraint(
            ["expired_event_id"],
            ["events.id"],
            name=op.f("fk_video_clips_expired_event_id_events"),
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_video_clips_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_video_clips")),
        sa.UniqueConstraint("event_id", name=op.f("uq_video_clips_event_id")),
        sa.UniqueConstraint("uid", name=op.f("uq_video_clips_uid")),
    )
    with op.batch_alter_table("video_clips") as batch_op:
        batch_op.create_index(batch_op.f("ix_video_clips_order_id"), ["order_id"])
        batch_op.create_index(batch_op.f("ix_video_clips_waybill_no"), ["waybill_no"])
        batch_op.create_index(batch_op.f("ix_video_clips_started_at"), ["started_at"])


def downgrade() -> None:
    op.drop_table("video_clips")
