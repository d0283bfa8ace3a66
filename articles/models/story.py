"""Sections, stories and the old addresses a story keeps answering at."""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from articles import body_images
from articles.choices import ArticleStatus, Language
from articles.models.text_fields import StripsControlCharacters, strip_control_characters
from articles.querysets import ArticleQuerySet, public_photo_q
from articles.validators import validate_newsroom_time

# What editors can write in a story body; the same list is the server-side allowlist (nh3), so the editor and
# the cleaner can never disagree about what survives a save.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "ListItem": True,
    "OrderedList": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    # Pictures come from the photo desk only (articles/body_images.py): the photo picker (static/newsroom/
    # photo_picker.js, articles/admin/photo_picker.py) takes the place of Figure's own button, a dialog that took
    # any URL, and inserts a desk photo's rendition as a figure with its caption and credit. Figure and Caption put
    # <figure> and <figcaption> in the editor's schema and the allowlist, so the figure survives a save and being
    # opened again; a picture from anywhere else is still removed on save, figure and all.
    "Figure": True,
    "Image": True,
    "Caption": True,
}


class Section(StripsControlCharacters):
    name = models.CharField(_("name"), max_length=80, unique=True, help_text=_("The name in Indonesian."))
    # The English interface (/en/) shows this name; empty means the Indonesian one is shown there too.
    name_en = models.CharField(
        _("name in English"), max_length=80, blank=True, help_text=_("Leave empty to use the Indonesian name.")
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=_("Used in the section's address."))
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Sections are listed in the site menu from the lowest number up.")
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:section", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        """The name in the language of the page being drawn: English on /en/ when the desk gave one."""
        if self.name_en and translation.get_language() == "en":
            return self.name_en
        return self.name


# What lead_photo_use finds when the story was loaded without with_public_photos() (None is a story without photos).
_UNKNOWN = object()


class EditConflict(Exception):
    """The story was saved by someone else since this copy was loaded; nothing was written."""

    def __init__(self, article: Article) -> None:
        super().__init__(f"Story {article.pk} changed since version {article.version} was loaded.")
        self.article = article


class Article(StripsControlCharacters):
    Status = ArticleStatus
    Language = Language

    # Headline
    kicker = models.CharField(
        _("kicker"), max_length=80, blank=True, help_text=_("A short label above the headline, e.g. “Pemilu 2029”.")
    )
    headline = models.CharField(_("headline"), max_length=300, help_text=_("The headline readers see on the story."))
    dek = models.TextField(
        _("dek / summary"),
        blank=True,
        help_text=_("One or two sentences under the headline; also used in listings and feeds."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        help_text=_("The last part of the story's address. Unique among stories published on the same day."),
    )
    seo_title = models.CharField(
        _("SEO title"),
        max_length=70,
        blank=True,
        help_text=_("Title for search engines (up to 70 characters). Leave empty to use the headline."),
    )
    seo_description = models.CharField(
        _("SEO description"),
        max_length=160,
        blank=True,
        help_text=_("Description for search engines (up to 160 characters). Leave empty to use the dek."),
    )
    social_title = models.CharField(
        _("social title"),
        max_length=120,
        blank=True,
        help_text=_("Title when the story is shared on social media. Leave empty to use the headline."),
    )
    # Chosen among the story's own photos (the story form offers only those); see ``social_photo``.
    social_image = models.ForeignKey(
        "articles.Photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("social image"),
        help_text=_("The picture shown when the story is shared. Leave empty to use the lead photo."),
    )
    # Body
    body = ProseEditorField(
        _("body"), config={"extensions": BODY_EXTENSIONS}, sanitize=True, blank=True, help_text=_("The story text.")
    )
    # Publication
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles", verbose_name=_("section"))
    tags = TaggableManager(_("tags"), blank=True, help_text=_("Topics, people and places the story is about."))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.INDONESIAN)
    status = models.CharField(
        _("status"), max_length=12, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("When the story goes live (Western Indonesian Time). A time ahead schedules it."),
        validators=[validate_newsroom_time],
    )
    expires_at = models.DateTimeField(
        _("expiry time"),
        null=True,
        blank=True,
        help_text=_("Optional. The story leaves the site at this time (Western Indonesian Time)."),
        validators=[validate_newsroom_time],
    )
    embargo_until = models.DateTimeField(
        _("embargo until"),
        null=True,
        blank=True,
        help_text=_("Optional. Nobody can publish or schedule the story to go live before this time."),
        validators=[validate_newsroom_time],
    )
    # Derived from publish_at in Jakarta time on every save: the date in the story's address, kept as a column so
    # the database itself can enforce one slug per day.
    publication_date = models.DateField(_("publication date"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )

    # The add form's one-time token: the same form sent twice (a double click, a resent request) finds the story the
    # first one made instead of creating a second (articles/admin/editing.py).
    submission_token = models.UUIDField(_("submission token"), null=True, blank=True, unique=True, editable=False)

    # Optimistic locking: every save adds one, in an UPDATE that checks it (see _claim_version), so a save made
    # from an older copy of the story is refused instead of silently overwriting a colleague's work.
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Goes up by one at every save. A save started from an older version is refused."),
    )

    objects = ArticleQuerySet.as_manager()

    # Whether save() makes the photos pictured in the body photo uses itself. The story admin turns it off and
    # places them after its photo list is saved, so a photo both listed and pictured in one save is one use.
    places_body_photos = True

    class Meta:
        ordering = ["-publish_at", "-created_at"]
        get_latest_by = "publish_at"
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        # The editorial transitions; groups get them from ``manage.py setup_roles`` (articles/roles.py).
        permissions = [
            ("submit_article", _("Can submit a story for review")),
            ("review_article", _("Can approve a story or send it back")),
            ("publish_article", _("Can publish, schedule and unpublish stories")),
            ("edit_any_article", _("Can edit stories by anyone, in any state")),
            ("view_reports", _("Can see editorial reports")),
            ("restore_revision", _("Can restore an earlier revision of a story")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["publication_date", "slug"],
                name="article_unique_slug_per_date",
                violation_error_message=_("Another story published on this day already has this slug."),
            ),
            models.CheckConstraint(condition=~Q(headline=""), name="article_headline_not_empty"),
            models.CheckConstraint(condition=~Q(slug=""), name="article_slug_not_empty"),
            models.CheckConstraint(
                condition=~Q(status=ArticleStatus.PUBLISHED) | Q(publish_at__isnull=False),
                name="article_published_has_time",
                violation_error_message=_("A published story needs a publish time."),
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(publish_at__isnull=True) | Q(expires_at__gt=F("publish_at")),
                name="article_expires_after_publication",
                violation_error_message=_("The expiry time must come after the publish time."),
            ),
        ]
        indexes = [
            # Readers' listings, newest first: published() (state, publish time, expiry) and the listings' order
            # (publish time, then id) in one index, so a listing's count, and the stories a deep page skips over,
            # are read from the index alone, and no page sorts (issue 22: page 80 as fast as page 1).
            models.Index(fields=["status", "-publish_at", "-id", "expires_at"], name="article_published_order_idx"),
            # The same per section: section pages and the front page's section blocks.
            models.Index(
                fields=["section", "status", "-publish_at", "-id", "expires_at"], name="article_section_order_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs) -> None:
        # Control characters first (the pre_save receiver comes too late for the sanitizer, which cannot read a lone
        # surrogate), then the body is cleaned on every save, not only in forms, so no code path can store unsafe HTML.
        strip_control_characters(self)
        self.body = self._meta.get_field("body").sanitize(self.body or "")
        # Then pictures: only the photo desk's renditions stay, and their photos become the story's (credit gate).
        self.body, pictured = body_images.clean_story_body(self.body)
        self.publication_date = self._newsroom_date()
        old_address = getattr(self, "_loaded_address", None)
        with transaction.atomic():
            self._claim_version(force_insert=kwargs.get("force_insert", False))
            super().save(*args, **kwargs)
            if self.places_body_photos:
                body_images.place_pictured_photos(self, pictured)
            self.pictured_photo_ids = pictured
            new_address = self._public_address()
            if old_address and new_address and old_address != new_address:
                ArticleRedirect.remember(article=self, publication_date=old_address[0], slug=old_address[1])
        self._loaded_address = new_address if new_address else old_address

    def get_absolute_url(self) -> str:
        day = self.publication_date or timezone.localdate()
        return reverse(
            "articles:detail",
            kwargs={"year": day.year, "month": day.month, "day": day.day, "slug": self.slug},
        )

    def _claim_version(self, *, force_insert=False) -> None:
        """The optimistic check, with public API only: ``UPDATE … SET version = version + 1 WHERE id = %s AND
        version = %s`` in the save's transaction, before the row is written. It matches no row when someone saved
        since this copy was loaded: then nothing is written and EditConflict says so. The claimed row stays locked
        until the save commits, so no second save can slip in between. A story whose row is gone (a deleted story
        being recovered) is inserted as it is; a new story has nothing to claim."""
        if self.pk is None or force_insert:
            return
        claimed = type(self)._base_manager.filter(pk=self.pk, version=self.version).update(version=F("version") + 1)
        if claimed:
            self.version += 1
        elif type(self)._base_manager.filter(pk=self.pk).exists():
            raise EditConflict(self)

    def clean(self) -> None:
        super().clean()
        self.publication_date = self._newsroom_date()

    def validate_unique(self, exclude=None) -> None:
        super().validate_unique(self._checking_derived_date(exclude))

    def validate_constraints(self, exclude=None) -> None:
        super().validate_constraints(self._checking_derived_date(exclude))

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remember the address the story was loaded with, so a save can leave a redirect behind (see save()).
        # With deferred fields (.only()) there is nothing to remember, and reading them here would reload the row.
        address_fields = {"status", "publication_date", "slug"}
        instance._loaded_address = instance._public_address() if address_fields <= set(field_names) else None
        return instance

    @staticmethod
    def _checking_derived_date(exclude):
        # publication_date is derived and never in a form, so Django would skip the one-slug-per-day constraint;
        # check it whenever the fields it is derived from are being validated.
        if exclude and "publication_date" in exclude and not {"slug", "publish_at"} & set(exclude):
            return set(exclude) - {"publication_date"}
        return exclude

    def _newsroom_date(self):
        # The day is always the newsroom's (Jakarta), whatever time zone the request or command runs in.
        return timezone.localdate(self.publish_at, timezone.get_default_timezone()) if self.publish_at else None

    def _public_address(self) -> tuple | None:
        if self.status == ArticleStatus.PUBLISHED and self.publication_date and self.slug:
            return (self.publication_date, self.slug)
        return None

    def get_preview_url(self) -> str:
        return reverse("articles:preview", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        """The same rule as ArticleQuerySet.published(), for one story already in memory."""
        now = timezone.now()
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    @property
    def is_scheduled(self) -> bool:
        """Published, with a publish time still ahead: lists show it as “Scheduled”."""
        return (
            self.status == ArticleStatus.PUBLISHED and self.publish_at is not None and self.publish_at > timezone.now()
        )

    @property
    def display_title(self) -> str:
        return self.seo_title or self.headline

    @property
    def ordered_bylines(self) -> list:
        # Uses the prefetched bylines of ArticleQuerySet.for_listing() when they are there.
        return sorted(self.bylines.all(), key=lambda byline: byline.order)

    @property
    def public_photos(self) -> list:
        """This story's photos readers may see, in order (prefetched by for_listing(), else one query)."""
        uses = getattr(self, "public_photo_uses", None)
        if uses is None:
            uses = list(
                self.photo_uses.filter(public_photo_q(prefix="photo__")).select_related("photo").order_by("order")
            )
        return uses

    @property
    def social_photo(self):
        """The photo to show when the story is shared (for og:image): the chosen social image while the story still
        uses it and readers may see it, else the first public photo — the lead's, or while the lead is withdrawn
        another public photo of the story, which a shared card may show (the page itself promotes none to lead);
        None when readers may see no photo of the story."""
        uses = self.public_photos
        chosen = next((use.photo for use in uses if use.photo_id == self.social_image_id), None)
        if chosen is not None:
            return chosen
        return uses[0].photo if uses else None

    @property
    def lead_photo_use(self):
        """The story's use in first place (lowest order) while readers may see its photo, else None.

        The lead is the editor's choice: when its photo is not public (credit back to pending, rights expired) the
        story shows no lead rather than promote the next photo in its place. ``with_public_photos()`` annotates the
        photo in first place (no query); else it costs one."""
        first_place = getattr(self, "first_place_photo_id", _UNKNOWN)
        if first_place is _UNKNOWN:
            first_place = self.photo_uses.order_by("order").values_list("photo_id", flat=True).first()
        photos = self.public_photos
        return photos[0] if photos and photos[0].photo_id == first_place else None


class ArticleRedirect(models.Model):
    """An address a published story used to have. The story answers there with a permanent redirect."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="redirects", verbose_name=_("story"))
    publication_date = models.DateField(_("old publication date"))
    slug = models.SlugField(_("old slug"), max_length=200)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("old story address")
        verbose_name_plural = _("old story addresses")
        constraints = [
            models.UniqueConstraint(fields=["publication_date", "slug"], name="article_redirect_unique_address")
        ]

    def __str__(self) -> str:
        return f"{self.publication_date:%Y/%m/%d}/{self.slug}"

    @classmethod
    def remember(cls, *, article: Article, publication_date, slug: str) -> None:
        cls.objects.update_or_create(publication_date=publication_date, slug=slug, defaults={"article": article})
        # The story may have moved back to an address it had before; that address is live again, not a redirect.
        cls.objects.filter(article=article, publication_date=article.publication_date, slug=article.slug).delete()
