"""people each document names (victims, suspects: with an age) for linking follow-up reports

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_names",
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("aged", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("document_id", "name"),
    )
    op.create_index("ix_document_names_name", "document_names", ["name"])
    _backfill()


def _backfill() -> None:
    """Names of the documents already stored, from their text and stored entities."""
    from polemos.store.linking import person_names

    bind = op.get_bind()
    documents = sa.table("documents", sa.column("id"), sa.column("text"), sa.column("extra", sa.JSON))
    names = sa.table("document_names", sa.column("document_id"), sa.column("name"), sa.column("aged"))
    rows = []
    for pk, text, extra in bind.execute(sa.select(documents.c.id, documents.c.text, documents.c.extra)):
        found = person_names(text or "", (extra or {}).get("entities") or [])
        rows += [{"document_id": pk, "name": n, "aged": aged} for n, aged in found.items()]
    if rows:
        bind.execute(names.insert(), rows)


def downgrade() -> None:
    op.drop_index("ix_document_names_name", table_name="document_names")
    op.drop_table("document_names")
