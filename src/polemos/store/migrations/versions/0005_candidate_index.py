"""an index answering linking's candidate query alone

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Every new report asks for the canonical events in its date windows (of each time
# precision), of its country, not hidden, or at its place name (store/candidates.py).
# Without these columns in the index, each event of the window (all countries) is read
# from its wide row (which carries JSON): the query's cost grew with the store.
INDEX = "ix_canonical_events_candidates"
TARGET = "canonical_events (event_date, time_precision, country_code, status, location_name)"


def upgrade() -> None:
    op.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TARGET}")


def downgrade() -> None:
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
