"""What `polemos gazetteer info` and `lookup` print."""

from __future__ import annotations

import sqlite3
from typing import Any

from .build import gazetteer_path


def gazetteer_info() -> dict[str, Any]:
    path = gazetteer_path()
    if not path.exists():
        return {"path": str(path), "built": "no (it is built on first use, or run: polemos gazetteer build)"}
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        meta = dict(con.execute("SELECT key, value FROM meta WHERE key != 'index'").fetchall())
        kinds = con.execute("SELECT feature_code, COUNT(*) FROM places GROUP BY feature_code ORDER BY 2 DESC LIMIT 12").fetchall()
    finally:
        con.close()
    return {
        "path": str(path), "size_mb": round(path.stat().st_size / 1e6, 1), "version": meta.get("version"),
        "built": meta.get("built"), "places": meta.get("places"), "names": meta.get("names"),
        "feature_codes": ", ".join(f"{k} {n}" for k, n in kinds),
    }


def ranked_candidates(name: str, limit: int = 10) -> list[dict[str, Any]]:
    """Candidates for a bare name, ranked as the resolver ranks them without context."""
    from .index import get_gazetteer
    from .resolve import Mention, Resolver

    resolver = Resolver(get_gazetteer(), fallback=False)
    m = Mention(text=name, start=0, end=len(name), fuzzy=True)
    m.candidates = resolver.candidates(m)
    scored = sorted(zip(resolver.base_scores(m), m.candidates), key=lambda p: -p[0])[:limit]
    return [{"name": c.name, "feature_code": c.feature_code, "country_code": c.country_code, "admin1": c.admin1,
             "admin2": c.admin2, "latitude": round(c.latitude, 5), "longitude": round(c.longitude, 5),
             "geonameid": c.geonameid, "population": c.population, "score": round(s, 2),
             **({"fuzzy": c.fuzzy} if c.fuzzy else {})} for s, c in scored]
