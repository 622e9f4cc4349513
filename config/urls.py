from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

urlpatterns: list[URLPattern | URLResolver] = [
    # Anyone, signed in or not, may switch the language of the published pages.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # Health checks, outside the language prefixes: /healthz, /healthz/ready.
    path("", include("ops.urls")),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("indicators.urls")),
    path("", include("entry.urls")),
    path("reports/", include("reports.urls")),
    prefix_default_language=False,
)
if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
