"""The desk's side of the API (per-user tokens with scopes, api/auth.py): drafts, photos and transitions.

Each endpoint is the admin's own path in JSON: the stories a user sees are ``access.visible_articles``, a change is
allowed by ``access.can_edit`` and made in one transaction with a revision, like a save of the story form (with its
version check: 409 names who changed what, ``revisions.describe_conflict``); transitions are
``workflow.perform_transition``'s, refused with its own message; photos come through ``accept_photo_file`` and
``save_photo`` and wait, pending, for the photo desk. Every write is audited with the token that made it.

Refusals are ``{"detail": …, "code": …}`` (api/desk_schemas.py ``Error``), with the fields at fault for bad input.
"""

from __future__ import annotations

from typing import Any

import reversion
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import formats, timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.files import UploadedFile

from api import auth
from api.desk_schemas import (
    Conflict,
    Error,
    InvalidInput,
    PhotoOut,
    StoryChange,
    StoryCreate,
    StoryDetail,
    StoryList,
    TransitionIn,
)
from articles import access, audit, events
from articles.choices import ArticleStatus
from articles.models import Article, ArticlePhoto, AuditEntry, Byline, Contributor, EditConflict, Photo, Section
from articles.photos.uploads import accept_photo_file
from articles.services import importing, photos, revisions, story_parts, workflow
from articles.services.photo_credits import metadata_from_file, original_filename
from articles.services.photo_files import StorageFailed, transaction_with_files
from articles.services.quotes import QUOTES_PROPOSED_ON_SAVE, extract_again
from articles.services.workflow import TIMING_FIELDS
from articles.validators import validate_newsroom_time

router = Router(tags=["desk"])

LIST_LIMIT = 200
# The story's own fields a request may set (bylines, tags and the section are handled beside them).
STORY_FIELDS = (
    "kicker",
    "headline",
    "dek",
    "slug",
    "body",
    "language",
    "seo_title",
    "seo_description",
    "social_title",
    *TIMING_FIELDS,
)
AUDITED = (*STORY_FIELDS, "section")


class Refusal(Exception):
    """An answer other than success, raised from inside a transaction so that everything it did is rolled back."""

    def __init__(self, status: int, message: str, code: str, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.body = status, {"detail": str(message), "code": code, **extra}

    def answer(self) -> Status:
        return Status(self.status, self.body)


def _invalid(error: ValidationError) -> Refusal:
    errors = [
        {"field": field, "message": str(message)}
        for field, messages in error.message_dict.items()
        for message in messages
    ]
    summary = "; ".join(f"{item['field']}: {item['message']}" for item in errors)
    return Refusal(422, _("The request is not valid: %(errors)s") % {"errors": summary}, "invalid", errors=errors)


def _acting_user(request: HttpRequest):
    """The token's user, whom the request acts as (api/auth.py made them ``request.user`` too)."""
    return request.auth.user  # type: ignore[attr-defined]


def invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    """ninja's own 422 (a request that does not fit its schema) in the desk's shape: ``detail``, ``code`` and the
    fields at fault, so a client reads every refusal the same way. api/v1.py registers it for the API's
    ValidationError."""
    errors = [{"field": _field_name(error.get("loc", ())), "message": error.get("msg", "")} for error in exc.errors]
    summary = "; ".join(f"{item['field']}: {item['message']}" for item in errors)
    detail = _("The request is not valid: %(errors)s") % {"errors": summary}
    return JsonResponse({"detail": detail, "code": "invalid", "errors": errors}, status=422)


def _field_name(location) -> str:
    """``headline`` for ninja's ("body", "payload", "headline"), ``limit`` for ("query", "limit")."""
    parts = [str(part) for part in location]
    parts = parts[2:] if parts[:1] == ["body"] else parts[1:]
    return ".".join(parts) or "body"


# --- reading ---------------------------------------------------------------------------------------------------


def _stories(user):
    """The stories this user sees in the admin, with what an answer prints (a fixed number of queries)."""
    bylines = Byline.objects.select_related("contributor").order_by("order")
    queryset = Article.objects.select_related("section").prefetch_related(Prefetch("bylines", bylines), "tags")
    return access.visible_articles(user, queryset)


def story_out(article: Article) -> dict:
    return {
        "id": article.pk,
        "version": article.version,
        "status": article.status,
        "scheduled": article.is_scheduled,
        "headline": article.headline,
        "kicker": article.kicker,
        "dek": article.dek,
        "slug": article.slug,
        "section": {"id": article.section.pk, "slug": article.section.slug, "name": article.section.name},
        "language": article.language,
        "tags": sorted(tag.name for tag in article.tags.all()),
        "bylines": [
            {"contributor": byline.contributor_id, "name": byline.contributor.name, "role": byline.role}
            for byline in article.bylines.all()
        ],
        "publish_at": article.publish_at,
        "expires_at": article.expires_at,
        "embargo_until": article.embargo_until,
        "created_at": article.created_at,
        "updated_at": article.updated_at,
    }


def story_detail(user, article: Article) -> dict:
    return {
        **story_out(article),
        "body": article.body,
        "seo_title": article.seo_title,
        "seo_description": article.seo_description,
        "social_title": article.social_title,
        "photos": list(article.photo_uses.order_by("order").values_list("photo_id", flat=True)),
        "editable": access.can_edit(user, article),
        "allowed_transitions": [t.name for t in workflow.allowed_transitions(user, article)],
    }


def _visible_story(user, story_id: int) -> Article:
    article = _stories(user).filter(pk=story_id).first()
    if article is None:
        # Also for a story that exists but this user may not see: its existence is not theirs to learn.
        raise Refusal(404, _("No such story."), "not_found")
    return article


@router.get("/stories", auth=auth.read_drafts, response={200: StoryList, 401: Error, 403: Error})
def list_stories(
    request: HttpRequest,
    status: ArticleStatus | None = None,
    before: int | None = Query(None, description="Only stories with a lower id (the previous page's next_before)."),
    limit: int = Query(50, ge=1, le=LIST_LIMIT),
):
    """The stories this user sees in the admin — their drafts and what readers see for a reporter, every story for
    the desk — newest first, with their state and version."""
    stories = _stories(_acting_user(request)).order_by("-pk")
    if status:
        stories = stories.filter(status=status)
    if before is not None:
        stories = stories.filter(pk__lt=before)
    page = list(stories[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return {"items": [story_out(article) for article in page], "next_before": page[-1].pk if more else None}


@router.get(
    "/stories/{story_id}", auth=auth.read_drafts, response={200: StoryDetail, 401: Error, 403: Error, 404: Error}
)
def get_story(request: HttpRequest, story_id: int):
    try:
        user = _acting_user(request)
        return Status(200, story_detail(user, _visible_story(user, story_id)))
    except Refusal as refusal:
        return refusal.answer()


# --- writing ---------------------------------------------------------------------------------------------------


def _story_values(article: Article) -> dict:
    """What the audit entry of a change compares: the fields a request sets, the tags and the bylines."""
    values: dict[str, Any] = {name: getattr(article, name) for name in AUDITED}
    if article.pk is not None:
        values["tags"] = [tag.name for tag in article.tags.all()]
        values["bylines"] = [str(byline) for byline in article.bylines.select_related("contributor")]
    return values


def _check_may_set(user, article: Article | None, data: dict) -> None:
    """The story form's rules on who may set what: the times only for those who may publish."""
    timing = [name for name in TIMING_FIELDS if name in data]
    if timing and not user.has_perm("articles.publish_article"):
        raise Refusal(
            403,
            _("Only editors who may publish can set %(fields)s.") % {"fields": ", ".join(timing)},
            "not_allowed",
        )
    if data.get("bylines") is not None and not user.has_perm(
        "articles.add_byline" if article is None else "articles.change_byline"
    ):
        raise Refusal(403, _("You may not change bylines."), "not_allowed")


def _apply(article: Article, data: dict) -> tuple[list[str] | None, list[dict] | None]:
    """Put the request's fields on ``article``; returns the tags and bylines to save after it (None: unchanged)."""
    for name in STORY_FIELDS:
        if name in data:
            value = data[name]
            setattr(article, name, "" if value is None and name not in TIMING_FIELDS else value)
    if data.get("section") is not None:
        section = Section.objects.filter(pk=data["section"]).first()
        if section is None:
            raise Refusal(
                422,
                _("There is no section with id %(id)s.") % {"id": data["section"]},
                "invalid",
                errors=[{"field": "section", "message": _("Unknown section.")}],
            )
        article.section = section
    bylines = data.get("bylines")
    if bylines is not None:
        wanted = {row["contributor"] for row in bylines}
        known = set(Contributor.objects.filter(pk__in=wanted).values_list("pk", flat=True))
        if unknown := sorted(wanted - known):
            raise Refusal(
                422,
                _("There is no contributor with id %(ids)s.") % {"ids": ", ".join(map(str, unknown))},
                "invalid",
                errors=[{"field": "bylines", "message": _("Unknown contributor.")}],
            )
    if article.status == Article.Status.PUBLISHED:
        # The story form's rule for a published story's time: never before its embargo.
        refusal = workflow.embargo_refusal(embargo_until=article.embargo_until, goes_live=article.publish_at)
        if refusal:
            raise Refusal(422, refusal, "embargo", errors=[{"field": "publish_at", "message": refusal}])
    try:
        article.full_clean()
    except ValidationError as error:
        raise _invalid(error) from None
    return data.get("tags"), bylines


def _save_parts(article: Article, tags: list[str] | None, bylines: list[dict] | None) -> None:
    if tags is not None:
        article.tags.set(tags)
    if bylines is not None:
        article.bylines.all().delete()
        Byline.objects.bulk_create(
            Byline(article=article, contributor_id=row["contributor"], role=row["role"], order=order)
            for order, row in enumerate(bylines)
        )


@router.post("/stories", auth=auth.write_drafts, response={201: StoryDetail, 401: Error, 403: Error, 422: InvalidInput})
def create_story(request: HttpRequest, payload: StoryCreate):
    """A new draft, as the story form's “Save” makes it: the user is its author; without bylines in the request,
    the user's own contributor (when their account has one) is its byline."""
    user = _acting_user(request)
    data = payload.dict(exclude_unset=True)
    try:
        if not (access.can_edit(user, None) and user.has_perm("articles.add_article")):
            raise Refusal(403, _("You may not create stories."), "not_allowed")
        _check_may_set(user, None, data)
        if data.get("bylines") is None and (own := Contributor.objects.filter(user=user).first()):
            data["bylines"] = [{"contributor": own.pk, "role": Byline.Role.REPORTER}]
        with transaction.atomic(), reversion.create_revision():
            article = Article(created_by=user, status=Article.Status.DRAFT)
            if not data.get("slug"):
                data["slug"] = importing.unique_slug(data["headline"], publish_at=data.get("publish_at"))
            tags, bylines = _apply(article, data)
            article.save()
            _save_parts(article, tags, bylines)
            extract_again(article=article, user=user)  # as the story form proposes quotes on every draft's save
            reversion.set_user(user)
            reversion.set_comment(_("Created %(through)s") % {"through": auth.through_token(request)})
            auth.record_api_write(
                request, target=article, what=_("created the story"), before={}, after=_story_values(article)
            )
    except Refusal as refusal:
        return refusal.answer()
    return Status(201, story_detail(user, _stories(user).get(pk=article.pk)))


def conflict_answer(article_pk: int, base: int) -> Refusal:
    """409 naming who saved the story since version ``base`` and what they changed (as the story form says it)."""
    conflict = revisions.describe_conflict(article_pk, base)
    current = revisions.current_version(article_pk) or base
    who = get_text_list(conflict.savers, _("and")) if conflict.savers else _("Someone")
    when = formats.date_format(timezone.localtime(conflict.saved_at), "DATETIME_FORMAT") if conflict.saved_at else ""
    changed = ", ".join(conflict.changed) if conflict.changed else _("see the history")
    message = _(
        "%(who)s saved this story (%(when)s) after version %(base)s, changing: %(changed)s. Nothing was saved, so "
        "nothing of theirs was overwritten: load version %(current)s, apply your changes to it and send them again."
    ) % {"who": who, "when": when, "base": base, "changed": changed, "current": current}
    return Refusal(
        409,
        message,
        "edit_conflict",
        your_version=base,
        current_version=current,
        changed_by=conflict.savers,
        changed=conflict.changed,
        saved_at=conflict.saved_at,
    )


@router.patch(
    "/stories/{story_id}",
    auth=auth.write_drafts,
    response={200: StoryDetail, 401: Error, 403: Error, 404: Error, 409: Conflict, 422: InvalidInput},
)
def change_story(request: HttpRequest, story_id: int, payload: StoryChange):
    """Change a story the user may edit in the admin (a reporter: their own drafts). ``version`` is the version the
    change was made from: a story saved since answers 409, names who saved it and what they changed, and keeps
    nothing of the request. Only the fields sent change; ``bylines`` and ``tags`` replace the story's."""
    user = _acting_user(request)
    data = payload.dict(exclude_unset=True)
    base = data.pop("version")
    try:
        article = _visible_story(user, story_id)
        if not access.can_edit(user, article):
            audit.record_refusal(
                target=article, user=user, message=_("Refused a change through the API: not editable by this user.")
            )
            raise Refusal(403, _("You may not change this story."), "not_allowed")
        _check_may_set(user, article, data)
        try:
            with transaction.atomic(), reversion.create_revision():
                current = revisions.current_version(article.pk)  # locks the row until the save commits
                if current != base:
                    raise conflict_answer(article.pk, base)
                before = _story_values(article)
                tags, bylines = _apply(article, data)
                article.version = base  # the save's UPDATE checks the version the change was made from
                article.save()
                _save_parts(article, tags, bylines)
                if article.status in QUOTES_PROPOSED_ON_SAVE:
                    extract_again(article=article, user=user)
                reversion.set_user(user)
                reversion.set_comment(_("Changed %(through)s") % {"through": auth.through_token(request)})
                auth.record_api_write(
                    request, target=article, what=_("changed the story"), before=before, after=_story_values(article)
                )
                events.after_edit(article)  # webhooks hear of an edit readers can see, as from the admin
        except EditConflict:
            # A save slipped in between (the check above saw none): the database refused this one.
            raise conflict_answer(article.pk, base) from None
    except Refusal as refusal:
        return refusal.answer()
    return Status(200, story_detail(user, _stories(user).get(pk=article.pk)))


# --- transitions -----------------------------------------------------------------------------------------------


def _refusal_status(user, article_pk: int, name: str) -> tuple[int, str]:
    """Which HTTP answer a refused transition gets: 403 when the user may not take it at all, 409 when the story's
    state does not allow it now, 422 when the request's note, time or the story itself has to change first."""
    transition = workflow.TRANSITIONS.get(name)
    if transition is None:
        return 422, "unknown_transition"
    article = Article.objects.get(pk=article_pk)
    if any(allowed.name == name for allowed in workflow.allowed_transitions(user, article)):
        return 422, "refused"
    live = article.status == Article.Status.PUBLISHED and not article.is_scheduled
    if user.has_perm(f"articles.{transition.permission}") and (
        article.status not in transition.sources or (name == "publish" and live)
    ):
        return 409, "wrong_state"
    return 403, "not_allowed"


@router.post(
    "/stories/{story_id}/transitions",
    auth=auth.transition,
    response={200: StoryDetail, 401: Error, 403: Error, 404: Error, 409: Error, 422: InvalidInput},
)
def move_story(request: HttpRequest, story_id: int, payload: TransitionIn):
    """One workflow step (``workflow.perform_transition``): refused with the admin's own message, and then nothing
    changes. 403: the user may not take this step; 409: the story's state does not allow it now; 422: the note,
    the time or the story must change first (embargo, photos waiting for the desk, no byline …)."""
    user = _acting_user(request)
    article = Article.objects.filter(pk=story_id).first()
    if article is None or not access.can_view(user, article):
        if article is not None:
            audit.record_refusal(
                target=article,
                user=user,
                message=_("Refused the workflow step “%(action)s” through the API: no access to this story.")
                % {"action": payload.transition},
            )
        return Status(404, {"detail": _("No such story."), "code": "not_found"})
    if payload.publish_at is not None:
        try:
            validate_newsroom_time(payload.publish_at)
        except ValidationError as error:
            return _invalid(ValidationError({"publish_at": error.messages})).answer()
    from_state = article.status
    try:
        with transaction.atomic():
            moved = workflow.perform_transition_with_changes(
                article=article, name=payload.transition, user=user, note=payload.note, publish_at=payload.publish_at
            )
            auth.record_api_write(
                request,
                target=moved,
                what=_("workflow step “%(action)s”") % {"action": payload.transition},
                from_state=from_state,
                to_state=moved.status,
            )
    except workflow.TransitionRefused as refused:
        # Listed on its own once the transaction above is rolled back (the service's rule for callers like this).
        workflow.record_refused(article=article, name=payload.transition, user=user, message=refused.message)
        status, code = _refusal_status(user, article.pk, payload.transition)
        return Status(status, {"detail": refused.message, "code": code})
    return Status(200, story_detail(user, _stories(user).get(pk=moved.pk)))


# --- photos ----------------------------------------------------------------------------------------------------


def _placeable_story(user, story_id: int | None) -> Article | None:
    if story_id is None:
        return None
    article = Article.objects.filter(pk=story_id).first()
    if article is None or not access.can_view(user, article):
        raise Refusal(404, _("No such story."), "not_found")
    if not (access.can_place_photos(user, article) and user.has_perm("articles.add_articlephoto")):
        raise Refusal(403, _("You may not place photos in this story."), "not_allowed")
    return article


def _place(user, request: HttpRequest, photo: Photo, article: Article) -> None:
    """Add the photo after the story's others, as the photo's “used in” list does: the story gets a new version,
    a revision and an audit entry of the placement."""
    last = article.photo_uses.aggregate(last=Max("order"))["last"]
    use = ArticlePhoto.objects.create(article=article, photo=photo, order=0 if last is None else last + 1)
    story_parts.parts_changed(
        article_ids=[article.pk],
        user=user,
        comment=_("Photo placed %(through)s") % {"through": auth.through_token(request)},
        action=AuditEntry.Action.PLACEMENT_CHANGED,
        before={},
        after={article.pk: audit.values_of(use)},
        note=str(photo),
    )


@router.post(
    "/photos",
    auth=auth.upload_photos,
    response={201: PhotoOut, 401: Error, 403: Error, 404: Error, 422: InvalidInput, 507: Error},
)
def upload_photo(
    request: HttpRequest,
    image: File[UploadedFile],
    caption: Form[str] = "",
    alt_text: Form[str] = "",
    credit: Form[str] = "",
    source: Form[str] = "",
    copyright_notice: Form[str] = "",
    usage_terms: Form[str] = "",
    story: Form[int | None] = None,
):
    """Upload one photo (multipart), checked as the photo form checks it; it waits, pending, until the photo desk
    approves its credit. With ``story``, it is placed after the story's other photos (for those who may place
    photos in it). A refused file leaves nothing behind."""
    user = _acting_user(request)
    try:
        if not (user.is_active and user.is_staff and user.has_perm("articles.add_photo")):
            raise Refusal(403, _("You may not upload photos."), "not_allowed")
        article = _placeable_story(user, story)
        name = original_filename(image.name)
        try:
            accept_photo_file(image)  # the photo form's own check, with its message
        except ValidationError as refusal:
            raise Refusal(
                422,
                " ".join(refusal.messages),
                refusal.code or "invalid_image",
                errors=[{"field": "image", "message": message} for message in refusal.messages],
            ) from None
        read = metadata_from_file(image)
        photo = Photo(
            image=image,
            original_filename=name,
            caption=caption,
            alt_text=alt_text,
            credit=credit,
            source=source,
            copyright_notice=copyright_notice,
            usage_terms=usage_terms,
        )
        try:
            photo.full_clean(exclude=["image"])
        except ValidationError as error:
            raise _invalid(error) from None
        try:
            # One block: the photo, its file, the admin's record of who added it (the desk's questions go to them),
            # its placement and the audit entry are kept together or not at all.
            with transaction_with_files():
                saved = photos.save_photo(photo=photo, user=user, read_metadata=read)
                LogEntry.objects.log_actions(
                    user.pk, [photo], ADDITION, change_message=[{"added": {}}], single_object=True
                )
                if article is not None:
                    _place(user, request, photo, article)
                auth.record_api_write(request, target=photo, what=_("uploaded the photo"))
        except StorageFailed as failure:
            raise Refusal(507, failure.message, "storage_failed") from None
    except Refusal as refusal:
        return refusal.answer()
    return Status(
        201,
        {
            "id": photo.pk,
            "credit_status": photo.credit_status,
            "caption": photo.caption,
            "credit": photo.credit,
            "source": photo.source,
            "width": photo.width,
            "height": photo.height,
            "prefilled": list(saved.prefilled),
            "story": article.pk if article is not None else None,
        },
    )
