"""Root URL configuration: each app mounts its own ``urls`` module."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("duijie.operations.urls")),
    path("", include("duijie.accounts.urls")),
    path("reference/", include("duijie.reference.urls")),
    path("directory/", include("duijie.directory.urls")),
    path("projects/", include("duijie.catalogue.urls")),
    path("matching/", include("duijie.matchmaking.urls")),
    path("week/", include("duijie.tradeweek.urls")),
    path("pipeline/", include("duijie.pipeline.urls")),
    path("jobs/", include("duijie.jobs.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
