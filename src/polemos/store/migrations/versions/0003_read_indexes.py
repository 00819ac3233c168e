"""indexes for the dashboard's reads, and trigram indexes for actor search on PostgreSQL

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The dashboard's counts by day, type and country and its map points read only
# these columns: answered from the index alone, not from the wide rows (which carry JSON).
INDEXES = {
    "ix_canonical_events_dashboard":
        "canonical_events (event_date, status, event_type, country_code, fatalities, latitude, longitude)",
    # The same, country first: a country filter (the commonest) reads one stretch of it.
    "ix_canonical_events_country_dashboard":
        "canonical_events (country_code, event_date, status, event_type, fatalities, latitude, longitude)",
    # Which documents report the filtered events, without reading report rows.
    "ix_events_canonical_document": "events (canonical_id, document_id)",
}
# PostgreSQL keeps NULL dates last only in an index built that way; the list order needs it.
POSTGRES_INDEXES = {"ix_canonical_events_date_desc": "canonical_events (event_date DESC NULLS LAST, id DESC)"}
# The actor filter is a case-insensitive substring match: trigram indexes answer it
# without scanning every row (PostgreSQL with the pg_trgm extension).
TRIGRAM_INDEXES = {
    "ix_canonical_events_actor1_trgm": "canonical_events USING gin (lower(actor1) gin_trgm_ops)",
    "ix_canonical_events_actor2_trgm": "canonical_events USING gin (lower(actor2) gin_trgm_ops)",
}


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    wanted = dict(INDEXES)
    if _postgres():
        wanted.update(POSTGRES_INDEXES)
    for name, target in wanted.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
    if _postgres():
        # Creating the extension needs a privileged role; without it the filter still
        # works, by scanning. A savepoint keeps a refusal from aborting the migration.
        bind = op.get_bind()
        try:
            with bind.begin_nested():
                bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:
            return
        for name, target in TRIGRAM_INDEXES.items():
            op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def downgrade() -> None:
    for name in [*TRIGRAM_INDEXES, *POSTGRES_INDEXES, *INDEXES]:
        op.execute(f"DROP INDEX IF EXISTS {name}")
