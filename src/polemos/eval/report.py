"""Print an eval Report as a table (rich on a terminal, plain text otherwise)."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from .common import Report


def print_report(report: Report, show_errors: int = 0) -> None:
    console = Console()
    table = Table(title=f"{report.task} on {report.dataset} (n={report.n})")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in report.metrics.items():
        table.add_row(name, f"{value:.4f}" if isinstance(value, float) else str(value))
    console.print(table)
    for group, metrics in report.breakdown.items():
        sub = Table(title=f"by {group}" if not isinstance(metrics, dict) or not all(isinstance(v, dict) for v in metrics.values()) else group)
        if metrics and all(isinstance(v, dict) for v in metrics.values()):
            cols = sorted({k for v in metrics.values() for k in v})
            sub.add_column(group)
            for c in cols:
                sub.add_column(c, justify="right")
            for key, row in metrics.items():
                sub.add_row(str(key), *[_fmt(row.get(c)) for c in cols])
        else:
            sub.add_column("key")
            sub.add_column("value", justify="right")
            for key, value in metrics.items():
                sub.add_row(str(key), _fmt(value))
        console.print(sub)
    for note in report.notes:
        console.print(f"note: {note}")
    for err in report.errors[:show_errors]:
        console.print(json.dumps(err, ensure_ascii=False)[:600])


def _fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def print_summary(entries: list[dict]) -> None:
    """One line per task run by `polemos eval all`: its headline metrics, or why it did not run."""
    console = Console()
    if not console.is_terminal:  # piped or logged: one row a task, not wrapped to 80 columns
        console = Console(width=200)
    table = Table(title="polemos eval all")
    for col in ("task", "dataset", "n", "headline metrics", "seconds"):
        table.add_column(col, justify="right" if col in ("n", "seconds") else "left")
    for entry in entries:
        report = entry.get("report")
        if report is None:
            table.add_row(entry["task"], entry["dataset"], "-", entry["status"], f"{entry.get('seconds', 0):.1f}")
            continue
        headline = "  ".join(f"{name}={_short(value)}" for name, value in report.headline_metrics().items())
        table.add_row(entry["task"], entry["dataset"], str(report.n), headline, f"{entry.get('seconds', 0):.1f}")
    console.print(table)


def summary_json(entries: list[dict]) -> dict:
    """Every report of an `eval all` run, plus the tasks that did not run."""
    return {
        "reports": [
            {**entry["report"].to_dict(), "seconds": entry.get("seconds")}
            for entry in entries if entry.get("report") is not None
        ],
        "not_run": [
            {"task": e["task"], "dataset": e["dataset"], "status": e["status"]}
            for e in entries if e.get("report") is None
        ],
    }


def _short(value) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)
