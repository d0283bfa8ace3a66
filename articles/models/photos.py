"""Photos with their credits, and how a story uses them."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.choices import CreditStatus, LicenceType
from articles.models.text_fields import StripsControlCharacters
from articles.querysets import PhotoQuerySet
from articles.validators import validate_newsroom_time

_KNOWN_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"}


def photo_upload_to(instance: Photo, filename: str) -> str:
    """A generated name under the month's folder: a user-supplied file name never becomes a path on disk."""
    extension = PurePath(filename).suffix.lower()
    if extension not in _KNOWN_EXTENSIONS:
        extension = ".img"
    return f"photos/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class RenditionsState(models.TextChoices):
    """Where the web renditions of a photo's current image are (made by a background task, articles/tasks.py)."""

    NONE = "", _("not asked for")
    PENDING = "pending", _("being made")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


class Photo(StripsControlCharacters):
    CreditStatus = CreditStatus
    LicenceType = LicenceType
    RenditionsState = RenditionsState

    image = models.ImageField(
        _("image"),
        upload_to=photo_upload_to,
        blank=True,
        width_field="width",
        height_field="height",
        help_text=_("May stay empty until the photo desk attaches the file."),
    )
    width = models.PositiveIntegerField(_("width"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True, editable=False)
    caption = models.TextField(_("caption"), blank=True, help_text=_("What the photo shows, without the credit."))
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("The name readers see after “Foto:”, e.g. “Dwi Arif” or “ANTARA FOTO/Budi Santoso”."),
    )
    source = models.CharField(
        _("source / agency"), max_length=120, blank=True, help_text=_("The agency or outlet, e.g. “ANTARA”.")
    )
    copyright_notice = models.CharField(
        _("copyright notice"), max_length=255, blank=True, help_text=_("e.g. “© 2026 Newsroom”.")
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=255,
        blank=True,
        help_text=_("Describes the picture for readers who cannot see it. Do not repeat the caption."),
    )
    credit_status = models.CharField(
        _("credit status"),
        max_length=12,
        choices=CreditStatus.choices,
        default=CreditStatus.PENDING,
        db_index=True,
        help_text=_("Readers see the photo only once the photo desk has approved its credit."),
    )
    moderation_note = models.TextField(
        _("moderation note"),
        blank=True,
        help_text=_("Why the photo desk rejected the credit or what information it needs."),
    )
    licence_type = models.CharField(_("licence"), max_length=10, choices=LicenceType.choices, default=LicenceType.STAFF)
    usage_terms = models.TextField(
        _("usage terms"), blank=True, help_text=_("Restrictions from the licence, e.g. “Editorial use only”.")
    )
    rights_expire_at = models.DateTimeField(
        _("rights expire"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Optional. The photo disappears from readers' pages at this time (Western Indonesian Time)."),
        validators=[validate_newsroom_time],
    )
    photographer = models.ForeignKey(
        "articles.Contributor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name=_("photographer"),
        help_text=_("Linked automatically when the credit names a known photographer."),
    )
    # A credit naming more than one contributor links to none of them: the candidates wait here for the desk to choose.
    credit_candidates = models.ManyToManyField(
        "articles.Contributor",
        blank=True,
        related_name="+",
        verbose_name=_("possible photographers"),
        help_text=_("The credit matches several contributors: choose the photographer above."),
    )
    agency = models.ForeignKey(
        "articles.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name=_("agency"),
        help_text=_("Found from the credit or the file's Source; gives the photo the agency's licence and terms."),
    )
    # The name the file had on the uploader's computer (the stored name is generated): kept for search.
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True, editable=False)
    # What the file itself says (IPTC/XMP/EXIF), kept beside what editors typed so the desk can compare.
    file_metadata = models.JSONField(_("metadata read from the file"), default=dict, blank=True, editable=False)
    # Web renditions made once (see articles.photos.renditions): width → {"url", "width", "height"}.
    renditions = models.JSONField(_("renditions"), default=dict, blank=True, editable=False)
    # The background task that makes them: its state, the last error and how many attempts it took.
    renditions_state = models.CharField(
        _("rendition state"),
        max_length=8,
        choices=RenditionsState.choices,
        default=RenditionsState.NONE,
        blank=True,
        editable=False,
    )
    renditions_error = models.TextField(_("renditions error"), blank=True, editable=False)
    renditions_attempts = models.PositiveSmallIntegerField(_("rendition attempts"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        permissions = [("moderate_photo", _("Can approve or reject photo credits"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(credit_status=CreditStatus.APPROVED) | ~Q(credit=""),
                name="photo_approved_credit_not_empty",
                violation_error_message=_("A credit must be filled in before it can be approved."),
            )
        ]

    def __str__(self) -> str:
        label = self.caption[:60] or _("Photo %(pk)s") % {"pk": self.pk}
        return f"{label} ({self.credit})" if self.credit else str(label)


class ArticlePhoto(StripsControlCharacters):
    """A photo placed in a story. The one in first place is the story's lead photo."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="photo_uses", verbose_name=_("story")
    )
    photo = models.ForeignKey(Photo, on_delete=models.PROTECT, related_name="uses", verbose_name=_("photo"))
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("The photo with the lowest number is the lead photo.")
    )
    caption = models.TextField(
        _("caption in this story"),
        blank=True,
        help_text=_("Leave empty to use the photo's own caption."),
    )

    class Meta:
        ordering = ["article", "order"]
        verbose_name = _("story photo")
        verbose_name_plural = _("story photos")
        constraints = [
            models.UniqueConstraint(fields=["article", "order"], name="article_photo_unique_order"),
            models.UniqueConstraint(fields=["article", "photo"], name="article_photo_unique_photo"),
        ]

    def __str__(self) -> str:
        return str(self.photo)

    @property
    def display_caption(self) -> str:
        return self.caption or self.photo.caption
