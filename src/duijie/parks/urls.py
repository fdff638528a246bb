from django.urls import path

from duijie.parks import views, views_editors, views_staff

app_name = "parks"

urlpatterns = [
    path("", views.platform_list, name="list"),
    path("new/", views_staff.platform_edit, name="create"),
    path("import/", views_staff.PlatformImportView.as_view(), name="import"),
    path("export.xlsx", views_staff.export_platforms, name="export"),
    path("innovations/", views.innovation_list, name="innovations"),
    path("innovations/new/", views_editors.innovation_edit, name="innovation_create"),
    path(
        "innovations/import/",
        views_editors.InnovationImportView.as_view(),
        name="innovation_import",
    ),
    path("innovations/export.xlsx", views_editors.export_innovations, name="innovation_export"),
    path("innovations/<slug:code>/edit/", views_editors.innovation_edit, name="innovation_edit"),
    path("corridors/", views.corridor_list, name="corridors"),
    path("corridors/new/", views_editors.corridor_edit, name="corridor_create"),
    path("corridors/import/", views_editors.CorridorImportView.as_view(), name="corridor_import"),
    path("corridors/export.xlsx", views_editors.export_corridors, name="corridor_export"),
    path("corridors/<slug:code>/edit/", views_editors.corridor_edit, name="corridor_edit"),
    path("ports/", views_editors.port_list, name="ports"),
    path("ports/new/", views_editors.port_edit, name="port_create"),
    path("ports/import/", views_editors.PortImportView.as_view(), name="port_import"),
    path("ports/export.xlsx", views_editors.export_ports, name="port_export"),
    path("ports/<slug:code>/edit/", views_editors.port_edit, name="port_edit"),
    path("route/", views.route, name="route"),
    path("suggest/project/<int:pk>/", views_staff.suggest_for_project, name="suggest_project"),
    path("suggest/mandate/<int:pk>/", views_staff.suggest_for_mandate, name="suggest_mandate"),
    path("suggest/<str:kind>/<int:pk>/attach/", views_staff.attach, name="attach"),
    path("deal/<int:pk>/", views_staff.deal_suggestions, name="deal"),
    path("<slug:code>/", views.platform_detail, name="detail"),
    path("<slug:code>/edit/", views_staff.platform_edit, name="edit"),
]
