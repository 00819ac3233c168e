"""`python -m polemos` runs the same CLI as the `polemos` command."""

from polemos.cli import app

app()
