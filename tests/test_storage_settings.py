"""Media on S3-compatible object storage: setting a bucket switches the default storage to django-storages' S3 backend
(newsroom/settings.py, deploy/README.md "Media on object storage").

Each case imports the settings in a fresh Python with the environment set (settings are read once per process). The
real django-storages and boto3 from the lock are used — nothing reaches the network: a storage object is made and
asked for a file's URL — and they are hidden (``sys.modules[name] = None``) for the error a site gets when an
install skipped them.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = """
import json, os, sys
if os.environ.get("HIDE_STORAGES"):
    sys.modules["storages"] = sys.modules["boto3"] = None
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
print(json.dumps({
    "storage_class": type(storages["default"]).__name__,
    "photo_url": storages["default"].url("photos/2026/12/rapat.jpg"),
    "default": settings.STORAGES["default"],
    "staticfiles": settings.STORAGES["staticfiles"],
    "media_url": settings.MEDIA_URL,
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}))
"""


def settings_with(environment: dict[str, str], tmp_path: Path, *, storages_installed: bool = True):
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("AWS_") and name not in ("NEWSROOM_MEDIA_S3_BUCKET", "MEDIA_URL", "PYTHONPATH")
    }
    env.update(environment)
    if not storages_installed:
        env["HIDE_STORAGES"] = "1"
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def loaded(done: subprocess.CompletedProcess) -> dict:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_without_a_bucket_media_stay_on_disk(tmp_path):
    figures = loaded(settings_with({}, tmp_path))

    assert figures["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert figures["storage_class"] == "FileSystemStorage"
    assert figures["media_url"] == "/media/"
    assert figures["img_src"] == ["'self'", "data:"]


def test_a_bucket_on_an_s3_compatible_store_switches_the_default_storage(tmp_path):
    figures = loaded(
        settings_with(
            {
                "NEWSROOM_MEDIA_S3_BUCKET": "newsroom-media",
                "AWS_S3_ENDPOINT_URL": "https://objects.example:9000/",
                "AWS_S3_REGION_NAME": "id-jkt-1",
                "AWS_ACCESS_KEY_ID": "key-id",
                "AWS_SECRET_ACCESS_KEY": "key-secret",
            },
            tmp_path,
        )
    )

    assert figures["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert figures["storage_class"] == "S3Storage"
    # Addressed by path on the store's own host, with no signature in the URL.
    assert figures["photo_url"] == "https://objects.example:9000/newsroom-media/photos/2026/12/rapat.jpg"
    options = figures["default"]["OPTIONS"]
    assert options["bucket_name"] == "newsroom-media"
    assert options["endpoint_url"] == "https://objects.example:9000/"
    assert options["region_name"] == "id-jkt-1"
    assert (options["access_key"], options["secret_key"]) == ("key-id", "key-secret")
    # Public URLs (cached pages share them), the bucket policy's ACL, and no upload replacing another's file.
    assert options["querystring_auth"] is False
    assert options["default_acl"] is None
    assert options["file_overwrite"] is False
    assert options["addressing_style"] == "path"
    assert "custom_domain" not in options
    # Pages may load pictures from the store: its origin is in img-src.
    assert figures["media_url"] == "https://objects.example:9000/newsroom-media/"
    assert "https://objects.example:9000" in figures["img_src"]
    # Static files stay with whitenoise/nginx.
    assert figures["staticfiles"]["BACKEND"] == "django.contrib.staticfiles.storage.StaticFilesStorage"


def test_the_aws_bucket_variable_and_a_custom_domain_work_too(tmp_path):
    figures = loaded(
        settings_with(
            {"AWS_STORAGE_BUCKET_NAME": "desk-photos", "AWS_S3_CUSTOM_DOMAIN": "media.news.example"}, tmp_path
        )
    )

    options = figures["default"]["OPTIONS"]
    assert figures["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert options["bucket_name"] == "desk-photos"
    assert options["custom_domain"] == "media.news.example"
    # No keys set: none are passed, so boto3 finds its own (an instance role, ~/.aws).
    assert "access_key" not in options and "secret_key" not in options
    assert figures["media_url"] == "https://media.news.example/"
    assert figures["photo_url"] == "https://media.news.example/photos/2026/12/rapat.jpg"
    assert "https://media.news.example" in figures["img_src"]


def test_a_bucket_without_django_storages_installed_stops_with_the_command_to_run(tmp_path):
    done = settings_with({"NEWSROOM_MEDIA_S3_BUCKET": "newsroom-media"}, tmp_path, storages_installed=False)

    assert done.returncode != 0
    assert "django-storages is not installed" in done.stderr
    assert "django-storages[s3]==1.14.6" in done.stderr
