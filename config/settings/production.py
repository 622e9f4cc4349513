"""Production: PostgreSQL (DATABASE_URL), Celery workers on Redis (CELERY_BROKER_URL), mail over
SMTP (EMAIL_URL), behind a TLS-terminating proxy. `manage.py check --deploy` must say 0 issues."""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import CELERY_BROKER_URL, DATABASES, env, mailer_from_url

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production runs on PostgreSQL: set DATABASE_URL=postgres://...")
if not CELERY_BROKER_URL:
    raise ImproperlyConfigured("Production runs Celery workers: set CELERY_BROKER_URL=redis://...")

# Mails leave through SMTP. Without EMAIL_URL there is no server to send to: the settings still
# load (migrate and collectstatic need no mail), and `check --deploy` fails (ops/checks.py).
MAILERS = {"default": mailer_from_url(env("EMAIL_URL", default="smtp://"))}
# Links in mails: the address people use, https. Required here.
CHITIEU_SITE_URL = env("CHITIEU_SITE_URL")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
