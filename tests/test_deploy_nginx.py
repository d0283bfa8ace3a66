"""deploy/nginx/newsroom.conf under a real nginx in front of gunicorn (deploy/README.md).

The shipped site file itself is run: only its Debian paths, its ports and its certificate are swapped for temporary
ones (``render_site_file`` in benchmarks/local_nginx.py: each must be found, so the file and this test cannot drift
apart), inside a minimal main configuration like Debian's. The site runs as in production (NEWSROOM_PRODUCTION=1:
HTTPS redirect, secure cookies, collected static files) on a fresh SQLite database seeded with ``seed_demo --stories
5``, under gunicorn with two workers on a unix socket, behind TLS with a self-signed certificate.

Checked: HTTP moves to HTTPS; an anonymous page comes from nginx's micro-cache (HIT), and a takedown and a publish
reach readers within the cache's window; a photo is served by nginx with the uploads' sandbox policy; a signed-in
editor passes the cache (BYPASS) and sees the change at once; the desk is never cached; a body over the app's caps
is refused by nginx (413) on the routes the app would refuse it, and a photo-sized one reaches the upload form.
"""

from __future__ import annotations

import html
import http.client
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
# The site file under a real nginx, shared with the benchmark (benchmarks/ is not a package).
from local_nginx import HOST, SITE_FILE, site_text, start, stop  # noqa: E402
from local_nginx import prepare as prepare_nginx  # noqa: E402

MICRO_CACHE_SECONDS = 5  # proxy_cache_valid in the site file
# How much later than the window a change may show: one render of the page and the polling step.
REFRESH_SLACK_SECONDS = 3.0


def directive(name: str, text: str, context: str = "") -> str:
    """The value of the first ``name …;`` (after ``context`` when given) in the site file."""
    start = text.index(context) if context else 0
    match = re.search(rf"^\s*{re.escape(name)}\s+(.+?);\s*$", text[start:], re.M)
    assert match, f"{name} not found in {SITE_FILE}"
    return match.group(1)


def header_value(name: str, text: str, context: str) -> str:
    block = text[text.index(context) :]
    match = re.search(rf'add_header {re.escape(name)} "([^"]*)" always;', block)
    assert match, f"{name} header not found in {context} of {SITE_FILE}"
    return match.group(1)


def nginx_size(value: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    return int(value[:-1]) * units[value[-1].lower()] if value[-1].lower() in units else int(value)


# --- The site file agrees with the settings (no nginx needed) -----------------------------------------------------


UPLOAD_LOCATION = "location ~ ^/(admin/articles/photo/"


def upload_routes_pattern(text: str) -> str:
    return re.search(r"location ~ (\^/\(admin/articles/photo/\S+) \{", text)[1]


def test_the_body_limits_are_the_apps_request_caps_on_the_same_routes():
    from django.urls import reverse

    text = site_text()
    assert nginx_size(directive("client_max_body_size", text)) == settings.NEWSROOM_MAX_REQUEST_BYTES
    assert nginx_size(directive("client_max_body_size", text, UPLOAD_LOCATION)) == (
        settings.NEWSROOM_MAX_UPLOAD_REQUEST_BYTES
    )
    # The upload location takes exactly the app's upload routes (NEWSROOM_UPLOAD_ROUTES), and no other form.
    pattern = upload_routes_pattern(text)
    for route in settings.NEWSROOM_UPLOAD_ROUTES:
        address = reverse(route, args=[123]) if route.endswith("_change") else reverse(route)
        assert re.match(pattern, address), (pattern, address)
    others = (reverse("admin:articles_article_add"), "/admin/articles/photo/", "/admin/articles/photo/1/delete/")
    for other in (*others, "/api/v1/desk/stories", "/api/v1/desk/photos/1"):
        assert not re.match(pattern, other), other


def test_uploads_get_the_apps_media_policies():
    text = site_text()
    policy = header_value("Content-Security-Policy", text, "location /media/")
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    expected = {
        name: ([] if values is True else list(values))
        for name, values in settings.NEWSROOM_MEDIA_CONTENT_SECURITY_POLICY["DIRECTIVES"].items()
    }
    assert directives == expected
    from newsroom.headers import permissions_policy

    assert header_value("Permissions-Policy", text, "location /media/") == permissions_policy(
        settings.NEWSROOM_PERMISSIONS_POLICY
    )
    assert header_value("X-Content-Type-Options", text, "location /media/") == "nosniff"


# --- The real thing -----------------------------------------------------------------------------------------------


def run_manage(env: dict, *args: str, timeout: float = 120) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: str

    def header(self, name: str) -> str:
        return self.headers.get(name, "")

    def cookies(self) -> dict[str, str]:
        found = {}
        for line in self.headers.get_all("Set-Cookie") or []:
            name, _, rest = line.partition("=")
            found[name.strip()] = rest.split(";", 1)[0]
        return found


@dataclass
class Site:
    workdir: Path
    env: dict
    http_port: int
    https_port: int
    staff_credentials: tuple[str, str]
    figures: dict = field(default_factory=dict)

    def request(self, method: str, path: str, *, body: bytes | None = None, headers: dict | None = None) -> Response:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        connection = http.client.HTTPSConnection(HOST, self.https_port, context=context, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            answer = connection.getresponse()
            return Response(answer.status, answer.headers, answer.read().decode("utf-8", "replace"))
        finally:
            connection.close()

    def get(self, path: str, cookies: dict[str, str] | None = None) -> Response:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
        return self.request("GET", path, headers=headers)

    def shell(self, code: str) -> str:
        return run_manage(self.env, "shell", "-c", code)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    started = time.monotonic()
    workdir = tmp_path_factory.mktemp("deploy")
    http_port, https_port = free_port(), free_port()
    prepare_nginx(workdir, http_port, https_port)  # the temp layout (site/media, site/staticfiles, ...) included
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CACHE_", "NEWSROOM_", "AWS_"))},
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "NEWSROOM_PRODUCTION": "1",
        "SECRET_KEY": "deploy-test-only-" + "x" * 50,
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}:{https_port}",
        "NEWSROOM_TRUSTED_PROXIES": "1",
        "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "site" / "media"),
        "STATIC_ROOT": str(workdir / "site" / "staticfiles"),
        "LOG_LEVEL": "WARNING",
    }
    # collectstatic needs no database: it runs beside the migration and the seeding (two cores, a minute's budget).
    collecting = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    run_manage(env, "migrate", "--noinput")
    seeded = run_manage(env, "seed_demo", "--stories", "5")
    # A reporter: staff whose role needs no second factor, so a password alone signs in, as in production.
    credentials = re.search(r"Reporter\s+user: (\S+)\s+password: (\S+)", seeded)
    assert credentials, seeded
    collected = collecting.communicate(timeout=120)[0]
    assert collecting.returncode == 0, collected

    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "--bind", f"unix:{workdir / 'gunicorn.sock'}",
         "--workers", "2", "--chdir", str(ROOT), "--no-control-socket", "newsroom.wsgi:application"],
        cwd=ROOT, env=env, stdout=(workdir / "logs" / "gunicorn.log").open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    nginx = start(workdir)
    served = Site(workdir, env, http_port, https_port, (credentials[1], credentials[2]))
    try:
        deadline = time.monotonic() + 45
        while True:
            assert nginx.poll() is None, (workdir / "logs" / "nginx.out").read_text()
            assert gunicorn.poll() is None, (workdir / "logs" / "gunicorn.log").read_text()
            try:
                # The desk's sign-in page: never cached, so waiting on it leaves the readers' cache empty.
                if served.get("/admin/login/").status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "nginx and gunicorn did not answer within 45 s"
            time.sleep(0.2)
        served.figures["setup_seconds"] = round(time.monotonic() - started, 1)
        yield served
    finally:
        stop(nginx, signal.SIGQUIT)  # nginx's graceful stop
        stop(gunicorn)
        print(f"\ndeploy/nginx figures: {served.figures}")


def front_page_story(site: Site) -> tuple[int, str]:
    """The newest published story (first on the front page): its id and headline."""
    out = site.shell(
        "from articles.models import Article\n"
        "story = Article.objects.filter(status='published').order_by('-publish_at').first()\n"
        "print(story.pk, story.headline, sep='\\t')"
    )
    pk, headline = out.strip().splitlines()[-1].split("\t", 1)
    return int(pk), headline


def shows(response: Response, headline: str) -> bool:
    return headline in html.unescape(response.body)


def sign_in(site: Site) -> dict[str, str]:
    login = site.get("/admin/login/")
    csrf_cookie = login.cookies()["csrftoken"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.body)[1]
    username, password = site.staff_credentials
    origin = f"https://{HOST}:{site.https_port}"
    answer = site.request(
        "POST",
        "/admin/login/?next=/admin/",
        body=urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"}
        ).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie}",
            "Origin": origin,
            "Referer": f"{origin}/admin/login/",
        },
    )
    assert answer.status == 302, answer.body[:2000]
    return {"sessionid": answer.cookies()["sessionid"], "csrftoken": csrf_cookie}


def watch_transition(site: Site, pk: int, name: str, headline: str, *, shown_after: bool, staff: dict) -> dict:
    """Take a workflow transition in the site's database while an anonymous reader keeps reloading the front page
    through nginx; returns how long after the commit the reader saw the change, and what the cache answered."""
    code = (
        "import time\n"
        "from django.contrib.auth import get_user_model\n"
        "from articles.models import Article\n"
        "from articles.services.workflow import perform_transition\n"
        "editor = get_user_model().objects.get(username='demo')\n"
        f"perform_transition(article=Article.objects.get(pk={pk}), name={name!r}, user=editor)\n"
        "print('committed', time.time())\n"
    )
    change = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=site.env, stdout=subprocess.PIPE, text=True
    )
    seen = []  # (time, X-Cache-Status, shows the change)
    committed_at = None
    staff_saw_it = None
    deadline = time.time() + 60
    while time.time() < deadline:
        answer = site.get("/")
        assert answer.status == 200, answer.body[:500]
        seen.append((time.time(), answer.header("X-Cache-Status"), shows(answer, headline) == shown_after))
        if committed_at is None and change.poll() is not None:
            out = change.stdout.read()
            assert change.returncode == 0, out
            committed_at = float(out.split("committed", 1)[1].split()[0])
            # The editor's page, fetched right after the commit: straight from the app, already changed.
            staff_page = site.get("/", cookies=staff)
            assert staff_page.header("X-Cache-Status") in ("BYPASS", "")
            assert "no-store" in staff_page.header("Cache-Control")
            staff_saw_it = shows(staff_page, headline) == shown_after
        if committed_at is not None and seen[-1][2]:
            break
        time.sleep(0.1)
    assert committed_at is not None, "the transition did not finish"
    assert seen[-1][2], f"readers never saw the {name}: {seen[-5:]}"
    statuses = [status for _, status, _ in seen]
    return {
        "lag_seconds": round(seen[-1][0] - committed_at, 2),
        "old_copies_after_commit": sum(1 for moment, _, changed in seen if moment > committed_at and not changed),
        "hits": statuses.count("HIT"),
        "requests": len(seen),
        "staff_saw_it_at_once": staff_saw_it,
    }


@pytest.mark.system("nginx", "gunicorn", "openssl")
def test_http_moves_to_https(site):
    connection = http.client.HTTPConnection(HOST, site.http_port, timeout=10)
    connection.request("GET", "/nieuws?x=1")
    answer = connection.getresponse()
    assert answer.status == 301
    assert answer.getheader("Location") == f"https://{HOST}/nieuws?x=1"


@pytest.mark.system("nginx", "gunicorn", "openssl")
def test_anonymous_pages_come_from_the_micro_cache_and_changes_reach_readers_within_its_window(site):
    first, second = site.get("/"), site.get("/")
    assert first.status == second.status == 200
    assert first.header("X-Cache-Status") in ("MISS", "EXPIRED")
    assert second.header("X-Cache-Status") == "HIT"
    assert second.body == first.body
    # The app's own Cache-Control goes on to browsers and CDNs unchanged.
    assert second.header("Cache-Control") == first.header("Cache-Control")
    assert "public" in second.header("Cache-Control")
    assert "max-age=60" in second.header("Cache-Control")

    pk, headline = front_page_story(site)
    assert shows(second, headline)
    staff = sign_in(site)
    takedown = watch_transition(site, pk, "unpublish", headline, shown_after=False, staff=staff)
    publish = watch_transition(site, pk, "publish", headline, shown_after=True, staff=staff)
    site.figures.update(takedown=takedown, publish=publish)

    for figures in (takedown, publish):
        assert figures["staff_saw_it_at_once"]
        assert figures["hits"] > 0  # readers were served from nginx's cache meanwhile
        assert figures["lag_seconds"] <= MICRO_CACHE_SECONDS + REFRESH_SLACK_SECONDS, figures


@pytest.mark.system("nginx", "gunicorn", "openssl")
def test_a_signed_in_editor_passes_the_cache_and_the_desk_is_never_cached(site):
    staff = sign_in(site)
    site.get("/")  # a reader's copy in the cache
    for _ in range(2):
        page = site.get("/", cookies=staff)
        assert page.status == 200
        assert page.header("X-Cache-Status") == "BYPASS"
        assert "private" in page.header("Cache-Control")
        # Rendered afresh for the editor: the app's own page cache (X-Page-Cache) is for anonymous readers only.
        assert page.header("X-Page-Cache") == ""
    for _ in range(2):
        desk = site.get("/admin/", cookies=staff)
        assert desk.status == 200
        assert desk.header("X-Cache-Status") == ""
    for _ in range(2):
        login = site.get("/admin/login/")
        assert login.header("X-Cache-Status") == ""


@pytest.mark.system("nginx", "gunicorn", "openssl")
def test_photos_are_served_by_nginx_with_the_uploads_sandbox(site):
    media = site.workdir / "site" / "media"
    photo = next(path for path in sorted(media.rglob("*.jpg")) if "renditions" not in path.parts)
    answer = site.get("/media/" + photo.relative_to(media).as_posix())
    assert answer.status == 200
    assert answer.header("Content-Type") == "image/jpeg"
    assert answer.header("Server").startswith("nginx")
    assert "sandbox" in answer.header("Content-Security-Policy")
    assert "default-src 'none'" in answer.header("Content-Security-Policy")
    assert answer.header("X-Content-Type-Options") == "nosniff"
    assert int(answer.header("Content-Length")) == photo.stat().st_size
    assert site.get("/media/photos/no-such-file.jpg").status == 404
    # A collected static file with a content hash in its name: a year in browsers.
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', site.get("/").body)
    assert stylesheet, "the front page links no hashed stylesheet"
    static = site.get(stylesheet[1])
    assert static.status == 200
    assert "immutable" in static.header("Cache-Control")


def post_headers_only(site: Site, path: str, length: int) -> str:
    """nginx's answer to a POST that declares ``length`` bytes and sends none: it judges by Content-Length."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with (
        socket.create_connection((HOST, site.https_port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname=HOST) as tls,
    ):
        tls.sendall(
            f"POST {path} HTTP/1.1\r\nHost: {HOST}\r\nContent-Length: {length}\r\n"
            "Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n".encode()
        )
        answer = b""
        while chunk := tls.recv(65536):
            answer += chunk
    return answer.decode("latin-1")


@pytest.mark.system("nginx", "gunicorn", "openssl")
def test_a_body_over_the_limit_is_refused_by_nginx(site):
    upload_cap = settings.NEWSROOM_MAX_UPLOAD_REQUEST_BYTES
    everyday_cap = settings.NEWSROOM_MAX_REQUEST_BYTES
    for path, length in (
        ("/admin/articles/photo/add/", upload_cap + 1),
        ("/admin/articles/photo/7/change/", upload_cap + 1),
        ("/admin/articles/article/add/", everyday_cap + 1),
        ("/", everyday_cap + 1),
    ):
        answer = post_headers_only(site, path, length)
        assert answer.startswith("HTTP/1.1 413"), (path, answer[:300])
        assert "<center>nginx</center>" in answer  # nginx's own page: gunicorn never saw it
    site.figures["refused_body_bytes"] = {"upload_forms": upload_cap + 1, "elsewhere": everyday_cap + 1}

    # A body within the upload cap but over the everyday one is passed on to the app: 2 MiB of photo to the upload
    # form, with the CSRF token so that the app reads it all; a signed-out visitor is then sent to sign in.
    login = site.get("/admin/login/")
    csrf_cookie = login.cookies()["csrftoken"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.body)[1]
    boundary = "newsroom-deploy-test"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="image"; filename="big.jpg"\r\n'
            "Content-Type: image/jpeg\r\n\r\n"
        ).encode()
        + b"x" * (2 * 1024 * 1024)
        + f"\r\n--{boundary}--\r\n".encode()
    )
    origin = f"https://{HOST}:{site.https_port}"
    passed = site.request(
        "POST",
        "/admin/articles/photo/add/",
        body=body,
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Cookie": f"csrftoken={csrf_cookie}",
            "Origin": origin,
            "Referer": f"{origin}/admin/articles/photo/add/",
        },
    )
    assert passed.status == 302, (passed.status, passed.body[:300])
    assert "/admin/login/" in passed.header("Location")
