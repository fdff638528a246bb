"""Django settings for Duijie, all read through :mod:`duijie.env`."""

from __future__ import annotations

from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from duijie.env import (
    DEVELOPMENT_SECRET_KEY,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_site_url,
    env_str,
    refuse_unsafe_production,
    smtp_mailer,
)

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SRC_DIR.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")) or BASE_DIR / "var")
VAR_DIR.mkdir(parents=True, exist_ok=True)

PRODUCTION = env_bool("PRODUCTION", False)
DEBUG = env_bool("DEBUG", not PRODUCTION)

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY", required=True)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("DUIJIE_ALLOWED_HOSTS must be set in production.")
    DATABASES = {"default": database_from_url(env_str("DATABASE_URL", required=True) or "")}
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    # Base URL of absolute links (QR codes, calendar feeds, e-mails, PDFs): never guessed.
    SITE_URL = env_site_url("SITE_URL", required=True)
    # HTTPS only: redirect plain HTTP and tell browsers to keep to HTTPS for a year.
    SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
    refuse_unsafe_production(debug=DEBUG, secret_key=SECRET_KEY or "", hosts=ALLOWED_HOSTS)
else:
    SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
    _db_url = env_str("DATABASE_URL")
    DATABASES = {
        "default": database_from_url(_db_url)
        if _db_url
        else {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "duijie.sqlite3")}
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run beside the writer; a 256 MB page cache (negative = KiB)
        # keeps bulk imports' index pages in memory (docs/benchmarks.md, Catalogue).
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "duijie.accounts",
    "duijie.jobs",
    "duijie.reference",
    "duijie.interchange",
    "duijie.directory",
    "duijie.catalogue",
    "duijie.matchmaking",
    "duijie.tradeweek",
    "duijie.pipeline",
    "duijie.chains",
    "duijie.parks",
    "duijie.intel",
    "duijie.environment",
    "duijie.history",
    "duijie.operations",
]

# Behind a reverse proxy that terminates TLS (nginx, a load balancer): trust its
# X-Forwarded-Proto header to know the request was HTTPS. Only set it when the proxy
# always sets (and never passes on) that header.
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (Django's own): our own scripts, styles and images only; no
# inline script or style anywhere (templates load static files; see docs/security.md).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    # ECharts (the dashboard's and the chain map's charts) sets style attributes on the
    # elements it draws; this allows attributes only, never a <style> element or script.
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

MIDDLEWARE = [
    "duijie.operations.requestlog.RequestRecorder",
    "django.middleware.security.SecurityMiddleware",
    # Static files from STATIC_ROOT with long cache headers (hashed names in production).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "duijie.accounts.throttle.RequestSizeCap",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "duijie.accounts.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Domain errors a view did not handle: a 409 page with their sentences, never a 500.
    "duijie.accounts.refusals.RefusalMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out login before any password is checked.
    "duijie.accounts.throttle.LoginLockoutBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_USER_MODEL = "accounts.User"

# Brute force (duijie.accounts.throttle): 5 wrong passwords for one address from one
# client lock that pair out for 15 minutes; a right password resets the count. Every
# rate limit (login, password reset, registration, search) counts in one table
# (accounts.RateCount), one upsert per hit; RATE_LIMITS_ENABLED=False turns them off.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
RATE_LIMITS_ENABLED = True
# The default cache (chains' computed pages) is a database table every process shares.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "duijie_cache",
    }
}
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# The change history (django-simple-history, see duijie.history): review comments are
# kept as the change reason, so it is a text field, not 100 characters.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

ROOT_URLCONF = "duijie.urls"
WSGI_APPLICATION = "duijie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            # The locale layer's filters (day, clock, moment, number, money…) in every template.
            "builtins": ["duijie.accounts.templatetags.localised"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "duijie.accounts.context_processors.navigation",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hant"
LANGUAGES = [
    ("zh-hant", _("Traditional Chinese")),
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
]
# Each app keeps its own catalogue in <app>/locale; there is no project-level one.
LOCALE_PATHS: list[Path] = []
TIME_ZONE = env_str("TIME_ZONE", "Asia/Hong_Kong")
USE_I18N = True
USE_TZ = True
# Our format modules come first: <input type=date> is ISO (yyyy-mm-dd) in every language.
# Dates, numbers and money that people read are written by duijie_core.locale instead.
FORMAT_MODULE_PATH = ["duijie.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise reads it at start-up (empty until collectstatic)
if PRODUCTION:
    # Hashed, compressed copies made by `collectstatic`; WhiteNoise serves them for a year.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
# Uploads: a request declaring more than UPLOAD_MAX_BYTES is refused (413) before it is
# read (duijie.accounts.throttle.RequestSizeCap); each form has its own smaller cap
# (attachments 5/15 MB, imports 10 MB). Form fields other than files: at most 5 MB.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # larger files go to a temporary file

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (docs/operations.md): the database backend, shared by every
# worker (`manage.py run_worker`) on every machine; "immediate" runs each task in
# the process that enqueues it (the tests use it; no worker needed).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
_tasks = env_str("TASKS", "database") or "database"
if _tasks not in _TASK_BACKENDS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DUIJIE_TASKS must be 'database' or 'immediate'.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_tasks]}}

# Development prints mails on the console; production sends them through SMTP
# (DUIJIE_EMAIL_HOST required, see README) and refuses to start without it.
MAILERS = {
    "default": smtp_mailer()
    if PRODUCTION
    else {"BACKEND": env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "duijie@localhost")

# The region a phone number without country code is read in first (entity resolution):
# ISO 3166 code, e.g. HK for an office in Hong Kong; others are tried after it.
PHONE_REGION = (env_str("PHONE_REGION", "CN") or "CN").upper()
# The agency's province (code prefix): its places come first in the place pickers.
HOME_PROVINCE = env_str("HOME_PROVINCE", "43") or "43"

# Processes that score and explain a whole-edition match run's projects (forked from the
# worker for that computing only; 0 = one per core, 1 = in the worker itself).
MATCH_JOBS = env_int("MATCH_JOBS", 0)

# Indicator values older than this many days are flagged stale on the investment-environment
# pages and in the report (they are still used: they are the latest known figures).
ENVIRONMENT_MAX_AGE_DAYS = env_int("ENVIRONMENT_MAX_AGE_DAYS", 730)

# Where the real development data lives (never committed): ../shared/data by default.
SHARED_DATA_DIR = Path(env_str("SHARED_DATA_DIR", str(BASE_DIR.parent / "shared" / "data")) or "")

# The entity model of news intelligence (`duijie intel train` writes it; docs/intel.md).
INTEL_NER_MODEL = Path(env_str("NER_MODEL", str(VAR_DIR / "models" / "ner.crfsuite")) or "")

if not PRODUCTION:
    # Empty: absolute links use the host of the request being answered (duijie.localised).
    SITE_URL = env_site_url("SITE_URL")

# Addresses besides loopback that may read /metrics (a Prometheus on another machine).
METRICS_ALLOW = env_list("METRICS_ALLOW")

# One JSON line per request on stderr (duijie.operations.requestlog); on by default in
# production, where the process manager (systemd, scripts/stack.sh) collects stderr.
LOG_REQUESTS = env_bool("LOG_REQUESTS", PRODUCTION)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "duijie.operations.requestlog.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "json": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "loggers": {
        "duijie.personal_data": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "duijie.requests": {
            "handlers": ["json"],
            "level": "INFO" if LOG_REQUESTS else "WARNING",
            "propagate": False,
        },
    },
}
