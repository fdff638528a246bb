from django.urls import path

from duijie.catalogue import views, views_staff

app_name = "catalogue"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("mine/", views.my_projects, name="mine"),
    path("shortlist/", views.my_shortlist, name="shortlist"),
    path("shortlist/<int:pk>/", views.shortlist_toggle, name="shortlist_toggle"),
    path("new/", views.project_create, name="create"),
    path("options/counties/", views.county_options, name="county_options"),
    path("review/", views_staff.review_queue, name="review_queue"),
    path("import/", views_staff.ProjectImportView.as_view(), name="import"),
    path("export.<str:fmt>", views_staff.export_projects, name="export"),
    path("booklet/", views_staff.booklet, name="booklet"),
    path("roadshows/", views_staff.roadshows, name="roadshows"),
    path("roadshows/<int:pk>/", views_staff.roadshows, name="roadshow"),
    path("roadshows/<int:pk>/deck.pdf", views_staff.roadshow_deck, name="roadshow_deck"),
    path("manage/<int:pk>/", views.project_manage, name="manage"),
    path("manage/<int:pk>/edit/", views.project_edit, name="edit"),
    path("manage/<int:pk>/attach/", views.project_attach, name="attach"),
    path("<int:pk>/files/<int:file_pk>/", views.project_file, name="file"),
    path("manage/<int:pk>/carry/", views_staff.carry_over, name="carry"),
    path("manage/<int:pk>/<slug:step>/", views.project_move, name="move"),
    path("<slug:edition>/<str:code>/", views.project_detail, name="detail"),
]
