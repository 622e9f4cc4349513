"""Settings shared by every environment; the other modules change a few values.

Everything that differs between machines comes from the environment (django-environ), and a
malformed value fails at start-up rather than at the first request.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import django_stubs_ext
import environ
from celery.schedules import crontab
from django.utils.csp import CSP

# Lets the classes django-stubs types as generic be subscripted at runtime too
# (`admin.ModelAdmin[Value]`): it adds a `__class_getitem__` that returns the class.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    # Login throttling (issue 4): see the "Login and throttling" block below.
    "axes",
    # Under the domain: the append-only history that database triggers write (audit/).
    "audit",
    # The domain at the bottom; each app below it imports only the ones above it.
    "indicators",
    "accounts",
    "entry",
    "reports",
    # Running the site: deploy checks, backup and restore (the top layer, next to config).
    "ops",
]

MIDDLEWARE = [
    # First: a body larger than the limit is refused before anything reads it.
    "ops.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response (SECURE_CSP below).
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Issue 4: everything needs a login except views marked `login_not_required` (the published
    # dashboard, sector, indicator and search pages, the login page, the language switch).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Changes are recorded as the signed-in user's (audit/middleware.py).
    "audit.middleware.ActorMiddleware",
    # request.actor: the signed-in user's role and department, read once per request.
    "accounts.middleware.ActorMiddleware",
    # django-axes turns a locked-out login into its lockout page; it must come last.
    "axes.middleware.AxesMiddleware",
]

# --- Request size ------------------------------------------------------------------------------
# gunicorn sets no limit on a request's body: these are the site's. A request declaring more than
# CHITIEU_MAX_REQUEST_BYTES is refused with 413 before it is read (ops/middleware.py); form fields
# (not files) over DATA_UPLOAD_MAX_MEMORY_SIZE are refused with 400 as Django reads them (the
# largest form, a department's quarter, is a few kilobytes); an uploaded file over
# FILE_UPLOAD_MAX_MEMORY_SIZE is streamed to a temporary file instead of memory.
CHITIEU_MAX_REQUEST_BYTES = env.int("CHITIEU_MAX_REQUEST_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", default=1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("DJANGO_FILE_UPLOAD_MAX_MEMORY_SIZE", default=1024 * 1024)

# --- Content Security Policy (Django's own, SECURE_CSP) ---------------------------------------
# Only this site's own files: every script and stylesheet is a static file (vendored, no CDN), no
# inline script or handler, no style attribute. Plotly.js would add its stylesheet as a <style>
# element; static/vendor/plotly-basic-4.1.1/plotly.css holds the same rules and a marker element
# in the chart pages tells plotly not to (templates/partials/plotly.html). The basic bundle
# needs no 'unsafe-eval'. Images: Bootstrap's icons are data: URLs in its CSS; plotly's
# "download as PNG" draws the chart through a data: image.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

# With no DATABASE_URL the app runs on an embedded SQLite file, so `make run` needs nothing.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A web process keeps its database connection for this many seconds (0: one per request) and
# checks it before a request uses it again: a connection the server dropped in between
# (PostgreSQL restarted, pg_terminate_backend, a firewall's idle timeout) is replaced instead of
# failing the next request. (Celery closes its connections around every task anyway.)
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# The shared cache: published pages' bodies under the figures' version (indicators/page_cache.py).
# Per process in development (bounded by MAX_ENTRIES); Redis in production (CACHE_URL).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://chitieu")}
CACHES["default"].setdefault("OPTIONS", {})
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    CACHES["default"]["OPTIONS"].setdefault("MAX_ENTRIES", 300)
elif CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # A Redis that is down or unreachable costs a page half a second at most, then it is drawn
    # without the cache.
    CACHES["default"]["OPTIONS"].setdefault("socket_connect_timeout", 0.5)
    CACHES["default"]["OPTIONS"].setdefault("socket_timeout", 0.5)
PAGE_CACHE_SECONDS = env.int("CHITIEU_PAGE_CACHE_SECONDS", default=600)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# History is written by database triggers (audit/), which bulk writes cannot skip; the library
# only defines the history tables and the admin's history pages.
SIMPLE_HISTORY_ENABLED = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Django's `vi` locale has no NUMBER_GROUPING; ours does (config/formats/vi/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# `collectstatic` copies the static files here; production serves them from here (whitenoise).
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# `manage.py backup` writes its archives here (database and MEDIA_ROOT together: ops/backup.py).
CHITIEU_BACKUP_DIR = env.path("CHITIEU_BACKUP_DIR", default=BASE_DIR / "var" / "backups")

# --- Login and throttling (issue 4) ------------------------------------------------------------
# django-axes counts failed logins per (username, IP address) pair: a guesser is slowed down,
# but cannot lock a real user out from the user's own machine, and every lock ends by itself
# after the cool-off (a failure during the lock does not extend it). Axes' backend must be first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("CHITIEU_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("CHITIEU_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Log failures and lockouts, not a banner at every start of every management command.
AXES_VERBOSE = False
# The client's address. Behind a reverse proxy every request comes from the proxy, and axes would
# count every user's failures against that one address. CHITIEU_PROXY_COUNT is the number of
# proxies in front of gunicorn that append the client's address to X-Forwarded-For (1 for one
# nginx with `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`); 0, the default,
# when clients reach gunicorn directly: then X-Forwarded-For, which anyone can write, is never
# read. django-ipware (axes' `ipware` extra) reads the header; its proxy count is of the proxies
# listed in the header after the client, one fewer than those in front (the last one is
# REMOTE_ADDR). A header longer than expected (a client writing its own) is not believed: the
# request is then counted against the proxy's address.
CHITIEU_PROXY_COUNT = env.int("CHITIEU_PROXY_COUNT", default=0)
AXES_IPWARE_PROXY_COUNT = max(CHITIEU_PROXY_COUNT - 1, 0)
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if CHITIEU_PROXY_COUNT else ["REMOTE_ADDR"]
)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "indicators:home"
LOGOUT_REDIRECT_URL = "indicators:home"

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

# --- Celery ----------------------------------------------------------------------------------
# With no broker configured, tasks run in-process (eagerly), so the embedded default needs no
# Redis. Production sets CELERY_BROKER_URL=redis://... and runs workers and beat.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
# Nobody waits for a task's result: each task writes what it did into the database (an export's
# status and file, a notice's row). Without a result store, queueing a task from a request
# touches the broker only: a Redis result store makes every queueing subscribe to the task's
# result, and with Redis down that retries for 20 seconds before failing (Celery 5.7).
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if not CELERY_BROKER_URL:
    # Never fall back to Celery's default amqp://localhost: in-process means in-process.
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
# Delivery is at least once, never at most once: every task is idempotent (it reads the row of
# its job and does what is left), so running one twice is safe and losing one is not. The
# message is acknowledged when the task ends, not when it starts (acks_late), and a task whose
# process dies under it (kill -9, the OOM killer) goes back to the queue instead of being
# acknowledged as failed (reject_on_worker_lost). A task that kills its process every time
# would come back for ever: the export build counts its attempts and gives up (reports).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# On a lost broker connection a running task could not be acknowledged any more: it is stopped,
# and delivered again later (Celery 6's default; without it, 5.x warns at every start).
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# Time limits of every task (each task may set lower ones): the soft limit raises in the task,
# which records why it stopped; the hard limit kills its process.
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis hands a message nobody acknowledged to another worker after the visibility timeout. It
# must outlast the longest task (10 minutes, the hard limit) and the longest wait of a retry
# (a countdown message is held unacknowledged until it is due: 30 minutes, entry/tasks.py), or
# a task still running or waiting is started a second time. A worker killed outright (the
# whole worker, kill -9) leaves its message unacknowledged until then: the sweeps below find
# such work sooner.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 60 * 60,
    # A Redis that does not answer: a request queueing a task gives up after this long (then
    # the job stays recorded in the database and a sweep queues it), not the system's minutes.
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Queueing a task: try once more at once (a pooled connection to a Redis that restarted is dead
# at the first try), then give up and let the caller record it (entry and reports services).
# kombu's `retry=False` would instead keep reconnecting for the connection timeout.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# Workers and beat wait for a broker that is down, however long (Celery's default gives up
# after 100 tries), at start-up too.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "check-reports-every-night-at-0200": {
        "task": "indicators.tasks.reports_consistency_check",
        "schedule": crontab(hour=2, minute=0),
    },
    # Work recorded in the database that no message will bring to a worker: an export asked
    # for while the broker was down, or whose worker died under it (reports.services).
    "requeue-stalled-exports-every-minute": {
        "task": "reports.tasks.exports_requeue_stalled",
        "schedule": 60.0,
        # A sweep that waited longer than its interval is replaced by the next one.
        "options": {"expires": 60},
    },
}

# --- Quarterly entry, review and reminders (issue 4) -------------------------------------------
# Default deadline: this day of the quarter's last month (the reviewer can change it).
CHITIEU_ENTRY_DEADLINE_DAY = env.int("CHITIEU_ENTRY_DEADLINE_DAY", default=14)
# A figure that moves more than this share from the previous quarter or the same quarter last
# year needs a written explanation before the quarter can be submitted.
CHITIEU_CHANGE_NEEDS_EXPLANATION = Decimal(env("CHITIEU_CHANGE_NEEDS_EXPLANATION", default="0.30"))
# The "deadline is coming" reminder goes out this many days before the deadline.
CHITIEU_REMINDER_DAYS_BEFORE = env.int("CHITIEU_REMINDER_DAYS_BEFORE", default=3)
# Links in reminder emails point here (production requires an https:// address).
CHITIEU_SITE_URL = env("CHITIEU_SITE_URL", default="http://127.0.0.1:8000")
CELERY_BEAT_SCHEDULE["send-entry-deadline-reminders-every-day-at-0700"] = {
    "task": "entry.tasks.entry_reminders_send",
    "schedule": crontab(hour=7, minute=0),
}
# A return's notice that was not sent (the broker was down when the reviewer returned the
# quarter, or the mail server for longer than the task's retries): entry.services.
CELERY_BEAT_SCHEDULE["send-missed-return-notices-every-5-minutes"] = {
    "task": "entry.tasks.return_notices_send_missed",
    "schedule": 5 * 60.0,
    "options": {"expires": 5 * 60},
}

# --- Mail ----------------------------------------------------------------------------------------
# EMAIL_URL names the backend and the server in one value (django-environ):
#   smtp+tls://user:password@smtp.example.vn:587   STARTTLS (smtps:// means the same to environ)
#   smtp+ssl://user:password@smtp.example.vn:465   TLS from the first byte
#   consolemail:// (prints mails: the default here), memorymail://, dummymail://
# Characters such as @ or : in the password are written %40, %3A. `?timeout=` in seconds.
# Production needs an SMTP URL with a host: `manage.py check --deploy` says so (ops/checks.py).


def mailer_from_url(url: str) -> dict[str, Any]:
    """A MAILERS entry (Django 6.1) from an EMAIL_URL: environ parses the URL into the old
    EMAIL_* names, which Django refuses next to MAILERS, so they become the backend's OPTIONS."""
    parsed = environ.Env.email_url_config(url)
    backend = parsed["EMAIL_BACKEND"]
    extra = {k.lower(): v for k, v in parsed.get("OPTIONS", {}).items()}
    if backend == "django.core.mail.backends.smtp.EmailBackend":
        options = {
            # None when the URL names no server: the deploy check reports it.
            "host": parsed["EMAIL_HOST"],
            "port": parsed["EMAIL_PORT"],
            "username": parsed["EMAIL_HOST_USER"] or "",
            "password": parsed["EMAIL_HOST_PASSWORD"] or "",
            "use_tls": parsed.get("EMAIL_USE_TLS", False),
            "use_ssl": parsed.get("EMAIL_USE_SSL", False),
            # A mail server that does not answer must not hold a worker until its time limit.
            "timeout": extra.pop("timeout", 30),
        }
    elif backend == "django.core.mail.backends.filebased.EmailBackend":
        options = {"file_path": parsed["EMAIL_FILE_PATH"]}
    else:
        options = {}
    return {"BACKEND": backend, "OPTIONS": options | extra}


MAILERS = {"default": mailer_from_url(env("EMAIL_URL", default="consolemail://"))}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="chitieu@localhost")
# Error reports to ADMINS come from this address.
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = env.list("DJANGO_ADMINS", default=[])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # WeasyPrint logs each layout step at INFO: noise in a worker's log and a command's output.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
