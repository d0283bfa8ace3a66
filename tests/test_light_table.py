"""Issue 21, the light table: the photo list as the desk's queue — opens on what is left to decide, previews that are
never the original file, decisions from the list (one photo or several) through the moderation service, filters, and
messages that say what was decided."""

from __future__ import annotations

import re

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from articles.models import Agency, ArticlePhoto, AuditEntry, Contributor, Photo

pytestmark = pytest.mark.django_db

LIST = "admin:articles_photo_changelist"


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


@pytest.fixture
def desk(client, people):
    client.force_login(people["photo_desk"])
    return client


def test_the_desk_opens_on_the_queue(desk, make_photo):
    """The photo desk's list opens on the photos left to decide (pending, needs information); "all" shows the rest."""
    pending = make_photo(approved=False, caption="Menunggu keputusan")
    asked = make_photo(approved=False, caption="Butuh keterangan", credit_status=Photo.CreditStatus.NEEDS_INFO)
    make_photo(caption="Sudah disetujui")
    make_photo(approved=False, caption="Sudah ditolak", credit_status=Photo.CreditStatus.REJECTED)
    queue = desk.get(reverse(LIST))
    assert {photo.pk for photo in queue.context["cl"].result_list} == {pending.pk, asked.pk}
    every = desk.get(reverse(LIST) + "?state=all")
    assert every.context["cl"].result_count == 4
    approved = desk.get(reverse(LIST) + "?state=approved")
    assert [photo.caption for photo in approved.context["cl"].result_list] == ["Sudah disetujui"]
    # The way to every photo is on the page.
    assert 'href="?state=all"' in queue.text


def test_used_in_shows_a_count_and_two_stories(desk, make_photo, make_article):
    """A photo used in five stories shows "5 stories", two headlines and a link to the rest, not five headlines."""
    photo = make_photo(approved=False)
    for number in range(5):
        ArticlePhoto.objects.create(article=make_article(headline=f"Kisah ke-{number}"), photo=photo)
    page = desk.get(reverse(LIST)).text
    shown = re.findall(r"Kisah ke-\d", page)
    assert len(shown) == 2
    assert "5 stories" in page
    assert reverse("admin:articles_photo_change", args=[photo.pk]) + "#uses-group" in page


def test_only_decisions_that_change_something_are_offered(desk, make_photo):
    """An approved photo is not offered "approve" (on its card or in the bulk menu of the approved list)."""
    approved = make_photo()
    pending = make_photo(approved=False)
    page = desk.get(reverse(LIST) + "?state=approved")
    assert f'value="approve:{approved.pk}"' not in page.text
    assert f'value="reject:{approved.pk}"' in page.text
    assert "approve_credits" not in page.text
    queue = desk.get(reverse(LIST))
    assert f'value="approve:{pending.pk}"' in queue.text and "approve_credits" in queue.text


def test_messages_say_what_was_decided(desk, make_photo):
    """Messages name the decision with the right plural: "1 photo approved.", "2 photos rejected." """
    first, second, third = (make_photo(approved=False) for _ in range(3))
    url = reverse(LIST)
    one = desk.post(url, {"action": "approve_credits", "_selected_action": [first.pk]}, follow=True)
    assert "1 photo approved." in messages_of(one)
    two = desk.post(
        url,
        {"action": "reject_credits", "_selected_action": [second.pk, third.pk], "apply": "1", "reason": "Buram."},
        follow=True,
    )
    assert "2 photos rejected." in messages_of(two)
    assert not any("moderated" in message for message in messages_of(one) + messages_of(two))


def test_reason_boxes_have_their_own_labelled_ids(desk, make_photo):
    """Every reason box on the list and on a photo's page has its own id, and a label pointing at it."""
    photos = [make_photo(approved=False) for _ in range(3)]
    for url in (reverse(LIST), reverse("admin:articles_photo_change", args=[photos[0].pk])):
        page = desk.get(url).text
        ids = re.findall(r'\sid="([^"]+)"', page)
        assert len(ids) == len(set(ids)), url
        boxes = re.findall(r'<textarea name="[^"]*reason[^"]*"[^>]*\sid="([^"]+)"', page)
        assert boxes, url
        for box in boxes:
            assert f'for="{box}"' in page, (url, box)


def test_one_photo_decided_from_its_card_without_javascript(desk, make_photo, people):
    """A card's buttons decide that photo (a plain form post); reject needs the card's reason, and is audited."""
    photo = make_photo(approved=False)
    url = reverse(LIST) + "?rights=open"
    refused = desk.post(url, {"decide": f"reject:{photo.pk}", f"reason-{photo.pk}": " "}, follow=True)
    photo.refresh_from_db()
    assert photo.credit_status == Photo.CreditStatus.PENDING
    assert any("Write the reason" in message for message in messages_of(refused))
    done = desk.post(url, {"decide": f"reject:{photo.pk}", f"reason-{photo.pk}": "Kredit kurang jelas."})
    assert (done.status_code, done["Location"]) == (302, url)
    photo.refresh_from_db()
    assert (photo.credit_status, photo.moderation_note) == (Photo.CreditStatus.REJECTED, "Kredit kurang jelas.")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.REJECT_CREDIT, user=people["photo_desk"]).exists()


def test_a_reporter_cannot_decide_from_the_list(client, people, make_photo):
    """A reporter's list offers no decision buttons, and a crafted decision post changes nothing."""
    photo = make_photo(approved=False)
    client.force_login(people["reporter"])
    page = client.get(reverse(LIST))
    assert f'value="approve:{photo.pk}"' not in page.text
    client.post(reverse(LIST), {"decide": f"approve:{photo.pk}"})
    photo.refresh_from_db()
    assert photo.credit_status == Photo.CreditStatus.PENDING


def test_a_bulk_reason_decides_the_selection_at_once(desk, make_photo):
    """Several photos selected, "ask for information" chosen and the reason typed on the list: done, no extra page."""
    first, second = make_photo(approved=False), make_photo(approved=False)
    done = desk.post(
        reverse(LIST),
        {"action": "request_information", "_selected_action": [first.pk, second.pk], "reason": "Siapa fotografernya?"},
    )
    assert done.status_code == 302
    for photo in (first, second):
        photo.refresh_from_db()
        assert (photo.credit_status, photo.moderation_note) == (Photo.CreditStatus.NEEDS_INFO, "Siapa fotografernya?")


def test_a_bulk_decision_skips_photos_already_decided_so(desk, make_photo):
    """Approving a selection that holds an approved photo approves the rest and says one was already approved."""
    approved, pending = make_photo(), make_photo(approved=False)
    page = desk.post(
        reverse(LIST) + "?state=all",
        {"action": "approve_credits", "_selected_action": [approved.pk, pending.pk]},
        follow=True,
    )
    pending.refresh_from_db()
    assert pending.credit_status == Photo.CreditStatus.APPROVED
    said = messages_of(page)
    assert "1 photo approved." in said and "1 photo was already approved." in said
    assert not any("already approved." in m and "credit is" in m for m in said)


def test_previews_are_never_the_original_file(desk, make_photo):
    """The list shows the smallest rendition, or a box saying the preview is being made — never the uploaded file."""
    waiting = make_photo(approved=False)
    ready = make_photo(approved=False)
    ready.renditions = {
        "640": {"url": "/media/r/640.webp", "width": 640, "height": 480, "source": ready.image.name},
        "320": {"url": "/media/r/320.webp", "width": 320, "height": 240, "source": ready.image.name},
    }
    ready.save()
    page = desk.get(reverse(LIST)).text
    assert waiting.image.url not in page and ready.image.url not in page
    assert '<img src="/media/r/320.webp"' in page and "/media/r/640.webp" not in page
    assert "Preview being made" in page


def test_filters_by_agency_photographer_uploader_and_rights(desk, make_photo, people):
    """The queue narrows to one agency, one photographer, one uploader, or rights expiring soon."""
    antara = Agency.objects.create(name="ANTARA")
    budi = Contributor.objects.create(name="Budi Santoso", slug="budi-santoso")
    from_antara = make_photo(approved=False, agency=antara)
    by_budi = make_photo(approved=False, photographer=budi)
    expiring = make_photo(approved=False, rights_expire_at=timezone.now() + timezone.timedelta(days=2))
    uploaded = make_photo(approved=False)
    LogEntry.objects.log_actions(
        user_id=people["reporter"].pk, queryset=[uploaded], action_flag=ADDITION, single_object=True
    )
    assert LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Photo)).count() == 1

    def listed(query: str) -> set[int]:
        return {photo.pk for photo in desk.get(reverse(LIST) + query).context["cl"].result_list}

    assert listed(f"?agency__id__exact={antara.pk}") == {from_antara.pk}
    assert listed(f"?photographer__id__exact={budi.pk}") == {by_budi.pk}
    assert listed(f"?uploader={people['reporter'].pk}") == {uploaded.pk}
    assert listed("?rights=expiring") == {expiring.pk}
    page = desk.get(reverse(LIST)).text
    assert "uploaded by" in page.lower() and people["reporter"].username in page


def test_the_page_documents_its_keyboard_shortcuts(desk, make_photo):
    """The light table says which keys do what, and loads its script from a file (no inline script: the CSP)."""
    make_photo(approved=False)
    page = desk.get(reverse(LIST)).text
    assert "newsroom/light_table.js" in page
    assert 'id="light-table-keys"' in page
    for key in ("<kbd>j</kbd>", "<kbd>k</kbd>", "<kbd>a</kbd>", "<kbd>r</kbd>", "<kbd>i</kbd>", "<kbd>n</kbd>"):
        assert key in page


def test_the_list_costs_constant_queries(desk, make_photo, make_article):
    """Twelve photos cost no more queries than two (previews, stories, agencies and uploaders included)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert desk.get(reverse(LIST)).status_code == 200
        return len(captured)

    antara = Agency.objects.create(name="ANTARA")
    for _number in range(2):
        ArticlePhoto.objects.create(article=make_article(), photo=make_photo(approved=False, agency=antara))
    small = queries()
    for _number in range(10):
        ArticlePhoto.objects.create(article=make_article(), photo=make_photo(approved=False, agency=antara))
    assert queries() == small
