"""Typed records of the output contract (shared/spec/CONTRACT.md, v1).

Everything downstream of the pipeline (CLI output, store, API, exports, eval)
consumes these records, never spaCy objects. Field names listed in the
contract are fixed; the extra fields here are additions the contract allows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)

# ACLED's 25 sub-event types, keyed to their event type.
SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}

DISORDER_TYPES = ("Political violence", "Demonstrations", "Strategic developments")


def disorder_type_for(sub_event_type: str) -> str:
    """ACLED's mapping from sub-event type to disorder type."""
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if sub_event_type == "Mob violence":
        return "Political violence"
    event_type = SUB_EVENT_TYPES[sub_event_type]
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class TextSpan(Record):
    start: int
    end: int


class Location(Record):
    name: str
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    country: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    geo_precision: int = 3
    # Additions: what kind of place, and which mention it came from.
    feature_code: str | None = None
    place_index: int | None = Field(default=None, description="index into the document's places")


class CasualtyCount(Record):
    """One kind of casualty: a conservative low, a high, and who they were."""

    low: int = 0
    high: int = 0
    groups: dict[str, int] = Field(default_factory=dict)


class Casualties(Record):
    killed: CasualtyCount = Field(default_factory=CasualtyCount)
    injured: CasualtyCount = Field(default_factory=CasualtyCount)
    arrested: CasualtyCount = Field(default_factory=CasualtyCount)
    abducted: CasualtyCount = Field(default_factory=CasualtyCount)


class ContestedValue(Record):
    value: Any
    claim_ids: list[str] = Field(default_factory=list)
    doc_ids: list[str] = Field(default_factory=list)


class Contested(Record):
    field: str
    values: list[ContestedValue]


class Event(Record):
    id: str
    event_type: str
    sub_event_type: str
    disorder_type: str
    event_date: str | None = None
    time_precision: int = 1
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    location: Location | None = None
    fatalities: int = 0
    injured: int = 0
    arrested: int = 0
    casualties: Casualties = Field(default_factory=Casualties)
    claim_ids: list[str] = Field(default_factory=list)
    evidence: list[TextSpan] = Field(default_factory=list)
    confidence: float = 0.5
    background: bool = False
    # Additions beside the contract.
    inter1: int | None = None
    inter2: int | None = None
    trigger: TextSpan | None = None
    trigger_text: str | None = None
    civilian_targeting: bool = False
    notes: str | None = None
    contested: list[Contested] = Field(default_factory=list)


class Claim(Record):
    id: str
    speaker: str
    speaker_canonical: str | None = None
    kind: Literal["direct", "indirect"]
    cue: str
    content: str
    start: int
    end: int
    event_ids: list[str] = Field(default_factory=list)
    # Additions: where the speaker is written, and a denial flag.
    speaker_start: int | None = None
    speaker_end: int | None = None
    negated: bool = False


class Place(Record):
    text: str
    start: int
    end: int
    name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    feature_code: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    # Additions.
    admin2: str | None = None
    country: str | None = None
    population: int | None = None
    role: str | None = Field(default=None, description="place | demonym | metonym")
    score: float | None = None


class Entity(Record):
    text: str
    start: int
    end: int
    label: str


class Document(Record):
    """One input document, as `ingest/` produces it."""

    model_config = ConfigDict(extra="ignore")

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    # Set by readers when the document could not be read; the pipeline skips it.
    error: str | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


class DocumentResult(Record):
    id: str
    date: str | None = None
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    # Additions: the input's metadata, passed through for exports and the store.
    title: str | None = None
    source: str | None = None
    url: str | None = None
    warnings: list[str] = Field(default_factory=list)
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        # `error` appears only on documents that failed, as the contract shows.
        if data.get("error") is None:
            data.pop("error", None)
        if not data.get("warnings"):
            data.pop("warnings", None)
        return data


def parse_iso_date(value: str | None) -> dt.date | None:
    """The date of a record's YYYY-MM-DD string (a longer timestamp is cut), or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def document_id(text: str, prefix: str = "doc") -> str:
    """A stable id for inputs that carry none: same text, same id."""
    return f"{prefix}-{hashlib.sha1(text.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"


def output_schema() -> dict[str, Any]:
    """JSON Schema of one output line (shipped as schema/document_result.json)."""
    schema = DocumentResult.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "polemos document result (contract v1)"
    return schema
