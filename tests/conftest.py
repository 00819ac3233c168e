"""Shared fixtures: the real pipeline (loaded once), the CLI, the dev data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "karabakh.json"
DEV = ROOT.parent / "shared" / "eval" / "dev"


@pytest.fixture(scope="session")
def nlp():
    from polemos.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def example_doc() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def example_result(example_doc):
    from polemos.pipeline import extract_text

    return extract_text(example_doc["text"], date=example_doc["date"], doc_id=example_doc["id"])


@pytest.fixture()
def cli():
    from polemos.cli import app

    runner = CliRunner()

    def run(*args: str, input: str | bytes | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def dev_records(name: str, limit: int | None = None) -> list[dict]:
    path = DEV / name
    if not path.exists():
        pytest.skip(f"dev set {name} not available at {path}")
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(l) for l in lines if l.strip()]
    return records[:limit] if limit else records
