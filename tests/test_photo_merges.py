"""Merging duplicate contributors with the facts in view: what each record has, which one to keep, and an audit
entry that names the records merged away and what moved."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import AuditEntry, Byline, Contributor, Photo
from articles.services.contributors import merge_contributors
from articles.services.photos import save_photo

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:articles_contributor_changelist"


def ask_to_merge(client, *contributors):
    return client.post(
        reverse(CHANGELIST), {"action": "merge_selected", "_selected_action": [c.pk for c in contributors]}
    )


@pytest.fixture
def twins(people, make_article, make_photo):
    """Two “Dwi Arif”: a staff reporter with an account, bylines and a photo; a freelancer with two photos."""
    staff = Contributor.objects.create(name="Dwi Arif", slug="dwi-arif", title="Reporter", user=people["reporter"])
    freelance = Contributor.objects.create(name="Dwi Arif", slug="dwi-arif-2", title="Fotografer lepas")
    for headline in ["Banjir di Kenanga surut", "Pasar Cempaka dibuka"]:
        Byline.objects.create(article=make_article(headline=headline), contributor=staff, order=1)
    make_photo(photographer=staff, credit="Dwi Arif/Kabar", caption="Rapat warga")
    make_photo(photographer=freelance, credit="Dwi Arif/ANTARA", caption="Pawai budaya")
    make_photo(photographer=freelance, credit="ANTARA FOTO/Dwi Arif", caption="Lomba perahu")
    return staff, freelance


def test_merge_page_tells_two_identical_names_apart(client, people, twins):
    """The page shows each candidate's bylines and photos counts, account, slug, and a sample of their work."""
    staff, freelance = twins
    client.force_login(people["editor"])
    page = ask_to_merge(client, staff, freelance).text
    assert page.count('name="keep"') == 2
    assert "dwi-arif-2" in page and "Fotografer lepas" in page
    assert "Banjir di Kenanga surut" in page and "Pasar Cempaka dibuka" in page
    assert "Dwi Arif/ANTARA" in page and "ANTARA FOTO/Dwi Arif" in page
    staff_card = page.split(f'name="keep" value="{staff.pk}"')[1].split('name="keep"')[0]
    assert "2 bylines" in staff_card and "1 photo" in staff_card
    assert "<dd>reporter</dd>" in staff_card  # the staff record's linked account
    freelance_card = page.split(f'name="keep" value="{freelance.pk}"')[1]
    assert "0 bylines" in freelance_card and "2 photos" in freelance_card
    assert "No account" in freelance_card


def test_merge_page_hides_draft_headlines_from_those_who_may_not_see_them(client, make_article, django_user_model):
    """A draft's headline is not shown in the sample to someone who may merge contributors but not see that draft."""
    first = Contributor.objects.create(name="Sari", slug="sari")
    second = Contributor.objects.create(name="sari", slug="sari-2")
    draft = make_article(headline="Rahasia redaksi", status="draft", publish_at=None)
    Byline.objects.create(article=draft, contributor=first, order=1)
    Byline.objects.create(article=make_article(headline="Berita terbit"), contributor=first, order=1)
    keeper = django_user_model.objects.create_user("keeper", password="pass-for-tests-123", is_staff=True)
    keeper.user_permissions.set(
        Permission.objects.filter(codename__in=["view_contributor", "change_contributor", "view_article"])
    )
    client.force_login(keeper)
    page = ask_to_merge(client, first, second).text
    assert 'name="keep"' in page and "Berita terbit" in page and "Rahasia redaksi" not in page


def test_merge_page_queries_do_not_grow_with_the_records(client, people, make_article, make_photo):
    """The page costs the same number of queries for two small records as for four busy ones."""
    client.force_login(people["editor"])

    def contributors(count: int, work: int) -> list[Contributor]:
        made = []
        for number in range(count):
            contributor = Contributor.objects.create(name="Budi", slug=f"budi-{count}-{number}")
            for _ in range(work):
                Byline.objects.create(article=make_article(), contributor=contributor, order=1)
                make_photo(photographer=contributor)
            made.append(contributor)
        return made

    small, busy = contributors(2, 1), contributors(4, 6)
    ask_to_merge(client, *small)  # warm the session and content-type caches
    with CaptureQueriesContext(connection) as few:
        assert ask_to_merge(client, *small).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert ask_to_merge(client, *busy).status_code == 200
    assert len(many) == len(few)


def test_merge_is_audited_with_the_records_merged_away(people, twins):
    """The audit entry on the kept record names each merged-away record (name, slug, id) and what moved."""
    staff, freelance = twins
    freelance_pk = freelance.pk
    merge_contributors(keep=staff, duplicates=[freelance], actor=people["editor"])
    entry = AuditEntry.objects.get(action="merged")
    assert (entry.object_id, entry.user) == (staff.pk, people["editor"])
    assert f"#{freelance_pk}" in entry.note and "dwi-arif-2" in entry.note and "Dwi Arif" in entry.note
    assert "2 photos" in entry.note
    assert entry.changes["photos"] == ["1", "3"]


def test_merged_away_records_are_on_the_kept_contributors_history(client, people, twins):
    """After a merge in the admin, the kept contributor's history page says which record was merged into it."""
    staff, freelance = twins
    freelance_pk = freelance.pk
    client.force_login(people["editor"])
    url = reverse(CHANGELIST)
    selected = {"action": "merge_selected", "_selected_action": [staff.pk, freelance.pk]}
    assert client.post(url, {**selected, "apply": "1", "keep": staff.pk}).status_code == 302
    history = client.get(reverse("admin:articles_contributor_history", args=[staff.pk])).text
    assert f"#{freelance_pk}" in history and "dwi-arif-2" in history
    assert "2 photos" in history


def test_merge_settles_a_credit_both_records_were_candidates_for(people, twins):
    """A photo flagged between the two records gets the kept one as its photographer once they are merged."""
    staff, freelance = twins
    photo = save_photo(photo=Photo(caption="Ganda", credit="Dwi Arif"), user=None).photo
    assert set(photo.credit_candidates.all()) == {staff, freelance}
    merge_contributors(keep=staff, duplicates=[freelance], actor=people["editor"])
    photo.refresh_from_db()
    assert photo.photographer == staff and not photo.credit_candidates.exists()


def test_merge_keeps_other_candidates_of_a_photo(people):
    """A photo flagged among three records stays flagged between the two left after merging two of them."""
    first, second, third = (Contributor.objects.create(name="Rina", slug=f"rina-{n}") for n in range(3))
    photo = save_photo(photo=Photo(caption="Tiga", credit="Rina"), user=None).photo
    merge_contributors(keep=first, duplicates=[second], actor=people["editor"])
    photo.refresh_from_db()
    assert photo.photographer is None
    assert set(photo.credit_candidates.all()) == {first, third}
