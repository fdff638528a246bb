from django.urls import path

from duijie.pipeline import views

app_name = "pipeline"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/data/<slug:key>/", views.chart_data, name="chart_data"),
    path("dashboard/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("dashboard/export.pdf", views.export_pdf, name="export_pdf"),
    path("dashboard/edition-report/", views.edition_report, name="edition_report"),
    path("deals/", views.deal_list, name="deal_list"),
    path("deals/new/", views.deal_create, name="deal_create"),
    path("deals/<int:pk>/", views.deal_detail, name="deal_detail"),
    path("deals/<int:pk>/edit/", views.deal_edit, name="deal_edit"),
    path("deals/form/<slug:field>/", views.deal_form_options, name="deal_form_options"),
    path("deals/<int:pk>/move/", views.deal_move, name="deal_move"),
    path("deals/<int:pk>/capital/", views.arrival_add, name="arrival_add"),
    path("deals/<int:pk>/resign-check/", views.deal_resolve, name="deal_resolve"),
    path("events/<int:pk>/evidence/", views.evidence_file, name="evidence_file"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("aftercare/", views.aftercare, name="aftercare"),
    path("aftercare/visits/new/", views.visit_add, name="visit_add"),
    path("aftercare/issues/new/", views.issue_add, name="issue_add"),
    path("aftercare/issues/<int:pk>/resolve/", views.issue_resolve, name="issue_resolve"),
]
