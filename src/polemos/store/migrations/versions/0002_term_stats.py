"""term statistics for TF-IDF linking

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "term_stats",
        sa.Column("term", sa.String(length=100), nullable=False),
        sa.Column("df", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term"),
    )
    # Existing stores: count the words of the reports already stored (linking is still
    # correct without this, only less sharp until new documents arrive).


def downgrade() -> None:
    op.drop_table("term_stats")
