from django.urls import path

from duijie.intel import views

app_name = "intel"

urlpatterns = [
    path("", views.documents, name="documents"),
    path("read/", views.DocumentImportView.as_view(), name="read"),
    path("<int:pk>/", views.document, name="document"),
    path("<int:pk>/original/", views.original, name="original"),
    path("facts/<int:pk>/accept/", views.accept, name="accept"),
    path("facts/<int:pk>/reject/", views.reject, name="reject"),
]
