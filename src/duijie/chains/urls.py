from django.urls import path

from duijie.chains import views, views_edit

app_name = "chains"

urlpatterns = [
    path("", views.chain_list, name="list"),
    path("compare/", views.compare, name="compare"),
    path("import/", views_edit.ChainImportView.as_view(), name="import"),
    path("export.xlsx", views_edit.export_chains, name="export"),
    path("place/", views_edit.place, name="place"),
    path("<slug:chain>/", views.chain_map, name="map"),
    path("<slug:chain>/graph.json", views.chain_graph, name="graph"),
    path("<slug:chain>/edit/", views_edit.chain_edit, name="edit"),
    path("<slug:chain>/<slug:link>/", views.link_detail, name="link"),
    path("<slug:chain>/<slug:link>/firms/", views.link_firms, name="firms"),
    path("<slug:chain>/<slug:link>/targets.xlsx", views.targets_xlsx, name="targets_xlsx"),
    path("<slug:chain>/<slug:link>/lead/", views.make_lead, name="lead"),
    path("<slug:chain>/<slug:link>/review/", views_edit.review, name="review"),
]
