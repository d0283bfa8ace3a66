"""
Settings for Newsroom, read from the environment (twelve-factor style).

Every variable has a safe development default, so ``make run`` works on a fresh machine with nothing set.
Production hardening is switched on by one variable, ``NEWSROOM_PRODUCTION=1``; ``manage.py check --deploy``
is clean there. See README.md for the variables.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is convenient for development; it is never committed (see .gitignore).
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

PRODUCTION = env.bool("NEWSROOM_PRODUCTION", default=False)
DEBUG = env.bool("DEBUG", default=not PRODUCTION)

# The development key is public on purpose: production refuses to start without its own.
SECRET_KEY = env.str("SECRET_KEY", default="" if PRODUCTION else "django-insecure-newsroom-development-only")
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("SECRET_KEY must be set when NEWSROOM_PRODUCTION=1.")

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django's admin on the newsroom's site class: every list's search is bounded (articles/admin_site.py).
    "newsroom.admin_config.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "taggit",
    # Revisions of stories with their bylines, photos and quotes (articles/models/revisions.py).
    "reversion",
    "django_prose_editor",
    "sorl.thumbnail",
    # Background work (articles/tasks.py): Django's tasks framework, backported for Django 5.2, and its database
    # backend, whose worker `make run` starts beside the server (TASKS below).
    "django_tasks",
    "django_tasks_db",
    # Bootstrap 5 CSS/JS from the django-bootstrap-static package, served by whitenoise: no CDN, no copied files.
    "bootstrap",
    # Staff sign-in (articles/logins/): lockout after failed passwords, and two-factor codes from an app.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "articles.logins",
    "articles",
    # The content API at /api/v1/ (api/), built with django-ninja ("ninja" serves its Swagger UI files from static),
    # with CORS by setting (django-cors-headers); webhooks to subscribers; wire formats in and out (ninjs, NewsML-G2).
    "ninja",
    "corsheaders",
    "api",
    "webhooks",
    "wire",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CORS headers for the content API only (CORS_URLS_REGEX below); as high as django-cors-headers asks, above
    # everything that may answer on its own (whitenoise, the body limit, CommonMiddleware), so those answers carry
    # the headers too and a browser app can read the error.
    "corsheaders.middleware.CorsMiddleware",
    # Security headers on every response, static files included (so above whitenoise): newsroom/headers.py.
    "newsroom.headers.PermissionsPolicyMiddleware",
    "newsroom.headers.ContentSecurityPolicyMiddleware",
    # Before anything that reads a request body (none of those above does): newsroom/request_limits.py.
    "newsroom.request_limits.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Everything a GET/HEAD runs from here on only reads: SQLite begins its transactions DEFERRED, never waiting for
    # the write lock (newsroom/db/reading.py). Below the sessions: saving a session after a GET is a write.
    "newsroom.db.reading.ReadOnlyRequestMiddleware",
    # The address says the language: /en/… English, anything else Indonesian; the desk follows the staff's choice.
    "newsroom.languages.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks request.user verified when this session entered a code (django-otp); needed by the two below.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff: signed out when idle, then held at the two-factor step they still owe (articles/logins/middleware.py).
    "articles.logins.middleware.StaffIdleTimeoutMiddleware",
    "articles.logins.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Cache-Control on every response that has none: public briefly for anonymous pages, private otherwise.
    "articles.cache.CacheControlMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the 429 page (articles/logins/lockout.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site_navigation",
            ],
        },
    },
]

# Database: an embedded SQLite file unless DATABASE_URL says otherwise (postgres://user@host:5432/name).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while an editor saves; IMMEDIATE transactions plus a busy timeout make concurrent
    # writers wait for each other instead of failing with "database is locked"; requests that only read begin
    # theirs DEFERRED, so they never wait for the write lock (newsroom/db/reading.py).
    DATABASES["default"]["ENGINE"] = "newsroom.db.sqlite3"
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
        }
    )
    # Tests get a file as well (one per test run), not Django's shared in-memory database: writers on two
    # connections to that one fail at once with "database table is locked" instead of waiting, and the
    # edit-conflict tests need two real connections behaving as they do in production.
    DATABASES["default"].setdefault(
        "TEST", {"NAME": str(Path(tempfile.gettempdir()) / f"newsroom-test-{os.getpid()}.sqlite3")}
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when CACHE_URL is set (redis://127.0.0.1:6379/1), process-local memory otherwise.
if env.str("CACHE_URL", default=""):
    # Fail safe (newsroom/cache_backend.py): with Redis down or hung, a request waits at most these timeouts, once per
    # RETRY_AFTER seconds in each process, and goes on without the cache.
    CACHES = {"default": env.cache_url("CACHE_URL", backend="newsroom.cache_backend.FailSafeRedisCache")}
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {
            "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=0.25),
            "socket_timeout": env.float("CACHE_SOCKET_TIMEOUT", default=0.25),
            "RETRY_AFTER": env.float("CACHE_RETRY_AFTER", default=5),
        }
    )
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "newsroom"}}
CACHES["default"].setdefault("KEY_PREFIX", env.str("CACHE_KEY_PREFIX", default="newsroom"))
# Longest life of a cached public page for anonymous readers (articles/cache.py); 0 turns the page cache off.
NEWSROOM_PAGE_CACHE_SECONDS = env.int("NEWSROOM_PAGE_CACHE_SECONDS", default=300)
# How long a worker may reuse its reading of the pages' version (articles/cache.py): a change made in another worker
# reaches cached pages within it. 0 reads it on every request.
NEWSROOM_PAGE_VERSION_SECONDS = env.float("NEWSROOM_PAGE_VERSION_SECONDS", default=1.0)
# How long a front cache or CDN may keep an anonymous page (Cache-Control: public, max-age), and serve it stale
# while it fetches a fresh one: a takedown reaches readers behind a CDN within the first (articles/cache.py).
NEWSROOM_PUBLIC_MAX_AGE = env.int("NEWSROOM_PUBLIC_MAX_AGE", default=60)
NEWSROOM_STALE_WHILE_REVALIDATE = env.int("NEWSROOM_STALE_WHILE_REVALIDATE", default=30)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian first, English too; every date is shown in Western Indonesian Time.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# --- Media on S3-compatible object storage (deploy/README.md, "Media on object storage") ---------------------------
# Setting a bucket moves uploaded photos (and their renditions) off MEDIA_ROOT to the bucket, through django-storages
# (pinned in the lock with boto3, so every install can switch without installing anything). Files are
# public by URL (no signed query strings: pages are cached and shared), never overwritten (a new upload under a
# taken name gets a new name, as on disk), and their ACL is the bucket policy's. MEDIA_URL becomes the media host so
# that the pages' Content-Security-Policy lets their pictures load (img-src, below).
_MEDIA_BUCKET = env.str("NEWSROOM_MEDIA_S3_BUCKET", default="") or env.str("AWS_STORAGE_BUCKET_NAME", default="")
if _MEDIA_BUCKET:
    import importlib.util

    if importlib.util.find_spec("storages") is None or importlib.util.find_spec("boto3") is None:
        raise environ.ImproperlyConfigured(
            "NEWSROOM_MEDIA_S3_BUCKET is set but django-storages is not installed: install the lock "
            "(`.venv/bin/pip install --require-hashes -r requirements.lock`, which pins django-storages[s3]==1.14.6) "
            "or unset the bucket."
        )
    _S3_ENDPOINT = env.str("AWS_S3_ENDPOINT_URL", default="").rstrip("/")
    _S3_REGION = env.str("AWS_S3_REGION_NAME", default="")
    _S3_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default="").strip("/")
    _S3_OPTIONS = {
        "bucket_name": _MEDIA_BUCKET,
        "location": env.str("AWS_LOCATION", default=""),
        "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
        "default_acl": env.str("AWS_DEFAULT_ACL", default="") or None,
        "file_overwrite": False,
        # Object stores send no security headers of their own; the sandbox policy goes in front (deploy/README.md).
        "object_parameters": {"CacheControl": env.str("AWS_S3_CACHE_CONTROL", default="public, max-age=3600")},
        # Other stores than AWS (MinIO, Ceph, Garage, R2…) are addressed by path: predictable URLs under one host.
        "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="path" if _S3_ENDPOINT else "virtual"),
    }
    # Unset credentials leave boto3 to find its own (an instance role, ~/.aws): no empty keys passed to it.
    for _option, _variable in (
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        ("custom_domain", "AWS_S3_CUSTOM_DOMAIN"),
        ("access_key", "AWS_ACCESS_KEY_ID"),
        ("secret_key", "AWS_SECRET_ACCESS_KEY"),
    ):
        if env.str(_variable, default=""):
            _S3_OPTIONS[_option] = env.str(_variable)
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _S3_OPTIONS}
    _S3_HOST = (
        _S3_DOMAIN
        if _S3_DOMAIN
        else f"{_S3_ENDPOINT.split('://', 1)[-1]}/{_MEDIA_BUCKET}"
        if _S3_ENDPOINT
        else f"{_MEDIA_BUCKET}.s3.{_S3_REGION}.amazonaws.com"
        if _S3_REGION
        else f"{_MEDIA_BUCKET}.s3.amazonaws.com"
    )
    _S3_SCHEME = "http" if _S3_ENDPOINT.startswith("http://") and not _S3_DOMAIN else "https"
    MEDIA_URL = env.str("MEDIA_URL", default=f"{_S3_SCHEME}://{_S3_HOST}/")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
TAGGIT_CASE_INSENSITIVE = True

LOGIN_URL = "admin:login"

# --- Logins (articles/logins/, README.md "Logins") ---------------------------------------------------------------
# Lockout (django-axes) is checked before any password: the database handler keeps the counts, so it holds with
# Redis down. A lockout is keyed on the account together with the client address (a typo in the office never
# locks out a colleague, and nobody locks an editor out from elsewhere), with a higher ceiling for one account from
# all addresses together (a botnet spraying one account). Both windows are the cool-off; the pause ends after it.
AUTHENTICATION_BACKENDS = [
    "articles.logins.lockout.RequestAwareLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "articles.logins.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = env.int("NEWSROOM_LOGIN_FAILURE_LIMIT", default=5)
NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT = env.int("NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT", default=50)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("NEWSROOM_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Tries made while paused are not counted, so the time the 429 page gives stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "articles.logins.lockout.lockout_response"
# The client address: REMOTE_ADDR, or with N proxies in front the N-th X-Forwarded-For entry from the right
# (articles/logins/addresses.py); set it to the number of proxies that append to that header, never more.
NEWSROOM_TRUSTED_PROXIES = env.int("NEWSROOM_TRUSTED_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "articles.logins.addresses.client_address"
# Two-factor sign-in (django-otp, TOTP apps): roles that must set it up before using the desk (group names from
# articles/roles.py), and whether superusers must; on in production, off in development so the demo accounts of
# `make run` sign in with a password alone. Anyone may turn it on for themselves at /admin/two-factor/enrol/.
NEWSROOM_REQUIRE_2FA_ROLES = env.list(
    "NEWSROOM_REQUIRE_2FA_ROLES", default=["Editor", "Chief editor"] if PRODUCTION else []
)
NEWSROOM_REQUIRE_2FA_SUPERUSERS = env.bool("NEWSROOM_REQUIRE_2FA_SUPERUSERS", default=PRODUCTION)
OTP_TOTP_ISSUER = env.str("NEWSROOM_OTP_ISSUER", default="Newsroom")
# The secret keys of devices are not shown in the admin (an administrator removes a lost device, never reads it).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Staff are signed out after this many minutes without a request (0: never); readers have no sign-in to lose.
NEWSROOM_STAFF_IDLE_MINUTES = env.int("NEWSROOM_STAFF_IDLE_MINUTES", default=60)

NEWSROOM_PAGE_SIZE = env.int("NEWSROOM_PAGE_SIZE", default=20)

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # django-axes tells every successful sign-in and clean-up at INFO; failures and lockouts (WARNING) are what
    # the logs need.
    "loggers": {"axes": {"level": env.str("AXES_LOG_LEVEL", default="WARNING")}},
}

# Date formats per language (newsroom/formats/<lang>/formats.py) override Django's defaults with house style.
FORMAT_MODULE_PATH = ["newsroom.formats"]

# Photo uploads: the largest file and the most pixels (all frames counted) the photo desk accepts.
NEWSROOM_PHOTO_MAX_BYTES = env.int("NEWSROOM_PHOTO_MAX_BYTES", default=20 * 1024 * 1024)
NEWSROOM_PHOTO_MAX_PIXELS = env.int("NEWSROOM_PHOTO_MAX_PIXELS", default=50_000_000)
# The narrowest image the photo desk may approve (articles/services/moderation.py). 50 px refuses what is no photo at
# all (a tracking pixel, an icon of up to 48 px, a thumbnail saved by mistake) without blocking a small picture the
# desk means to publish; set 320 (the narrowest rendition) to refuse anything readers would see enlarged.
NEWSROOM_PHOTO_MIN_APPROVE_WIDTH = env.int("NEWSROOM_PHOTO_MIN_APPROVE_WIDTH", default=50)
# The house credit style for a photographer and an agency (articles/text/credits.py compose_credit): Indonesian
# papers print the agency first, "ANTARA FOTO/Budi Santoso"; "agency_last" gives "Budi Santoso/ANTARA FOTO".
NEWSROOM_CREDIT_STYLE = env.str("NEWSROOM_CREDIT_STYLE", default="agency_first")
NEWSROOM_CREDIT_SEPARATOR = env.str("NEWSROOM_CREDIT_SEPARATOR", default="/")
if NEWSROOM_CREDIT_STYLE not in ("agency_first", "agency_last"):
    raise environ.ImproperlyConfigured("NEWSROOM_CREDIT_STYLE must be agency_first or agency_last.")
# Uploads above this size go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Request body caps (newsroom/request_limits.py), answered with 413 before the body is read. Every route takes up
# to NEWSROOM_MAX_REQUEST_BYTES (a long story with all its inlines is far below 1 MB); the photo desk's upload forms
# take the largest photo plus that much for the form's other fields. The proxy in front must accept the largest
# cap (nginx: client_max_body_size, README.md).
NEWSROOM_MAX_REQUEST_BYTES = env.int("NEWSROOM_MAX_REQUEST_BYTES", default=1024 * 1024)
NEWSROOM_MAX_UPLOAD_REQUEST_BYTES = env.int(
    "NEWSROOM_MAX_UPLOAD_REQUEST_BYTES", default=NEWSROOM_PHOTO_MAX_BYTES + NEWSROOM_MAX_REQUEST_BYTES
)
NEWSROOM_UPLOAD_ROUTES = [
    "admin:articles_photo_add",
    "admin:articles_photo_change",
    "admin:articles_photo_ingest",
    # The desk API's photo upload (api/desk.py): the same photo limit as the admin's forms.
    "api-v1:upload_photo",
]
# Django's own limits on the parsed form, in line with the caps: the form fields (not files) of any request fit in
# the everyday cap; the story form, the largest, sends about 110 fields plus 10 per quote and 6 per byline or photo
# (measured on the demo stories), so 2000 leaves room for some 180 quotes; the only upload form sends one file.
DATA_UPLOAD_MAX_MEMORY_SIZE = NEWSROOM_MAX_REQUEST_BYTES
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int("DATA_UPLOAD_MAX_NUMBER_FIELDS", default=2000)
DATA_UPLOAD_MAX_NUMBER_FILES = 5

# Security headers (newsroom/headers.py), in development too so a page that breaks under them breaks here first.
# Content-Security-Policy (django-csp): readers' pages run no inline script, style attribute or event handler, so
# nothing 'unsafe-*' is allowed; pictures come from this site (and the media host when MEDIA_URL is absolute).
# (A protocol-relative MEDIA_URL, //media.example/…, gives the bare host, which CSP reads with the page's scheme.)
_MEDIA_PARTS = MEDIA_URL.split("/", 3)
_MEDIA_ORIGIN = (
    "/".join(_MEDIA_PARTS[:3]) if "://" in MEDIA_URL else _MEDIA_PARTS[2] if MEDIA_URL.startswith("//") else None
)
_IMG_SRC = ["'self'", "data:", *([_MEDIA_ORIGIN] if _MEDIA_ORIGIN else [])]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": _IMG_SRC,
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": PRODUCTION,
    }
}
# The admin: the same, plus (added per response) the hashes of the body editor's import map and of the base style
# its Tiptap core adds. Django's admin and the editor set styles from their scripts (CSSOM, which CSP allows), and
# this site's admin pages take their styles from static/newsroom/admin.css, so no 'unsafe-inline' here either.
NEWSROOM_ADMIN_CONTENT_SECURITY_POLICY = {"DIRECTIVES": dict(CONTENT_SECURITY_POLICY["DIRECTIVES"])}
# Uploaded files (where Django serves MEDIA_URL, i.e. in development; nginx sends the same in production): nothing
# in them may run or load anything, whatever a file turns out to be.
NEWSROOM_MEDIA_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {"default-src": ["'none'"], "img-src": ["'self'"], "style-src": ["'unsafe-inline'"], "sandbox": True}
}
# Browser features no page of the site uses are off for it and for anything it could embed; fullscreen and
# passkeys (staff sign-in) stay for this site only. ``browsing-topics`` is interest-cohort's successor.
NEWSROOM_PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": [],
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}
# Django's SecurityMiddleware sends these; they are its defaults, stated so they are not lost by accident.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"

# Renditions (articles/photos/renditions.py) are made with sorl-thumbnail when a credit is approved; its key-value
# store lives in the cache first and the database second.
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"
THUMBNAIL_PRESERVE_FORMAT = False
THUMBNAIL_ORIENTATION = True
THUMBNAIL_PREFIX = "renditions/"

# Background tasks (articles/tasks.py) through Django's tasks framework (the django-tasks backport on Django 5.2).
# The default keeps them in this site's own database, run by `manage.py db_worker` (`make run` starts it beside the
# server). A desk that outgrows one machine points TASKS_BACKEND at another backend, e.g. RQ with
# `django_tasks_rq.RQBackend` (package django-tasks-rq, its app in INSTALLED_APPS, queues in RQ_QUEUES); tests use
# `django_tasks.backends.immediate.ImmediateBackend` (tests/conftest.py).
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "OPTIONS": env.json("TASKS_OPTIONS", default={}),
    }
}

# Notifications (articles/services/notifications.py) go out by email through Django's mail framework: printed to the
# console in development; in production EMAIL_URL names the server, e.g. smtp+tls://user:password@smtp.example.id:587.
# NEWSROOM_SITE_URL is the address the emails link to, since an email is sent outside any request.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Newsroom <newsroom@localhost>")
NEWSROOM_SITE_URL = env.str("NEWSROOM_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The content API (api/, /api/v1/): the browser apps allowed to read it from other sites, e.g.
# NEWSROOM_API_CORS_ORIGINS=https://app.example.id,https://partner.example.com. Empty (the default): no CORS header
# at all, so only servers and same-site pages read it. Reads only: the desk's token writes are for servers.
CORS_ALLOWED_ORIGINS = env.list("NEWSROOM_API_CORS_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ("GET", "OPTIONS")
# Browsers let a script read Last-Modified but not ETag unless told: the API's conditional GETs need both.
CORS_EXPOSE_HEADERS = ["ETag"]
CORS_PREFLIGHT_MAX_AGE = 86400

# The publisher's name in search engines' and social networks' eyes (NewsArticle JSON-LD, og:site_name, the web
# manifest, the Google News sitemap): articles/structured_data.py, articles/site_files.py, articles/sitemaps.py.
NEWSROOM_SITE_NAME = env.str("NEWSROOM_SITE_NAME", default="Newsroom")

# Each story as IPTC ninjs (wire/ninjs_out.py): the rights every item carries, empty for "the site's name" and "© the
# publication year and holder"; and the host in each item's permanent tag: URI (by default NEWSROOM_SITE_URL's):
# set it before the site moves, so stories keep their identifiers.
NEWSROOM_COPYRIGHT_HOLDER = env.str("NEWSROOM_COPYRIGHT_HOLDER", default="")
NEWSROOM_COPYRIGHT_NOTICE = env.str("NEWSROOM_COPYRIGHT_NOTICE", default="")
NEWSROOM_USAGE_TERMS = env.str("NEWSROOM_USAGE_TERMS", default="")
NEWSROOM_NINJS_TAG_AUTHORITY = env.str("NEWSROOM_NINJS_TAG_AUTHORITY", default="")
# Wire copy taken in by `manage.py import_wire` (wire/services.py) lands in this section, made if missing.
NEWSROOM_WIRE_SECTION = env.str("NEWSROOM_WIRE_SECTION", default="berita")
# Webhooks (webhooks/): how long a subscriber may take to answer, and whether addresses on private networks are
# allowed (only for a subscriber inside the newsroom's own network: otherwise a webhook could reach internal services).
NEWSROOM_WEBHOOK_TIMEOUT = env.float("NEWSROOM_WEBHOOK_TIMEOUT", default=10.0)
NEWSROOM_WEBHOOK_ALLOW_PRIVATE = env.bool("NEWSROOM_WEBHOOK_ALLOW_PRIVATE", default=False)
# Emails go out while the request that caused them finishes: a mail server that hangs must not hold it for long.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
