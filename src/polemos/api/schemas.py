"""Request bodies the API accepts, validated before anything touches the store."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from polemos.model import EVENT_TYPES, SUB_EVENT_TYPES

# The fields a reviewer may set by hand, and what each must be.
EDITABLE_FIELDS = (
    "event_type", "sub_event_type", "event_date", "time_precision", "actor1", "actor2",
    "assoc_actor_1", "assoc_actor_2", "fatalities", "injured", "arrested", "notes", "location",
)


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="the article text; this or url is required")
    url: str | None = Field(default=None, max_length=2000)
    date: str | None = Field(default=None, description="publication date, YYYY-MM-DD")
    title: str | None = Field(default=None, max_length=1000)
    source: str | None = Field(default=None, max_length=500)
    id: str | None = Field(default=None, max_length=300, description="your id for the document (default: from its text)")

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None:
            dt.date.fromisoformat(value)
        return value

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.lower().startswith(("http://", "https://")):
            raise ValueError("url must start with http:// or https://")
        return value

    @model_validator(mode="after")
    def _text_or_url(self) -> "DocumentIn":
        if not (self.text and self.text.strip()) and not self.url:
            raise ValueError("send 'text' or 'url'")
        return self


class ReviewIn(BaseModel):
    """One review action on a canonical event."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["confirm", "edit", "merge", "split", "not_event"]
    fields: dict[str, Any] = Field(default_factory=dict, description="edit: the fields to set")
    into: int | str | None = Field(default=None, description="merge: the event that absorbs this one")
    reports: list[dict[str, str]] = Field(default_factory=list, description="split: [{doc_id, event_id}] to move to a new event")
    note: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _complete(self) -> "ReviewIn":
        if self.action == "edit":
            if not self.fields:
                raise ValueError("edit needs 'fields'")
            validate_fields(self.fields)
        if self.action == "merge" and self.into in (None, ""):
            raise ValueError("merge needs 'into': the id of the event to merge into")
        if self.action == "split" and not self.reports:
            raise ValueError("split needs 'reports': [{doc_id, event_id}, ...]")
        return self


def validate_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Check hand-edited values against the contract; raises ValueError with a reason."""
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValueError(f"these fields cannot be edited: {', '.join(unknown)}")
    if "event_type" in fields and fields["event_type"] not in EVENT_TYPES:
        raise ValueError(f"event_type must be one of {', '.join(EVENT_TYPES)}")
    if "sub_event_type" in fields:
        sub = fields["sub_event_type"]
        if sub not in SUB_EVENT_TYPES:
            raise ValueError("sub_event_type must be one of ACLED's 25 sub-event types")
        if "event_type" in fields and SUB_EVENT_TYPES[sub] != fields["event_type"]:
            raise ValueError(f"sub_event_type {sub!r} belongs to {SUB_EVENT_TYPES[sub]!r}")
    if fields.get("event_date") is not None:
        dt.date.fromisoformat(str(fields["event_date"]))
    for name in ("fatalities", "injured", "arrested"):
        if name in fields:
            value = fields[name]
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000_000:
                raise ValueError(f"{name} must be a whole number from 0")
    if "time_precision" in fields and fields["time_precision"] not in (1, 2, 3):
        raise ValueError("time_precision must be 1, 2 or 3")
    for name in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
        value = fields.get(name)
        if value is not None and (not isinstance(value, str) or len(value) > 300):
            raise ValueError(f"{name} must be text of at most 300 characters, or null")
    if fields.get("notes") is not None and (not isinstance(fields["notes"], str) or len(fields["notes"]) > 4000):
        raise ValueError("notes must be text of at most 4000 characters")
    if "location" in fields and fields["location"] is not None and not isinstance(fields["location"], dict):
        raise ValueError("location must be an object or null")
    return fields
