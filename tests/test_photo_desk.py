"""The photo desk: moderation queue and audit, the publish gate, rights expiry, renditions, and the full walk."""

import io
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticlePhoto, AuditEntry, Photo
from articles.services import moderation, workflow
from tests.conftest import image_file
from tests.unit.conftest import FIXTURES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "allowed"), [("reporter", False), ("photo_desk", True), ("editor", True), ("chief_editor", True)]
)
def test_who_may_moderate(people, make_photo, role, allowed):
    """Photo desk, editors and chief editors moderate credits; reporters cannot, and a refusal changes nothing."""
    photo = make_photo(approved=False)
    if allowed:
        moderation.moderate_photo(photo=photo, decision="approve", user=people[role])
        photo.refresh_from_db()
        assert photo.credit_status == Photo.CreditStatus.APPROVED
    else:
        with pytest.raises(moderation.ModerationRefused):
            moderation.moderate_photo(photo=photo, decision="approve", user=people[role])
        photo.refresh_from_db()
        assert photo.credit_status == Photo.CreditStatus.PENDING and not AuditEntry.objects.exists()


def test_queue_transitions_are_audited(people, make_photo):
    """Pending → needs information → approved → (edited) pending → rejected, each with an audit entry."""
    desk = people["photo_desk"]
    photo = make_photo(approved=False)
    with pytest.raises(moderation.ModerationRefused, match="reason"):
        moderation.moderate_photo(photo=photo, decision="reject", user=desk)
    moderation.moderate_photo(photo=photo, decision="request_info", user=desk, reason="Siapa fotografernya?")
    moderation.moderate_photo(photo=photo, decision="approve", user=desk)
    photo.refresh_from_db()
    assert moderation.credit_edited(photo=photo, user=desk, changed_fields=["credit"])
    moderation.moderate_photo(photo=photo, decision="reject", user=desk, reason="Bukan foto kita.")
    assert list(AuditEntry.objects.order_by("pk").values_list("action", "from_state", "to_state")) == [
        ("request_info", "pending", "needs_info"),
        ("approve_credit", "needs_info", "approved"),
        ("credit_changed", "approved", "pending"),
        ("reject_credit", "pending", "rejected"),
    ]
    assert AuditEntry.objects.get(action="reject_credit").note == "Bukan foto kita."


def test_editing_an_approved_credit_in_admin_sends_it_back(client, people, make_photo):
    """The desk edits an approved credit in admin: it returns to pending and leaves public pages."""
    photo = make_photo()
    client.force_login(people["photo_desk"])
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields if name not in {"image", "rights_expire_at"}}
    data.update(
        credit="Orang Lain",
        rights_expire_at_0="",
        rights_expire_at_1="",
        **{"uses-TOTAL_FORMS": "0", "uses-INITIAL_FORMS": "0", "uses-MIN_NUM_FORMS": "0", "uses-MAX_NUM_FORMS": "9"},
    )
    assert client.post(url, data).status_code == 302
    photo.refresh_from_db()
    assert photo.credit == "Orang Lain" and photo.credit_status == Photo.CreditStatus.PENDING
    assert not Photo.objects.public().exists()


def test_bulk_actions_on_the_desk(client, people, make_photo):
    """Bulk approve works; bulk reject asks for a reason on an intermediate page first."""
    first, second = make_photo(approved=False), make_photo(approved=False)
    client.force_login(people["photo_desk"])
    url = reverse("admin:articles_photo_changelist")
    client.post(url, {"action": "approve_credits", "_selected_action": [first.pk]})
    first.refresh_from_db()
    assert first.credit_status == Photo.CreditStatus.APPROVED
    page = client.post(url, {"action": "reject_credits", "_selected_action": [second.pk]})
    assert page.status_code == 200 and "Reason" in page.text
    second.refresh_from_db()
    assert second.credit_status == Photo.CreditStatus.PENDING
    client.post(url, {"action": "reject_credits", "_selected_action": [second.pk], "apply": "1", "reason": "Buram."})
    second.refresh_from_db()
    assert (second.credit_status, second.moderation_note) == (Photo.CreditStatus.REJECTED, "Buram.")


def test_reporter_sees_no_moderation_actions(client, people, make_photo):
    """Moderation actions and buttons are not offered to reporters, and their POSTs are refused."""
    photo = make_photo(approved=False)
    client.force_login(people["reporter"])
    page = client.get(reverse("admin:articles_photo_changelist"))
    assert "approve_credits" not in page.text
    response = client.post(reverse("admin:articles_photo_moderate", args=[photo.pk, "approve"]))
    assert response.status_code == 403
    photo.refresh_from_db()
    assert photo.credit_status == Photo.CreditStatus.PENDING


def test_desk_list_shows_file_values_and_stories(client, people, make_photo, make_article):
    """The desk list shows the credit read from the file and the stories using the photo, in constant queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people["photo_desk"])
    url = reverse("admin:articles_photo_changelist")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for number in range(2):
        photo = make_photo(approved=False, file_metadata={"credit": f"Dari Berkas {number}"})
        ArticlePhoto.objects.create(article=make_article(headline=f"Cerita foto {number}"), photo=photo)
    small = queries()
    for number in range(2, 12):
        photo = make_photo(approved=False, file_metadata={"credit": f"Dari Berkas {number}"})
        ArticlePhoto.objects.create(article=make_article(headline=f"Cerita foto {number}"), photo=photo)
    assert queries() == small
    page = client.get(url).text
    assert "Dari Berkas 3" in page and "Cerita foto 3" in page


def test_publish_gate_names_the_photos(people, make_article, make_photo):
    """Publishing or scheduling is refused while a photo lacks an approved credit or an image, naming it."""
    article = make_article(status="approved", publish_at=None)
    pending = make_photo(approved=False, caption="Rapat di balai kota")
    empty = make_photo(with_image=False, caption="Belum ada berkas")
    ArticlePhoto.objects.create(article=article, photo=pending, order=0)
    ArticlePhoto.objects.create(article=article, photo=empty, order=1)
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.perform_transition(article=article, name="publish", user=people["editor"])
    assert f"#{pending.pk}" in refused.value.message and "Rapat di balai kota" in refused.value.message
    assert f"#{empty.pk}" in refused.value.message and "no image" in refused.value.message
    with pytest.raises(workflow.TransitionRefused):
        workflow.perform_transition(
            article=article, name="schedule", user=people["editor"], publish_at=timezone.now() + timedelta(days=1)
        )
    article.refresh_from_db()
    assert article.status == "approved"


def test_gate_on_every_public_page(client, make_article, make_photo):
    """A published story with an unapproved photo renders without it on its page and in every listing."""
    article = make_article(headline="Cerita dengan foto tertunda")
    article.tags.add("uji")
    photo = make_photo(approved=False, caption="Foto belum disetujui")
    ArticlePhoto.objects.create(article=article, photo=photo)
    for url in ["/", article.section.get_absolute_url(), "/topik/uji/", article.get_absolute_url()]:
        page = client.get(url).text
        assert "Cerita dengan foto tertunda" in page
        assert photo.image.url not in page and "Foto belum disetujui" not in page


def test_expired_rights_leave_public_pages_at_that_time(
    client, make_article, make_photo, time_machine, process_local_cache
):
    """A photo disappears from readers' pages when its rights expire, with no job; the desk sees it coming."""
    time_machine.move_to(timezone.now(), tick=False)
    expires = timezone.now() + timedelta(days=3)
    article = make_article()
    photo = make_photo(rights_expire_at=expires)
    ArticlePhoto.objects.create(article=article, photo=photo)
    assert photo.image.url in client.get(article.get_absolute_url()).text
    assert list(Photo.objects.expiring_within(7)) == [photo]
    time_machine.move_to(expires + timedelta(seconds=1))
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200 and photo.image.url not in page.text
    assert not Photo.objects.public().exists()


def jpeg_with_gps_and_orientation() -> bytes:
    image = Image.new("RGB", (400, 200), (255, 0, 0))
    image.paste((0, 0, 255), (0, 0, 200, 200))  # left half blue
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (6.0, 10.0, 30.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_renditions_are_webp_without_gps_and_upright(people, make_photo, settings):
    """Approval makes WebP renditions at the fixed widths, with orientation applied and no EXIF/GPS inside."""
    from django.core.files.base import ContentFile

    photo = make_photo(approved=False, image=ContentFile(jpeg_with_gps_and_orientation(), name="gps.jpg"))
    moderation.moderate_photo(photo=photo, decision="approve", user=people["photo_desk"])
    photo.refresh_from_db()
    # The stored width is the raw 400 px (before rotation), so one rendition is made: 320 px wide.
    assert set(photo.renditions) == {"320", "social"}
    rendition = photo.renditions["320"]
    path = settings.MEDIA_ROOT / rendition["url"].removeprefix(settings.MEDIA_URL).lstrip("/")
    with Image.open(path) as made:
        assert made.format == "WEBP"
        assert made.height > made.width  # rotated upright: portrait
        assert not made.getexif()
        assert "exif" not in made.info


def test_story_card_uses_srcset(client, people, make_article, make_photo):
    """Listing and story pages use the renditions in srcset, with no extra query per card."""
    from django.core.files.base import ContentFile

    article = make_article()
    big = io.BytesIO()
    Image.new("RGB", (1500, 1000), (10, 120, 40)).save(big, "JPEG")
    photo = make_photo(approved=False, image=ContentFile(big.getvalue(), name="besar.jpg"))
    ArticlePhoto.objects.create(article=article, photo=photo)
    moderation.moderate_photo(photo=photo, decision="approve", user=people["editor"])
    page = client.get("/").text
    assert "srcset=" in page and " 320w" in page and " 1280w" in page and ".webp" in page


def test_the_walk_from_import_to_a_published_story_with_its_credit(client, people, tmp_path):
    """import_story with --image → pending credit → publish refused naming the photo → desk approves → published
    page shows the picture and “Foto: Dwi Arif”."""
    story = FIXTURES / "stories" / "pasar-kenari.txt"
    picture = tmp_path / "kunjungan.jpg"
    picture.write_bytes(image_file(size=(800, 500)).read())
    call_command("import_story", str(story), "--image", str(picture), stdout=StringIO())
    article = with_a_byline(Article.objects.get())
    photo = article.photo_uses.get().photo
    assert article.status == "draft" and photo.credit == "Dwi Arif" and photo.credit_status == "pending"

    editor = people["editor"]
    client.force_login(editor)
    response = client.post(reverse("admin:articles_article_transition", args=[article.pk, "publish"]), follow=True)
    assert f"#{photo.pk}" in response.text and "credit pending" in response.text
    article.refresh_from_db()
    assert article.status == "draft"

    client.force_login(people["photo_desk"])
    client.post(reverse("admin:articles_photo_moderate", args=[photo.pk, "approve"]))
    photo.refresh_from_db()
    assert photo.credit_status == "approved"

    client.force_login(editor)
    client.post(reverse("admin:articles_article_transition", args=[article.pk, "publish"]))
    article.refresh_from_db()
    assert article.is_public
    client.logout()
    page = client.get(article.get_absolute_url()).text
    assert "Foto: Dwi Arif" in page
    assert "Pedagang menata dagangan di Pasar Kenari yang baru dipugar." in page
    assert photo.renditions["640"]["url"] in page


def test_attaching_from_the_photo_desk_counts_as_a_story_change(client, people, make_photo, make_article):
    """Placing a photo in a story from the photo's page bumps the story's version, so older story forms are refused."""
    article = make_article()
    photo = make_photo()
    before = Article.objects.get(pk=article.pk).version
    client.force_login(people["photo_desk"])
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields if name not in {"image", "rights_expire_at"}}
    data.update(
        rights_expire_at_0="",
        rights_expire_at_1="",
        **{"uses-TOTAL_FORMS": "1", "uses-INITIAL_FORMS": "0", "uses-MIN_NUM_FORMS": "0", "uses-MAX_NUM_FORMS": "9"},
        **{"uses-0-article": article.pk, "uses-0-order": "0", "uses-0-caption": ""},
    )
    assert client.post(url, data).status_code == 302
    assert ArticlePhoto.objects.filter(article=article, photo=photo).exists()
    assert Article.objects.get(pk=article.pk).version == before + 1


def with_a_byline(article):
    """Publishing needs a byline (tests/test_publishing_panel.py): a story published in these tests gets one."""
    from articles.models import Byline, Contributor

    contributor, _ = Contributor.objects.get_or_create(slug="penulis-uji", defaults={"name": "Penulis Uji"})
    Byline.objects.get_or_create(article=article, contributor=contributor, defaults={"order": 99})
    return article


def test_the_photo_page_offers_only_decisions_that_change_the_credit(client, people, make_photo):
    """An approved credit is not offered "Approve" again (the desk would only be told it already is); a pending one
    is offered all three."""
    client.force_login(people["photo_desk"])
    approved, pending = make_photo(), make_photo(approved=False)
    page = client.get(reverse("admin:articles_photo_change", args=[approved.pk])).text
    assert 'data-decision="approve"' not in page
    assert 'data-decision="reject"' in page and 'data-decision="request_info"' in page
    page = client.get(reverse("admin:articles_photo_change", args=[pending.pk])).text
    assert all(f'data-decision="{name}"' in page for name in ("approve", "reject", "request_info"))
