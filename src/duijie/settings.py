"""Django settings for Duijie, all read through :mod:`duijie.env`."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from duijie.env import database_from_url, env_bool, env_int, env_list, env_site_url, env_str

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
else:
    SECRET_KEY = env_str("SECRET_KEY", "duijie-development-only-not-secret")
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
    "duijie.history",
    "duijie.operations",
]

MIDDLEWARE = [
    "duijie.operations.requestlog.RequestRecorder",
    "django.middleware.security.SecurityMiddleware",
    # Static files from STATIC_ROOT with long cache headers (hashed names in production).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "duijie.accounts.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_USER_MODEL = "accounts.User"
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
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

MAILERS = {
    "default": {
        "BACKEND": env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "duijie@localhost")

# Where the real development data lives (never committed): ../shared/data by default.
SHARED_DATA_DIR = Path(env_str("SHARED_DATA_DIR", str(BASE_DIR.parent / "shared" / "data")) or "")

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
