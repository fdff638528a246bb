"""Small strict helpers that read ``DUIJIE_*`` settings from the environment.

Development needs none of them; production (``DUIJIE_PRODUCTION=1``) refuses to
start without a secret key, allowed hosts, a database URL and a site URL.
"""

from __future__ import annotations

import os
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

PREFIX = "DUIJIE_"
# Published in this repository, so it protects nothing: production refuses it.
DEVELOPMENT_SECRET_KEY = "duijie-development-only-not-secret"
MIN_SECRET_KEY_LENGTH = 50  # what ``manage.py check --deploy`` asks for
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    """The value of ``DUIJIE_<name>``; ``required`` turns absence into an error."""
    value = os.environ.get(PREFIX + name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"{PREFIX}{name} must be set in production.")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no setting; anything but the usual spellings is an error."""
    raw = os.environ.get(PREFIX + name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{PREFIX}{name} must be a boolean (1/0, true/false), not {raw!r}.")


def env_int(name: str, default: int) -> int:
    """A whole-number setting."""
    raw = os.environ.get(PREFIX + name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{PREFIX}{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list setting."""
    raw = os.environ.get(PREFIX + name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_site_url(name: str, *, required: bool = False) -> str:
    """A base URL for absolute links (``https://host[/prefix]``), without a trailing slash."""
    raw = env_str(name, required=required) or ""
    parsed = urlparse(raw)
    if raw and (parsed.scheme not in {"http", "https"} or not parsed.netloc):
        raise ImproperlyConfigured(f"{PREFIX}{name} must be an http(s) URL, not {raw!r}.")
    return raw.rstrip("/")


def database_from_url(url: str) -> dict[str, object]:
    """Django DATABASES entry for a ``postgres://`` or ``sqlite:///`` URL."""
    parsed = urlparse(url)
    if parsed.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
        }
    if parsed.scheme == "sqlite":
        # sqlite:///relative.db and sqlite:////absolute/path.db, as dj-database-url reads them
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": unquote(parsed.path[1:]) or ":memory:",
        }
    raise ImproperlyConfigured(
        f"{PREFIX}DATABASE_URL has unsupported scheme {parsed.scheme!r}; use postgres:// or sqlite:///."
    )


def refuse_unsafe_production(*, debug: bool, secret_key: str, hosts: list[str]) -> None:
    """Refuse to start production with debug on, a wildcard host or a weak or known key."""
    if debug:
        raise ImproperlyConfigured(f"{PREFIX}DEBUG must be off in production.")
    if "*" in hosts:
        raise ImproperlyConfigured(
            f"{PREFIX}ALLOWED_HOSTS must name the site's hosts in production, not '*'."
        )
    if secret_key == DEVELOPMENT_SECRET_KEY or secret_key.startswith("django-insecure"):
        raise ImproperlyConfigured(
            f"{PREFIX}SECRET_KEY is the published development key; generate a new one."
        )
    if len(secret_key) < MIN_SECRET_KEY_LENGTH or len(set(secret_key)) < 5:
        raise ImproperlyConfigured(
            f"{PREFIX}SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} random characters."
        )


def smtp_mailer() -> dict[str, object]:
    """The production mailer: SMTP from ``DUIJIE_EMAIL_*`` (host required)."""
    use_ssl = env_bool("EMAIL_USE_SSL", False)
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", required=True),
            "port": env_int("EMAIL_PORT", 465 if use_ssl else 587),
            "username": env_str("EMAIL_HOST_USER", "") or "",
            "password": env_str("EMAIL_HOST_PASSWORD", "") or "",
            "use_tls": env_bool("EMAIL_USE_TLS", not use_ssl),
            "use_ssl": use_ssl,
            "timeout": env_int("EMAIL_TIMEOUT", 20),
        },
    }
