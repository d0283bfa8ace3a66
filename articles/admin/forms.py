"""Admin forms that need more than a ModelAdmin declaration."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime, AutocompleteSelectMultiple
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from taggit.utils import parse_tags

from articles.models import Article, Photo
from articles.photos.uploads import accept_photo_file
from articles.services.photo_credits import metadata_from_file


class ArticleAdminForm(forms.ModelForm):
    """Tags picked with autocomplete from the existing ones, plus a box for new ones.

    An autocomplete keeps editors on the tags the desk already uses (no “Jakpus” beside “Jakarta Pusat” by typo),
    while the second box still lets them start a new topic.
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

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007  (the ModelAdmin's fieldsets choose the fields)

    def clean(self):
        cleaned_data = super().clean()
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

    def _check_embargo(self, cleaned_data) -> None:
        # A published story's time may be edited here (the workflow set it first); never to before its embargo.
        instance = self.instance
        publish_at = cleaned_data.get("publish_at", instance.publish_at)
        embargo = cleaned_data.get("embargo_until", instance.embargo_until)
        if instance.status == Article.Status.PUBLISHED and publish_at and embargo and publish_at < embargo:
            self.add_error(
                "publish_at" if "publish_at" in self.fields else None,
                forms.ValidationError(
                    _("The story is under embargo until %(time)s; it cannot go live before then."),
                    code="embargo",
                    params={"time": formats.date_format(timezone.localtime(embargo), "DATETIME_FORMAT")},
                ),
            )


class PhotoAdminForm(forms.ModelForm):
    # A plain file field: Django's ImageField would hand every upload to all of Pillow's decoders before our own
    # check, which accepts only the formats we publish and counts every frame's pixels.
    image = forms.FileField(
        label=_("Image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif,image/avif"}),
        help_text=_("JPEG, PNG, WebP, GIF or AVIF, up to 20 MB and 50 megapixels."),
    )

    class Meta:
        model = Photo
        fields = "__all__"  # noqa: DJ007  (the ModelAdmin's fieldsets choose the fields)

    read_metadata = None

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        # False means "clear", a stored FieldFile means unchanged: only a new upload needs checking.
        if upload and not getattr(upload, "_committed", False):
            accept_photo_file(upload)
            # What the file says about its credit; the admin fills empty fields from it and shows it beside them.
            self.read_metadata = metadata_from_file(upload)
        return upload


class TransitionForm(forms.Form):
    """The small form behind each workflow button: a note, and a time for “Schedule”."""

    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2, "cols": 40})
    )
    publish_at = forms.SplitDateTimeField(label=_("Goes live at (WIB)"), required=False, widget=AdminSplitDateTime)

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
