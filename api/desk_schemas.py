"""The shapes of the desk endpoints' requests and answers (api/desk.py).

Requests forbid fields they do not know: a client that sends ``status`` or ``version`` in the wrong place is told so
(422) instead of having it silently ignored, as the story form refuses a state set directly.
"""

from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import ConfigDict, Field

from articles.choices import BylineRole, Language


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class Error(Schema):
    """Every refusal of the desk endpoints: what went wrong in words, and a code a program can test."""

    detail: str
    code: str


class FieldError(Schema):
    field: str
    message: str


class InvalidInput(Error):
    errors: list[FieldError] = []


class Conflict(Error):
    """409: the story was saved by someone else since the version the request was based on."""

    your_version: int
    current_version: int
    changed_by: list[str]
    changed: list[str]
    saved_at: datetime | None


class BylineIn(Strict):
    contributor: int = Field(description="The contributor's id.")
    role: BylineRole = BylineRole.REPORTER


class BylineOut(Schema):
    contributor: int
    name: str
    role: str


class SectionOut(Schema):
    id: int
    slug: str
    name: str


class StoryFields(Strict):
    kicker: str | None = Field(None, max_length=80)
    headline: str | None = Field(None, max_length=300)
    dek: str | None = None
    slug: str | None = Field(None, max_length=200)
    body: str | None = Field(None, description="HTML; cleaned on save as in the story form.")
    section: int | None = Field(None, description="The section's id.")
    tags: list[str] | None = None
    language: Language | None = None
    seo_title: str | None = Field(None, max_length=70)
    seo_description: str | None = Field(None, max_length=160)
    social_title: str | None = Field(None, max_length=120)
    publish_at: datetime | None = Field(None, description="Only for those who may publish, as in the story form.")
    expires_at: datetime | None = None
    embargo_until: datetime | None = None
    bylines: list[BylineIn] | None = Field(
        None, description="Replaces the bylines. On a new story, none given bylines the user's own contributor."
    )


class StoryCreate(StoryFields):
    headline: str = Field(..., min_length=1, max_length=300)
    section: int = Field(..., description="The section's id.")


class StoryChange(StoryFields):
    version: int = Field(..., ge=1, description="The version the change was made from; 409 if the story moved on.")


class StoryOut(Schema):
    id: int
    version: int
    status: str
    scheduled: bool
    headline: str
    kicker: str
    dek: str
    slug: str
    section: SectionOut
    language: str
    tags: list[str]
    bylines: list[BylineOut]
    publish_at: datetime | None
    expires_at: datetime | None
    embargo_until: datetime | None
    created_at: datetime
    updated_at: datetime


class StoryDetail(StoryOut):
    body: str
    seo_title: str
    seo_description: str
    social_title: str
    photos: list[int]
    editable: bool
    allowed_transitions: list[str]


class StoryList(Schema):
    items: list[StoryOut]
    next_before: int | None = Field(None, description="Pass as ``before`` for the next page; null on the last.")


class TransitionIn(Strict):
    transition: str = Field(..., description="submit, approve, send_back, publish, schedule, unpublish or reopen")
    note: str = Field("", max_length=2000)
    publish_at: datetime | None = Field(None, description="For “schedule”: when the story goes live.")


class PhotoOut(Schema):
    id: int
    credit_status: str
    caption: str
    credit: str
    source: str
    width: int | None
    height: int | None
    prefilled: list[str]
    story: int | None
