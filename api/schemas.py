"""The shapes of the read API's answers. The OpenAPI schema and the docs page are generated from these, and every
answer is validated against its shape before it is sent (pydantic-core, in Rust: microseconds).

Plain pydantic models, not ninja's ``Schema``: ours are filled from dicts (api/read_shapes.py), and ``Schema`` wraps
every value of every nested object in its getter for Django models, which cost a quarter of a story list's time."""

from __future__ import annotations

from pydantic import BaseModel as Schema
from pydantic import Field


class PublicMoment(Schema):
    """One moment, in the newsroom's time (Western Indonesian Time, UTC+7) and in UTC, to the second."""

    wib: str = Field(description="ISO 8601 in Asia/Jakarta, e.g. 2026-03-04T09:15:00+07:00")
    utc: str = Field(description="ISO 8601 in UTC, e.g. 2026-03-04T02:15:00Z")


class PublicSectionOut(Schema):
    slug: str
    name: str = Field(description="The name in Indonesian.")
    name_en: str = Field(description="The name in English; empty when the desk gave none.")
    order: int
    url: str = Field(description="The section's page on the site.")


class PublicTagOut(Schema):
    name: str
    slug: str
    url: str | None = Field(description="The topic's page; null for a name with no letter or digit.")


class PublicContributorBrief(Schema):
    id: int
    name: str
    slug: str
    title: str
    url: str


class PublicContributorOut(PublicContributorBrief):
    bio: str


class PublicBylineOut(Schema):
    role: str = Field(description="reporter, photographer, editor or contributor")
    contributor: PublicContributorBrief


class PublicRendition(Schema):
    url: str
    width: int | None
    height: int | None


class PublicPhotoOut(Schema):
    id: int
    caption: str = Field(description="The caption in this story (the photo's own unless the story gave one).")
    alt_text: str
    credit: str = Field(description="The credit as the photo desk approved it.")
    credit_line: str = Field(description="The credit as the story prints it, e.g. “Foto: Dwi Arif”.")
    source: str = Field(description="The agency or outlet.")
    copyright_notice: str
    licence: str = Field(description="staff, agency, handout, stock, cc, reader or other")
    usage_terms: str
    width: int | None
    height: int | None
    renditions: list[PublicRendition] = Field(description="WebP renditions, narrowest first (absolute URLs).")
    social: PublicRendition | None = Field(description="The 1200x630 JPEG for shared links, once made.")


class PublicSourceBrief(Schema):
    id: int
    name: str
    title: str
    organisation: str
    url: str


class PublicSourceOut(PublicSourceBrief):
    type: str = Field(description="The kind of voice an editor confirmed; empty while unconfirmed.")
    level: str = Field(description="The level of government an editor confirmed; empty when none.")


class PublicStoryRef(Schema):
    id: int
    headline: str
    url: str


class PublicQuoteOut(Schema):
    id: int
    text: str
    is_paraphrase: bool = Field(description="The story's words, not the speaker's: print without quotation marks.")
    is_pull_quote: bool
    position: int = Field(description="Paragraph number in the story (0 is the photo caption).")
    speaker_title: str = Field(description="The speaker's title as the story printed it.")
    speaker_kind: str = Field(description="person, group, organisation, or empty when unknown")
    source: PublicSourceBrief | None


class PublicQuoteWithStory(PublicQuoteOut):
    story: PublicStoryRef


class PublicCorrectionOut(Schema):
    kind: str = Field(description="correction, clarification or update")
    text: str
    created_at: PublicMoment


class PublicHeadlines(Schema):
    headline: str
    kicker: str
    dek: str = Field(description="The summary under the headline.")
    seo_title: str = Field(description="The title for search engines (the headline when empty on the desk).")
    social_title: str = Field(description="The title for shared links (the headline when empty on the desk).")


class PublicStorySummary(Schema):
    id: int
    url: str = Field(description="The story's page on the site.")
    api_url: str
    language: str = Field(description="id or en")
    headlines: PublicHeadlines
    section: PublicSectionOut
    tags: list[PublicTagOut]
    bylines: list[PublicBylineOut]
    published_at: PublicMoment
    updated_at: PublicMoment | None = Field(description="The time of the latest correction or update notice, if any.")
    lead_photo: PublicPhotoOut | None


class PublicStoryDetail(PublicStorySummary):
    body_html: str = Field(description="The body as the story page shows it: sanitised, public pictures only.")
    photos: list[PublicPhotoOut] = Field(description="Every public photo of the story, in the story's order.")
    quotes: list[PublicQuoteOut] = Field(description="Confirmed quotes, in the story's order.")
    corrections: list[PublicCorrectionOut] = Field(
        description="Correction, clarification and update notices, oldest first."
    )


class PublicStoryPage(Schema):
    items: list[PublicStorySummary]
    next: str | None = Field(description="The next page's address; null on the last page.")


class PublicTagPage(Schema):
    items: list[PublicTagOut]
    next: str | None


class PublicContributorPage(Schema):
    items: list[PublicContributorOut]
    next: str | None


class PublicSourcePage(Schema):
    items: list[PublicSourceOut]
    next: str | None


class PublicQuotePage(Schema):
    items: list[PublicQuoteWithStory]
    next: str | None


class ReadError(Schema):
    detail: str
