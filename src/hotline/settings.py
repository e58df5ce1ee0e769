"""The one settings module. A node is a data directory; everything else comes from HOTLINE_* variables.

HOTLINE_DATA_DIR      the node's data directory (database, secret key, uploads); default ./data
HOTLINE_DATABASE_URL  sqlite:///path or postgres://user:pass@host:port/db; default DATA_DIR/hotline.sqlite3
HOTLINE_SECRET_KEY    overrides DATA_DIR/secret_key (written by `hotline init`)
HOTLINE_DEBUG         "1" for development only
HOTLINE_ALLOWED_HOSTS comma-separated; default loopback names
HOTLINE_BASE_URL      how partners and clients reach this node, e.g. https://hotline.bnpt.go.id
HOTLINE_ATTACHMENT_MAX_BYTES   largest file attached to a hotline message (default 10 MB)
HOTLINE_ATTACHMENT_TYPES       comma-separated MIME types accepted (default: see desk/attachments.py)
HOTLINE_EMAIL_BACKEND  Django email backend for notifications (default: console, i.e. the worker's log);
                       with smtp: HOTLINE_EMAIL_HOST, _PORT, _USER, _PASSWORD, _USE_TLS, HOTLINE_EMAIL_FROM
HOTLINE_WEBHOOK_URL    optional: the worker POSTs each desk notification there as JSON
HOTLINE_SUPERVISOR_AFTER_MINUTES  a missed deadline reaches supervisors this long after the duty officer (15)
HOTLINE_FEDERATION_INTERVAL     seconds between the worker's pushes to / pulls from partners (5)
HOTLINE_FEDERATION_MAX_BACKOFF  longest wait between retries to a failing partner, seconds (300)
HOTLINE_FEDERATION_TIMEOUT      HTTP timeout towards partners, seconds (15)
HOTLINE_FEDERATION_BATCH        objects per push request / pull page (500)
HOTLINE_KEYS_DIR                where keys/signing-key.pem lives (default: the data directory)
HOTLINE_PEACE_PDQ_THRESHOLD     largest PDQ distance (of 256 bits) that is a match (31)
HOTLINE_PEACE_TEXT_THRESHOLD    smallest Jaccard similarity of texts that is a match (default: peace.signals)
HOTLINE_PEACE_INDEX_INTERVAL    seconds between the worker's checks whether the matching index is stale (15)
HOTLINE_PEACE_MAX_UPLOAD_BYTES  largest file added to a bank or matched (100 MB)
"""

import json
import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("HOTLINE_DATA_DIR", "data")).resolve()


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _read_node_config() -> dict:
    path = DATA_DIR / "node.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {}


def _secret_key() -> str:
    if os.environ.get("HOTLINE_SECRET_KEY"):
        return os.environ["HOTLINE_SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    # Before `hotline init` has run there is no key; commands that need one (serve) refuse to start.
    return "uninitialised-node-" + str(DATA_DIR)


def _database(url: str | None) -> dict:
    if not url:
        return _sqlite(DATA_DIR / "hotline.sqlite3")
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        return _sqlite(Path(unquote(parsed.path)))
    if parsed.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
        }
    raise ImproperlyConfigured(f"HOTLINE_DATABASE_URL: unsupported scheme {parsed.scheme!r}")


def _sqlite(path: Path) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # WAL lets the web server read while the worker writes; IMMEDIATE avoids lock upgrades that deadlock.
        "OPTIONS": {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                "PRAGMA cache_size=-131072; PRAGMA mmap_size=1073741824; PRAGMA temp_store=MEMORY;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        },
        # Keep a thread's connection between requests: a new one per request re-ran the PRAGMAs and threw the
        # page cache away (17% of a TAXII GET at 1,000,000 objects).
        "CONN_MAX_AGE": 300,
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"NAME": str(path.parent / "test-hotline.sqlite3")}
        if os.environ.get("HOTLINE_TEST_FILE_DB")
        else {},
    }


NODE = _read_node_config()
NODE_NAME = os.environ.get("HOTLINE_NODE_NAME") or NODE.get("name", "hotline")
NODE_TITLE = NODE.get("title", NODE_NAME)
BASE_URL = os.environ.get("HOTLINE_BASE_URL") or NODE.get("base_url", "")

SECRET_KEY = _secret_key()
# Where keys/signing-key.pem lives (the node's Ed25519 federation key); tests point it elsewhere.
KEYS_DATA_DIR = Path(os.environ.get("HOTLINE_KEYS_DIR") or DATA_DIR)
DEBUG = _env_bool("HOTLINE_DEBUG")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("HOTLINE_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver").split(",")
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "hotline.intel",
    "hotline.access",
    "hotline.taxii",
    "hotline.node",
    "hotline.federation",
    "hotline.desk",
    "hotline.peace",
    "hotline.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "hotline.urls"
WSGI_APPLICATION = "hotline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hotline.web.context.node",
            ],
        },
    },
]

DATABASES = {"default": _database(os.environ.get("HOTLINE_DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": os.environ.get("HOTLINE_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("id", _("Indonesian")), ("vi", _("Vietnamese"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "files"

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# TAXII 2.1 limits (advertised in the API root's max_content_length).
TAXII_MAX_CONTENT_LENGTH = _env_int("HOTLINE_TAXII_MAX_CONTENT_LENGTH", 50 * 1024 * 1024)
TAXII_DEFAULT_PAGE_SIZE = _env_int("HOTLINE_TAXII_DEFAULT_PAGE_SIZE", 100)
TAXII_MAX_PAGE_SIZE = _env_int("HOTLINE_TAXII_MAX_PAGE_SIZE", 1000)
# Envelopes up to this many objects are stored within the request; larger ones by the worker ("pending").
TAXII_INLINE_OBJECTS = _env_int("HOTLINE_TAXII_INLINE_OBJECTS", 5000)
# Status resources are kept at least this long (the spec asks for 24 hours at least).
TAXII_STATUS_RETENTION_HOURS = _env_int("HOTLINE_TAXII_STATUS_RETENTION_HOURS", 72)
DATA_UPLOAD_MAX_MEMORY_SIZE = TAXII_MAX_CONTENT_LENGTH

# The hotline desk.
HOTLINE_ATTACHMENT_MAX_BYTES = _env_int("HOTLINE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
# Empty: the default list in hotline/desk/attachments.py.
HOTLINE_ATTACHMENT_TYPES = [
    t.strip() for t in os.environ.get("HOTLINE_ATTACHMENT_TYPES", "").split(",") if t.strip()
]
HOTLINE_SUPERVISOR_AFTER_MINUTES = _env_int("HOTLINE_SUPERVISOR_AFTER_MINUTES", 15)
HOTLINE_WEBHOOK_URL = os.environ.get("HOTLINE_WEBHOOK_URL", "")
EMAIL_BACKEND = os.environ.get("HOTLINE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("HOTLINE_EMAIL_HOST", "localhost")
EMAIL_PORT = _env_int("HOTLINE_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("HOTLINE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("HOTLINE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("HOTLINE_EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("HOTLINE_EMAIL_FROM", f"hotline@{NODE_NAME}.invalid")

# Federation (issue 4): how often the worker pushes to and pulls from partners, the longest wait between
# retries after failures, the HTTP timeout, and how many objects go in one request.
FEDERATION_INTERVAL = _env_int("HOTLINE_FEDERATION_INTERVAL", 5)
FEDERATION_MAX_BACKOFF = _env_int("HOTLINE_FEDERATION_MAX_BACKOFF", 300)
FEDERATION_TIMEOUT = _env_int("HOTLINE_FEDERATION_TIMEOUT", 15)
FEDERATION_BATCH = _env_int("HOTLINE_FEDERATION_BATCH", 500)

# Peace Media Center (issue 6): match thresholds per signal, index freshness, upload size.
PEACE_PDQ_THRESHOLD = _env_int("HOTLINE_PEACE_PDQ_THRESHOLD", 31)
PEACE_TEXT_THRESHOLD = (
    float(os.environ["HOTLINE_PEACE_TEXT_THRESHOLD"])
    if os.environ.get("HOTLINE_PEACE_TEXT_THRESHOLD")
    else None
)
PEACE_INDEX_INTERVAL = _env_int("HOTLINE_PEACE_INDEX_INTERVAL", 15)
PEACE_MAX_UPLOAD_BYTES = _env_int("HOTLINE_PEACE_MAX_UPLOAD_BYTES", 100 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("HOTLINE_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
