"""Batch ingest: the photo desk drops several files on one page; each is sent in a request of its own
(static/newsroom/ingest.js), so the request size cap holds per file and one bad file never stops the others.

Each file goes through the same door as the photo add form — ``accept_photo_file``, the metadata read before saving,
``save_photo`` — and is filed as a pending photo with the fields filled. The answer (JSON) lists what was filled,
labelled in the user's language, for the page to show as the file's card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.contrib.admin import ModelAdmin
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.field_labels import field_label
from articles.models import Photo
from articles.photos.renditions import WIDTHS, sorted_renditions
from articles.photos.uploads import accept_photo_file
from articles.services import photos
from articles.services.photo_credits import metadata_from_file, original_filename
from articles.services.photo_files import StorageFailed, transaction_with_files

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ACCEPTED_TYPES = "image/jpeg,image/png,image/webp,image/gif,image/avif"
# What the card shows, in this order: the photo's own fields as the form labels them.
CARD_FIELDS = ("credit", "source", "copyright_notice", "caption", "usage_terms", "licence_type", "agency")


def ingest_view(request: HttpRequest, model_admin: ModelAdmin) -> HttpResponse:
    """The page (GET), or one file filed as a pending photo (POST, answered in JSON)."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    if request.method == "POST":
        return _ingest_one(request, model_admin)
    if "photo" in request.GET:
        return _preview(request, request.GET["photo"])
    return TemplateResponse(
        request,
        "admin/articles/photo/ingest.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _("Add several photos"),
            "opts": Photo._meta,
            "accepted_types": ACCEPTED_TYPES,
            "max_bytes": settings.NEWSROOM_PHOTO_MAX_BYTES,
            "changelist_url": reverse("admin:articles_photo_changelist"),
        },
    )


def _ingest_one(request: HttpRequest, model_admin: ModelAdmin) -> JsonResponse:
    upload = request.FILES.get("image")
    if upload is None:
        return JsonResponse({"ok": False, "name": "", "error": _("No file was sent.")}, status=400)
    name = original_filename(upload.name)
    try:
        accept_photo_file(upload)  # the photo form's own check: the file is refused here with the same message
    except ValidationError as refusal:
        return JsonResponse({"ok": False, "name": name, "error": " ".join(refusal.messages)}, status=400)
    read = metadata_from_file(upload)
    try:
        # One block: the photo, its file and the admin's record of the addition — which is who uploaded the photo
        # (services.notifications tells them the desk's decision) — are kept together or not at all.
        with transaction_with_files():
            photo = Photo(image=upload, original_filename=name)
            saved = photos.save_photo(photo=photo, user=request.user, read_metadata=read)
            model_admin.log_addition(request, photo, [{"added": {}}])
    except StorageFailed as failure:
        return JsonResponse({"ok": False, "name": name, "error": failure.message}, status=507)
    photo.refresh_from_db(fields=["renditions", "renditions_state"])  # the task may have made them already
    return JsonResponse(card(photo, read, saved.prefilled, name=name), status=201)


def _preview(request: HttpRequest, photo_id: str) -> JsonResponse:
    """The thumbnail of a photo this user ingested, once the background task has made it (the page asks again)."""
    added = LogEntry.objects.filter(
        user=cast("User", request.user),  # signed in: the admin's own check let the request through
        content_type=ContentType.objects.get_for_model(Photo),
        object_id=photo_id,
        action_flag=ADDITION,
    )
    photo = Photo.objects.filter(pk=int(photo_id)).first() if photo_id.isdigit() and added.exists() else None
    if photo is None:
        return JsonResponse({"thumbnail": None, "done": True}, status=404)
    renditions = sorted_renditions(photo) if photo.renditions else []
    state = photo.renditions_state
    return JsonResponse(
        {
            "thumbnail": renditions[0]["url"] if renditions else None,
            "done": bool(renditions) or state in (Photo.RenditionsState.FAILED, Photo.RenditionsState.NONE),
            "failed": state == Photo.RenditionsState.FAILED,
        }
    )


def card(photo: Photo, read: dict, prefilled, *, name: str) -> dict:
    """The file's card: its fields with their labels in the active language, what was filled from the file, and
    the warnings the desk needs before using it."""
    values = {
        "credit": photo.credit,
        "source": photo.source,
        "copyright_notice": photo.copyright_notice,
        "caption": photo.caption,
        "usage_terms": photo.usage_terms,
        "licence_type": photo.get_licence_type_display(),
        "agency": str(photo.agency) if photo.agency else "",
    }
    fields = [
        {"name": key, "label": field_label(Photo, key), "value": values[key], "from_file": key in prefilled}
        for key in CARD_FIELDS
        if values[key]
    ]
    # Read from the file but not a field of their own: the by-line and when the picture was taken.
    if read.get("byline"):
        fields.append({"name": "byline", "label": _("by-line"), "value": read["byline"], "from_file": True})
    if read.get("date_taken"):
        fields.append({"name": "date_taken", "label": _("date taken"), "value": read["date_taken"], "from_file": True})
    warnings = []
    if photo.width and photo.width < WIDTHS[0]:
        warnings.append(
            _("Only %(width)d pixels wide: smaller than the smallest web size (%(smallest)d px), it will look blurred.")
            % {"width": photo.width, "smallest": WIDTHS[0]}
        )
    if not photo.credit:
        warnings.append(_("The file names no photographer: fill in the credit before the desk can approve it."))
    renditions = sorted_renditions(photo) if photo.renditions else []
    return {
        "ok": True,
        "name": name,
        "id": photo.pk,
        "title": str(photo),
        "change_url": reverse("admin:articles_photo_change", args=[photo.pk]),
        "preview_url": f"{reverse('admin:articles_photo_ingest')}?photo={photo.pk}",
        "thumbnail": renditions[0]["url"] if renditions else None,
        "size": f"{photo.width}\u00d7{photo.height}" if photo.width else "",  # "800 by 600" with the sign
        "status": photo.get_credit_status_display(),
        "fields": fields,
        "warnings": warnings,
        "problems": list(read.get("problems", [])),
    }
