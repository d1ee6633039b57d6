from django.urls import path

from cadre.assessments import views, views_coverage

app_name = "assessments"
urlpatterns = [
    path("", views.my_capability, name="mine"),
    path("team/", views.team, name="team"),
    path("my-data/", views.my_data, name="my-data"),
    path("people/<int:pk>/", views.person_capability, name="person"),
    path("people/<int:pk>/rounds/new/", views.start_round, name="start-round"),
    path("people/<int:pk>/gaps/<int:role_level>/", views.gaps_download, name="gaps-download"),
    path("people/<int:pk>/plan/", views.development_plan, name="plan"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("organisations/<int:pk>/", views_coverage.organisation_coverage,
         name="organisation"),
    path("organisations/<int:pk>/skills/<int:skill>/", views_coverage.skill_drilldown,
         name="skill-drilldown"),
    path("organisations/<int:pk>/cycles/", views_coverage.cycles, name="cycles"),
    path("coverage/", views_coverage.government_coverage, name="coverage"),
]
