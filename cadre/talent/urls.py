"""Pages of the talent app (namespace ``talent``); every name is in config/permissions.py."""

from django.urls import path

from cadre.talent import views as hub
from cadre.talent import views_bench as bench
from cadre.talent import views_identification as ident
from cadre.talent import views_mobility as mobility
from cadre.talent import views_plans as plans

app_name = "talent"
urlpatterns = [
    path("", hub.home, name="home"),
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
    # Talent identification (ratings, nine-box, pools) and succession.
    path("identification/ratings/", ident.ratings, name="ratings"),
    path("identification/ratings/<int:pk>/", ident.rating, name="rating"),
    path("identification/cycles/", ident.cycles, name="cycles"),
    path("identification/cycles/<int:pk>/", ident.ninebox, name="ninebox"),
    path("identification/cycles/<int:pk>/export/", ident.ninebox_export,
         name="ninebox-export"),
    path("identification/government/", ident.government_ninebox, name="ninebox-government"),
    path("pools/", ident.pools, name="pools"),
    path("pools/mine/", ident.my_pools, name="my-pools"),
    path("pools/<int:pk>/", ident.pool, name="pool"),
    path("pools/<int:pk>/export/", ident.pool_export, name="pool-export"),
    path("succession/", ident.succession, name="succession"),
    path("succession/coverage/", ident.succession_coverage, name="succession-coverage"),
    path("succession/export/", ident.succession_export, name="succession-export"),
    path("succession/<int:pk>/", ident.critical_post, name="critical-post"),
    # Specialist bench.
    path("bench/", bench.bench, name="bench"),
    path("bench/people/<int:pk>/", bench.specialist, name="bench-specialist"),
    path("bench/people/<int:pk>/request/", bench.request_new, name="bench-request-new"),
    path("bench/windows/<int:pk>/delete/", bench.window_delete, name="bench-window-delete"),
    path("bench/requests/", bench.my_requests, name="bench-requests"),
    path("bench/requests/<int:pk>/", bench.request_detail, name="bench-request"),
    path("bench/export/", bench.export, name="bench-export"),
    # Workforce plans.
    path("plans/", plans.plans, name="plans"),
    path("plans/<int:pk>/", plans.plan, name="plan"),
    path("plans/<int:pk>/demand/", plans.demand, name="plan-demand"),
    path("plans/<int:pk>/download/", plans.download, name="plan-download"),
]
