"""Edit conflicts: a save made from an older version is refused with what the other person changed, nothing is
overwritten (inlines included), on two real database connections too; and the form shows who else has it open."""

import io
import threading
from datetime import timedelta

import pytest
import reversion
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import close_old_connections, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import roles
from articles.models import Article, Byline, Contributor, EditConflict
from articles.services import restoring, revisions
from tests.test_revisions import change_form_data


@pytest.fixture
def editors(db, django_user_model):
    call_command("setup_roles", stdout=None)
    group = Group.objects.get(name=roles.EDITOR)
    users = []
    for username, name in [("dwi", "Dwi"), ("rina", "Rina")]:
        user = django_user_model.objects.create_user(username, password="pass-for-tests-123", is_staff=True)
        user.first_name = name
        user.save()
        user.groups.add(group)
        users.append(user)
    return users


@pytest.fixture
def story(make_article):
    """A published story with its first version kept."""
    with reversion.create_revision():
        return make_article(headline="Pompa banjir Kali Kenanga", dek="Dua pompa baru.")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.mark.django_db
def test_second_save_is_refused_with_what_the_first_changed(editors, story):
    """Both open version 1; Dwi saves; Rina's save is refused, names Dwi and the headline, and saves nothing."""
    dwi, rina = (logged_in(user) for user in editors)
    dwi_form, rina_form = dwi.get(change_url(story)), rina.get(change_url(story))
    assert (
        dwi.post(change_url(story), change_form_data(dwi_form, headline="Pompa baru Kali Kenanga")).status_code == 302
    )
    agus = Contributor.objects.create(name="Agus Salim", slug="agus")
    data = change_form_data(
        rina_form,
        dek="Tiga pompa baru.",
        **{"bylines-TOTAL_FORMS": "1", "bylines-0-contributor": agus.pk, "bylines-0-role": "reporter"},
        **{"bylines-0-order": "1"},
    )
    response = rina.post(change_url(story), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors().as_data()
    assert [error.code for error in errors] == ["conflict"]
    message = response.context["adminform"].form.non_field_errors()[0]
    assert "Dwi saved this story" in message and "Headline" in message and "Dek" not in message
    assert "history/compare/?old=" in response.text  # the link to their changes is rendered, not escaped
    assert "Tiga pompa baru." in response.text  # Rina's text is still in the form
    story.refresh_from_db()
    assert (story.headline, story.dek, story.version) == ("Pompa baru Kali Kenanga", "Dua pompa baru.", 2)
    assert not Byline.objects.filter(article=story).exists()  # the inline was not saved either
    history = [version.field_dict["headline"] for version in revisions.story_versions(story.pk)]
    assert history == ["Pompa baru Kali Kenanga", "Pompa banjir Kali Kenanga"]


@pytest.mark.django_db
def test_the_update_itself_refuses_when_a_save_slips_past_the_form_check(editors, story, monkeypatch):
    """Even if the form's check were passed (a race), the conditional UPDATE refuses and no inline is saved."""
    dwi, rina = (logged_in(user) for user in editors)
    dwi_form, rina_form = dwi.get(change_url(story)), rina.get(change_url(story))
    dwi.post(change_url(story), change_form_data(dwi_form, headline="Versi Dwi"))
    monkeypatch.setattr(revisions, "current_version", lambda pk: 1)  # the check sees the old version
    agus = Contributor.objects.create(name="Agus Salim", slug="agus")
    data = change_form_data(
        rina_form,
        headline="Versi Rina",
        **{"bylines-TOTAL_FORMS": "1", "bylines-0-contributor": agus.pk, "bylines-0-role": "reporter"},
        **{"bylines-0-order": "1"},
    )
    response = rina.post(change_url(story), data, follow=True)
    assert "Someone else saved this story at the same moment" in response.text
    story.refresh_from_db()
    assert (story.headline, story.version) == ("Versi Dwi", 2)
    assert not Byline.objects.filter(article=story).exists()
    assert revisions.story_versions(story.pk).count() == 2


@pytest.mark.django_db
def test_a_transition_in_between_also_refuses_the_stale_form(editors, story):
    """Unpublishing between opening and saving is a change like any other: the stale save names it."""
    from articles.services import workflow

    rina = logged_in(editors[1])
    form = rina.get(change_url(story))
    workflow.perform_transition(article=story, name="unpublish", user=editors[0])
    response = rina.post(change_url(story), change_form_data(form, headline="Judul lain"))
    assert response.status_code == 200
    assert "Status" in response.context["adminform"].form.non_field_errors()[0]
    story.refresh_from_db()
    assert story.headline == "Pompa banjir Kali Kenanga" and story.status == "unpublished"


@pytest.mark.django_db
def test_conflict_is_refused_even_when_no_revision_shows_the_base(editors, make_article):
    """A story saved outside any revision (an import) is still protected; the message points to the history."""
    article = make_article()
    rina = logged_in(editors[1])
    form = rina.get(change_url(article))
    Article.objects.get(pk=article.pk).save()  # e.g. a command: version 2, no revision
    response = rina.post(change_url(article), change_form_data(form, headline="Judul lain"))
    assert response.status_code == 200
    assert "see the history" in response.context["adminform"].form.non_field_errors()[0]


@pytest.mark.django_db
def test_a_form_without_its_version_is_refused(editors, story):
    """A change form posted without the version it was opened at saves nothing."""
    rina = logged_in(editors[1])
    data = change_form_data(rina.get(change_url(story)), headline="Tanpa versi")
    del data["base_version"]
    response = rina.post(change_url(story), data)
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.headline == "Pompa banjir Kali Kenanga"


@pytest.mark.django_db
def test_the_model_refuses_a_stale_copy_in_the_update_itself(story):
    """Two copies loaded at version 1: the first save wins, the second raises and writes nothing."""
    first, second = Article.objects.get(pk=story.pk), Article.objects.get(pk=story.pk)
    first.headline = "Yang pertama"
    first.save()
    second.headline = "Yang kedua"
    with pytest.raises(EditConflict):
        second.save()
    story.refresh_from_db()
    assert (story.headline, story.version, first.version) == ("Yang pertama", 2, 2)


def run_together(*jobs):
    """Run each job in its own thread, so each uses its own database connection; return their results."""
    results = [None] * len(jobs)

    def run(index, job):
        try:
            results[index] = job()
        except Exception as error:  # handed back to the test, which asserts on it
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_at_once_on_two_connections(editors, story):
    """Two editors post at the same instant from two connections: one save wins, the other is refused."""
    clients = [logged_in(user) for user in editors]
    forms = [client.get(change_url(story)) for client in clients]
    start = threading.Barrier(2)

    def save(client, form, headline):
        def job():
            close_old_connections()
            start.wait()
            return client.post(change_url(story), change_form_data(form, headline=headline)).status_code

        return job

    statuses = run_together(save(clients[0], forms[0], "Versi Dwi"), save(clients[1], forms[1], "Versi Rina"))
    assert sorted(statuses) == [200, 302], statuses
    winner = "Versi Dwi" if statuses[0] == 302 else "Versi Rina"
    story.refresh_from_db()
    assert (story.headline, story.version) == (winner, 2)
    history = [version.field_dict["headline"] for version in revisions.story_versions(story.pk)]
    assert history == [winner, "Pompa banjir Kali Kenanga"]


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_a_stale_update_from_another_connection(story):
    """A save holding its transaction open wins; a stale copy saved meanwhile on another connection is refused."""
    saved, release = threading.Event(), threading.Event()

    def first():
        from django.db import transaction

        article = Article.objects.get(pk=story.pk)
        with transaction.atomic():
            article.headline = "Yang menang"
            article.save()
            saved.set()
            release.wait(timeout=2)  # the row stays locked (PostgreSQL) or the database busy (SQLite) meanwhile
        return article.version

    stale = Article.objects.get(pk=story.pk)

    def second():
        saved.wait(timeout=10)
        threading.Timer(0.5, release.set).start()
        stale.headline = "Yang kalah"
        stale.save()
        return stale.version

    results = run_together(first, second)
    assert results[0] == 2 and isinstance(results[1], EditConflict), results
    story.refresh_from_db()
    assert (story.headline, story.version) == ("Yang menang", 2)


@pytest.mark.django_db
def test_the_form_shows_who_else_has_the_story_open_until_it_expires(editors, story, time_machine):
    """Rina sees that Dwi has the story open; not once his form has said nothing for two minutes, nor once Dwi has
    saved."""
    time_machine.move_to(timezone.now(), tick=False)
    dwi, rina = (logged_in(user) for user in editors)
    dwi_form = dwi.get(change_url(story))
    page = rina.get(change_url(story))
    assert [person.name for person in page.context["also_open"]] == ["Dwi"]
    assert "Also open by" in page.text and "Dwi" in page.text
    dwi.post(change_url(story), change_form_data(dwi_form))
    assert rina.get(change_url(story)).context["also_open"] == []
    dwi.get(change_url(story))
    time_machine.move_to(timezone.now() + timedelta(minutes=3))
    assert rina.get(change_url(story)).context["also_open"] == []


def test_quote_review_outside_the_story_form_refuses_a_stale_form(people, make_article):
    """Confirming a quote from the quote desk counts as a change to the story: a form opened before is refused."""
    from articles.models import Quote
    from articles.services.quotes import review_quotes

    article = make_article()
    # A paraphrase: the story need not print its words for it to be confirmed.
    quote = Quote.objects.create(
        article=article, text="Kutipan lama yang belum dicek", status="proposed", is_paraphrase=True
    )
    opened_version = Article.objects.get(pk=article.pk).version
    review_quotes(quotes=[quote], status="confirmed", user=people["editor"])
    assert Article.objects.get(pk=article.pk).version == opened_version + 1


@pytest.mark.django_db
def test_a_stale_copy_is_refused_on_every_save_path(editors, story):
    """A copy loaded before someone else's save is refused by save() itself, whatever calls it, and writes nothing."""
    stale = Article.objects.get(pk=story.pk)
    fresh = Article.objects.get(pk=story.pk)
    fresh.headline = "Disimpan lebih dulu"
    fresh.save()
    stale.headline = "Ditulis di atasnya"
    with pytest.raises(EditConflict):
        stale.save()
    with pytest.raises(EditConflict):
        stale.save(update_fields=["headline"])
    assert Article.objects.get(pk=story.pk).headline == "Disimpan lebih dulu"
    assert Article.objects.get(pk=story.pk).version == fresh.version


@pytest.mark.django_db
def test_a_restore_made_while_a_form_is_open_refuses_that_form(editors, story):
    """An editor restores a version while a colleague has the form open: the colleague's save is refused."""
    dwi, rina = editors
    with reversion.create_revision():
        story.headline = "Judul kedua"
        story.save()
    rina_client = logged_in(rina)
    form = rina_client.get(change_url(story))
    first = revisions.story_versions(story.pk).last()
    restoring.restore_revision(article=Article.objects.get(pk=story.pk), version=first, user=dwi, confirmed=True)
    response = rina_client.post(change_url(story), change_form_data(form, headline="Judul Rina"))
    assert response.status_code == 200
    assert Article.objects.get(pk=story.pk).headline == "Pompa banjir Kali Kenanga"


@pytest.mark.django_db
def test_a_deleted_story_comes_back_under_its_old_id_and_version(editors, story):
    """Recovering a deleted story inserts it again (nothing to claim), and the next save of a stale copy is refused."""
    version = revisions.story_versions(story.pk).first()
    stale = Article.objects.get(pk=story.pk)
    Article.objects.filter(pk=story.pk).delete()
    version.revision.revert(delete=True)
    recovered = Article.objects.get(pk=story.pk)
    recovered.save()
    stale.headline = "Salinan lama"
    with pytest.raises(EditConflict):
        stale.save()


@pytest.mark.django_db
def test_an_imported_story_is_guarded_like_any_other(tmp_path, section):
    """A story made by import_story refuses a save from a copy loaded before a later save (the guard is in save())."""
    path = tmp_path / "story.txt"
    path.write_text("# Warga di pasar. Foto: Dwi Arif\n\nPasar dibuka lagi\n\nPasar Kenari dibuka lagi.\n")
    call_command("import_story", str(path), "--section", section.slug, stdout=io.StringIO())
    imported = Article.objects.get(headline="Pasar dibuka lagi")
    stale = Article.objects.get(pk=imported.pk)
    imported.dek = "Dibuka pukul tujuh."
    imported.save()
    stale.headline = "Ditulis dari salinan lama"
    with pytest.raises(EditConflict):
        stale.save()
    assert Article.objects.get(pk=imported.pk).headline == "Pasar dibuka lagi"


def presence_url(article) -> str:
    return reverse("admin:articles_article_presence", args=[article.pk])


@pytest.mark.django_db
def test_someone_who_left_the_story_is_no_longer_shown_as_having_it_open(editors, story):
    """Dwi closes the form without saving (the page says "left"): Rina no longer sees him at once."""
    dwi, rina = (logged_in(user) for user in editors)
    dwi.get(change_url(story))
    assert [person.name for person in rina.get(change_url(story)).context["also_open"]] == ["Dwi"]
    assert dwi.post(presence_url(story), {"state": "left"}).status_code == 204
    assert rina.get(change_url(story)).context["also_open"] == []


@pytest.mark.django_db
def test_the_heartbeat_keeps_an_open_form_shown_and_silence_forgets_it(editors, story, time_machine):
    """While Dwi's form is open it says so every 45 s and he stays shown; a browser that crashed says nothing, and
    after two minutes he is forgotten (it was ten before)."""
    time_machine.move_to(timezone.now(), tick=False)
    dwi, rina = (logged_in(user) for user in editors)
    dwi.get(change_url(story))
    for _ in range(4):
        time_machine.move_to(timezone.now() + timedelta(seconds=45))
        assert dwi.post(presence_url(story), {"state": "here"}).status_code == 204
    assert [person.name for person in rina.get(change_url(story)).context["also_open"]] == ["Dwi"]
    time_machine.move_to(timezone.now() + timedelta(minutes=2, seconds=1))
    assert rina.get(change_url(story)).context["also_open"] == []


@pytest.mark.django_db
def test_only_people_who_may_edit_the_story_are_counted_and_only_by_post(editors, story, django_user_model):
    dwi = logged_in(editors[0])
    assert dwi.get(presence_url(story)).status_code == 405
    outsider = django_user_model.objects.create_user("tamu", password="pass-for-tests-123", is_staff=True)
    assert logged_in(outsider).post(presence_url(story), {"state": "here"}).status_code in (403, 404)


@pytest.mark.django_db
def test_the_change_form_loads_the_presence_script(editors, story):
    page = logged_in(editors[0]).get(change_url(story))
    assert "newsroom/presence.js" in page.text and presence_url(story) in page.text
