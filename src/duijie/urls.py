"""Root URL configuration: each app mounts its own ``urls`` module."""

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
    path("chains/", include("duijie.chains.urls")),
    path("parks/", include("duijie.parks.urls")),
    path("intel/", include("duijie.intel.urls")),
    path("environment/", include("duijie.environment.urls")),
    path("jobs/", include("duijie.jobs.urls")),
    path("admin/", admin.site.urls),
]

# Uploaded files are never served from a public /media/ URL: each app serves its own
# through a view that first checks who may see the object (duijie.interchange.uploads).
