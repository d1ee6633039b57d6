"""API endpoints of the mobility app, included under /api/v1/ in the ``api`` namespace."""

from django.urls import path

from cadre.mobility import api as mobility

urlpatterns = [
    # Mobility: vacancies, matches, preferences, the policy and managed moves.
    path("mobility/vacancies/", mobility.vacancy_list, name="vacancy-list"),
    path("mobility/vacancies/for-me/", mobility.vacancies_for_me, name="vacancies-for-me"),
    path("mobility/vacancies/<int:vacancy_id>/", mobility.vacancy_detail,
         name="vacancy-detail"),
    path("mobility/vacancies/<int:vacancy_id>/matches/", mobility.vacancy_matches,
         name="vacancy-matches"),
    path("mobility/vacancies/<int:vacancy_id>/<slug:action>/", mobility.vacancy_transition,
         name="vacancy-transition"),
    path("mobility/preference/", mobility.preference, name="mobility-preference"),
    path("mobility/policy/", mobility.policy, name="mobility-policy"),
    path("mobility/moves/", mobility.move_list, name="move-list"),
    path("mobility/moves/durations/", mobility.move_durations, name="move-durations"),
    path("mobility/moves/<int:move_id>/", mobility.move_detail, name="move-detail"),
    path("mobility/moves/<int:move_id>/<slug:action>/", mobility.move_transition,
         name="move-transition"),
]
