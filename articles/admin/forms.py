"""Admin forms that need more than a ModelAdmin declaration."""

import uuid

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget, AdminSplitDateTime, AutocompleteSelectMultiple
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from taggit.utils import parse_tags

from articles.admin.writing_aids import WritingAidsFormMixin
from articles.models import Article, EditorialNote, Photo
from articles.photos.uploads import accept_photo_file
from articles.services import revisions, workflow
from articles.services.photo_credits import metadata_from_file, original_filename
from articles.validators import validate_newsroom_time


class ArticleAdminForm(WritingAidsFormMixin, forms.ModelForm):
    """Tags picked with autocomplete from the existing ones, plus a box for new ones.

    An autocomplete keeps editors on the tags the desk already uses (no “Jakpus” beside “Jakarta Pusat” by typo),
    while the second box still lets them start a new topic.

    A hidden field carries the version of the story the editor opened, so a save made after a colleague's is
    refused with what the colleague changed (see ``_check_version``).
    """

    tags = forms.ModelMultipleChoiceField(
        label=_("Tags"),
        queryset=Tag.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Article._meta.get_field("tags"), admin.site),
        help_text=_("Start typing to find an existing tag."),
    )
    new_tags = forms.CharField(
        label=_("New tags"),
        required=False,
        max_length=500,
        help_text=_("Tags that do not exist yet, separated by commas."),
    )
    base_version = forms.IntegerField(
        label=_("Version you opened"),
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        help_text=_("Filled in when the story is opened; a save from an older version than the story's is refused."),
    )

    add_form_token = forms.UUIDField(
        label=_("Form token"),
        required=False,
        widget=forms.HiddenInput,
        help_text=_("Made when the add form is opened; the same form sent twice makes one story."),
    )

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007  (the ModelAdmin's fieldsets choose the fields)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_version"].initial = self.instance.version
        if self.instance.pk is None:
            self.fields["add_form_token"].initial = uuid.uuid4()

    def clean(self):
        cleaned_data = super().clean()
        self._check_version(cleaned_data)
        new_names = parse_tags(cleaned_data.get("new_tags", ""))
        too_long = [name for name in new_names if len(name) > 100]
        if too_long:
            self.add_error(
                "new_tags", forms.ValidationError(_("A tag can have at most 100 characters."), code="max_length")
            )
        self._check_embargo(cleaned_data)
        # TaggableManager.save_form_data accepts Tag objects and names alike.
        cleaned_data["tags"] = [*cleaned_data.get("tags", []), *new_names]
        return cleaned_data

    def _check_version(self, cleaned_data) -> None:
        # Optimistic locking. The conditional UPDATE in Article.save() is the guarantee; this check is the part
        # people see. It runs inside the admin's transaction before anything is saved, so no inline is saved
        # either, and it says who saved meanwhile and what they changed. The editor's text stays in the form.
        if self.instance.pk is None:
            return
        base = cleaned_data.get("base_version")
        if base is None:
            self.add_error(
                None,
                forms.ValidationError(
                    _("The form did not say which version of the story it was opened at; open the story again."),
                    code="no_version",
                ),
            )
            return
        # The UPDATE checks the version the editor opened, not the one loaded for this request.
        self.instance.version = base
        current = revisions.current_version(self.instance.pk)
        if current is not None and current != base:
            conflict = revisions.describe_conflict(self.instance.pk, base)
            self.add_error(None, forms.ValidationError(conflict_message(self.instance, conflict), code="conflict"))

    def _check_embargo(self, cleaned_data) -> None:
        # A published story's time may be edited here (the workflow set it first); never to before its embargo.
        instance = self.instance
        publish_at = cleaned_data.get("publish_at", instance.publish_at)
        embargo = cleaned_data.get("embargo_until", instance.embargo_until)
        if instance.status != Article.Status.PUBLISHED:
            return
        refusal = workflow.embargo_refusal(embargo_until=embargo, goes_live=publish_at)
        if refusal:
            self.add_error(
                "publish_at" if "publish_at" in self.fields else None, forms.ValidationError(refusal, code="embargo")
            )


def conflict_message(article: Article, conflict: revisions.Conflict) -> str:
    """The refusal an editor reads when a colleague saved the story after they opened it."""
    who = get_text_list(conflict.savers, _("and")) if conflict.savers else _("Someone")
    when = formats.date_format(timezone.localtime(conflict.saved_at), "DATETIME_FORMAT") if conflict.saved_at else ""
    changed = ", ".join(conflict.changed) if conflict.changed else _("see the history")
    message = format_html(
        _(
            "{who} saved this story ({when}) after you opened it, changing: {changed}. Nothing was saved, so "
            "nothing of theirs was overwritten, and your changes are still in this form: open the story again "
            "in a new tab, apply them there and save."
        ),
        who=who,
        when=when,
        changed=changed,
    )
    if conflict.base and conflict.latest:
        url = reverse("admin:articles_article_compare", args=[article.pk])
        query = urlencode({"old": conflict.base.pk, "new": conflict.latest.pk})
        message = format_html('{} <a href="{}?{}">{}</a>', message, url, query, _("See their changes."))
    return message


class EditorialNoteForm(forms.ModelForm):
    """The small form under a story's change page: one internal note, signed and dated by the admin."""

    class Meta:
        model = EditorialNote
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "cols": 80})}


class PhotoAdminForm(forms.ModelForm):
    # A plain file field: Django's ImageField would hand every upload to all of Pillow's decoders before our own
    # check, which accepts only the formats we publish and counts every frame's pixels.
    image = forms.FileField(
        label=_("Image"),
        required=False,
        # The admin's own file widget (current file, clear box and new file laid out as the admin does).
        widget=AdminFileWidget(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif,image/avif"}),
        help_text=_("JPEG, PNG, WebP, GIF or AVIF, up to 20 MB and 50 megapixels."),
    )
    # Hidden until a rights-expiry date already past is typed (see clean): then shown, to confirm it.
    confirm_past_expiry = forms.BooleanField(
        label=_("Remove it from readers' pages now"),
        required=False,
        widget=forms.HiddenInput,
        help_text=_("The expiry date has passed: saved with it, the photo disappears from readers' pages at once."),
    )

    class Meta:
        model = Photo
        fields = "__all__"  # noqa: DJ007  (the ModelAdmin's fieldsets choose the fields)

    read_metadata = None
    # Set by PhotoAdmin when storing this upload failed (disk full, unwritable media folder) and everything was rolled
    # back: the form is shown again with the editor's data and the reason on the image field.
    storage_failure = None

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if self.storage_failure is not None:
            raise forms.ValidationError(
                "%(failure)s %(advice)s",
                code="storage_failed",
                params={
                    "failure": self.storage_failure.message,
                    "advice": _("Your other changes are still in the form: choose the image file again to save."),
                },
            )
        # False means "clear", a stored FieldFile means unchanged: only a new upload needs checking.
        if upload and not getattr(upload, "_committed", False):
            # The name on the uploader's computer, kept for search before the check gives the file a neutral one.
            self.instance.original_filename = original_filename(upload.name)
            accept_photo_file(upload)
            # What the file says about its credit; the admin fills empty fields from it and shows it beside them.
            self.read_metadata = metadata_from_file(upload)
        return upload

    def clean(self):
        cleaned_data = super().clean()
        expires = cleaned_data.get("rights_expire_at")
        # Only a date being typed now: a photo whose rights expired earlier stays editable. A date out of the
        # newsroom's range is the model's error to tell (it runs after this).
        past = expires is not None and "rights_expire_at" in self.changed_data and expires <= timezone.now()
        if past and _in_range(expires) and not cleaned_data.get("confirm_past_expiry"):
            self.fields["confirm_past_expiry"].widget = forms.CheckboxInput()
            self.add_error(
                "rights_expire_at",
                forms.ValidationError(
                    _(
                        "This date has already passed: the photo disappears from readers' pages as soon as it is "
                        "saved. Tick “Remove it from readers' pages now” below and save again, or correct the date."
                    ),
                    code="past_expiry",
                ),
            )
        return cleaned_data


def _in_range(moment) -> bool:
    try:
        validate_newsroom_time(moment)
    except forms.ValidationError:
        return False
    return True


class TransitionForm(forms.Form):
    """The small form behind each workflow button: a note, and a time for “Schedule”."""

    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2, "cols": 40})
    )
    publish_at = forms.SplitDateTimeField(
        label=_("Goes live at (WIB)"), required=False, widget=AdminSplitDateTime, validators=[validate_newsroom_time]
    )

    def __init__(self, *args, transition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        if transition is not None and not transition.needs_time:
            del self.fields["publish_at"]
        if transition is not None and transition.needs_note:
            self.fields["note"].required = True
            self.fields["note"].help_text = _("Say what needs to change; the author sees this note.")

    def clean_publish_at(self):
        moment = self.cleaned_data.get("publish_at")
        if self.transition is not None and self.transition.needs_time:
            if moment is None:
                raise forms.ValidationError(_("Choose when the story should go live."), code="required")
            if moment <= timezone.now():
                raise forms.ValidationError(_("The time to schedule must be in the future."), code="past")
        return moment
