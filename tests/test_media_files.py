"""Photo files follow the database: a storage fault is a clear error that saves nothing and leaves no file, a database
failure after the file was written leaves no file, and ``media_audit`` finds (and with ``--fix`` removes) what an
earlier crash left behind."""

from __future__ import annotations

import errno
import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.storage import filesystem
from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse

from articles.models import Article, Photo
from articles.services import importing
from articles.services.photo_files import transaction_with_files
from articles.services.photos import save_photo
from tests.conftest import admin_form_data, image_file, inline_management
from tests.test_import_story import STORY

pytestmark = pytest.mark.django_db


# What the editor reads for each kind of fault (English in tests; translated on the site).
DISK_FULL = "disk is full"
NOT_ALLOWED = "not allowed to write"
NOTHING_SAVED = "Nothing was saved"


# --- Faults of the media storage ----------------------------------------------------------------------------------


class _PartialWriter:
    """A file that takes ``room`` bytes and then fails as a full disk (or a used-up quota) does."""

    def __init__(self, real, fault: StorageFault):
        self._real, self._fault = real, fault

    def write(self, data):
        room = self._fault.room - self._fault.written
        if len(data) <= room:
            self._fault.written += len(data)
            return self._real.write(data)
        self._real.write(data[:room])
        self._real.flush()
        self._fault.written += room
        raise OSError(self._fault.error_number, os.strerror(self._fault.error_number))

    def close(self):
        self._real.close()


class StorageFault:
    """Stands in for the ``os`` module inside Django's FileSystemStorage (and nowhere else).

    With ``room`` (bytes), files are created and that much of them written before the error, as on a disk that fills
    up mid-upload: Django's own code then leaves the partial file. Without it, creating folders and files fails at
    once, as in a media folder the server may not write to (a read-only mount, wrong owner).
    """

    def __init__(self, error_number: int, room: int | None):
        self.error_number, self.room, self.written = error_number, room, 0

    def __getattr__(self, name):
        return getattr(os, name)

    def _refuse(self, path):
        raise OSError(self.error_number, os.strerror(self.error_number), path)

    def makedirs(self, path, *args, **kwargs):
        if self.room is None:
            self._refuse(path)
        return os.makedirs(path, *args, **kwargs)

    def open(self, path, *args, **kwargs):
        if self.room is None:
            self._refuse(path)
        return os.open(path, *args, **kwargs)

    def fdopen(self, fd, *args, **kwargs):
        return _PartialWriter(os.fdopen(fd, *args, **kwargs), self)


@pytest.fixture
def storage_fault(monkeypatch):
    """``storage_fault(errno.ENOSPC, room=100)`` makes the media storage fail from then on."""

    def inject(error_number: int, *, room: int | None = None) -> StorageFault:
        fault = StorageFault(error_number, room)
        monkeypatch.setattr(filesystem, "os", fault)
        return fault

    return inject


@pytest.fixture
def unwritable_media(settings, storage_fault):
    """The media folder the server may not write to: chmod where that stops writes; as root (where it does not),
    the refusal the kernel would give is simulated."""
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    media.chmod(0o555)
    probe = media / "probe"
    try:
        probe.touch()
    except PermissionError:
        yield  # a real unwritable folder
    else:
        probe.unlink()
        storage_fault(errno.EACCES)
        yield
    finally:
        media.chmod(0o755)


def media_files(settings) -> list[str]:
    media = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()) if media.exists() else []


def post_new_photo(client, upload, **fields):
    data = {
        "image": upload,
        "caption": "Banjir di Kampung Melayu",
        "alt_text": "Warga mengungsi dengan perahu karet",
        "credit": "Dwi Arif",
        "source": "",
        "copyright_notice": "",
        "licence_type": "staff",
        "usage_terms": "",
        **inline_management("uses"),
    }
    data.update(fields)
    return client.post(reverse("admin:articles_photo_add"), data)


# --- The admin: a storage fault is a form error -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error_number", "words"),
    [(errno.ENOSPC, DISK_FULL), (errno.EDQUOT, DISK_FULL), (errno.EIO, "could not be stored")],
)
def test_a_full_disk_during_an_admin_upload_is_a_form_error_and_leaves_no_file(
    editor_client, settings, storage_fault, error_number, words
):
    """The disk fills up halfway through writing the upload: the form comes back with what the editor typed and a
    plain-words error on the image, no photo is saved and the partial file is gone."""
    fault = storage_fault(error_number, room=500)
    response = post_new_photo(editor_client, image_file(size=(400, 300)))
    assert fault.written == 500  # the fault did write part of the file before failing
    assert response.status_code == 200
    form = response.context["adminform"].form
    [message] = form.errors["image"]
    assert words in message and NOTHING_SAVED in message
    assert form["caption"].value() == "Banjir di Kampung Melayu"
    assert form["alt_text"].value() == "Warga mengungsi dengan perahu karet"
    assert not Photo.objects.exists()
    assert media_files(settings) == []


def test_an_unwritable_media_folder_is_a_form_error(editor_client, settings, unwritable_media):
    """A media folder the server may not write to: a form error saying so, nothing saved."""
    response = post_new_photo(editor_client, image_file())
    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["image"]
    assert NOT_ALLOWED in message and NOTHING_SAVED in message
    assert not Photo.objects.exists()
    assert media_files(settings) == []


@pytest.mark.parametrize("error_number", [errno.EROFS, errno.EPERM])
def test_a_read_only_media_folder_is_a_form_error(editor_client, settings, storage_fault, error_number):
    """A read-only mount or a refused operation reads as "not allowed to write", not as a crash."""
    storage_fault(error_number)
    response = post_new_photo(editor_client, image_file())
    [message] = response.context["adminform"].form.errors["image"]
    assert NOT_ALLOWED in message and not Photo.objects.exists()


def test_a_full_disk_when_replacing_the_image_keeps_the_photo_as_it_was(
    editor_client, settings, make_photo, storage_fault
):
    """Editing a photo (new caption, new image) on a full disk: the form keeps the new caption, the stored photo keeps
    its old caption and file, and no part of the new file stays."""
    photo = make_photo(approved=False)
    before = media_files(settings)
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    data = admin_form_data(editor_client.get(url), caption="Keterangan baru", image=image_file(size=(300, 200)))
    storage_fault(errno.ENOSPC, room=200)
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert DISK_FULL in response.context["adminform"].form.errors["image"][0]
    assert response.context["adminform"].form["caption"].value() == "Keterangan baru"
    stored = Photo.objects.get()
    assert (stored.caption, stored.image.name) == (photo.caption, photo.image.name)
    assert media_files(settings) == before


# --- A database failure after the file was written leaves no file -------------------------------------------------


def test_a_database_error_after_the_upload_leaves_no_file(editor_client, settings, make_article, monkeypatch):
    """The photo row and its file are written, then saving the placements fails: the row is rolled back and so is
    the file."""
    article = make_article()

    def fail(**kwargs):
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr("articles.admin.photos.story_parts.parts_changed", fail)
    with pytest.raises(DatabaseError):
        post_new_photo(
            editor_client,
            image_file(),
            **{**inline_management("uses", total=1), "uses-0-article": article.pk, "uses-0-order": "0"},
        )
    assert not Photo.objects.exists()
    assert media_files(settings) == []


def test_a_failed_audit_after_replacing_the_image_keeps_the_old_file_and_removes_the_new(
    editor_client, settings, make_photo, monkeypatch
):
    """The audit entry written after the save fails: the photo keeps its old file, the new file is removed."""
    photo = make_photo(approved=False)
    before = media_files(settings)
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    data = admin_form_data(editor_client.get(url), caption="Keterangan baru", image=image_file(size=(300, 200)))

    def fail(**kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr("articles.audit.record_change", fail)
    with pytest.raises(IntegrityError):
        editor_client.post(url, data)
    assert Photo.objects.get().image.name == photo.image.name
    assert media_files(settings) == before


def test_save_photo_refused_by_the_database_leaves_no_file(settings):
    """The database refuses the row (an approved credit that is empty): the file written for it is removed."""
    photo = Photo(image=image_file(), credit="", credit_status=Photo.CreditStatus.APPROVED)
    with pytest.raises(IntegrityError):
        save_photo(photo=photo, user=None)
    assert media_files(settings) == []


@pytest.mark.django_db(transaction=True)
def test_a_hook_failing_after_the_commit_does_not_remove_the_committed_file(settings):
    """The commit succeeded and an on-commit hook raised afterwards: the row is stored, so its file must stay."""

    def fail_after_commit():
        raise RuntimeError("mail server down")

    with pytest.raises(RuntimeError), transaction_with_files():
        save_photo(photo=Photo(image=image_file(), caption="Pawai"), user=None)
        transaction.on_commit(fail_after_commit)
    photo = Photo.objects.get()
    renditions = sorted(rendition["url"].removeprefix(settings.MEDIA_URL) for rendition in photo.renditions.values())
    assert renditions  # made by the task once the photo was stored (at once in tests)
    assert media_files(settings) == sorted([photo.image.name, *renditions])


def test_an_import_failing_after_the_photo_leaves_no_file(settings, section, monkeypatch, tmp_path):
    """import_story fails on the quotes, after the photo was stored: nothing of the story stays, not even the file."""
    story_path = tmp_path / "taman.txt"
    story_path.write_text(STORY, encoding="utf-8")

    def fail(*args, **kwargs):
        raise DatabaseError("deadlock detected")

    monkeypatch.setattr(importing, "sources_for_speakers", fail)
    with pytest.raises(DatabaseError):
        importing.import_story(
            story_file=importing.read_story_file(story_path), section=section, image=image_file(), approve_credit=True
        )
    assert not Article.objects.exists() and not Photo.objects.exists()
    assert media_files(settings) == []


# --- Commands print the same message and exit non-zero ------------------------------------------------------------


def command(name: str, *args) -> tuple[str, str, int]:
    out, err = StringIO(), StringIO()
    try:
        call_command(name, *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
        err.write(str(error))
    return out.getvalue(), err.getvalue(), code


def test_import_story_on_a_full_disk_says_so_and_exits_non_zero(settings, storage_fault, tmp_path):
    """import_story --image on a full disk: the plain-words message, exit status 1, no story and no file."""
    story_path = tmp_path / "taman.txt"
    story_path.write_text(STORY, encoding="utf-8")
    picture = tmp_path / "foto.png"
    picture.write_bytes(image_file(size=(300, 200), fmt="PNG").read())
    storage_fault(errno.ENOSPC, room=100)
    _, err, code = command("import_story", str(story_path), "--image", str(picture))
    assert code == 1
    assert DISK_FULL in err and NOTHING_SAVED in err
    assert not Article.objects.exists() and not Photo.objects.exists()
    assert media_files(settings) == []


def test_seed_demo_on_an_unwritable_media_folder_says_so_and_exits_non_zero(settings, unwritable_media):
    """seed_demo cannot store its pictures: the plain-words message, exit status 1, no half-loaded story."""
    _, err, code = command("seed_demo", "--no-admin")
    assert code == 1
    assert NOT_ALLOWED in err and NOTHING_SAVED in err
    assert not Article.objects.exists() and not Photo.objects.exists()
    assert media_files(settings) == []


# --- media_audit --------------------------------------------------------------------------------------------------


def write_media_file(settings, name: str, *, age_minutes: float = 0) -> Path:
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8 not important")
    moment = time.time() - age_minutes * 60
    os.utime(path, (moment, moment))
    return path


@pytest.fixture
def troubled_media(settings, make_photo):
    """A healthy photo, a photo whose file is gone, an old orphan file, a fresh one (an upload in flight), a sorl
    rendition and a hidden file."""
    healthy = make_photo()
    missing = make_photo(caption="Foto yang filenya hilang")
    (Path(settings.MEDIA_ROOT) / missing.image.name).unlink()
    old_orphan = write_media_file(settings, "photos/2026/01/0ld0rphan.jpg", age_minutes=180)
    fresh_orphan = write_media_file(settings, "photos/2026/01/1nfl1ght.jpg", age_minutes=5)
    rendition = write_media_file(settings, "renditions/ab/cd/abcdef.webp", age_minutes=600)
    hidden = write_media_file(settings, ".gitkeep", age_minutes=600)
    return {
        "healthy": healthy,
        "missing": missing,
        "old_orphan": old_orphan,
        "fresh_orphan": fresh_orphan,
        "rendition": rendition,
        "hidden": hidden,
    }


def test_media_audit_reports_orphans_and_missing_files_and_changes_nothing(troubled_media):
    """Without --fix: the old orphan and the photo without its file are problems (exit 1), the fresh orphan is named
    but left alone, renditions and hidden files are not the audit's; nothing is removed."""
    out, err, code = command("media_audit")
    assert code == 1
    missing = troubled_media["missing"]
    assert "photos/2026/01/0ld0rphan.jpg" in out
    assert "photos/2026/01/1nfl1ght.jpg" in out  # reported as recent, not as a problem
    assert missing.image.name in out
    assert reverse("admin:articles_photo_change", args=[missing.pk]) in out
    assert troubled_media["healthy"].image.name not in out
    assert "abcdef.webp" not in out and ".gitkeep" not in out
    assert "2 problems" in err
    assert all(troubled_media[key].exists() for key in ("old_orphan", "fresh_orphan", "rendition", "hidden"))


def test_media_audit_fix_removes_old_orphans_only_and_never_rows(troubled_media):
    """--fix removes the orphan older than the grace period, keeps the fresh one, the rendition, the hidden file and
    every row, and still exits 1 while a photo lacks its file."""
    out, err, code = command("media_audit", "--fix")
    assert not troubled_media["old_orphan"].exists()
    assert troubled_media["fresh_orphan"].exists()
    assert troubled_media["rendition"].exists() and troubled_media["hidden"].exists()
    assert Photo.objects.count() == 2
    assert Path(troubled_media["healthy"].image.path).exists()
    missing = troubled_media["missing"]
    assert reverse("admin:articles_photo_change", args=[missing.pk]) in out
    assert code == 1 and "1 problem" in err


def test_media_audit_grace_period_can_be_changed(troubled_media):
    """--grace-minutes 0 treats the fresh orphan as old too; a longer one spares the three-hour-old orphan."""
    command("media_audit", "--fix", "--grace-minutes", "240")
    assert troubled_media["old_orphan"].exists()
    command("media_audit", "--fix", "--grace-minutes", "0")
    assert not troubled_media["old_orphan"].exists() and not troubled_media["fresh_orphan"].exists()


def test_media_audit_exits_zero_when_all_is_well(settings, make_photo):
    """Every photo has its file and every file a photo: exit status 0; a fresh orphan alone is no problem yet."""
    make_photo()
    write_media_file(settings, "photos/2026/01/1nfl1ght.jpg", age_minutes=1)
    out, _, code = command("media_audit", "--fix")
    assert code == 0
    assert "photos/2026/01/1nfl1ght.jpg" in out and "No problems" in out
