from django.urls import path

from cadre.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.my_capability, name="mine"),
    path("team/", views.team, name="team"),
    path("people/<int:pk>/", views.person_capability, name="person"),
    path("people/<int:pk>/rounds/new/", views.start_round, name="start-round"),
    path("people/<int:pk>/gaps/<int:role_level>.csv", views.gaps_download, name="gaps-csv"),
    path("people/<int:pk>/plan/", views.development_plan, name="plan"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
]
