"""The one settings module. A node is a data directory; everything else comes from HOTLINE_* variables.

HOTLINE_DATA_DIR      the node's data directory (database, secret key, uploads); default ./data
HOTLINE_DATABASE_URL  sqlite:///path or postgres://user:pass@host:port/db; default DATA_DIR/hotline.sqlite3
HOTLINE_SECRET_KEY    overrides DATA_DIR/secret_key (written by `hotline init`)
HOTLINE_DEBUG         "1" for development only
HOTLINE_ALLOWED_HOSTS comma-separated; default loopback names
HOTLINE_BASE_URL      how partners and clients reach this node, e.g. https://hotline.bnpt.go.id
HOTLINE_ATTACHMENT_MAX_BYTES   largest file attached to a hotline message (default 10 MB)
HOTLINE_ATTACHMENT_TYPES       comma-separated MIME types accepted (default: see desk/attachments.py)
HOTLINE_DRAFT_MAX_BYTES        largest file an ambassador submits as a draft (default 50 MB)
HOTLINE_EMAIL_BACKEND  Django email backend for notifications (default: console, i.e. the worker's log);
                       with smtp: HOTLINE_EMAIL_HOST, _PORT, _USER, _PASSWORD, _USE_TLS, HOTLINE_EMAIL_FROM
HOTLINE_WEBHOOK_URL    optional: the worker POSTs each desk notification there as JSON
HOTLINE_SUPERVISOR_AFTER_MINUTES  a missed deadline reaches supervisors this long after the duty officer (15)
HOTLINE_FEDERATION_INTERVAL     seconds between the worker's pushes to / pulls from partners (5)
HOTLINE_FEDERATION_MAX_BACKOFF  longest wait between retries to a failing partner, seconds (300)
HOTLINE_FEDERATION_TIMEOUT      HTTP timeout towards partners, seconds (15)
HOTLINE_FEDERATION_BATCH        objects per push request, and the largest pull page asked for (5000; a
                                Hotline partner answers pages of at most 1000, its TAXII page limit)
HOTLINE_SQLITE_LOG_LIMIT        bytes of SQLite write-ahead log after which a store writes it all back and
                                truncates it (64 MiB)
HOTLINE_KEYS_DIR                where keys/signing-key.pem lives (default: the data directory)
HOTLINE_METRICS_TOKEN           bearer token that may read /metrics (default: none; then only from loopback)
HOTLINE_LOG_FORMAT              "json" for one JSON object per log line (default: plain text)
HOTLINE_SESSION_IDLE_MINUTES    a web session ends after this many minutes without a request (30)
HOTLINE_LOGIN_FAILURE_LIMIT     failed sign-ins (web, HTTP Basic, API token) that lock a name out (5)
HOTLINE_LOGIN_LOCKOUT_MINUTES   how long a lockout lasts; each failure while locked restarts it (15)
HOTLINE_TRUSTED_PROXIES         reverse proxies in front of the node that append to X-Forwarded-For (0)
HOTLINE_BASIC_CACHE_SECONDS     how long verified HTTP Basic credentials are remembered (60; 0: never)
HOTLINE_HTTPS          "1" when the node is reached over HTTPS (`hotline serve --certfile` sets it): HSTS and
                       secure cookies
HOTLINE_HSTS_SECONDS   max-age of Strict-Transport-Security when HTTPS (default one year)
HOTLINE_PROXY_SSL_HEADER  behind a TLS-terminating reverse proxy: the header it sets, e.g. X-Forwarded-Proto
                       (the proxy must overwrite it on every request; "https" there marks a secure request)
HOTLINE_WEB_MAX_REQUEST_BYTES  largest request body outside TAXII, uploads included (default 64 MB)
HOTLINE_PEACE_PDQ_THRESHOLD     largest PDQ distance (of 256 bits) that is a match (31)
HOTLINE_PEACE_TEXT_THRESHOLD    smallest Jaccard similarity of texts that is a match (default: peace.signals)
HOTLINE_PEACE_VPDQ_MATCH_PERCENT  smallest share of frames (%) of both videos that must match for vPDQ (80)
HOTLINE_PEACE_INDEX_INTERVAL    seconds between the worker's checks whether the matching index is stale (15)
HOTLINE_PEACE_MAX_UPLOAD_BYTES  largest file added to a bank or matched (100 MB)
"""

import json
import os
from datetime import timedelta
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
    "hotline.audit",
    "hotline.taxii",
    "hotline.node",
    "hotline.federation",
    "hotline.desk",
    "hotline.partners",
    "hotline.peace",
    "hotline.programme",
    "hotline.peace.campaigns",
    "hotline.web",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "hotline.accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Early, so static files and refusals by later middleware carry it too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "hotline.web.limits.RequestSizeLimitMiddleware",
    "hotline.web.limits.NulInAddressMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "hotline.accounts.middleware.SecondFactorRequired",
    "hotline.audit.context.AuditOriginMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
]
# TAXII requests that carry credentials (an API token or HTTP Basic; hotline/wsgi.py routes them) need no
# session, sign-in steps, language, messages, CSRF (the views are exempt) or static files: a shorter stack,
# the same security headers, size limits, redirects, audit origin and lockout answers. Without an
# Authorization header (an officer browsing the API while signed in) TAXII takes MIDDLEWARE. The content
# security policy is the same, built once per process: an API response has no nonce or per-view policy.
_API_REPLACEMENTS = {
    "csp.middleware.CSPMiddleware": "hotline.web.api_policy.ApiContentSecurityPolicyMiddleware"
}
CREDENTIALED_API_MIDDLEWARE = [
    _API_REPLACEMENTS.get(name, name)
    for name in MIDDLEWARE
    if name
    in {
        "django.middleware.security.SecurityMiddleware",
        "csp.middleware.CSPMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "hotline.web.limits.RequestSizeLimitMiddleware",
        "hotline.web.limits.NulInAddressMiddleware",
        "django.middleware.common.CommonMiddleware",  # a TAXII URL without its trailing slash is redirected
        "hotline.audit.context.AuditOriginMiddleware",
        "axes.middleware.AxesMiddleware",
    }
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
        # Federation jobs wait on partners' networks: their own queue and worker (hotline.node.worker).
        "QUEUES": ["default", "federation"],
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

# Accounts (issue 5): django-axes checks every authentication first; see access/throttle.py.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = _env_int("HOTLINE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=_env_int("HOTLINE_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "hotline.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "hotline.access.throttle.client_ip"
AXES_USERNAME_CALLABLE = "hotline.access.throttle.lockout_username"
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins go to the audit trail, not to a second log
AXES_VERBOSE = False
HOTLINE_TRUSTED_PROXIES = _env_int("HOTLINE_TRUSTED_PROXIES", 0)
HOTLINE_BASIC_CACHE_SECONDS = _env_int("HOTLINE_BASIC_CACHE_SECONDS", 60)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "credentials": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "credentials"},
}
OTP_TOTP_ISSUER = f"Hotline {NODE_TITLE}"
# A session ends after this long without a request (each request pushes the end back).
SESSION_COOKIE_AGE = _env_int("HOTLINE_SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# TAXII 2.1 limits (advertised in the API root's max_content_length).
TAXII_MAX_CONTENT_LENGTH = _env_int("HOTLINE_TAXII_MAX_CONTENT_LENGTH", 50 * 1024 * 1024)
TAXII_DEFAULT_PAGE_SIZE = _env_int("HOTLINE_TAXII_DEFAULT_PAGE_SIZE", 100)
TAXII_MAX_PAGE_SIZE = _env_int("HOTLINE_TAXII_MAX_PAGE_SIZE", 1000)
# Envelopes up to this many objects are stored within the request; larger ones by the worker ("pending").
TAXII_INLINE_OBJECTS = _env_int("HOTLINE_TAXII_INLINE_OBJECTS", 5000)
# A SQLite store's write-ahead log past this size is written back and truncated after the next store of
# objects (intel.services.settle_store).
SQLITE_LOG_LIMIT_BYTES = _env_int("HOTLINE_SQLITE_LOG_LIMIT", 64 * 1024 * 1024)
# Status resources are kept at least this long (the spec asks for 24 hours at least).
TAXII_STATUS_RETENTION_HOURS = _env_int("HOTLINE_TAXII_STATUS_RETENTION_HOURS", 72)
DATA_UPLOAD_MAX_MEMORY_SIZE = TAXII_MAX_CONTENT_LENGTH

# The hotline desk.
HOTLINE_ATTACHMENT_MAX_BYTES = _env_int("HOTLINE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
HOTLINE_DRAFT_MAX_BYTES = _env_int("HOTLINE_DRAFT_MAX_BYTES", 50 * 1024 * 1024)
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
FEDERATION_BATCH = _env_int("HOTLINE_FEDERATION_BATCH", 5000)

# Hardening (issue 5): security headers, limits, error pages. See docs/security.md, "Hardening".
# A content security policy without 'unsafe-inline': every script is a static file, no inline handlers.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # the pages' scripts take the token from the form, never from the cookie
HTTPS = _env_bool("HOTLINE_HTTPS")
if HTTPS:
    # Django sends HSTS only on secure requests: gunicorn's own TLS, or a proxy's header (below).
    SECURE_HSTS_SECONDS = _env_int("HOTLINE_HSTS_SECONDS", 365 * 24 * 3600)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
if os.environ.get("HOTLINE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + os.environ["HOTLINE_PROXY_SSL_HEADER"].strip().upper().replace("-", "_"),
        "https",
    )
# Request bodies: TAXII's own limit above (answered 413 in TAXII JSON); everything else, uploads included, is
# refused above this size before it is read. Form fields and files per request are capped too.
WEB_MAX_REQUEST_BYTES = _env_int("HOTLINE_WEB_MAX_REQUEST_BYTES", 64 * 1024 * 1024)
CSRF_FAILURE_VIEW = "hotline.web.errors.csrf_failure"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads are spooled to a temporary file, not kept in memory

# Peace Media Center (issue 6): match thresholds per signal, index freshness, upload size.
PEACE_PDQ_THRESHOLD = _env_int("HOTLINE_PEACE_PDQ_THRESHOLD", 31)
PEACE_TEXT_THRESHOLD = (
    float(os.environ["HOTLINE_PEACE_TEXT_THRESHOLD"])
    if os.environ.get("HOTLINE_PEACE_TEXT_THRESHOLD")
    else None
)
PEACE_INDEX_INTERVAL = _env_int("HOTLINE_PEACE_INDEX_INTERVAL", 15)
PEACE_VPDQ_MATCH_PERCENT = float(os.environ.get("HOTLINE_PEACE_VPDQ_MATCH_PERCENT") or 80)
PEACE_MAX_UPLOAD_BYTES = _env_int("HOTLINE_PEACE_MAX_UPLOAD_BYTES", 100 * 1024 * 1024)

METRICS_TOKEN = os.environ.get("HOTLINE_METRICS_TOKEN", "")

# Logs go to the console (systemd's journal in production); HOTLINE_LOG_FORMAT=json writes one JSON object a
# line, for a log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if os.environ.get("HOTLINE_LOG_FORMAT") == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("HOTLINE_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}
