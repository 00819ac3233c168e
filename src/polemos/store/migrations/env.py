"""Alembic environment: runs on the connection polemos hands it (see store/db.py:upgrade).

From a shell: `alembic -x url=sqlite:///polemos.db -c /dev/null ...` is not needed;
polemos upgrades the schema itself whenever it opens a store.
"""

from alembic import context
from sqlalchemy import create_engine

from polemos.store.models import Base

target_metadata = Base.metadata
config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run()
