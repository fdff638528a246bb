from django.urls import path

from duijie.environment import views, views_edit

app_name = "environment"

urlpatterns = [
    path("", views.compare, name="compare"),
    path("indicators/", views.indicators, name="indicators"),
    path("report/", views.report, name="report"),
    path("report/pdf/", views.report_pdf, name="report_pdf"),
    path("profiles/", views_edit.profiles, name="profiles"),
    path("profiles/<slug:code>/", views_edit.profile_edit, name="profile"),
    path("import/", views_edit.ValueImportView.as_view(), name="import"),
    path("export.xlsx", views_edit.export_values, name="export"),
]
