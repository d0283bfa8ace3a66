"""The photo desk's two figures (issue 21): how much the queue page weighs for N pending camera photos, and how long
the approve request takes for a 24-megapixel photo.

    .venv/bin/python benchmarks/photo_desk.py [--photos 50] [--megapixels 24]

On a throwaway SQLite database and media folder (benchmarks/scratch.py): N photos are saved through the photo
service every upload path uses (the same large JPEG each time, a fresh file per photo), their renditions made as the
worker does after upload, then

- the queue page is loaded in Chromium (Debian's, by its path) from a development server, with the cache off, and
  every byte the page and what it loads took over the network is added up (Chrome DevTools' encodedDataLength), at
  load and after scrolling to the end (lazy previews);
- then the approve request is timed through the admin's approve address with Django's test client (median of 3).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from scratch import ROOT, scratch_django

PASSWORD = "bench-photo-desk-1"


def camera_jpeg(megapixels: int) -> bytes:
    """A JPEG the size of a camera's: noise (which JPEG cannot shrink) at 3:2."""
    from PIL import Image

    width = int((megapixels * 1_000_000 * 1.5) ** 0.5)
    height = width * 2 // 3
    buffer = io.BytesIO()
    Image.effect_noise((width, height), 64).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def page_weight(base: str, path: str, user: str) -> list[str]:
    from playwright.sync_api import sync_playwright

    lines = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(base + "/admin/login/")
        page.fill("#id_username", user)
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():
            page.click("input[type=submit]")
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        kinds: dict[str, str] = {}
        sizes: dict[str, int] = {}
        cdp.on("Network.responseReceived", lambda event: kinds.__setitem__(event["requestId"], event["type"]))
        cdp.on(
            "Network.loadingFinished", lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"])
        )

        def report(label: str) -> None:
            images = [size for request, size in sizes.items() if kinds.get(request) == "Image"]
            lines.append(
                f"queue page {label}: {sum(sizes.values()) / 1e6:.2f} MB in {len(sizes)} responses "
                f"(images {sum(images) / 1e6:.2f} MB in {len(images)})"
            )

        page.goto(base + path, wait_until="networkidle", timeout=600_000)
        report("at load")
        for _ in range(60):
            page.mouse.wheel(0, 900)
            page.wait_for_timeout(100)
        page.wait_for_load_state("networkidle", timeout=600_000)
        page.wait_for_timeout(1000)
        report("scrolled to the end")
        browser.close()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--megapixels", type=int, default=24)
    parser.add_argument("--port", type=int, default=8791)
    args = parser.parse_args()

    scratch_django("newsroom-photodesk-bench-")
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from articles.models import Photo
    from articles.photos.renditions import ensure_renditions
    from articles.services.photos import save_photo

    call_command("migrate", verbosity=0)
    call_command("setup_roles", stdout=io.StringIO())
    desk = get_user_model().objects.create_user("photodesk", password=PASSWORD, is_staff=True)
    desk.groups.add(Group.objects.get(name="Photo desk"))
    data = camera_jpeg(args.megapixels)
    print(f"{args.photos} photos of {args.megapixels} MP, {len(data) / 1e6:.1f} MB each")

    client = Client()
    client.force_login(desk)
    started = time.perf_counter()
    for number in range(args.photos):
        # The photo service the add form, batch ingest and imports all save through (articles/services/photos.py).
        photo = Photo(image=ContentFile(data, name=f"DSC_{number:04d}.JPG"), caption=f"Pawai budaya {number}")
        photo.credit = "Dwi Arif"
        save_photo(photo=photo, user=desk, read_metadata={})
    print(f"uploads: {time.perf_counter() - started:.1f} s")
    # What the worker does after each upload (articles/tasks.py), here in line so the page is measured with them.
    started = time.perf_counter()
    for photo in Photo.objects.all():
        ensure_renditions(photo)
        Photo.objects.filter(pk=photo.pk).update(renditions=photo.renditions, renditions_state=photo.renditions_state)
    print(f"renditions (the worker's part): {time.perf_counter() - started:.1f} s")

    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{args.port}", "--noreload"],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(3)
        queue = reverse("admin:articles_photo_changelist")
        for line in page_weight(f"http://127.0.0.1:{args.port}", queue, "photodesk"):
            print(line)
    finally:
        server.terminate()
        server.wait()
    times = []
    for photo in Photo.objects.order_by("pk")[:3]:
        started = time.perf_counter()
        response = client.post(reverse("admin:articles_photo_moderate", args=[photo.pk, "approve"]))
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 302
    print(f"approve request: median {statistics.median(times):.0f} ms ({', '.join(f'{t:.0f}' for t in times)})")

    print(f"(work folder: {Path(os.environ['MEDIA_ROOT']).parent})")


if __name__ == "__main__":
    main()
