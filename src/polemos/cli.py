"""The `polemos` command: parse arguments, call the library, print.

Commands follow shared/spec/CONTRACT.md. Each command's body only wires
arguments to a library function; the work lives in the packages.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Optional

import typer

from polemos import progress

app = typer.Typer(
    name="polemos",
    help="Conflict news to structured, source-attributed event data (ACLED taxonomy).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
gazetteer_app = typer.Typer(help="Build and query the offline gazetteer.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens for writes (stored hashed).", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(token_app, name="token")

log = logging.getLogger("polemos")

OUTPUT_FORMATS = ("jsonl", "json", "acled-csv", "geojson")
# Where `polemos eval all` looks for dev sets when given no folder.
DEV_DIRS = (Path("../shared/eval/dev"), Path("shared/eval/dev"))
DbOption = typer.Option(None, "--db", envvar="POLEMOS_DB", help="SQLAlchemy URL (default: SQLite in the user data folder).")


@app.callback()
def main(
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors on stderr; no progress bar."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Debug logging on stderr."),
) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.WARNING
    logging.basicConfig(level=level, format="polemos: %(levelname)s: %(message)s", stream=sys.stderr)
    progress.set_enabled(not quiet)


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"polemos: error: {message}", err=True)
    raise typer.Exit(code)


@contextlib.contextmanager
def open_output(path: Optional[Path]):
    """stdout, or a file that appears only when writing finished (an old file is never left half-written)."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    if str(path) == os.devnull or not path.parent.is_dir() or path.is_dir():
        # /dev/null cannot be replaced; a missing folder or a folder as target fail here, clearly.
        try:
            fh = open(path, "w", encoding="utf-8", newline="")
        except OSError as exc:
            fail(f"cannot write {path}: {exc.strerror or exc}")
        with fh:
            yield fh
        return
    try:
        fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(partial, 0o666 & ~umask)  # mkstemp makes it private; give it a normal file's mode
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


def _check_date(date: Optional[str]) -> None:
    import datetime as dt

    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            fail(f"--date must be YYYY-MM-DD, got {date!r}")


@app.command()
def extract(
    inputs: list[str] = typer.Argument(..., help="Files (.txt .html .json .jsonl), RSS/Atom feeds (files or URLs), folders, URLs, or - for stdin."),
    date: Optional[str] = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD) for inputs without one."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | json | acled-csv | geojson"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents per spaCy batch."),
) -> None:
    """Extract events, claims and places from documents (one result per document)."""
    from polemos.export import write_results
    from polemos.ingest.inputs import read_extract_inputs
    from polemos.pipeline import PipelineUnavailable, extract as run_pipeline

    if fmt not in OUTPUT_FORMATS:
        fail(f"--format must be one of {', '.join(OUTPUT_FORMATS)}")
    _check_date(date)
    documents = read_extract_inputs(inputs, default_date=date)
    total = failed = 0
    try:
        with open_output(output) as out:
            results = progress.track(run_pipeline(documents, batch_size=batch_size), description="extracting")
            for result in write_results(results, out, fmt):
                total += 1
                failed += result.error is not None
    except PipelineUnavailable as exc:
        fail(str(exc))
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(0)
    if total and failed:
        log.warning("%d of %d documents failed (see their 'error' fields)", failed, total)
    if total == 0 or failed == total:
        raise typer.Exit(1)


@app.command()
def geoparse(
    inputs: list[str] = typer.Argument(..., help="Files, folders, URLs or -; .jsonl lines may carry \"spans\"."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl"),
    output: Optional[Path] = typer.Option(None, "-o", "--output"),
) -> None:
    """Find and resolve toponyms; with "spans" given, resolve exactly those."""
    from polemos.gazetteer.geoparse import geoparse_inputs

    if fmt != "jsonl":
        fail("--format must be jsonl")
    total = failed = 0
    with open_output(output) as out:
        for record in progress.track(geoparse_inputs(inputs), description="geoparsing"):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            total += 1
            failed += "error" in record
    if total == 0 or failed == total:
        raise typer.Exit(1)


@app.command("eval")
def eval_command(
    task: str = typer.Argument(..., help="Task name (typing, acled, isaf, gva, linking, geo, seed, claims, event_location, india_police, wikievents, rams), 'auto', or 'all'."),
    gold: Optional[Path] = typer.Argument(None, help="Gold file from shared/eval/dev/; for 'all', the folder (default: ../shared/eval/dev)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N records (india_police: articles)."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the full report as JSON here."),
    show_errors: int = typer.Option(0, "--show-errors", help="Print up to N mistakes."),
    mode: Optional[str] = typer.Option(None, "--mode", help="Task-specific mode (geo: resolve | e2e | both)."),
    half: Optional[str] = typer.Option(None, "--half", help="Score only the records at even or odd indices (even | odd)."),
) -> None:
    """Score polemos on an annotated dev set and print a table; 'all' runs every set in a folder."""
    from polemos.eval import run_all, run_task, task_for_file
    from polemos.eval.common import HALVES, EvalInputError, Options
    from polemos.eval.report import print_report, print_summary, summary_json

    if half not in (None, *HALVES):
        fail(f"--half must be one of {', '.join(HALVES)}, not {half!r}")
    options = Options(limit=limit, show_errors=show_errors, half=half, extra={"mode": mode} if mode else {})
    if task == "all":
        folder = gold or next((p for p in DEV_DIRS if p.is_dir()), DEV_DIRS[0])
        if not folder.is_dir():
            fail(f"no such folder of dev sets: {folder}")
        entries = run_all(folder, options)
        if not entries:
            fail(f"no dev-set files in {folder}")
        print_summary(entries)
        if json_out:
            json_out.write_text(json.dumps(summary_json(entries), indent=2, ensure_ascii=False), encoding="utf-8")
        return
    if gold is None or not gold.is_file():
        fail(f"no such gold file: {gold}" if gold else "name the gold file")
    if task == "auto":
        task = task_for_file(gold) or fail(f"cannot tell the task from {gold.name}; name it")
    try:
        report = run_task(task, gold, options)
    except (KeyError, ModuleNotFoundError, EvalInputError) as exc:
        fail(str(exc))
    print_report(report, show_errors=show_errors)
    if json_out:
        json_out.write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8")


@app.command()
def schema(output: Optional[Path] = typer.Option(None, "-o", "--output")) -> None:
    """Print the JSON Schema of one output line."""
    from polemos.model import output_schema

    with open_output(output) as out:
        out.write(json.dumps(output_schema(), indent=2) + "\n")


# ---- the store (issue 6) -------------------------------------------------------------------

@app.command()
def ingest(
    inputs: list[str] = typer.Argument(..., help="Files, folders, URLs, RSS/Atom feed URLs, .jsonl/.csv/.parquet corpora, or -."),
    db: Optional[str] = DbOption,
    date: Optional[str] = typer.Option(None, "--date", help="Publication date for inputs without one."),
    batch_size: int = typer.Option(32, "--batch-size", help="Documents per spaCy batch and per store transaction."),
    no_fetch: bool = typer.Option(False, "--no-fetch", help="Feeds: use each entry's own text, never fetch its link."),
) -> None:
    """Extract documents into the store and link reports of the same event."""
    from polemos.ingest.inputs import expected_count, read_ingest_inputs
    from polemos.pipeline import PipelineUnavailable
    from polemos.store import open_store
    from polemos.store.ingest import ingest as ingest_into

    _check_date(date)
    store = _open_store(db)
    documents = read_ingest_inputs(inputs, default_date=date, fetch_articles=not no_fetch)
    try:
        summary = ingest_into(store, documents, batch_size=batch_size, total=expected_count(inputs))
    except PipelineUnavailable as exc:
        fail(str(exc))
    finally:
        store.close()
    for message in summary.errors:
        typer.echo(f"polemos: failed: {message}", err=True)
    typer.echo(
        f"ingested {summary.added} new document(s), {summary.duplicates} already stored, {summary.failed} failed; "
        f"{summary.events} event(s) touched", err=True,
    )
    if summary.seen == 0 or summary.failed == summary.seen:
        raise typer.Exit(1)


def _open_store(db: Optional[str], existing: bool = False):
    """The store at `db`; with `existing`, for commands that only read, an SQLite file that is not there is an error.

    Otherwise a mistyped path would quietly create an empty store and export nothing.
    """
    from polemos.store import open_store

    if existing:
        _require_sqlite_file(db)
    try:
        return open_store(db)
    except Exception as exc:  # bad URL, server down, unreadable file
        fail(f"cannot open the store {db or '(default)'}: {type(exc).__name__}: {exc}")


def _require_sqlite_file(db: Optional[str]) -> None:
    from sqlalchemy.engine import make_url

    from polemos.store.db import resolve_url

    try:
        parsed = make_url(resolve_url(db))
    except Exception:
        return  # a malformed URL: open_store says what is wrong with it
    path = parsed.database
    if parsed.get_backend_name() == "sqlite" and path and path != ":memory:" and not Path(path).expanduser().exists():
        fail(f"no store at {path} (nothing ingested there yet; check --db or $POLEMOS_DB)")


def _event_filters(country, since, until, event_type, sub_event_type, actor, bbox, q) -> dict:
    for value, name in ((since, "--since"), (until, "--until")):
        if value:
            import datetime as dt

            try:
                dt.date.fromisoformat(value)
            except ValueError:
                fail(f"{name} must be YYYY-MM-DD, got {value!r}")
    return {"country": country, "since": since, "until": until, "event_type": event_type,
            "sub_event_type": sub_event_type, "actor": actor, "bbox": bbox, "q": q}


@app.command()
def export(
    db: Optional[str] = DbOption,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | acled-csv | geojson | parquet"),
    output: Optional[Path] = typer.Option(None, "-o", "--output"),
    country: Optional[str] = typer.Option(None, "--country", help="ISO alpha-2 code."),
    since: Optional[str] = typer.Option(None, "--since", help="YYYY-MM-DD (inclusive)."),
    until: Optional[str] = typer.Option(None, "--until", help="YYYY-MM-DD (inclusive)."),
    event_type: Optional[str] = typer.Option(None, "--type", help="ACLED event type."),
) -> None:
    """Export canonical events from the store."""
    from polemos.export.store_export import BINARY_FORMATS, STORE_FORMATS, export_events
    from polemos.store import StoreError

    if fmt not in STORE_FORMATS:
        fail(f"--format must be one of {', '.join(STORE_FORMATS)}")
    filters = _event_filters(country, since, until, event_type, None, None, None, None)
    store = _open_store(db, existing=True)
    try:
        if fmt in BINARY_FORMATS:
            if output is None or str(output) == "-":
                if sys.stdout.isatty():
                    fail(f"{fmt} is binary: give -o FILE")
                n = export_events(store, fmt, sys.stdout.buffer, filters)
            else:
                with open(output, "wb") as fh:
                    n = export_events(store, fmt, fh, filters)
        else:
            with open_output(output) as out:
                n = export_events(store, fmt, out, filters)
    except StoreError as exc:
        fail(str(exc))
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(0)
    finally:
        store.close()
    if output is not None:
        typer.echo(f"exported {n} event(s) to {output}", err=True)


@app.command("events")
def events_command(
    db: Optional[str] = DbOption,
    country: Optional[str] = typer.Option(None, "--country", help="ISO alpha-2 code."),
    since: Optional[str] = typer.Option(None, "--since", help="YYYY-MM-DD (inclusive)."),
    until: Optional[str] = typer.Option(None, "--until", help="YYYY-MM-DD (inclusive)."),
    event_type: Optional[str] = typer.Option(None, "--type", help="ACLED event type, e.g. Battles."),
    sub_event_type: Optional[str] = typer.Option(None, "--sub-type", help="ACLED sub-event type."),
    actor: Optional[str] = typer.Option(None, "--actor", help="Part of an actor's name."),
    bbox: Optional[str] = typer.Option(None, "--bbox", help="west,south,east,north"),
    q: Optional[str] = typer.Option(None, "--q", "--text", help="Words in titles, evidence, places, actors."),
    limit: int = typer.Option(50, "--limit", help="At most this many rows."),
    as_json: bool = typer.Option(False, "--json", help="One JSON event a line instead of a table."),
) -> None:
    """List canonical events in the store, newest first."""
    from polemos.store import StoreError

    filters = _event_filters(country, since, until, event_type, sub_event_type, actor, bbox, q)
    store = _open_store(db, existing=True)
    try:
        page = store.list_events(filters, limit=limit)
        total = store.count_events(filters)
    except StoreError as exc:
        fail(str(exc))
    finally:
        store.close()
    if as_json:
        for item in page.items:
            typer.echo(json.dumps(item, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(page.items)} of {total} event(s)")
    for name, justify in (("id", "left"), ("date", "left"), ("type", "left"), ("sub-type", "left"), ("location", "left"),
                          ("country", "left"), ("actors", "left"), ("killed", "right"), ("sources", "right"), ("contested", "left")):
        table.add_column(name, justify=justify)
    for item in page.items:
        loc = item.get("location") or {}
        actors = " v ".join(a for a in (item.get("actor1"), item.get("actor2")) if a)
        table.add_row(item["id"], item.get("event_date") or "", item["event_type"], item["sub_event_type"],
                      loc.get("name") or "", loc.get("country_code") or "", actors, str(item.get("fatalities", 0)),
                      str(item.get("sources", 0)), ", ".join(c["field"] for c in item.get("contested", [])))
    Console(width=None if sys.stdout.isatty() else 240).print(table)


@app.command()
def watch(
    feeds: list[str] = typer.Argument(..., help="RSS/Atom feed URLs (or files)."),
    db: Optional[str] = DbOption,
    every: str = typer.Option("15m", "--every", help="Poll interval: 30s, 15m, 2h, 1d."),
    rounds: Optional[int] = typer.Option(None, "--rounds", help="Stop after this many polls (default: run until stopped)."),
    no_fetch: bool = typer.Option(False, "--no-fetch", help="Use each entry's own text, never fetch its link."),
) -> None:
    """Poll feeds (conditional requests) and ingest new entries, until stopped."""
    from polemos.ingest.watch import parse_interval, watch as watch_feeds

    try:
        every_s = parse_interval(every)
    except ValueError as exc:
        fail(str(exc))
    store = _open_store(db)

    def report(result) -> None:
        typer.echo(f"{result.feed}: {result.status}; {result.added} new, {result.duplicates} known, {result.failed} failed", err=True)

    try:
        watch_feeds(store, feeds, every_s, rounds=rounds, fetch_articles=not no_fetch, report=report)
    except KeyboardInterrupt:
        typer.echo("stopped", err=True)
    finally:
        store.close()


@app.command()
def serve(
    db: Optional[str] = DbOption,
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    read_requires_token: bool = typer.Option(False, "--read-requires-token", help="Close reads too (default: open; env POLEMOS_READ_REQUIRES_TOKEN)."),
    tile_url: Optional[str] = typer.Option(None, "--tile-url", envvar="POLEMOS_TILE_URL", help="Map tile URL template; default: offline country outlines."),
) -> None:
    """Serve the HTTP API and the web dashboard."""
    import uvicorn

    from polemos.api import create_app
    from polemos.api.settings import Settings

    settings = Settings(read_requires_token=read_requires_token or Settings().read_requires_token)
    if tile_url:
        settings.tile_url = tile_url
    from polemos.store import open_store

    try:
        store = open_store(db)
    except Exception as exc:  # an unreachable or unreadable database: say so, no traceback
        fail(f"cannot open the store: {exc}")
    application = create_app(settings=settings, store=store)
    typer.echo(f"polemos: serving on http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning", proxy_headers=False)


def _token_engine(db: Optional[str]):
    from polemos.store import open_store

    try:
        return open_store(db).engine
    except Exception as exc:
        fail(f"cannot open the store: {exc}")


@token_app.command("create")
def token_create(
    name: str = typer.Argument(..., help="Who or what will use the token (shown in the audit log)."),
    db: Optional[str] = DbOption,
) -> None:
    """Create a token and print it once (only its hash is stored)."""
    from polemos.api import tokens

    try:
        info, secret = tokens.create_token(_token_engine(db), name)
    except ValueError as exc:
        fail(str(exc))
    typer.echo(secret)
    typer.echo(f"polemos: token {info.id} for {info.name!r} created; it is shown only now", err=True)


@token_app.command("list")
def token_list(db: Optional[str] = DbOption, as_json: bool = typer.Option(False, "--json")) -> None:
    """List tokens (names, prefixes, dates; never the tokens themselves)."""
    from polemos.api import tokens

    rows = tokens.list_tokens(_token_engine(db))
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in rows], indent=2))
        return
    for r in rows:
        state = "active" if r.active else f"revoked {r.to_dict()['revoked_at']}"
        typer.echo(f"{r.id}\t{r.prefix}…\t{r.name}\tcreated {r.to_dict()['created_at']}\t{state}")


@token_app.command("revoke")
def token_revoke(
    key: str = typer.Argument(..., help="The token's id, name or prefix."),
    db: Optional[str] = DbOption,
) -> None:
    """Revoke tokens by id, name or prefix; they stop working at once."""
    from polemos.api import tokens

    n = tokens.revoke_token(_token_engine(db), key)
    if n == 0:
        fail(f"no active token matches {key!r}", code=1)
    typer.echo(f"polemos: revoked {n} token{'s' if n != 1 else ''}", err=True)


# ---- the gazetteer (issue 5) ---------------------------------------------------------------

@gazetteer_app.command("build")
def gazetteer_build(force: bool = typer.Option(False, "--force", help="Rebuild even if present.")) -> None:
    """Build the gazetteer from packaged GeoNames data (no downloads)."""
    import time

    from polemos.gazetteer.build import build, gazetteer_path

    path = gazetteer_path()
    if path.exists() and not force:
        typer.echo(f"gazetteer already built: {path} (use --force to rebuild)")
        return
    t0 = time.time()
    try:
        build(path, force=True)
    except OSError as exc:
        fail(f"cannot write the gazetteer at {path}: {exc}")
    typer.echo(f"gazetteer built in {time.time() - t0:.0f}s: {path}")


@gazetteer_app.command("info")
def gazetteer_info() -> None:
    """Where the gazetteer is, what it holds."""
    from polemos.gazetteer.info import gazetteer_info as info

    for key, value in info().items():
        typer.echo(f"{key}: {value}")


@gazetteer_app.command("lookup")
def gazetteer_lookup(name: str = typer.Argument(...), limit: int = typer.Option(10, "--limit", min=1)) -> None:
    """Candidates for a place name, best first."""
    from polemos.gazetteer.info import ranked_candidates

    rows = ranked_candidates(name, limit)
    if not rows:
        shown = name if len(name) <= 80 else f"{name[:80]}… ({len(name):,} characters)"
        typer.echo(f"no place named {shown!r}", err=True)
        raise typer.Exit(1)
    for row in rows:
        typer.echo(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    app()
