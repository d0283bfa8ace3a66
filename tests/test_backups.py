"""Backups that lose nothing (issue 18): ``manage.py backup`` and ``restore``, across SQLite and PostgreSQL.

The round trip backs up this test's database, restores it into a fresh database of the other vendor (a subprocess
with its own DATABASE_URL and MEDIA_ROOT, after ``migrate`` there), backs that up and restores it into a fresh one of
this test's vendor, comparing each time every model's rows (a canonical digest, links included), every media file
(SHA-256) and search. PostgreSQL is the server of DATABASE_URL, or 127.0.0.1:5432 (user postgres) when the tests run
on SQLite; NEWSROOM_TEST_POSTGRES_URL names another.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import uuid
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image
from taggit.models import Tag, TaggedItem

from articles import search
from articles.backups import archive as backup_archive
from articles.backups.contents import content_digests
from articles.backups.making import media_names
from articles.models import (
    Article,
    ArticlePhoto,
    AuditEntry,
    Byline,
    Contributor,
    Photo,
    PublicPagesVersion,
    Quote,
    Section,
    Source,
)

ROOT = Path(__file__).resolve().parents[1]
STORIES = 1000
PHOTOS = 60
# A word only one story has, to find it by search in every copy.
NEEDLE = "zamrudkatulistiwa"


# --- Content -------------------------------------------------------------------------------------------------------


def small_jpeg(number: int) -> bytes:
    """A real, small, distinct JPEG."""
    buffer = io.BytesIO()
    Image.new("RGB", (24 + number % 7, 16 + number % 5), (number * 37 % 256, number * 91 % 256, 120)).save(
        buffer, "JPEG"
    )
    return buffer.getvalue()


def build_newsroom(people: dict, *, stories: int) -> None:
    """Stories with photos, bylines, tags, quotes, sources, revisions and audit entries, built with bulk inserts
    (what the model signals would do — the search index — is done once at the end)."""
    now = timezone.now()
    sections = [Section.objects.create(name=f"Rubrik {n}", slug=f"rubrik-{n}", order=n) for n in range(3)]
    contributors = [
        Contributor.objects.create(name=f"Penulis {n}", slug=f"penulis-{n}", title="Wartawan") for n in range(6)
    ]
    sources = [Source.objects.create(name=f"Narasumber {n}", title=f"Kepala Dinas {n}") for n in range(40)]
    tags = [Tag.objects.create(name=f"topik {n}", slug=f"topik-{n}") for n in range(25)]
    photos = []
    for number in range(min(PHOTOS, stories)):
        name = default_storage.save(f"photos/test/foto-{number}.jpg", ContentFile(small_jpeg(number)))
        photos.append(
            Photo(
                image=name,
                width=24,
                height=16,
                caption=f"Foto {number}",
                credit="Dwi Arif",
                credit_status=Photo.CreditStatus.APPROVED,
                file_metadata={"origins": {"credit": "iptc"}, "problems": [], "nested": {"b": 1, "a": [1.5, None]}},
            )
        )
    photos = Photo.objects.bulk_create(photos)

    articles = []
    for number in range(stories):
        article = Article(
            headline=f"Berita nomor {number} tentang banjir" + (f" {NEEDLE}" if number == 7 else ""),
            slug=f"berita-{number}",
            dek=f"Ringkasan berita {number}.",
            body=f"<p>Isi berita {number} dengan “kutipan {number}”.</p>",
            section=sections[number % 3],
            status=Article.Status.PUBLISHED if number % 4 else Article.Status.DRAFT,
            publish_at=now - timedelta(minutes=number, microseconds=number * 7),
        )
        article.publication_date = article._newsroom_date()  # what save() derives; bulk_create does not call it
        articles.append(article)
    articles = Article.objects.bulk_create(articles)

    article_type = ContentType.objects.get_for_model(Article)
    Byline.objects.bulk_create(
        Byline(article=article, contributor=contributors[(number + extra) % 6], order=extra)
        for number, article in enumerate(articles)
        for extra in range(1 + number % 2)
    )
    ArticlePhoto.objects.bulk_create(
        ArticlePhoto(article=article, photo=photos[number % len(photos)], order=0)
        for number, article in enumerate(articles)
    )
    Quote.objects.bulk_create(
        Quote(
            article=article,
            text=f"kutipan {number}",
            source=sources[number % 40],
            speaker_title="Kepala Dinas",
            position=1,
            status=Quote.Status.CONFIRMED,
        )
        for number, article in enumerate(articles)
    )
    # Three tag links for most stories: the links --natural-primary would have collapsed to one per story.
    TaggedItem.objects.bulk_create(
        TaggedItem(tag=tags[(number + extra) % 25], content_type=article_type, object_id=article.pk)
        for number, article in enumerate(articles)
        for extra in range(1 + number % 3)
    )
    AuditEntry.objects.bulk_create(
        AuditEntry(
            content_type=article_type,
            object_id=article.pk,
            object_repr=article.headline,
            action=AuditEntry.Action.PUBLISH,
            user=people["editor"],
            to_state="published",
            changes={"headline": [None, article.headline]},
            created_at=now - timedelta(seconds=number, microseconds=number),
        )
        for number, article in enumerate(articles)
    )
    # Revisions through django-reversion itself: each holds the story with its bylines, photos and quotes.
    for article in articles[:40]:
        with reversion.create_revision():
            reversion.add_to_revision(article)
            reversion.set_user(people["reporter"])
            reversion.set_comment(f"Versi pertama {article.pk}")
    # The admin's history and a two-factor device: kept too (kinds of record by name, users by name).
    LogEntry.objects.create(
        user=people["editor"],
        content_type=article_type,
        object_id=str(articles[0].pk),
        object_repr=articles[0].headline,
        action_flag=CHANGE,
        change_message="Changed headline.",
    )
    TOTPDevice.objects.create(user=people["chief_editor"], name="Telepon", confirmed=True)
    search.rebuild_index()


def media_hashes(root: Path | None = None) -> dict[str, str]:
    """Every media file's SHA-256, by storage name (this test's storage, or a folder on disk)."""
    if root is None:
        return {
            name: hashlib.sha256(default_storage.open(name).read()).hexdigest() for name in media_names(default_storage)
        }
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


# --- Other databases, in subprocesses ------------------------------------------------------------------------------


def postgres_server() -> dict:
    """Where to make throwaway PostgreSQL databases: DATABASE_URL's server, or the local one."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        return {
            "host": db["HOST"] or "127.0.0.1",
            "port": int(db["PORT"] or 5432),
            "user": db["USER"],
            "password": db["PASSWORD"],
        }
    url = urlsplit(os.environ.get("NEWSROOM_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    return {
        "host": url.hostname,
        "port": url.port or 5432,
        "user": url.username or "postgres",
        "password": url.password,
    }


def _postgres_admin(server: dict):
    import psycopg

    return psycopg.connect(
        host=server["host"],
        port=server["port"],
        user=server["user"],
        password=server["password"] or None,
        dbname="postgres",
        autocommit=True,
        connect_timeout=3,
    )


@contextmanager
def throwaway_database(vendor: str, folder: Path):
    """A new, empty database of this vendor (its URL), dropped afterwards."""
    if vendor == "sqlite":
        yield f"sqlite:///{folder / f'restore-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    server = postgres_server()
    try:
        admin = _postgres_admin(server)
    except Exception as error:  # any failure to connect means: no server to test against
        pytest.skip(f"no PostgreSQL server answers at {server['host']}:{server['port']} ({error.__class__.__name__})")
    name = f"newsroom_backup_test_{uuid.uuid4().hex[:10]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            auth = f"{server['user']}:{server['password']}" if server["password"] else server["user"]
            yield f"postgres://{auth}@{server['host']}:{server['port']}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(database_url: str, media_root: Path, *args: str, script: str | None = None) -> str:
    """Run manage.py against another database and media folder; its output, or the test fails with its errors."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    command = [sys.executable, "manage.py", *args] if script is None else [sys.executable, "-c", script]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{' '.join(args) or 'script'} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


# What the copy holds, read in its own process: the digests, the stories search finds, and PostgreSQL's statistics.
INSPECT = f"""
import json, django
django.setup()
from django.db import connection
from articles import search
from articles.backups.contents import content_digests
analyzed = None
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'articles_article' AND last_analyze IS NOT NULL"
        )
        analyzed = cursor.fetchone()[0] == 1
print(json.dumps({{"digests": content_digests(), "found": search.ranked_ids("{NEEDLE}"), "analyzed": analyzed}}))
"""


def restore_elsewhere(archive: Path, vendor: str, folder: Path, stack) -> tuple[str, Path, dict]:
    """Restore the archive into a new database of this vendor; its URL, media folder and what it holds."""
    database_url = stack.enter_context(throwaway_database(vendor, folder))
    media = folder / f"media-{uuid.uuid4().hex[:8]}"
    manage(database_url, media, "migrate", "--verbosity", "0")
    manage(database_url, media, "restore", str(archive))  # its exit status is checked; its words are Indonesian
    return database_url, media, json.loads(manage(database_url, media, script=INSPECT).strip().splitlines()[-1])


# --- The round trip ------------------------------------------------------------------------------------------------


@pytest.mark.postgres_only
def test_round_trip_between_sqlite_and_postgresql_loses_nothing(people, tmp_path):
    """1,000 stories with everything they hold go to the other database vendor and back with every row, link and
    file intact, searchable, and with PostgreSQL's statistics refreshed."""
    from contextlib import ExitStack

    build_newsroom(people, stories=STORIES)
    here = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    there = "sqlite" if here == "postgresql" else "postgresql"
    digests, files = content_digests(), media_hashes()
    found = search.ranked_ids(NEEDLE)
    assert digests["articles.article"]["rows"] == STORIES and len(found) == 1
    assert digests["taggit.taggeditem"]["rows"] == sum(1 + number % 3 for number in range(STORIES))
    assert digests["reversion.version"]["rows"] > 40 and digests["articles.auditentry"]["rows"] == STORIES
    assert digests["admin.logentry"]["rows"] == 1 and digests["otp_totp.totpdevice"]["rows"] == 1
    assert digests["auth.group"]["rows"] == 4  # the roles, with their permissions named by codename
    assert len(files) == PHOTOS

    first = tmp_path / "first.tar.gz"
    call_command("backup", str(first), stdout=io.StringIO())
    with ExitStack() as stack:
        url, media, copy = restore_elsewhere(first, there, tmp_path, stack)
        assert copy["digests"] == digests
        assert media_hashes(media) == files
        assert copy["found"] == found
        if there == "postgresql":
            assert copy["analyzed"] is True

        second = tmp_path / "second.tar.gz"
        manage(url, media, "backup", str(second))
        _, media_back, back = restore_elsewhere(second, here, tmp_path, stack)
        assert back["digests"] == digests
        assert media_hashes(media_back) == files
        assert back["found"] == found
        if here == "postgresql":
            assert back["analyzed"] is True


# --- Smaller checks, in this process -------------------------------------------------------------------------------


@pytest.fixture
def small_newsroom(people):
    build_newsroom(people, stories=12)


@pytest.fixture
def backup_file(small_newsroom, tmp_path) -> Path:
    path = tmp_path / "backup.tar.gz"
    call_command("backup", str(path), stdout=io.StringIO())
    return path


def restore(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *args, stdout=out)
    return out.getvalue()


def test_backup_into_a_folder_names_the_archive_by_the_time(small_newsroom, tmp_path):
    """Given a folder, backup writes one complete archive named by the time, readable only by its owner, with
    nothing left under a temporary name."""
    out = io.StringIO()
    call_command("backup", str(tmp_path), stdout=out)
    archives = list(tmp_path.glob("newsroom-*.tar.gz"))
    assert len(archives) == 1 and [p.name for p in tmp_path.iterdir() if p.is_file()] == [archives[0].name]
    assert archives[0].stat().st_mode & 0o077 == 0  # password hashes and two-factor secrets are inside
    with tarfile.open(archives[0]) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
    assert manifest["models"]["articles.article"]["rows"] == 12
    assert {entry["name"] for entry in manifest["files"]} == set(media_hashes())
    assert manifest["migrations"]["articles"]
    assert "Backed up" in out.getvalue()


def test_backup_refuses_a_name_that_is_not_an_archive(tmp_path):
    """A destination that is neither a folder nor a .tar.gz name, or in a folder that does not exist, is refused in
    plain words."""
    (tmp_path / "backup.zip").write_bytes(b"")
    with pytest.raises(CommandError, match=re.escape("neither a folder nor a .tar.gz")):
        call_command("backup", str(tmp_path / "backup.zip"))
    with pytest.raises(CommandError, match=re.escape("There is no folder")):
        call_command("backup", str(tmp_path / "backups"))
    with pytest.raises(CommandError, match=re.escape("does not exist")):
        call_command("backup", str(tmp_path / "nowhere" / "backup.tar.gz"))


def test_restore_refuses_a_database_with_content(backup_file):
    """Without --force, restore says what the database holds and changes nothing."""
    Article.objects.filter(pk=Article.objects.order_by("pk").first().pk).delete()
    before = content_digests()
    with pytest.raises(CommandError) as refused:
        restore(backup_file)
    message = str(refused.value)
    assert "not empty" in message and "11 stories (articles.article)" in message and "--force" in message
    assert content_digests() == before


def test_restore_with_force_replaces_the_content_and_keeps_every_tag_link(backup_file):
    """--force puts back exactly what was backed up — every tag link of every story (the finding: natural primary
    keys kept one per story) — and removes what was added since."""
    expected = content_digests()
    links = TaggedItem.objects.count()
    assert links > Article.objects.count()  # several tags per story
    TaggedItem.objects.all().delete()
    Article.objects.create(headline="Added after the backup", slug="added", section=Section.objects.first())
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=timezone.now() + timedelta(days=1))
    version = PublicPagesVersion.current()

    output = restore(backup_file, "--force")

    assert TaggedItem.objects.count() == links
    assert content_digests() == expected
    assert not Session.objects.exists()  # the replaced content's sign-ins end
    assert PublicPagesVersion.current() > version  # pages cached before the restore are never served again
    assert "Replaced what the database held" in output and "Restore complete." in output


def test_restore_rebuilds_the_search_index(backup_file):
    """The restored stories are found by search: the index is rebuilt, not left empty (the finding)."""
    story = Article.objects.get(headline__contains=NEEDLE)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {search.TABLE}")
    assert search.ranked_ids(NEEDLE) == []

    output = restore(backup_file, "--force")

    assert search.ranked_ids(NEEDLE) == [story.pk]
    assert "Search index rebuilt: 12 stories." in output


def test_restore_puts_back_missing_and_altered_media_files(backup_file):
    """Media files are restored by name with their exact bytes; unchanged ones are left as they are."""
    files = media_hashes()
    names = sorted(files)
    default_storage.delete(names[0])
    with default_storage.open(names[1], "wb") as altered:
        altered.write(b"not the photo")

    output = restore(backup_file, "--force")

    assert media_hashes() == files
    assert f"Media files: 2 written, {len(files) - 2} already there unchanged" in output


def _rewrite(source: Path, target: Path, change) -> Path:
    """A copy of the archive with one member's bytes changed by ``change(name, data)``."""
    with tarfile.open(source) as original, tarfile.open(target, "w:gz") as copy:
        for member in original:
            data = change(member.name, original.extractfile(member).read())
            if data is None:
                continue
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("truncated", "damaged or cut short"),
        ("not an archive", "damaged or cut short"),
        ("altered photo", "differs from its manifest"),
        ("missing photo", "lacks 1 file its manifest lists"),
        ("no manifest", "has no manifest.json"),
        ("newer version", "format version 2"),
        ("file without its hash", "manifest.json is incomplete"),
        ("other schema", "lacks migrations the backup has"),
    ],
)
def test_a_bad_archive_is_refused_and_nothing_changes(backup_file, tmp_path, damage, message):
    """A truncated, damaged, altered, incomplete, foreign or newer archive is refused with its reason, before the
    database or the media files are touched."""

    def manifest_edit(edit):
        def change(name, data):
            if name != backup_archive.MANIFEST:
                return data
            manifest = json.loads(data)
            edit(manifest)
            return json.dumps(manifest).encode()

        return change

    def bump_version(manifest):
        manifest["version"] = 2

    def no_hash(manifest):
        del manifest["files"][0]["sha256"]

    def later_migration(manifest):
        manifest["migrations"]["articles"].append("0999_from_the_future")

    photo = next(name for name in backup_archive_names(backup_file) if name.startswith("media/"))
    bad = tmp_path / "bad.tar.gz"
    if damage == "truncated":
        bad.write_bytes(backup_file.read_bytes()[: backup_file.stat().st_size * 2 // 3])
    elif damage == "not an archive":
        bad.write_bytes(b"<html>404</html>")
    elif damage == "altered photo":
        _rewrite(backup_file, bad, lambda name, data: data[:-1] + b"\0" if name == photo else data)
    elif damage == "missing photo":
        _rewrite(backup_file, bad, lambda name, data: None if name == photo else data)
    elif damage == "no manifest":
        _rewrite(backup_file, bad, lambda name, data: None if name == backup_archive.MANIFEST else data)
    elif damage == "newer version":
        _rewrite(backup_file, bad, manifest_edit(bump_version))
    elif damage == "file without its hash":
        _rewrite(backup_file, bad, manifest_edit(no_hash))
    else:
        _rewrite(backup_file, bad, manifest_edit(later_migration))
    Article.objects.all().delete()  # what a restore would fill again, were it to go on
    before, files = content_digests(), media_hashes()

    with pytest.raises(CommandError, match=re.escape(message)):
        restore(bad, "--force")
    assert content_digests() == before
    assert media_hashes() == files


def backup_archive_names(path: Path) -> list[str]:
    with tarfile.open(path) as archive:
        return archive.getnames()


def _damage_media() -> dict[str, str]:
    """Half the media files deleted, one altered: what the storage holds then, by SHA-256."""
    names = sorted(media_hashes())
    for name in names[: len(names) // 2]:
        default_storage.delete(name)
    with default_storage.open(names[-1], "wb") as altered:
        altered.write(b"not the photo")
    return media_hashes()


def test_a_restore_failing_after_writing_files_leaves_no_file_and_no_row(backup_file, monkeypatch):
    """When the restore fails after the media files were written (here: the search index), the transaction rolls
    back, the files it wrote are removed and the one it replaced is put back."""
    Article.objects.filter(pk=Article.objects.order_by("pk").first().pk).delete()
    before, files = content_digests(), _damage_media()

    def broken(**kwargs):
        raise backup_archive.BackupError("the index broke")

    monkeypatch.setattr(search, "rebuild_index", broken)
    with pytest.raises(CommandError, match="the index broke"):
        restore(backup_file, "--force")
    assert content_digests() == before
    assert media_hashes() == files


def test_a_full_disk_while_writing_files_restores_nothing(backup_file, monkeypatch):
    """A storage fault on the last media file (disk full) is reported in plain words; the rows roll back and the
    files written before it are removed."""
    Article.objects.filter(pk=Article.objects.order_by("pk").first().pk).delete()
    before, files = content_digests(), _damage_media()
    last = max(files)  # the altered file, written last: set aside first, so it must be put back
    real_save = default_storage._save

    def save(name, content):
        if name == last and not faults:
            faults.append(name)  # once: removing the files written before it frees the space again
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_save(name, content)

    faults: list[str] = []

    monkeypatch.setattr(default_storage, "_save", save)
    with pytest.raises(CommandError, match=re.escape("could not be written ([Errno 28] No space left on device)")):
        restore(backup_file, "--force")
    assert faults == [last]
    assert content_digests() == before
    assert media_hashes() == files


@pytest.mark.postgres_only
def test_seed_demo_refreshes_postgresql_statistics(tmp_path):
    """seed_demo runs ANALYZE on PostgreSQL after its bulk inserts (the finding: quote search stayed slow until it)."""
    with throwaway_database("postgresql", tmp_path) as url:
        media = tmp_path / "media-seed"
        manage(url, media, "migrate", "--verbosity", "0")
        output = manage(url, media, "seed_demo", "--stories", "5", "--no-admin", "--seed", "1")
        assert "ANALYZE" in output
        server = postgres_server()
        import psycopg

        with psycopg.connect(
            host=server["host"],
            port=server["port"],
            user=server["user"],
            password=server["password"] or None,
            dbname=url.rsplit("/", 1)[1],
        ) as check:
            analyzed = check.execute(
                "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL AND relname IN "
                "('articles_article', 'articles_quote', 'taggit_taggeditem')"
            ).fetchall()
        assert sorted(row[0] for row in analyzed) == ["articles_article", "articles_quote", "taggit_taggeditem"]
