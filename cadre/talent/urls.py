"""Pages of the talent app (namespace ``talent``); every name is in config/permissions.py."""

from django.urls import path  # noqa: F401

from cadre.talent import views as _hub

app_name = "talent"
urlpatterns: list = [path("", _hub.home, name="home")]

# Talent identification and succession (views_identification).
from cadre.talent import views_identification as _ident  # noqa: E402

urlpatterns += [
    path("identification/ratings/", _ident.ratings, name="ratings"),
    path("identification/ratings/<int:pk>/", _ident.rating, name="rating"),
    path("identification/cycles/", _ident.cycles, name="cycles"),
    path("identification/cycles/<int:pk>/", _ident.ninebox, name="ninebox"),
    path("identification/cycles/<int:pk>/export/", _ident.ninebox_export,
         name="ninebox-export"),
    path("identification/government/", _ident.government_ninebox, name="ninebox-government"),
    path("pools/", _ident.pools, name="pools"),
    path("pools/mine/", _ident.my_pools, name="my-pools"),
    path("pools/<int:pk>/", _ident.pool, name="pool"),
    path("pools/<int:pk>/export/", _ident.pool_export, name="pool-export"),
    path("succession/", _ident.succession, name="succession"),
    path("succession/coverage/", _ident.succession_coverage, name="succession-coverage"),
    path("succession/export/", _ident.succession_export, name="succession-export"),
    path("succession/<int:pk>/", _ident.critical_post, name="critical-post"),
]

# Specialist bench and workforce plans (views_bench, views_plans).
from cadre.talent import views_bench as _bench  # noqa: E402
from cadre.talent import views_plans as _plans  # noqa: E402

urlpatterns += [
    path("bench/", _bench.bench, name="bench"),
    path("bench/people/<int:pk>/", _bench.specialist, name="bench-specialist"),
    path("bench/people/<int:pk>/request/", _bench.request_new, name="bench-request-new"),
    path("bench/windows/<int:pk>/delete/", _bench.window_delete, name="bench-window-delete"),
    path("bench/requests/", _bench.my_requests, name="bench-requests"),
    path("bench/requests/<int:pk>/", _bench.request_detail, name="bench-request"),
    path("bench/export/", _bench.export, name="bench-export"),
    path("plans/", _plans.plans, name="plans"),
    path("plans/<int:pk>/", _plans.plan, name="plan"),
    path("plans/<int:pk>/demand/", _plans.demand, name="plan-demand"),
    path("plans/<int:pk>/download/", _plans.download, name="plan-download"),
]

# Mobility: vacancies, matches, preferences and managed moves (views_mobility).
from cadre.talent import views_mobility as _mob  # noqa: E402

urlpatterns += [
    path("vacancies/", _mob.board, name="vacancy-board"),
    path("vacancies/manage/", _mob.managed, name="vacancies-managed"),
    path("vacancies/new/", _mob.vacancy_create, name="vacancy-create"),
    path("vacancies/for-me/", _mob.vacancies_for_me, name="vacancies-for-me"),
    path("vacancies/<int:pk>/", _mob.vacancy_detail, name="vacancy"),
    path("vacancies/<int:pk>/edit/", _mob.vacancy_edit, name="vacancy-edit"),
    path("vacancies/<int:pk>/matches/", _mob.vacancy_matches, name="vacancy-matches"),
    path("mobility/preference/", _mob.preference, name="mobility-preference"),
    path("mobility/policy/", _mob.policy, name="mobility-policy"),
    path("moves/", _mob.moves, name="moves"),
    path("moves/new/", _mob.move_propose, name="move-propose"),
    path("moves/durations/", _mob.move_durations, name="move-durations"),
    path("moves/<int:pk>/", _mob.move_detail, name="move"),
]
