"""Production: PostgreSQL (DATABASE_URL), Celery workers on Redis (CELERY_BROKER_URL), mail over
SMTP (EMAIL_URL), behind a TLS-terminating proxy. `manage.py check --deploy` must say 0 issues."""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import CELERY_BROKER_URL, DATABASES, MIDDLEWARE, env, mailer_from_url

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production runs on PostgreSQL: set DATABASE_URL=postgres://...")
# Connections are kept and checked before reuse (config/settings/base.py): each gunicorn thread
# holds one, plus the Celery workers' — keep that under PostgreSQL's max_connections (100 by
# default).
if not CELERY_BROKER_URL:
    raise ImproperlyConfigured("Production runs Celery workers: set CELERY_BROKER_URL=redis://...")

# Mails leave through SMTP. Without EMAIL_URL there is no server to send to: the settings still
# load (migrate and collectstatic need no mail), and `check --deploy` fails (ops/checks.py).
MAILERS = {"default": mailer_from_url(env("EMAIL_URL", default="smtp://"))}
# Links in mails: the address people use, https. Required here.
CHITIEU_SITE_URL = env("CHITIEU_SITE_URL")

# --- HTTPS -------------------------------------------------------------------------------------
# TLS ends at the reverse proxy, which tells Django the request came over https with a header it
# always sets itself (a client's own copy overwritten): name,value, or empty for no proxy.
ssl_header = env.list("DJANGO_SECURE_PROXY_SSL_HEADER", default=["HTTP_X_FORWARDED_PROTO", "https"])
if len(ssl_header) not in (0, 2):
    raise ImproperlyConfigured(
        "DJANGO_SECURE_PROXY_SSL_HEADER is a header and a value: HTTP_X_FORWARDED_PROTO,https"
    )
SECURE_PROXY_SSL_HEADER = (ssl_header[0], ssl_header[1]) if ssl_header else None
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Browsers then refuse plain http for this host for a year. Start with DJANGO_SECURE_HSTS_SECONDS
# =3600 on the first day if unsure every subdomain has https: a browser keeps what it was told.
# PRELOAD only allows submitting the domain to the browsers' preload list; it submits nothing.
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# --- Static files --------------------------------------------------------------------------------
# gunicorn serves them itself through whitenoise, from STATIC_ROOT after `collectstatic`: names
# with a hash of the content (cached for good by browsers) and compressed copies, made once.
after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:after_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[after_security:],
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # whitenoise.storage.CompressedManifestStaticFilesStorage, less the source map comments.
    "staticfiles": {"BACKEND": "ops.storage.StaticFilesStorage"},
}
