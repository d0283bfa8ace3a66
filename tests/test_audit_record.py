"""The record (finding 3): every change readers can see, every change of a group's permissions and every refused
attempt is an audit entry — who, when, what, before → after, kept as data — and the audit log shows it in words."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles import access, audit
from articles.models import Article, ArticlePhoto, AuditEntry, BreakingNews, FrontPagePin, Quote
from articles.services import moderation, workflow
from tests.conftest import admin_form_data, inline_management

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action
LOG = "admin:articles_auditentry_changelist"


def wib(moment) -> str:
    """How the record writes a time: newsroom time, to the minute."""
    return f"{timezone.localtime(moment, timezone.get_default_timezone()):%Y-%m-%d %H:%M}"


def split_time(name: str, moment) -> dict:
    local = timezone.localtime(moment)
    return {f"{name}_0": f"{local:%Y-%m-%d}", f"{name}_1": f"{local:%H:%M:%S}"}


def listed(client, **query):
    return list(client.get(reverse(LOG), query).context["cl"].result_list)


# --- photos and their placements, from the photo admin -----------------------------------------------------------


def test_a_caption_and_credit_changed_in_the_photo_admin_are_recorded(client, people, make_photo):
    """Changing a photo's caption and credit from the photo admin leaves an entry with before → after as data."""
    photo = make_photo(caption="Warga menonton pawai", credit="Dwi Arif")
    client.force_login(people["photo_desk"])
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    data = admin_form_data(client.get(url), caption="Warga menonton karnaval", credit="Budi Santoso")
    assert client.post(url, data).status_code == 302

    entry = AuditEntry.objects.get(action=Action.PHOTO_CHANGED)
    assert (entry.target, entry.user) == (photo, people["photo_desk"])
    assert entry.changes == {
        "caption": ["Warga menonton pawai", "Warga menonton karnaval"],
        "credit": ["Dwi Arif", "Budi Santoso"],
    }
    assert audit.describe_changes(entry) == [
        "Caption: “Warga menonton pawai” → “Warga menonton karnaval”",
        "Credit: “Dwi Arif” → “Budi Santoso”",
    ]
    # The credit going back to the queue is still its own entry.
    assert AuditEntry.objects.filter(action=Action.CREDIT_CHANGED, object_id=photo.pk).exists()


def test_saving_a_photo_unchanged_records_nothing(client, people, make_photo):
    """A photo form saved as it was is no change readers see, so it leaves no entry."""
    photo = make_photo()
    client.force_login(people["photo_desk"])
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    assert client.post(url, admin_form_data(client.get(url))).status_code == 302
    assert not AuditEntry.objects.exists()


def test_placing_moving_and_removing_a_photo_from_the_photo_admin_are_recorded_on_the_story(
    client, people, make_article, make_photo
):
    """Each placement change made from the photo's page is an entry on the story, beside the story's revision."""
    article = make_article()
    photo = make_photo()
    name = str(photo)
    client.force_login(people["photo_desk"])
    url = reverse("admin:articles_photo_change", args=[photo.pk])

    data = admin_form_data(client.get(url), **inline_management("uses", 1))
    data.update({"uses-0-article": article.pk, "uses-0-order": "2", "uses-0-caption": ""})
    assert client.post(url, data).status_code == 302
    data = admin_form_data(client.get(url), **{"uses-0-order": "3", "uses-0-caption": "Di Monas"})
    assert client.post(url, data).status_code == 302
    data = admin_form_data(client.get(url), **{"uses-0-DELETE": "on"})
    assert client.post(url, data).status_code == 302

    assert not ArticlePhoto.objects.exists()
    entries = AuditEntry.objects.filter(action=Action.PLACEMENT_CHANGED).order_by("pk")
    assert {(entry.target, entry.user) for entry in entries} == {(article, people["photo_desk"])}
    assert [entry.changes for entry in entries] == [
        {"photo": ["", name], "order": ["", "2"]},
        {"order": ["2", "3"], "caption": ["", "Di Monas"]},
        {"photo": [name, ""], "order": ["3", ""], "caption": ["Di Monas", ""]},
    ]
    assert audit.describe_changes(entries[1]) == ["Order: “2” → “3”", "Caption in this story: — → “Di Monas”"]
    assert all(entry.note == name for entry in entries)
    # The story keeps its revision for each of them too.
    assert Article.objects.get(pk=article.pk).version == article.version + 3


def test_moving_a_placement_to_another_story_is_recorded_on_both(client, people, make_article, make_photo):
    """A placement moved from one story to another leaves an entry on the story it left and on the one it joined."""
    first, second = make_article(), make_article()
    photo = make_photo()
    ArticlePhoto.objects.create(article=first, photo=photo, order=0)
    client.force_login(people["editor"])
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    assert client.post(url, admin_form_data(client.get(url), **{"uses-0-article": second.pk})).status_code == 302

    entries = {entry.object_id: entry.changes for entry in AuditEntry.objects.filter(action=Action.PLACEMENT_CHANGED)}
    assert entries == {
        first.pk: {"photo": [str(photo), ""], "order": ["0", ""]},
        second.pk: {"photo": ["", str(photo)], "order": ["", "0"]},
    }


# --- the front page ----------------------------------------------------------------------------------------------


def test_a_pin_added_changed_and_deleted_is_recorded(client, people, make_article):
    """Adding, changing and deleting a front-page pin are three entries, with the slot shown by its label."""
    article = make_article(headline="Banjir di Kenanga")
    client.force_login(people["editor"])
    add = {
        "slot": "top",
        "section": "",
        "article": article.pk,
        "order": "1",
        "pinned_until_0": "",
        "pinned_until_1": "",
    }
    assert client.post(reverse("admin:articles_frontpagepin_add"), add).status_code == 302
    pin = FrontPagePin.objects.get()
    change_url = reverse("admin:articles_frontpagepin_change", args=[pin.pk])
    assert client.post(change_url, admin_form_data(client.get(change_url), slot="lead", order="2")).status_code == 302
    delete_url = reverse("admin:articles_frontpagepin_delete", args=[pin.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302

    assert not FrontPagePin.objects.exists()
    entries = list(AuditEntry.objects.filter(object_id=pin.pk).order_by("pk"))
    assert [(e.action, e.user, e.changes) for e in entries] == [
        (
            Action.PIN_ADDED,
            people["editor"],
            {"article": ["", "Banjir di Kenanga"], "slot": ["", "top"], "order": ["", "1"]},
        ),
        (Action.PIN_CHANGED, people["editor"], {"slot": ["top", "lead"], "order": ["1", "2"]}),
        (
            Action.PIN_REMOVED,
            people["editor"],
            {"article": ["Banjir di Kenanga", ""], "slot": ["lead", ""], "order": ["2", ""]},
        ),
    ]
    assert audit.describe_changes(entries[1]) == ["Slot: “Top stories” → “Lead story”", "Order: “1” → “2”"]


def test_a_pin_changed_in_the_list_is_recorded(client, people, make_article):
    """A pin's order changed in the front-page list (editable columns) is an entry too."""
    pin = FrontPagePin.objects.create(article=make_article(), slot="top", order=1)
    client.force_login(people["editor"])
    url = reverse("admin:articles_frontpagepin_changelist")
    data = {
        **inline_management("form", 0),
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": pin.pk,
        "form-0-slot": "top",
        "form-0-section": "",
        "form-0-order": "5",
        "form-0-pinned_until_0": "",
        "form-0-pinned_until_1": "",
        "_save": "Save",
    }
    assert client.post(url, data).status_code == 302
    assert AuditEntry.objects.get(action=Action.PIN_CHANGED, object_id=pin.pk).changes == {"order": ["1", "5"]}


def test_a_banner_added_and_changed_is_recorded(client, people):
    """Adding a breaking-news banner and changing its text are entries with the times in newsroom time."""
    client.force_login(people["editor"])
    starts, ends = timezone.now().replace(second=0, microsecond=0), timezone.now() + timedelta(hours=2)
    ends = ends.replace(second=0, microsecond=0)
    data = {
        "text": "Banjir di Kenanga",
        "article": "",
        **split_time("starts_at", starts),
        **split_time("ends_at", ends),
    }
    assert client.post(reverse("admin:articles_breakingnews_add"), data).status_code == 302
    banner = BreakingNews.objects.get()
    url = reverse("admin:articles_breakingnews_change", args=[banner.pk])
    assert client.post(url, admin_form_data(client.get(url), text="Jalan Kenanga ditutup")).status_code == 302

    added, changed = AuditEntry.objects.filter(object_id=banner.pk).order_by("pk")
    assert (added.action, added.changes) == (
        Action.BANNER_ADDED,
        {"text": ["", "Banjir di Kenanga"], "starts_at": ["", wib(starts)], "ends_at": ["", wib(ends)]},
    )
    assert (changed.action, changed.user) == (Action.BANNER_CHANGED, people["editor"])
    assert audit.describe_changes(changed) == ["Text: “Banjir di Kenanga” → “Jalan Kenanga ditutup”"]


# --- access ----------------------------------------------------------------------------------------------------


def test_a_group_permission_change_is_recorded(client, people, django_user_model):
    """A superuser giving the Reporter group one more permission leaves an entry naming the permission added."""
    root = django_user_model.objects.create_superuser("root", "root@example.com", "s3cret-pass-123")
    group = Group.objects.get(name="Reporter")
    extra = Permission.objects.get(codename="delete_photo")
    client.force_login(root)
    url = reverse("admin:auth_group_change", args=[group.pk])
    permissions = [*group.permissions.values_list("pk", flat=True), extra.pk]
    assert client.post(url, admin_form_data(client.get(url), permissions=permissions)).status_code == 302

    entry = AuditEntry.objects.get(action=Action.GROUP_CHANGED)
    assert (entry.target, entry.user) == (group, root)
    before, after = entry.changes["permissions"]
    assert set(after) - set(before) == {str(extra)} and set(before) <= set(after)
    assert audit.describe_changes(entry) == [f"Permissions: added “{extra}”"]


# --- refused attempts ------------------------------------------------------------------------------------------


def test_the_publish_gate_refusing_is_listed_and_changes_nothing_else(people, make_article, make_photo):
    """Publishing a story whose photo is not cleared is refused; the refusal is an entry with its reason."""
    article = make_article(status="approved", publish_at=None)
    ArticlePhoto.objects.create(article=article, photo=make_photo(approved=False), order=0)
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.perform_transition(article=article, name="publish", user=people["editor"])

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target, entry.user) == (Action.REFUSED, article, people["editor"])
    assert (entry.from_state, entry.to_state, entry.note) == ("approved", "published", refused.value.message)
    article.refresh_from_db()
    assert (article.status, article.publish_at) == ("approved", None)


def test_a_refused_transition_through_the_buttons_is_listed(client, people, make_article):
    """A reporter pressing "approve" through a crafted request is refused, and the log lists the attempt."""
    article = make_article(status="review", publish_at=None, created_by=people["reporter"])
    client.force_login(people["reporter"])
    client.post(reverse("admin:articles_article_transition", args=[article.pk, "approve"]))
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.user, entry.from_state, entry.to_state) == (
        Action.REFUSED,
        people["reporter"],
        "review",
        "approved",
    )
    assert "permission" in entry.note
    assert Article.objects.get(pk=article.pk).status == "review"


def test_a_refused_admin_route_on_a_story_is_listed(client, people, make_article):
    """A reporter posting a workflow button on someone else's draft gets 403 and the attempt is listed; an anonymous
    request is not audited."""
    article = make_article(status="draft", publish_at=None, created_by=people["other_reporter"])
    url = reverse("admin:articles_article_transition", args=[article.pk, "submit"])
    assert client.post(url).status_code == 302  # to the login page
    assert not AuditEntry.objects.exists()

    client.force_login(people["reporter"])
    assert client.post(url).status_code == 403
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target, entry.user) == (Action.REFUSED, article, people["reporter"])
    assert Article.objects.get(pk=article.pk).status == "draft"


def test_a_refused_story_page_is_listed(client, people, make_article, monkeypatch):
    """When a story's history page refuses the user (PermissionDenied in _viewable), the refusal is an entry."""
    article = make_article()
    monkeypatch.setattr(access, "can_view", lambda user, article: False)
    client.force_login(people["photo_desk"])  # sees every story through the list rule, may change none
    assert client.get(reverse("admin:articles_article_history", args=[article.pk])).status_code == 403
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target, entry.user) == (Action.REFUSED, article, people["photo_desk"])
    assert f"/{article.pk}/history/" in entry.note


# --- the audit log admin ---------------------------------------------------------------------------------------


def test_the_audit_log_shows_states_and_changes_in_words(client, people, make_article, make_photo):
    """States are their labels ("Draft → In review"), not codes, and changes are sentences."""
    article = make_article(status="draft", publish_at=None, created_by=people["reporter"])
    workflow.perform_transition(article=article, name="submit", user=people["reporter"])
    photo = make_photo(approved=False)
    moderation.moderate_photo(photo=photo, decision="approve", user=people["photo_desk"])
    pin = FrontPagePin.objects.create(article=article, slot="top", order=1)
    audit.record_change(
        target=pin, action=Action.PIN_CHANGED, user=people["editor"], before={"slot": "top"}, after={"slot": "lead"}
    )
    client.force_login(people["editor"])
    page = client.get(reverse(LOG)).text
    assert "Draft → In review" in page
    assert "Pending → Approved" in page
    assert "Slot: “Top stories” → “Lead story”" in page
    assert ">review<" not in page and ">draft<" not in page


def test_the_audit_log_filters_by_story_from_the_story_page(client, people, make_article):
    """The story page links to its audit log, which lists that story's entries only."""
    mine, other = make_article(status="draft", publish_at=None), make_article(status="draft", publish_at=None)
    for article in (mine, other):
        workflow.perform_transition(article=article, name="submit", user=people["editor"])
    client.force_login(people["editor"])
    page = client.get(reverse("admin:articles_article_change", args=[mine.pk])).text
    assert f'{reverse(LOG)}?story={mine.pk}"' in page
    assert [entry.object_id for entry in listed(client, story=mine.pk)] == [mine.pk]
    assert client.get(reverse(LOG), {"story": "x"}).status_code == 302  # a bad filter, as Django answers any


def test_refused_attempts_are_filterable(client, people, make_article):
    """The kind-of-change filter lists refused attempts alone."""
    article = make_article(status="draft", publish_at=None)
    workflow.perform_transition(article=article, name="submit", user=people["editor"])
    with pytest.raises(workflow.TransitionRefused):
        workflow.perform_transition(article=article, name="publish", user=people["reporter"])
    client.force_login(people["editor"])
    assert [entry.action for entry in listed(client, action="refused")] == [Action.REFUSED]


def test_the_type_filter_lists_only_what_the_desk_audits(client, people, make_article):
    """The type filter offers the audited models by name, never internal ones such as thumbnails' key store."""
    client.force_login(people["editor"])
    response = client.get(reverse(LOG))
    (kind,) = [spec for spec in response.context["cl"].filter_specs if getattr(spec, "parameter_name", "") == "kind"]
    labels = {str(label) for _, label in kind.lookup_choices}
    assert labels == {
        "Story",
        "Photo",
        "Front-page pin",
        "Breaking-news banner",
        "Quote",
        "User",
        "Group",
        "Contributor",
        "Source",
    }
    assert "kv store" not in response.text


def test_the_audit_log_runs_the_same_queries_at_two_sizes(client, people, make_article):
    """The list's query count does not grow with the number of entries shown."""
    client.force_login(people["editor"])

    def queries_for(count: int) -> int:
        for _ in range(count):
            article = make_article(status="draft", publish_at=None)
            workflow.perform_transition(article=article, name="submit", user=people["editor"])
            audit.record_change(
                target=article, action=Action.PLACEMENT_CHANGED, user=people["editor"], before={}, after={"order": 1}
            )
        client.get(reverse(LOG))  # warm caches (content types, session)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(LOG)).status_code == 200
        return len(queries)

    assert queries_for(2) == queries_for(20)


# --- the helper ------------------------------------------------------------------------------------------------


def test_record_change_keeps_display_strings_and_skips_what_did_not_change(people, make_article, section):
    """Related records become their names and times newsroom time; equal values and an empty diff record nothing."""
    article = make_article(headline="Banjir di Kenanga")
    pin = FrontPagePin.objects.create(article=article, slot="top", order=1)
    until = timezone.now() + timedelta(days=1)
    entry = audit.record_change(
        target=pin,
        action=Action.PIN_CHANGED,
        user=people["editor"],
        before={"article": article, "order": 1, "pinned_until": None, "section": None},
        after={"article": article, "order": 1, "pinned_until": until, "section": section},
        note="Jelang pemilu",
    )
    assert entry.changes == {"pinned_until": ["", wib(until)], "section": ["", "Kota"]}
    assert entry.note == "Jelang pemilu"
    same = {"order": 1}
    assert audit.record_change(target=pin, action=Action.PIN_CHANGED, user=None, before=same, after=same) is None


def test_an_entry_reads_in_indonesian_with_the_field_names_translated_at_display(people, make_photo):
    """The entry stores field names; shown in Indonesian, the field's label is the Indonesian one."""
    photo = make_photo()
    entry = audit.record_change(
        target=photo,
        action=Action.PHOTO_CHANGED,
        user=people["photo_desk"],
        before={"caption": "a"},
        after={"caption": "b"},
    )
    assert entry.changes == {"caption": ["a", "b"]}
    assert audit.describe_changes(entry) == ["Caption: “a” → “b”"]
    with translation.override("id"):
        assert audit.describe_changes(entry) == ["Keterangan foto: “a” → “b”"]


def test_quote_desk_decisions_and_edits_are_audited(client, people, make_article):
    """Bulk confirm/reject and an edit on the quote desk each leave an entry, before → after, by the editor."""
    from articles.services.quotes import review_quotes

    article = make_article(body="<p>“Pompa siap dipakai,” ujar Budi.</p>")
    quote = Quote.objects.create(article=article, text="Pompa siap dipakai")
    review_quotes(quotes=[quote], status=Quote.Status.CONFIRMED, user=people["editor"])
    entry = AuditEntry.objects.get(action=AuditEntry.Action.QUOTE_CONFIRMED)
    assert (entry.user, entry.object_id, entry.changes) == (
        people["editor"],
        quote.pk,
        {"status": ["proposed", "confirmed"]},
    )
    review_quotes(quotes=[quote], status=Quote.Status.REJECTED, user=people["editor"])
    assert AuditEntry.objects.filter(action=AuditEntry.Action.QUOTE_REJECTED, object_id=quote.pk).exists()

    client.force_login(people["editor"])
    url = reverse("admin:articles_quote_change", args=[quote.pk])
    data = admin_form_data(client.get(url), speaker_title="Kepala Dinas SDA")
    assert client.post(url, data).status_code == 302
    edit = AuditEntry.objects.get(action=AuditEntry.Action.QUOTE_CHANGED)
    assert edit.changes == {"speaker_title": ["", "Kepala Dinas SDA"]}
