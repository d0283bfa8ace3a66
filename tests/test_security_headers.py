"""What browsers are told to refuse, and what the server refuses to read: the Content-Security-Policy (readers',
the admin's, uploads'), Permissions-Policy, COOP and nosniff on every kind of response (newsroom/headers.py), pages
that need nothing the policy forbids, request bodies over their route's cap answered 413 unread
(newsroom/request_limits.py), and no outside picture left in a story body."""

from __future__ import annotations

import base64
import hashlib
import io
import re
import sys
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.template.loader import render_to_string
from django.urls import re_path, reverse
from django.views.static import serve
from PIL import Image

import newsroom.urls
from articles.models import Article, Photo
from articles.photos.renditions import ensure_renditions
from articles.reports import Share, bar_chart
from tests.test_photo_uploads import post_photo

pytestmark = pytest.mark.django_db


def serve_media(request, path):
    # What ``static()`` adds in development (DEBUG is off in tests, so it adds nothing to newsroom.urls).
    return serve(request, path, document_root=django_settings.MEDIA_ROOT)


# A URLconf for the media test only: the site's own, with uploads served by Django as in development.
urlpatterns = [re_path(r"^media/(?P<path>.*)$", serve_media), *newsroom.urls.urlpatterns]


def policy(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy as directive → sources."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.wsgi_request.path}"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_common_headers(response) -> None:
    """Headers every response carries, whatever made it."""
    features = response.headers.get("Permissions-Policy", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()", "browsing-topics=()"):
        assert feature in features, (feature, response.wsgi_request.path)
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def assert_page_policy(response) -> dict[str, list[str]]:
    """A page's policy: nothing inline allowed, no framing, no plugins, no foreign base or form target."""
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    for name in ("script-src", "style-src"):
        assert directives[name][0] == "'self'"
        assert not [s for s in directives[name] if s.startswith("'unsafe-") or s in ("*", "data:", "http:")], name
    return directives


class InlineCode(HTMLParser):
    """What a strict policy would block in a page: inline scripts (data blocks aside), event handler attributes,
    style attributes, <style> elements and javascript: addresses."""

    DATA_BLOCKS = {"application/json", "application/ld+json"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.inline_scripts: list[str] = []
        self._script: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name == "style":
                self.found.append(f'<{tag} style="{value}">')
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f'<{tag} {name}="{value}">')
        if tag == "style":
            self.found.append("<style>")
        if tag == "script" and "src" not in attributes and attributes.get("type") not in self.DATA_BLOCKS:
            self._script = []

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.inline_scripts.append("".join(self._script))
            self._script = None


def sha256_source(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


# --- readers' pages ---------------------------------------------------------------------------------------------


def test_public_pages_carry_a_strict_policy_and_need_nothing_it_forbids(client, make_article, make_photo):
    """Home, a story (with a picture in its body), its section, search and the corrections page: every header, no
    'unsafe-*' in the policy, and nothing in the HTML that it would block (inline script, handlers, style)."""
    photo = make_photo()
    ensure_renditions(photo)
    photo.save()
    rendition = next(iter(photo.renditions.values()))["url"]
    story = make_article(headline="Warga menanam pohon", body=f'<p>Teks.</p><img src="{rendition}" alt="Pohon">')
    story.photo_uses.get_or_create(photo=photo, defaults={"order": 0})
    pages = [
        reverse("articles:home"),
        story.get_absolute_url(),
        story.section.get_absolute_url(),
        reverse("articles:search") + "?q=pohon",
        reverse("articles:corrections"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_common_headers(response)
        assert_page_policy(response)
        html = response.content.decode()
        page = InlineCode(html)
        assert page.found == [], url
        assert page.inline_scripts == [], url
    assert rendition in client.get(story.get_absolute_url()).content.decode()


def test_the_report_chart_needs_no_style_attribute():
    """The editors' report draws its charts without a style attribute (the public policy would drop it)."""
    chart = bar_chart([Share(label="Pejabat", quotes=3, share=75.0, bar="300.0"), Share("Warga", 1, 25.0, "100.0")])
    html = render_to_string("reports/bar_chart.html", {"chart": chart, "chart_id": "c", "chart_title": "t"})
    assert "<rect" in html
    assert InlineCode(html).found == []


def test_static_files_carry_the_headers(client, settings):
    """A stylesheet served by whitenoise gets the policy and the other headers too."""
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = client.get(settings.STATIC_URL + "newsroom/site.css")
    assert response.status_code == 200
    assert_common_headers(response)
    assert_page_policy(response)


# --- the admin --------------------------------------------------------------------------------------------------


@pytest.fixture
def pending_photo(make_photo):
    return make_photo(approved=False, credit_status=Photo.CreditStatus.PENDING)


def test_admin_pages_carry_the_admin_policy_and_need_nothing_more(client, editor_client, make_article, pending_photo):
    """The login page, the story form with the body editor, the photo list and a photo waiting for moderation: the
    admin's policy allows no inline script but the editor's import map (by its hash), and the pages carry no style
    attribute, handler or other inline script."""
    login = client.get(reverse("admin:login"))
    assert_common_headers(login)
    assert_page_policy(login)

    story = make_article()
    pages = [
        reverse("admin:articles_article_change", args=[story.pk]),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_photo_changelist"),
        reverse("admin:articles_photo_change", args=[pending_photo.pk]),
    ]
    for url in pages:
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert_common_headers(response)
        directives = assert_page_policy(response)
        page = InlineCode(response.content.decode())
        assert page.found == [], url
        for script in page.inline_scripts:
            assert sha256_source(script) in directives["script-src"], (url, script[:80])
    story_form = InlineCode(editor_client.get(pages[0]).content.decode())
    assert [s for s in story_form.inline_scripts if '"imports"' in s], "the body editor's import map is on the page"


def test_admin_policy_allows_exactly_the_editors_own_style(editor_client, make_article):
    """The one <style> the body editor's Tiptap core adds is allowed by the hash of its text, read from the
    installed editor.js; nothing else inline is."""
    from django.contrib.staticfiles import finders

    with open(finders.find("django_prose_editor/editor.js"), encoding="utf-8") as bundle:
        tiptap_css = re.search(r"=`(\.ProseMirror \{[^`]*)`", bundle.read())[1]
    response = editor_client.get(reverse("admin:articles_article_change", args=[make_article().pk]))
    assert policy(response)["style-src"] == ["'self'", sha256_source(tiptap_css)]


# --- uploads ----------------------------------------------------------------------------------------------------


def test_uploaded_files_served_by_django_are_sandboxed(client, settings, make_photo):
    """A photo file served from MEDIA_URL (development) may run and load nothing, and carries the other headers."""
    settings.ROOT_URLCONF = __name__
    photo = make_photo()
    response = client.get(photo.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert_common_headers(response)
    directives = policy(response)
    assert directives["default-src"] == ["'none'"]
    assert "sandbox" in directives
    assert not [s for s in directives.get("script-src", []) if s != "'none'"]


# --- request body caps ------------------------------------------------------------------------------------------


class CountingBody(io.RawIOBase):
    """A WSGI input of ``size`` bytes of one multipart file field, made as it is read, counting what is read."""

    def __init__(self, size: int) -> None:
        self.head = (
            b'--BOUNDARY\r\nContent-Disposition: form-data; name="language"\r\n\r\nen\r\n'
            b'--BOUNDARY\r\nContent-Disposition: form-data; name="big"; filename="big.bin"\r\n'
            b"Content-Type: application/octet-stream\r\n\r\n"
        )
        self.tail = b"\r\n--BOUNDARY--\r\n"
        self.size, self.read_bytes = size, 0

    def _bytes_at(self, start: int, count: int) -> bytes:
        filler = self.size - len(self.head) - len(self.tail)
        whole_end = min(self.size, start + count)
        out = bytearray()
        for position in range(start, whole_end, 65536):
            stop = min(whole_end, position + 65536)
            for part, part_start, part_end in (
                (self.head, 0, len(self.head)),
                (None, len(self.head), len(self.head) + filler),
                (self.tail, len(self.head) + filler, self.size),
            ):
                lo, hi = max(position, part_start), min(stop, part_end)
                if lo < hi:
                    out += (part[lo - part_start : hi - part_start]) if part else b"x" * (hi - lo)
        return bytes(out)

    def readable(self):
        return True

    def read(self, size=-1):
        if size is None or size < 0:
            size = self.size - self.read_bytes
        data = self._bytes_at(self.read_bytes, size)
        self.read_bytes += len(data)
        return data

    def readline(self, size=-1):
        data = self.read(min(size if size and size > 0 else 65536, 65536))
        if b"\n" in data:
            line, rest = data.split(b"\n", 1)
            self.read_bytes -= len(rest)
            return line + b"\n"
        return data


@pytest.fixture
def wsgi_call():
    """Call the site as a WSGI server would, with the test's database connection kept open."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    def call(environ: dict) -> tuple[str, bytes]:
        status = []
        base = {
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "SCRIPT_NAME": "",
            "QUERY_STRING": "",
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        body = b"".join(WSGIHandler()(base | environ, lambda s, headers, exc_info=None: status.append(s)))
        return status[0], body

    yield call
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_an_oversized_post_to_the_language_switch_is_refused_unread(wsgi_call):
    """The CSRF-exempt language switch answers 413 to an 8 MiB multipart POST having read none of it."""
    body = CountingBody(8 * 1024 * 1024)
    status, content = wsgi_call(
        {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": reverse("set_language"),
            "CONTENT_TYPE": "multipart/form-data; boundary=BOUNDARY",
            "CONTENT_LENGTH": str(body.size),
            "wsgi.input": body,
        }
    )
    assert body.read_bytes == 0, f"{body.read_bytes} bytes read"
    assert status.startswith("413")
    assert b"too large" in content and b"1.0\xc2\xa0MB" in content


def test_a_body_without_a_length_is_refused_not_silently_dropped(wsgi_call):
    """A chunked body with no Content-Length (which Django would read as empty) is answered 411, unread."""
    body = CountingBody(64 * 1024)
    status, content = wsgi_call(
        {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": reverse("set_language"),
            "CONTENT_TYPE": "multipart/form-data; boundary=BOUNDARY",
            "HTTP_TRANSFER_ENCODING": "chunked",
            "wsgi.input": body,
        }
    )
    assert body.read_bytes == 0, f"{body.read_bytes} bytes read"
    assert status.startswith("411"), status
    assert b"Content-Length" in content


def test_the_language_switch_still_works(client):
    """An ordinary language choice goes through (the cap is far above a form's size)."""
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[django_settings.LANGUAGE_COOKIE_NAME].value == "en"


def noise_png(width: int, height: int) -> io.BytesIO:
    """A real PNG of random pixels (PNG cannot shrink noise, so its size is about width * height * 3 bytes)."""
    import os

    buffer = io.BytesIO()
    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "besar.png"
    return buffer


def test_photo_uploads_have_their_own_larger_cap(editor_client, settings):
    """The photo form takes a 2.4 MB photo (over the everyday 1 MB cap), and answers 413 to a body over its own cap
    (largest photo + the everyday cap), keeping nothing."""
    photo = noise_png(1000, 800)
    assert photo.getbuffer().nbytes > 1024 * 1024
    response = post_photo(editor_client, photo)
    assert response.status_code == 302
    assert Photo.objects.count() == 1

    # The default cap: the largest photo plus the everyday 1 MB for the form's other fields.
    too_big = io.BytesIO(b"\0" * (settings.NEWSROOM_PHOTO_MAX_BYTES + 1024 * 1024 + 1))
    too_big.name = "besar.png"
    response = post_photo(editor_client, too_big)
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert Photo.objects.count() == 1
    assert settings.NEWSROOM_MAX_UPLOAD_REQUEST_BYTES == settings.NEWSROOM_PHOTO_MAX_BYTES + 1024 * 1024


def test_other_admin_forms_keep_the_everyday_cap(editor_client, make_article):
    """A 2 MB post to the story form (no upload there) is refused before it is read."""
    story = make_article()
    response = editor_client.post(
        reverse("admin:articles_article_change", args=[story.pk]), {"body": "x" * (2 * 1024 * 1024)}
    )
    assert response.status_code == 413
    story.refresh_from_db()
    assert story.body == "<p>Isi berita 1.</p>"


# --- story bodies -----------------------------------------------------------------------------------------------

TRACKERS = [
    "https://tracker.example/pixel.gif",
    "http://tracker.example/pixel.gif",
    "//tracker.example/pixel.gif",
    "HTTPS://TRACKER.EXAMPLE/pixel.gif",
    " https://tracker.example/pixel.gif ",
    "https://tracker.example/media/renditions/ab/cd/foto.webp",
]


def test_outside_pictures_in_a_body_do_not_survive(client, make_article, make_photo):
    """Every outside picture (absolute, protocol-relative, any case, a path like the site's own) is removed on save
    and never reaches a reader's page, even from a body written around the save; the site's own rendition stays."""
    photo = make_photo()
    ensure_renditions(photo)
    photo.save()
    own = next(iter(photo.renditions.values()))["url"]
    trackers = "".join(f'<p><img src="{src}" alt="t"></p>' for src in TRACKERS)
    story = make_article(body=f'<p>Teks.</p>{trackers}<img src="{own}" alt="Pawai">')
    story.refresh_from_db()
    assert "tracker" not in story.body.lower()
    assert f'<img src="{own}" alt="Pawai">' in story.body

    Article.objects.filter(pk=story.pk).update(body=f"<p>Teks.</p>{trackers}")  # no save: no cleaning on the way in
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Teks." in page
    assert "tracker" not in page.lower()


# --- in a browser -----------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_no_page_breaks_the_policy_in_chromium(live_server, settings, django_user_model, make_article, make_photo):
    """Debian's chromium reports no Content-Security-Policy violation and no Permissions-Policy error on readers'
    pages and the admin (login, story form with the body editor typed into, photo list, photo under moderation),
    and the body editor works under the admin's policy."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import BROWSER_PROGRAM

    settings.ROOT_URLCONF = __name__  # photos served, as in development
    django_user_model.objects.create_superuser("chief", "chief@example.com", "pass-for-tests-123")
    photo = make_photo(approved=False, credit_status=Photo.CreditStatus.PENDING)
    story = make_article(headline="Warga menanam pohon")
    reports: list[tuple[str, str]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=BROWSER_PROGRAM, args=["--no-sandbox"])
        page = browser.new_page()
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => console.error("
            "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber))"
        )
        page.on(
            "console",
            lambda message: (
                reports.append((page.url, message.text))
                if "Content Security Policy" in message.text
                or "CSP violation" in message.text
                or "Permissions-Policy" in message.text
                else None
            ),
        )

        def visit(path: str) -> None:
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            assert "script-src 'self'" in response.headers.get("content-security-policy", ""), path
            page.wait_for_load_state("networkidle")

        for path in (
            "/",
            story.get_absolute_url(),
            story.section.get_absolute_url(),
            reverse("articles:search") + "?q=pohon",
        ):
            visit(path)
        page.click("nav.site-languages a")  # the other language's address of the same page
        page.wait_for_load_state("networkidle")

        visit(reverse("admin:login"))
        page.fill("#id_username", "chief")
        page.fill("#id_password", "pass-for-tests-123")
        page.click("input[type=submit]")
        page.wait_for_load_state("networkidle")
        visit(reverse("admin:articles_article_change", args=[story.pk]))
        editor = page.locator(".ProseMirror:visible").first
        editor.click()
        page.keyboard.type(" Ditambah di peramban.")
        assert "Ditambah di peramban." in editor.inner_text()
        for path in (
            reverse("admin:articles_article_add"),
            reverse("admin:articles_photo_changelist"),
            reverse("admin:articles_photo_change", args=[photo.pk]),
        ):
            visit(path)
        browser.close()
    assert reports == []
