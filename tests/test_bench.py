"""The benchmark's stage breakdown runs against the package as it is (it imports pipeline internals)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bench_module():
    spec = importlib.util.spec_from_file_location("extract_bench", ROOT / "bench" / "extract_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_component_breakdown_times_every_polemos_stage_of_the_example():
    stages = _bench_module().component_breakdown(ROOT / "examples" / "karabakh.json", batch_size=8)
    names = [s["stage"] for s in stages]
    assert {"read inputs", "tokenizer", "polemos_toponyms", "polemos_casualties", "doc -> records"} <= set(names)
    # shares are of seconds rounded to milliseconds, so on one small document they sum only near 1
    shares = [s["share"] for s in stages if s["share"] is not None]
    assert all(0 <= share <= 1 for share in shares) and 0.8 < sum(shares) < 1.2
