"""Entraide's settings: one file, every value read from the environment.

The defaults run the embedded setup (SQLite, in-process cache) with nothing else installed.
Production sets DATABASE_URL, REDIS_URL, SECRET_KEY (or SECRET_KEY_FILE) and ALLOWED_HOSTS.
"""

import secrets
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
import django_stubs_ext
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from entraide.lib import error_reports
from entraide.lib.env import envbool, envint, envlist, envsecret, envstr

# Lets admin classes and forms be written ModelAdmin[Model], as mypy --strict wants.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", False)

# The test suite and the type checker run without any environment, like a fresh clone.
TESTING = "pytest" in sys.modules

# Without SECRET_KEY, management commands still run (with a throw-away key), but the servers
# (asgi.py, wsgi.py) and `check --deploy` refuse to start outside DEBUG: sessions would be
# signed with a key that changes at every start, or that anyone can read here.
SECRET_KEY_IS_SET = bool(envsecret("SECRET_KEY"))
_DEV_SECRET = "dev-only-secret-key-never-use-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = envsecret("SECRET_KEY") or (
    _DEV_SECRET if DEBUG or TESTING else secrets.token_urlsafe(50)
)

# What a person writes for themselves or confides (carnet, concerns) is encrypted at rest
# (`entraide/lib/crypto.py`): Fernet keys, comma-separated; the first encrypts, every one
# decrypts. They never sit beside the data: set ENCRYPTION_KEYS or ENCRYPTION_KEYS_FILE.
# The development key below is public: only for DEBUG and the tests.
ENCRYPTION_KEYS_ARE_SET = bool(envsecret("ENCRYPTION_KEYS"))
_DEV_ENCRYPTION_KEY = "ZW50cmFpZGUtZGV2LW9ubHkta2V5LW5vdC1zZWNyZXQ="
ENCRYPTION_KEYS = [
    key.strip() for key in envsecret("ENCRYPTION_KEYS").split(",") if key.strip()
] or ([_DEV_ENCRYPTION_KEY] if DEBUG or TESTING else [])

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_NAME = envstr("SITE_NAME", "Entraide")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "entraide.lib.adminsite.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # django-ninja's static files: Swagger UI for the API's interactive page, served by us.
    "ninja",
    "django.contrib.sitemaps",
    # Django's own widget templates, for FORM_RENDERER (which reads TEMPLATES).
    "django.forms",
    "django.contrib.postgres",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Our helpers; an app only to register a lookup (entraide/lib/apps.py).
    "entraide.lib",
    "entraide.accounts",
    "entraide.notifications",
    "entraide.organisations",
    "entraide.directory",
    "entraide.membership",
    "entraide.founding",
    "entraide.charters",
    "entraide.accompaniment",
    "entraide.meetings",
    "entraide.circles",
    "entraide.proposals",
    "entraide.carnet",
    "entraide.safeguarding",
    "entraide.guide",
    "entraide.health",
    "entraide.workshops",
    "entraide.pairing",
    "entraide.reports",
    "django_tasks_db",
    "entraide.audit",
    "entraide.pages",
    "entraide.api",
    "entraide.federation",
    # The top of the layers: it loads the demo with every app above, and nothing imports it.
    "entraide.demo",
]

MIDDLEWARE = [
    # Names each request for the log lines written while answering it.
    "entraide.lib.middleware.RequestIdMiddleware",
    # The outermost: Permissions-Policy, Cross-Origin-Resource-Policy and a CSP on every answer.
    "entraide.lib.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages leave compressed, with or without a proxy in front (Django's answer to BREACH: its
    # gzip adds random bytes, and CSRF tokens are masked anew on each page). Below WhiteNoise,
    # which serves static files already compressed, or not at all for images and fonts.
    "django.middleware.gzip.GZipMiddleware",
    # Before anything reads the session or the database: a NUL character is a 400.
    "entraide.lib.middleware.NulCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every response to a signed-in person is kept by no cache; this one sees them all, the
    # redirects of the middlewares below included.
    "entraide.lib.middleware.PrivateResponsesMiddleware",
    # Private by default: a visitor is sent to the login page, except on the views marked
    # `login_not_required` (the directory, the guide, the account flows, the admin's own...).
    # A form sent once the session has ended is kept for its author (lib/kept_forms.py).
    "entraide.lib.kept_forms.LoginRequiredKeepingFormsMiddleware",
    # After authentication: the account's preferred language comes second, after the switch.
    "entraide.lib.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "entraide.organisations.middleware.IdleSessionMiddleware",
    "entraide.organisations.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

# Every form field is drawn by the templates of `entraide/templates/forms/`.
FORM_RENDERER = "entraide.lib.forms.FormRenderer"

ROOT_URLCONF = "entraide.urls"
WSGI_APPLICATION = "entraide.wsgi.application"
ASGI_APPLICATION = "entraide.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "entraide" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "entraide.lib.context_processors.site",
                "entraide.lib.context_processors.session_time_limit",
            ],
            # Django's date filter, writing "1er décembre" in French.
            "builtins": ["entraide.lib.datefilter"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
# Under ASGI each request runs in its own thread, so persistent connections pile up; a pool
# per process keeps PostgreSQL's connections few and reused. DB_POOL_MAX_SIZE=0 turns it off.
DB_POOL_MAX_SIZE = envint("DB_POOL_MAX_SIZE", 0 if TESTING else 8)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DB_POOL_MAX_SIZE > 0:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "pool": {"min_size": 1, "max_size": DB_POOL_MAX_SIZE, "timeout": 10}
    }
# How many requests of one process run at once (lib.admission, around the ASGI application): as many
# as its pool has connections, so that none waits for one; 0 lets every request in.
POOLED = "pool" in DATABASES["default"].get("OPTIONS", {})
MAX_CONCURRENT_REQUESTS = envint("MAX_CONCURRENT_REQUESTS", DB_POOL_MAX_SIZE if POOLED else 0)
# How long a request beyond them waits for its turn before the 503 (under a proxy's timeout).
REQUEST_QUEUE_SECONDS = envint("REQUEST_QUEUE_SECONDS", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the background worker and the web process write without blocking readers. One
    # writer at a time still: the other waits for the lock up to DB_BUSY_TIMEOUT seconds (a
    # large list being imported holds it for a while) rather than failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": envint("DB_BUSY_TIMEOUT", 30),
    }

REDIS_URL = envstr("REDIS_URL")
_TEST_WORKER = envstr("PYTEST_XDIST_WORKER") if TESTING else ""
if REDIS_URL and _TEST_WORKER:
    # The test suite runs in one process per core (pytest-xdist), and each test empties the
    # cache (FLUSHDB): each process gets a Redis database of its own, gw0 → 1, gw1 → 2…
    REDIS_URL = urlunsplit(
        urlsplit(REDIS_URL)._replace(path=f"/{1 + int(_TEST_WORKER.removeprefix('gw'))}")
    )
if REDIS_URL:
    CACHES: dict[str, dict[str, Any]] = {
        "default": {
            # Redis away (a restart, a failover) costs misses, never a 500 (lib/cache.py); a
            # Redis that does not answer is given up on after a second or two.
            "BACKEND": "entraide.lib.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "entraide",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The talking circle's news between server processes (Django Channels). The state itself is in
# the database; the layer only carries the news to every socket. In-process by default (one
# server process, `make run`); Redis, shared by every process, when REDIS_URL is set.
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "entraide:channels"},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "pages:account"

# Accounts (django-allauth): login by e-mail only, verified before first use. On this site,
# knowing that someone has an account can reveal their condition, so sign-up, login and
# password reset answer the same whether or not the address is known (PREVENT_ENUMERATION).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "entraide.accounts.forms.SignupDetailsForm"
ACCOUNT_ADAPTER = "entraide.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Failed logins (accounts/adapter.py): from the 5th failure on one account from one address,
# that account waits at that address only, 1 minute, then 2, 4… up to 15; failures are
# forgotten a day after the last one, or at the next success. An address that fails 20 times
# in an hour, on any accounts, waits the same way. Never a lock of an account for everyone:
# allauth's own limit, keyed on the account alone and on the address alone, is off.
ACCOUNT_RATE_LIMITS = {"login_failed": ""}
LOGIN_BACKOFF = {"free": 5, "first": 60, "longest": 15 * 60, "forget": 24 * 3600}
LOGIN_BACKOFF_ADDRESS = {"free": 20, "first": 60, "longest": 15 * 60, "forget": 3600}
# Two-factor authentication: an authenticator app (TOTP) with recovery codes. Staff must use
# it (accounts.middleware.StaffTwoFactorMiddleware); members may.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
# Accept the code of the previous or next 30 seconds: a phone's clock may be a little off.
MFA_TOTP_TOLERANCE = 1
# `make run` only (DEBUG): the demo coordinator's second factor accepts 000000, so the demo can
# be tried without an authenticator app. allauth refuses this setting when DEBUG is off.
if DEBUG:
    MFA_TOTP_INSECURE_BYPASS_CODE = "000000"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "entraide" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "entraide_language"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "entraide" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": envstr(
            "STATICFILES_STORAGE",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Without collectstatic (development, tests) WhiteNoise serves the apps' files directly.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
WHITENOISE_MAX_AGE = 3600 if DEBUG else 31536000

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Mail goes through SMTP in production; in development it is printed in the console.
_EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "entraide.lib.mail.ReadableConsoleBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# Background tasks (meeting reminders) through Django's task framework. The default keeps them
# in the database and `manage.py db_worker` runs them (`make run` starts one); nothing else is
# needed. TASKS_BACKEND may name another backend, e.g. the immediate one for a quick trial.
TASKS = {
    "default": {
        "BACKEND": envstr("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": {
            "host": envstr("EMAIL_HOST", "localhost"),
            "port": envint("EMAIL_PORT", 25),
            "username": envstr("EMAIL_HOST_USER"),
            "password": envsecret("EMAIL_HOST_PASSWORD"),
            "use_tls": envbool("EMAIL_USE_TLS", False),
            "timeout": 10,
        }
        if _EMAIL_BACKEND.endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Entraide <ne-pas-repondre@entraide.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address that receives messages for groups that have no accompanying organisation.
ENTRAIDE_CONTACT_EMAIL = envstr("ENTRAIDE_CONTACT_EMAIL", "contact@entraide.localhost")

# Security. check --deploy passes when DEBUG is off; a reverse proxy terminates TLS.
SESSION_COOKIE_SECURE = not DEBUG
# Sessions end after this long without activity: a week for members, an hour for staff.
SESSION_IDLE_SECONDS = envint("SESSION_IDLE_SECONDS", 7 * 24 * 3600)
STAFF_SESSION_IDLE_SECONDS = envint("STAFF_SESSION_IDLE_SECONDS", 3600)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not (DEBUG or TESTING))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A form sent without its security token gets our own translated page.
CSRF_FAILURE_VIEW = "entraide.lib.errors.csrf_failure"
# No page may load anything from elsewhere: no CDN, no font service, no tracker, no map tile.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# Django's DEBUG pages opt out of SECURE_CSP (their styles are inline): they get this one.
FALLBACK_CSP: dict[str, list[str]] = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": ["data:"],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
}
# No page uses these powers of the browser; a page that another site frames or a script that
# slipped in could not either (entraide.lib.middleware.SecurityHeadersMiddleware).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
)
# Our pages, images and files are for our own pages only.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# No personal data in logs: no request path, which names a group or holds a secret link, at any
# level (entraide/lib/logs.py); errors go to the console without local variables. Django's and
# uvicorn's loggers all write through the one filtered handler.
LOG_LEVEL = envstr("LOG_LEVEL", "WARNING")
# "json": one JSON object per line (time, level, logger, request id, message), for collectors.
LOG_FORMAT = envstr("LOG_FORMAT", "text")
# Errors reported to a Sentry-protocol service, without any path or personal data
# (lib/error_reports.py). Off unless SENTRY_DSN is set.
SENTRY_DSN = envsecret("SENTRY_DSN")
if SENTRY_DSN:
    error_reports.start(SENTRY_DSN, environment=envstr("SENTRY_ENVIRONMENT", "production"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "no_paths": {"()": "entraide.lib.logs.NoPaths"},
        "request_id": {"()": "entraide.lib.logs.WithRequestId"},
    },
    "formatters": {
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "entraide.lib.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["no_paths", "request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own handlers (its console in DEBUG, mail to ADMINS) would print the paths.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # uvicorn set up its handlers before loading the site: the site's replace them.
        "uvicorn": {"handlers": ["console"], "propagate": False},
        "uvicorn.access": {"handlers": ["console"], "propagate": False},
    },
}

ENTRAIDE_PAGE_SIZE = 20
# The public API (/api/v1/): how many requests one address may make in a minute.
API_RATE_LIMIT_PER_MINUTE = envint("API_RATE_LIMIT_PER_MINUTE", 120)
# ... and how many one personal API token may make, wherever it comes from.
API_TOKEN_RATE_LIMIT_PER_MINUTE = envint("API_TOKEN_RATE_LIMIT_PER_MINUTE", 60)
# ActivityPub (entraide/federation, docs/federation.md): how many coming meetings of a public
# group are shared as Events; whether requests to other servers may use plain http or reach a
# private, loopback or reserved address (never in production: for the tests between two
# instances on one machine only).
FEDERATION_EVENTS = envint("FEDERATION_EVENTS", 8)
FEDERATION_ALLOW_HTTP = envbool("FEDERATION_ALLOW_HTTP", False)
FEDERATION_ALLOW_PRIVATE_ADDRESSES = envbool("FEDERATION_ALLOW_PRIVATE_ADDRESSES", False)
# How many posts one address may make to our inboxes in a minute (each may make us fetch a key).
FEDERATION_INBOX_PER_MINUTE = envint("FEDERATION_INBOX_PER_MINUTE", 300)
# /readyz/ answers 503 when the oldest task ready to run has waited longer than this.
READY_MAX_TASK_LAG_SECONDS = envint("READY_MAX_TASK_LAG_SECONDS", 300)
# How long rendered search results are reused for the same search; 0 turns this off.
SEARCH_CACHE_SECONDS = envint("SEARCH_CACHE_SECONDS", 60)
