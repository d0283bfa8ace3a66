"""The set-up every benchmark shares: Django on a throwaway SQLite database and media folder of its own, so a run
never touches the developer's data and always starts from the same empty site."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scratch_django(prefix: str, *, keep_database_url: bool = False, **environ: str) -> Path:
    """Point Django at a new folder in /tmp (an SQLite file and media), set ``environ`` (settings read from the
    environment), set Django up, and return the folder. ``keep_database_url``: a DATABASE_URL already set (e.g. a
    PostgreSQL to measure on) is used instead of the SQLite file."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    if keep_database_url:
        os.environ.setdefault("DATABASE_URL", database_url)
    else:
        os.environ["DATABASE_URL"] = database_url
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.update(environ)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    return workdir
