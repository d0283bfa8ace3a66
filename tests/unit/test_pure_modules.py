"""The pure modules and their tests import nothing of Django, so this folder runs with ``-p no:django``."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNIT = Path(__file__).resolve().parent
# articles/photos/uploads.py and renditions.py are the Django side of photos (settings, storage, sorl-thumbnail).
DJANGO_SIDE = {"articles/photos/uploads.py", "articles/photos/renditions.py"}
PURE_MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts)
    for folder in ("articles/text", "articles/photos")
    for path in (ROOT / folder).glob("*.py")
    if path.relative_to(ROOT).as_posix() not in DJANGO_SIDE and path.name != "__init__.py"
)
UNIT_TESTS = sorted(path.stem for path in UNIT.glob("test_*.py"))
# Fixtures of pytest-django (and this project's Django fixtures) that a pure test must never ask for.
DJANGO_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_setup",
    "settings",
    "client",
    "admin_client",
    "rf",
    "django_user_model",
    "django_assert_num_queries",
    "live_server",
    "mailoutbox",
    "section",
    "make_article",
    "make_photo",
    "people",
    "staff_user",
    "editor_client",
}


def test_the_pure_module_list_is_what_the_architecture_says():
    assert "articles.text.story_format" in PURE_MODULES and "articles.photos.metadata" in PURE_MODULES
    assert not {"articles.photos.uploads", "articles.photos.renditions"} & set(PURE_MODULES)


def test_pure_modules_and_unit_tests_import_no_django():
    """Importing every pure module, this folder's conftest and every test module here leaves Django unloaded."""
    modules = [*PURE_MODULES, "tests.unit.conftest", *(f"tests.unit.{name}" for name in UNIT_TESTS)]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(loaded[:5])\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", UNIT_TESTS)
def test_no_unit_test_asks_for_a_django_fixture(name):
    tree = ast.parse((UNIT / f"{name}.py").read_text(encoding="utf-8"))
    asked = {
        (node.name, arg.arg)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for arg in node.args.args
        if arg.arg in DJANGO_FIXTURES
    }
    marks = [node for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "django_db"]
    assert not asked and not marks, asked


def _autouse_fixtures(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        for decorator in node.decorator_list
        if isinstance(decorator, ast.Call)
        and any(k.arg == "autouse" and getattr(k.value, "value", False) is True for k in decorator.keywords)
    }


def test_every_django_autouse_fixture_is_overridden_here():
    """tests/conftest.py's autouse fixtures need Django's settings; each must have a no-op namesake in
    tests/unit/conftest.py, or this folder stops running without pytest-django."""
    missing = _autouse_fixtures(UNIT.parent / "conftest.py") - _autouse_fixtures(UNIT / "conftest.py")
    assert not missing, f"add a no-op autouse fixture to tests/unit/conftest.py for: {sorted(missing)}"
