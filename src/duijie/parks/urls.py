from django.urls import path

from duijie.parks import views, views_staff

app_name = "parks"

urlpatterns = [
    path("", views.platform_list, name="list"),
    path("new/", views_staff.platform_edit, name="create"),
    path("import/", views_staff.PlatformImportView.as_view(), name="import"),
    path("export.xlsx", views_staff.export_platforms, name="export"),
    path("innovations/", views.innovation_list, name="innovations"),
    path("corridors/", views.corridor_list, name="corridors"),
    path("route/", views.route, name="route"),
    path("suggest/project/<int:pk>/", views_staff.suggest_for_project, name="suggest_project"),
    path("suggest/mandate/<int:pk>/", views_staff.suggest_for_mandate, name="suggest_mandate"),
    path("suggest/<str:kind>/<int:pk>/attach/", views_staff.attach, name="attach"),
    path("deal/<int:pk>/", views_staff.deal_suggestions, name="deal"),
    path("<slug:code>/", views.platform_detail, name="detail"),
    path("<slug:code>/edit/", views_staff.platform_edit, name="edit"),
]
