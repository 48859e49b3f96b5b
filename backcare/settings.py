"""BackCare settings, read from environment variables.

Every value has a safe development default so a fresh checkout just runs; set
DJANGO_DEBUG=0 (with DJANGO_SECRET_KEY) for production. README.md lists them all.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
    )


def env_int(name, default, *, minimum=None):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}.")
    return value


def env_list(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "guidance",
    "accounts",
    "journal",
    "ops",
]

MIDDLEWARE = [
    # First: an oversized body is refused before anything reads it.
    "backcare.request_guards.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "backcare.request_guards.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "backcare.middleware.PermissionsPolicyMiddleware",
    "accounts.middleware.UserTimezoneMiddleware",
    "accounts.consent.HealthDataConsentMiddleware",
    "accounts.sessions.SessionDeviceMiddleware",
    "backcare.middleware.PrivatePagesMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so a locked-out login is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "backcare.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "backcare.wsgi.application"

# Database: SQLite in the project directory unless DATABASE_URL names another.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer writes; IMMEDIATE transactions take
    # the write lock up front, so concurrent writers queue on the busy timeout instead
    # of failing with "database is locked" half-way through.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20, minimum=1),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiler starts on queries its planner thinks costly, such as the
    # export's per-episode lists, and spent some 30 ms compiling one that then ran in
    # 80. The queries here are short; compiling them never pays.
    pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    pg_options["options"] = f"{pg_options.get('options', '')} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out login before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "journal:dashboard"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Request bodies: anything bigger is refused with 413 before it is read. The import page
# takes a 2 MB file; its larger limit lets a somewhat bigger file reach the form, which
# then says how big it is and what the limit is.
MAX_REQUEST_BYTES = env_int("DJANGO_MAX_REQUEST_BYTES", 3 * 1024 * 1024, minimum=1024)
MAX_IMPORT_REQUEST_BYTES = env_int(
    "DJANGO_MAX_IMPORT_REQUEST_BYTES", 5 * 1024 * 1024, minimum=MAX_REQUEST_BYTES
)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_TAGS = {40: "danger"}  # messages.ERROR styled as Bootstrap's "danger"

# Email: printed to the console in development; SMTP from the environment otherwise.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "BackCare <noreply@localhost>")

# The site's own address, for links in emails sent outside a request (check-ins).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background work (check-in sends) runs as tasks kept in the database and run by
# `manage.py db_worker` (make worker).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Web Push (check-in notifications). `manage.py webpush_keys` prints a new pair; without
# them, push is not offered. The subject tells push services whom to contact.
WEBPUSH_VAPID_PUBLIC_KEY = os.environ.get("WEBPUSH_VAPID_PUBLIC_KEY", "")
WEBPUSH_VAPID_PRIVATE_KEY = os.environ.get("WEBPUSH_VAPID_PRIVATE_KEY", "")
WEBPUSH_VAPID_SUBJECT = os.environ.get("WEBPUSH_VAPID_SUBJECT", "mailto:noreply@localhost")

# Sessions: expire after two weeks by default; the cookie never reaches JavaScript.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_COOKIE_AGE", 14 * 24 * 60 * 60, minimum=60)
SESSION_COOKIE_HTTPONLY = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", False)
PASSWORD_RESET_TIMEOUT = env_int("DJANGO_PASSWORD_RESET_TIMEOUT", 60 * 60 * 24, minimum=60)

# Behind a TLS proxy (or a chain of them): how many proxies to trust, each of which
# appends the address it saw to X-Forwarded-For (accounts/client_ip.py).
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 1, minimum=1)

# Security headers, on in every mode; the HTTPS-only ones when debug is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content security policy: everything from our own origin, no inline script at all.
# Data blocks (json_script, JSON-LD) are not scripts and need no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The installable app: its manifest and its service worker (/sw.js).
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# django-axes: lock an account and address out after repeated failed logins.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30, minimum=1) / 60  # hours
# Locked per username and address pair: guessing from elsewhere cannot lock the owner out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Failed logins are logged too, so Settings can show a person the attempts on their account.
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# Beyond axes (accounts/login_limits.py): a username's logins slow down after this many
# failures from anywhere, waits doubling from the first up to the maximum; an address is
# refused after this many failures across usernames within the window.
LOGIN_SLOWDOWN_AFTER = env_int("LOGIN_SLOWDOWN_AFTER", 10, minimum=1)
LOGIN_SLOWDOWN_FIRST_WAIT_SECONDS = env_int("LOGIN_SLOWDOWN_FIRST_WAIT_SECONDS", 60, minimum=1)
LOGIN_SLOWDOWN_MAX_MINUTES = env_int("LOGIN_SLOWDOWN_MAX_MINUTES", 60, minimum=1)
LOGIN_IP_FAILURE_LIMIT = env_int("LOGIN_IP_FAILURE_LIMIT", 20, minimum=1)
LOGIN_IP_WINDOW_MINUTES = env_int("LOGIN_IP_WINDOW_MINUTES", 60, minimum=1)

# Sign-up and password-reset emails (accounts/email_limits.py), per hour.
EMAILS_PER_IP_PER_HOUR = env_int("EMAILS_PER_IP_PER_HOUR", 10, minimum=1)
EMAILS_PER_ADDRESS_PER_HOUR = env_int("EMAILS_PER_ADDRESS_PER_HOUR", 3, minimum=1)

# Two-step login (accounts/two_factor.py): staff need it for the admin.
TWO_FACTOR_REQUIRED_FOR_STAFF = True
OTP_TOTP_ISSUER = "BackCare"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Share links (journal.ShareLink): how often one address may open shared reports, per
# ten minutes, valid links or not. Counted in the cache: per process with the default
# memory cache, across hosts with a shared one.
SHARE_LINK_OPENS_PER_IP = env_int("SHARE_LINK_OPENS_PER_IP", 30, minimum=1)
SHARE_LINK_WINDOW_SECONDS = 10 * 60

# Privacy and retention (the notice at /privacy/ shows these figures; manage.py
# purge_expired deletes what is older). Login records: successful and failed logins.
LOGIN_LOG_DAYS = env_int("LOGIN_LOG_DAYS", 30, minimum=1)
# Stopped or expired share links are kept this long (Settings lists them), then deleted.
SHARE_LINK_GRACE_DAYS = env_int("SHARE_LINK_GRACE_DAYS", 30, minimum=0)
# Which days a check-in went out (the record that keeps it to one a day), and the worker's
# record of each finished task: deleted by purge_expired after these many days.
CHECKIN_LOG_DAYS = env_int("CHECKIN_LOG_DAYS", 60, minimum=2)
TASK_RESULT_DAYS = env_int("TASK_RESULT_DAYS", 14, minimum=1)
# Backup files in backups/ older than this are deleted by purge_expired.
BACKUP_KEEP_DAYS = env_int("BACKUP_KEEP_DAYS", 30, minimum=1)

# /.well-known/security.txt (RFC 9116): where to report a security problem, and the date
# after which the file should no longer be trusted (renew it before then).
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "mailto:security@localhost")
SECURITY_TXT_EXPIRES = os.environ.get("SECURITY_TXT_EXPIRES", "2027-12-01T00:00:00Z")
