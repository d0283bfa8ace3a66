"""The desk's start page (issue 19, point 2): what waits for each role, linked to where the work is done, in a fixed
number of queries; and the story list's "needs my action" order."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticlePhoto, AuditEntry, Byline, Contributor, Quote
from articles.services import desk, workflow

pytestmark = pytest.mark.django_db

S = Article.Status
INDEX = reverse("admin:index")
STORIES = reverse("admin:articles_article_changelist")


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def box(response, key: str):
    """The DeskList of the start page named ``key``, or None when the page does not show it."""
    page = response.context["desk"]
    for item in [*page.mine, *page.editing, *page.photo_lists]:
        if item.key == key:
            return item
    return None


def headlines(desk_list) -> list[str]:
    return [item.headline for item in desk_list.items]


def submitted(make_article, user, *, minutes_ago: int, **fields) -> Article:
    """A draft of ``user``'s sent to review ``minutes_ago`` minutes ago (the audit entry dates the submission)."""
    fields.setdefault("created_by", user)
    article = make_article(status=S.DRAFT, publish_at=None, **fields)
    workflow.perform_transition(article=article, name="submit", user=user)
    AuditEntry.objects.filter(object_id=article.pk, action=AuditEntry.Action.SUBMIT).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return article


@pytest.fixture
def newsroom(people, make_article, make_photo):
    """A desk at work: the reporter's drafts, one in review, one sent back with a note; another reporter's draft."""
    reporter, editor = people["reporter"], people["editor"]
    own_draft = make_article(headline="Draf saya", status=S.DRAFT, publish_at=None, created_by=reporter)
    make_article(headline="Draf orang lain", status=S.DRAFT, publish_at=None, created_by=people["other_reporter"])
    # Bylined through the contributor linked to the account: the reporter's story too (articles/access.py).
    bylined = make_article(headline="Draf berbyline", status=S.DRAFT, publish_at=None)
    contributor = Contributor.objects.create(name="Rina", slug="rina", user=reporter)
    Byline.objects.create(article=bylined, contributor=contributor)
    in_review = submitted(make_article, reporter, headline="Menunggu redaktur", minutes_ago=5)
    sent_back = submitted(make_article, reporter, headline="Dikembalikan", minutes_ago=50)
    workflow.perform_transition(article=sent_back, name="send_back", user=editor, note="Cek angka anggaran.")
    return {"own_draft": own_draft, "bylined": bylined, "in_review": in_review, "sent_back": sent_back}


# --- what each role sees ---------------------------------------------------------------------------------------------


def test_reporter_sees_only_their_own_drafts_and_the_send_back_note(client, people, newsroom):
    client.force_login(people["reporter"])
    response = client.get(INDEX)
    assert response.status_code == 200
    assert sorted(headlines(box(response, "my_drafts"))) == ["Draf berbyline", "Draf saya"]
    waiting = box(response, "my_waiting")
    assert sorted(headlines(waiting)) == ["Dikembalikan", "Menunggu redaktur"]
    page = response.text
    assert "Cek angka anggaran." in page and "Draf orang lain" not in page
    # A reporter reviews nothing and moderates no credits: no editors' queue, no photo desk.
    assert box(response, "review_queue") is None and box(response, "rights_expiring") is None
    assert not response.context["desk"].photo_counts
    # Each story links to its form; the app list stays on the page.
    assert f'href="{change_url(newsroom["own_draft"])}"' in page
    assert f'href="{change_url(newsroom["sent_back"])}"' in page
    assert 'class="app-articles module' in page


def test_a_resubmitted_story_is_in_review_again_not_sent_back(client, people, newsroom):
    workflow.perform_transition(article=newsroom["sent_back"], name="submit", user=people["reporter"])
    client.force_login(people["reporter"])
    response = client.get(INDEX)
    assert "Cek angka anggaran." not in response.text
    assert "Dikembalikan" in headlines(box(response, "my_waiting"))


def test_editor_sees_the_review_queue_oldest_first(client, people, newsroom, make_article):
    older = submitted(make_article, people["other_reporter"], headline="Paling lama", minutes_ago=90)
    client.force_login(people["editor"])
    response = client.get(INDEX)
    queue = box(response, "review_queue")
    assert headlines(queue) == ["Paling lama", "Menunggu redaktur"]
    assert queue.see_all_url == f"{STORIES}?status__exact=review"
    assert f'href="{change_url(older)}"' in response.text


def test_editor_sees_scheduled_and_embargoed_stories_with_times_in_wib(client, people, make_article):
    later = timezone.now() + timedelta(days=1)
    scheduled = make_article(headline="Terjadwal", publish_at=later.replace(hour=3, minute=0, second=0))
    embargoed = make_article(
        headline="Embargo", status=S.APPROVED, publish_at=None, embargo_until=later.replace(hour=1, minute=30)
    )
    make_article(headline="Sudah tayang")
    client.force_login(people["editor"])
    response = client.get(INDEX)
    assert headlines(box(response, "scheduled")) == ["Terjadwal"]
    assert headlines(box(response, "embargoed")) == ["Embargo"]
    # 03.00 UTC is 10.00 in Jakarta; 01.30 UTC is 08.30.
    assert "10:00 WIB" in response.text and "08:30 WIB" in response.text
    assert f'href="{change_url(scheduled)}"' in response.text and f'href="{change_url(embargoed)}"' in response.text


def test_credit_gate_lists_stories_whose_photos_readers_may_not_see(client, people, make_article, make_photo):
    pending = make_photo(approved=False)
    approved = make_photo()
    expired = make_photo(rights_expire_at=timezone.now() - timedelta(hours=1))
    blocked_live = make_article(headline="Tayang tanpa foto")
    blocked_approved = make_article(headline="Disetujui menunggu kredit", status=S.APPROVED, publish_at=None)
    ready = make_article(headline="Foto siap")
    draft = make_article(headline="Draf dengan foto", status=S.DRAFT, publish_at=None)
    ArticlePhoto.objects.create(article=blocked_live, photo=expired)
    ArticlePhoto.objects.create(article=blocked_approved, photo=pending, order=0)
    ArticlePhoto.objects.create(article=blocked_approved, photo=approved, order=1)
    ArticlePhoto.objects.create(article=ready, photo=approved)
    ArticlePhoto.objects.create(article=draft, photo=pending)  # a draft is not held by the gate yet
    client.force_login(people["editor"])
    response = client.get(INDEX)
    blocked = box(response, "photos_waiting")
    assert sorted(headlines(blocked)) == ["Disetujui menunggu kredit", "Tayang tanpa foto"]
    assert {item.headline: item.photos_waiting for item in blocked.items} == {
        "Disetujui menunggu kredit": 1,
        "Tayang tanpa foto": 1,
    }
    # The same rule as the workflow's gate: publishing the approved one is refused for its photo.
    with pytest.raises(workflow.TransitionRefused):
        workflow.perform_transition(article=blocked_approved, name="publish", user=people["editor"])
    # "See all" opens the story list filtered to exactly these stories.
    listed = client.get(blocked.see_all_url)
    assert {a.headline for a in listed.context["cl"].result_list} == set(headlines(blocked))


def test_proposed_quotes_wait_for_editors_only(client, people, make_article):
    article = make_article(headline="Berita kutipan")
    proposed = Quote.objects.create(article=article, text="Kami siap membantu warga.")
    Quote.objects.create(article=article, text="Sudah dikonfirmasi.", status=Quote.Status.CONFIRMED)
    client.force_login(people["editor"])
    response = client.get(INDEX)
    quotes = box(response, "proposed_quotes")
    assert [quote.pk for quote in quotes.items] == [proposed.pk] and quotes.count == 1
    assert reverse("admin:articles_quote_change", args=[proposed.pk]) in response.text
    assert client.get(quotes.see_all_url).status_code == 200
    client.force_login(people["reporter"])
    assert box(client.get(INDEX), "proposed_quotes") is None


def test_photo_desk_counts_and_rights_expiring_this_week(client, people, make_photo, newsroom):
    make_photo(approved=False)
    make_photo(approved=False)
    make_photo(approved=False, credit_status="needs_info")
    soon = make_photo(caption="Hak segera habis", rights_expire_at=timezone.now() + timedelta(days=3))
    make_photo(caption="Hak lama", rights_expire_at=timezone.now() + timedelta(days=30))
    client.force_login(people["photo_desk"])
    response = client.get(INDEX)
    counts = {str(count.label): count.count for count in response.context["desk"].photo_counts}
    assert counts == {"Credits pending": 2, "Credits needing information": 1}
    expiring = box(response, "rights_expiring")
    assert [photo.pk for photo in expiring.items] == [soon.pk]
    page = response.text
    assert reverse("admin:articles_photo_change", args=[soon.pk]) in page
    assert "?credit_status__exact=pending" in page and "?rights=expiring" in page
    # The photo desk writes no stories and reviews none.
    assert box(response, "my_drafts") is None and box(response, "review_queue") is None
    for count in response.context["desk"].photo_counts:
        assert client.get(count.url).status_code == 200


def test_every_see_all_link_opens(client, people, newsroom):
    for role in ["reporter", "editor", "chief_editor", "photo_desk"]:
        client.force_login(people[role])
        response = client.get(INDEX)
        page = response.context["desk"]
        for desk_list in [*page.mine, *page.editing, *page.photo_lists]:
            opened = client.get(desk_list.see_all_url)
            assert opened.status_code == 200, (role, desk_list.key)
            # "See all" lists exactly what the box counted.
            assert opened.context["cl"].result_count == desk_list.count, (role, desk_list.key)


def test_my_stories_link_lists_the_reporters_own_stories(client, people, newsroom):
    client.force_login(people["editor"])
    mine_url = box(client.get(INDEX), "my_drafts").see_all_url
    # An editor has written nothing here: the "my drafts" list is theirs, not every draft.
    assert list(client.get(mine_url).context["cl"].result_list) == []
    client.force_login(people["reporter"])
    listed = {a.headline for a in client.get(mine_url).context["cl"].result_list}
    assert listed == {"Draf saya", "Draf berbyline"}


def test_lists_are_capped_with_a_see_all_link(client, people, make_article):
    for number in range(desk.LIST_LIMIT + 3):
        make_article(
            headline=f"Draf {number}",
            slug=f"draf-{number}",
            status=S.DRAFT,
            publish_at=None,
            created_by=people["reporter"],
        )
    client.force_login(people["reporter"])
    response = client.get(INDEX)
    drafts = box(response, "my_drafts")
    assert len(drafts.items) == desk.LIST_LIMIT and drafts.count == desk.LIST_LIMIT + 3
    assert f"See all {desk.LIST_LIMIT + 3}" in response.text


# --- the cost ------------------------------------------------------------------------------------------------------


def _fill(people, make_article, make_photo, count: int) -> None:
    """``count`` stories in every state the start page lists, each with a photo and a quote."""
    reporter = people["reporter"]
    for number in range(count):
        kind = number % 5
        fields = {"headline": f"Berita {count}-{number}", "slug": f"berita-{count}-{number}", "created_by": reporter}
        if kind == 0:
            article = make_article(status=S.DRAFT, publish_at=None, **fields)
        elif kind == 1:
            article = submitted(make_article, reporter, minutes_ago=number, **fields)
        elif kind == 2:
            article = submitted(make_article, reporter, minutes_ago=number, **fields)
            workflow.perform_transition(article=article, name="send_back", user=people["editor"], note="Perbaiki.")
        elif kind == 3:
            article = make_article(publish_at=timezone.now() + timedelta(hours=number + 1), **fields)
        else:
            article = make_article(
                status=S.APPROVED, publish_at=None, embargo_until=timezone.now() + timedelta(hours=1), **fields
            )
        photo = make_photo(approved=number % 2 == 0, rights_expire_at=timezone.now() + timedelta(days=2))
        ArticlePhoto.objects.create(article=article, photo=photo)
        Quote.objects.create(article=article, text=f"Kutipan {number}")


@pytest.mark.parametrize("role", ["reporter", "editor", "photo_desk"])
def test_start_page_costs_the_same_queries_for_3_and_30_stories(client, people, make_article, make_photo, role):
    client.force_login(people[role])
    counted, shown = [], []
    for count in (3, 30):
        Article.objects.all().delete()
        _fill(people, make_article, make_photo, count)
        client.get(INDEX)  # warm the per-process caches (content types, sessions) the same way both times
        with CaptureQueriesContext(connection) as queries:
            response = client.get(INDEX)
        assert response.status_code == 200
        counted.append(len(queries))
        page = response.context["desk"]
        shown.append(sum(item.count for item in [*page.mine, *page.editing, *page.photo_lists, *page.photo_counts]))
    assert shown[1] > shown[0] > 0, shown  # the lists did grow with the stories…
    assert counted[0] == counted[1], counted  # …and the queries did not
    print(f"{role}: {counted[0]} queries for 3 and for 30 stories")


# --- the story list: needs my action first -------------------------------------------------------------------------


def listed_headlines(client, url=STORIES) -> list[str]:
    return [article.headline for article in client.get(url).context["cl"].result_list]


def test_story_list_puts_stories_in_review_first_for_an_editor(client, people, newsroom, make_article):
    make_article(headline="Baru tayang", publish_at=timezone.now() - timedelta(minutes=1))
    client.force_login(people["editor"])
    order = listed_headlines(client)
    in_review = {a.headline for a in Article.objects.filter(status=S.IN_REVIEW)}
    assert set(order[: len(in_review)]) == in_review
    assert order.index("Baru tayang") > order.index("Menunggu redaktur")


def test_story_list_puts_a_reporters_drafts_and_sent_back_stories_first(client, people, newsroom, make_article):
    make_article(headline="Baru tayang", publish_at=timezone.now() - timedelta(minutes=1))
    client.force_login(people["reporter"])
    order = listed_headlines(client)
    assert set(order[:3]) == {"Draf saya", "Draf berbyline", "Dikembalikan"}
    assert "Draf orang lain" not in order


def test_a_chosen_column_and_filters_still_apply(client, people, newsroom, make_article):
    make_article(headline="AAA tayang")
    client.force_login(people["editor"])
    headline_column = 1  # list_display[0] is the headline; o=1 sorts by it, ascending
    by_headline = listed_headlines(client, f"{STORIES}?o={headline_column}")
    assert by_headline == sorted(by_headline) and by_headline[0] == "AAA tayang"
    drafts = listed_headlines(client, f"{STORIES}?status__exact=draft")
    assert set(drafts) == {"Draf saya", "Draf orang lain", "Draf berbyline", "Dikembalikan"}
    needs_me = listed_headlines(client, f"{STORIES}?desk=needs_action")
    assert needs_me == ["Menunggu redaktur"]
