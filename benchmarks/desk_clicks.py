"""Clicks and seconds of two desk journeys in Debian's chromium, for the closing note of issue 19.

    .venv/bin/python benchmarks/desk_clicks.py                       # the code in this checkout
    git worktree add /tmp/before-desk 3760a25                         # the code before the desk work
    .venv/bin/python benchmarks/desk_clicks.py --repo /tmp/before-desk

Starts ``manage.py runserver`` of ``--repo`` on a free port over a throwaway SQLite database (migrated, seeded by
``seed_demo --stories 8``, plus an editor and one submitted story per run), then, ``--runs`` times (3), an editor in
a fresh browser:

1. **login to the review queue**: from the login page until the submitted story is listed in the review queue. On
   the desk's start page that is the login itself; before it, the admin index's "Stories", then the list's status
   filter "in review".
2. **opening a submitted story to publishing it**, with one change typed in the form (the dek), as an editor does:
   from the queue, open the story, change the dek, publish. With the workflow buttons inside the form that is one
   click; before, the transition forms were separate (the change would be lost), so the change is saved first.

Clicks count every click that loads a page (typing is not counted); seconds are wall time from the first page
shown to the last page loaded, and the medians of the runs are printed. Afterwards every story is checked in the
database: published, with the dek typed — a journey that did not do its work is reported, not measured.

Which code it runs on is told by the pages themselves (the start page's ``#desk-review_queue``, the form's
``button[name=_transition]``), so the same script measures both versions.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the load script's modules, beside this one
from load_server import free_port

ROOT = Path(__file__).resolve().parent.parent
BROWSER_PROGRAM = "/usr/bin/chromium"
PASSWORD = "bench-desk-pass-123"
EDITOR = "bench_editor"
DEK = "Dek diubah saat menerbitkan"

# Run in ``manage.py shell`` of the measured code: an editor with a known password and one submitted story per run,
# bylined and without photos, so nothing but the journey decides how publishing goes.
SETUP = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from articles import roles
from articles.models import Article, Byline, Contributor, Section

editor = get_user_model().objects.create_user({editor!r}, password={password!r}, is_staff=True)
editor.groups.add(Group.objects.get(name=roles.EDITOR))
reporter = get_user_model().objects.get(username="reporter")
contributor = Contributor.objects.create(name="Reporter Uji Desk", slug="reporter-uji-desk")
section = Section.objects.order_by("pk").first()
for number in range({runs}):
    story = Article.objects.create(
        headline=f"Antrean uji desk nomor {{number + 1}}",
        slug=f"antrean-uji-desk-{{number + 1}}",
        section=section,
        body="<p>Warga Kali Kenanga menanam seribu bibit bakau.</p>",
        status=Article.Status.IN_REVIEW,
        publish_at=None,
        created_by=reporter,
    )
    Byline.objects.create(article=story, contributor=contributor)
"""

CHECK = """
import json
from articles.models import Article
stories = Article.objects.filter(slug__startswith="antrean-uji-desk-")
print(json.dumps(list(stories.values_list("headline", "status", "dek"))))
"""


def manage(repo: Path, env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"the server did not answer at {url}")


class Journey:
    def __init__(self, page):
        self.page, self.clicks, self.started = page, 0, time.perf_counter()

    def click(self, locator) -> None:
        self.clicks += 1
        with self.page.expect_navigation():
            locator.click()

    def result(self) -> tuple[int, float]:
        return self.clicks, time.perf_counter() - self.started


def to_review_queue(page, base: str, headline: str) -> tuple[int, float]:
    page.goto(base + "/admin/login/")
    journey = Journey(page)
    page.fill("#id_username", EDITOR)
    page.fill("#id_password", PASSWORD)
    journey.click(page.locator("input[type=submit]"))
    if page.locator("#desk-review_queue").count():
        listed = page.locator("#desk-review_queue").get_by_role("link", name=headline)
    else:
        # Before the desk: the app list's "Stories", then the status filter "in review".
        journey.click(page.locator("#content-main a[href$='/admin/articles/article/']").first)
        journey.click(page.locator("#changelist-filter a[href*='status__exact=review']").first)
        listed = page.locator("#result_list").get_by_role("link", name=headline)
    listed.wait_for(state="visible")
    return journey.result()


def to_published(page, headline: str) -> tuple[int, float]:
    """From the review queue the previous journey ended on."""
    journey = Journey(page)
    journey.click(page.get_by_role("link", name=headline).first)
    page.fill("#id_dek", DEK)
    in_the_form = page.locator("button[name=_transition][value=publish]")
    if in_the_form.count():
        journey.click(in_the_form)
    else:
        # Before: the transition forms stood apart from the story's form; the change is saved first.
        journey.click(page.locator("input[name=_continue]"))
        journey.click(page.locator("input[name=_transition][data-transition=publish]"))
    return journey.result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, default=ROOT, help="The checkout whose code is measured.")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    repo = options.repo.resolve()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="desk-clicks-") as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
            "DEBUG": "1",
            "NEWSROOM_PRODUCTION": "0",
            "MEDIA_ROOT": f"{folder}/media",
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        }
        env.pop("CACHE_URL", None)  # process-local memory: nobody else's Redis
        started = time.perf_counter()
        manage(repo, env, "migrate", "--no-input")
        manage(repo, env, "seed_demo", "--stories", "8", "--seed", "19")
        manage(repo, env, "shell", "-c", SETUP.format(editor=EDITOR, password=PASSWORD, runs=options.runs))
        print(f"code: {repo} ({git_describe(repo)}); database seeded in {time.perf_counter() - started:.1f} s")

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = open(Path(folder) / "server.log", "w")  # noqa: SIM115  (open for the server's whole life)
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=repo,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(base + "/admin/login/")
            results = run_journeys(sync_playwright, base, options.runs)
        finally:
            server.terminate()
            server.wait(timeout=20)
            log.close()
        stories = json.loads(manage(repo, env, "shell", "-c", CHECK).strip().splitlines()[-1])
    wrong = [story for story in stories if story[1] != "published" or story[2] != DEK]
    if len(stories) != options.runs or wrong:
        sys.exit(f"a journey did not publish its story with the typed dek: {stories}")
    for name, figures in results.items():
        clicks = [clicks for clicks, _seconds in figures]
        seconds = [seconds for _clicks, seconds in figures]
        print(
            f"{name}: {statistics.median(clicks):g} clicks, {statistics.median(seconds):.2f} s "
            f"(median of {len(figures)}; runs: {', '.join(f'{c} clicks {s:.2f} s' for c, s in figures)})"
        )


def run_journeys(sync_playwright, base: str, runs: int) -> dict[str, list[tuple[int, float]]]:
    results: dict[str, list[tuple[int, float]]] = {"login to the review queue": [], "opening to publishing": []}
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=BROWSER_PROGRAM, args=["--no-sandbox"])
        try:
            for number in range(1, runs + 1):
                headline = f"Antrean uji desk nomor {number}"
                # A fresh context each run: a new login, nothing cached from the run before.
                context = chromium.new_context(locale="en-US", viewport={"width": 1366, "height": 900})
                page = context.new_page()
                page.set_default_timeout(15_000)
                results["login to the review queue"].append(to_review_queue(page, base, headline))
                results["opening to publishing"].append(to_published(page, headline))
                context.close()
        finally:
            chromium.close()
    return results


def git_describe(repo: Path) -> str:
    done = subprocess.run(["git", "log", "-1", "--format=%h %s"], cwd=repo, capture_output=True, text=True)
    return done.stdout.strip()[:70]


if __name__ == "__main__":
    main()
