from django.urls import path

from duijie.reference import views

app_name = "reference"

urlpatterns = [
    path("divisions/", views.division_options, name="division_options"),
    path("pick/<slug:source>/", views.pick, name="pick"),
]
