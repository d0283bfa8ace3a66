"""The body editor's photo picker: the search its dialog asks (static/newsroom/photo_picker.js) and the hooks that put
the script on the story form.

The picker replaces the editor's free-URL image button: a story body may picture only the photo desk's renditions
(articles/body_images.py), so the picker offers only photos that have them and inserts one as a ``<figure>`` with
its caption and credit. Saving the story makes the photo one of the story's photo uses, so the credit gate covers it
like any other: a photo still waiting for the desk holds the story back and never reaches readers.

Who may search: whoever may place a photo in the story (``access.can_place_photos``: a reporter in their own draft,
the photo desk and editors in any story) and may see photos. The answer never names an original file, only
renditions.
"""

from __future__ import annotations

import re
from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import smart_split
from django.utils.translation import gettext as _

from articles import access
from articles.models import Article, Photo
from articles.photos.renditions import sorted_renditions
from articles.text.credits import format_credit

# One dialog's worth: the desk searches rather than scrolls.
RESULTS = 24
# Words beyond these are ignored (each word is one more condition, as in the admin's lists).
MAX_WORDS = 8
# The rendition a body picture uses: the widest up to the story column's size on a large screen (readers' pages
# show a body picture with no srcset, so this one file serves every screen).
BODY_PICTURE_WIDTH = 960
SEARCHED_FIELDS = ("caption", "credit", "source", "alt_text", "original_filename")
# What an entry reads (not the file's metadata, which can be large).
PICKER_FIELDS = ("caption", "credit", "alt_text", "credit_status", "renditions")


def usable_photos(*, now=None) -> QuerySet:
    """Photos a story body may picture: an image with its web renditions made, a credit the desk has not rejected
    and rights still valid. A credit still pending is offered: the publish gate holds the story until it is
    approved."""
    now = now or timezone.now()
    return (
        Photo.objects.exclude(image="")
        .exclude(credit_status=Photo.CreditStatus.REJECTED)
        .filter(renditions_state=Photo.RenditionsState.READY)
        .exclude(renditions={})
        .filter(Q(rights_expire_at__isnull=True) | Q(rights_expire_at__gt=now))
    )


def search_photos(query: str) -> QuerySet:
    """Usable photos whose caption, credit, source, alt text or original file name has every word of ``query``."""
    photos = usable_photos()
    # A NUL cannot be in a PostgreSQL string: it would be a server error rather than no match.
    for word in list(smart_split(query.replace("\x00", "")))[:MAX_WORDS]:
        word = word.strip("\"'")
        if word:
            photos = photos.filter(reduce(or_, (Q(**{f"{name}__icontains": word}) for name in SEARCHED_FIELDS)))
    return photos.order_by("-created_at", "-pk")


def picker_entry(photo: Photo, language: str) -> dict | None:
    """What the dialog shows and inserts for one photo; None when it has no rendition (never the original)."""
    renditions = sorted_renditions(photo)
    if not renditions:
        return None
    thumbnail = renditions[0]
    fitting = [rendition for rendition in renditions if rendition["width"] <= BODY_PICTURE_WIDTH]
    picture = fitting[-1] if fitting else renditions[0]
    return {
        "id": photo.pk,
        "thumbnail": {key: thumbnail[key] for key in ("url", "width", "height")},
        "src": picture["url"],
        "caption": photo.caption,
        "alt": photo.alt_text or photo.caption,
        "credit": photo.credit,
        "credit_line": format_credit(photo.credit, language) if photo.credit.strip() else "",
        "credit_status": photo.credit_status,
        "credit_status_label": str(photo.get_credit_status_display()),
    }


class StoryPhotoPickerMixin:
    """For ArticleAdmin: the picker's search address, and the script on the story form's body editor."""

    def get_urls(self):
        return [
            path(
                "photo-picker/",
                self.admin_site.admin_view(self.photo_picker_view),
                name="articles_article_photo_picker",
            ),
            *super().get_urls(),
        ]

    def photo_picker_view(self, request):
        """``?story=<id>&q=<words>``: the photos this user may place in that story (a new story without ``story``)."""
        article = self._picker_story(request)
        photos = search_photos(request.GET.get("q", "")).only(*PICKER_FIELDS)
        photos = list(photos[: RESULTS + 1])
        language = article.language if article is not None else Article._meta.get_field("language").default
        entries = [entry for photo in photos[:RESULTS] if (entry := picker_entry(photo, language))]
        return JsonResponse({"photos": entries, "more": len(photos) > RESULTS})

    def _picker_story(self, request) -> Article | None:
        user = request.user
        if not user.has_perm("articles.view_photo"):
            raise PermissionDenied
        story_id = request.GET.get("story", "")
        if not story_id:
            # A story being written: whoever may write stories, or place photos in any story.
            if not (access.can_edit(user, None) or access.places_photos_in_every_story(user)):
                raise PermissionDenied
            return None
        # ASCII digits only, and few enough for any database's integer ("²" is a digit to str.isdigit()).
        if not re.fullmatch(r"[0-9]{1,9}", story_id):
            raise Http404(_("No such story."))
        article = access.visible_articles(user).filter(pk=story_id).first()
        if article is None:
            raise Http404(_("No such story."))
        if not access.can_place_photos(user, article):
            raise PermissionDenied
        return article

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        if "body" not in form_class.base_fields or not self.has_change_permission(request, obj):
            return form_class
        # A subclass made here, for this request: its fields are its own (a model form's class builds them anew).
        form_class = type(form_class.__name__, (form_class,), {"Media": PhotoPickerMedia})
        address = reverse("admin:articles_article_photo_picker")
        if obj is not None and obj.pk is not None:
            address += "?" + urlencode({"story": obj.pk})
        form_class.base_fields["body"].widget.attrs["data-photo-picker"] = address
        return form_class


class PhotoPickerMedia:
    """The picker's script and style (static files: the admin's CSP allows no inline script or style)."""

    css = {"all": ["newsroom/photo_picker.css"]}
    js = ["newsroom/photo_picker.js"]
