"""Pages of the mobility app (namespace ``mobility``, under /talent/); every name is in
config/permissions.py."""

from django.urls import path

from cadre.mobility import views as mobility

app_name = "mobility"
urlpatterns = [
    # Mobility: vacancies, matches, preferences and managed moves.
    path("vacancies/", mobility.board, name="vacancy-board"),
    path("vacancies/manage/", mobility.managed, name="vacancies-managed"),
    path("vacancies/new/", mobility.vacancy_create, name="vacancy-create"),
    path("vacancies/for-me/", mobility.vacancies_for_me, name="vacancies-for-me"),
    path("vacancies/<int:pk>/", mobility.vacancy_detail, name="vacancy"),
    path("vacancies/<int:pk>/edit/", mobility.vacancy_edit, name="vacancy-edit"),
    path("vacancies/<int:pk>/matches/", mobility.vacancy_matches, name="vacancy-matches"),
    path("vacancies/<int:pk>/matches/export/", mobility.vacancy_matches_export,
         name="vacancy-matches-export"),
    path("mobility/preference/", mobility.preference, name="mobility-preference"),
    path("mobility/policy/", mobility.policy, name="mobility-policy"),
    path("moves/", mobility.moves, name="moves"),
    path("moves/new/", mobility.move_propose, name="move-propose"),
    path("moves/durations/", mobility.move_durations, name="move-durations"),
    path("moves/<int:pk>/", mobility.move_detail, name="move"),
]
