from django.urls import path

from duijie.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.recent, name="recent"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/download/", views.download, name="download"),
]
