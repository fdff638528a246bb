from django.urls import path

from duijie.matchmaking import views

app_name = "matchmaking"

urlpatterns = [
    path("", views.runs, name="runs"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/load.json", views.run_load, name="run_load"),
    path("runs/<int:pk>/export.xlsx", views.run_export, name="run_export"),
    path("weights/", views.weights, name="weights"),
    path("feedback/", views.feedback_list, name="feedback_list"),
    path("mine/", views.mine, name="mine"),
    path("projects/<int:pk>/", views.project_suggestions, name="project_suggestions"),
    path("suggestions/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("suggestions/<int:pk>/introduce/", views.introduce, name="introduce"),
]
