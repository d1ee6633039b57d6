"""API endpoints of the talent app, included under /api/v1/ in the ``api`` namespace."""

from django.urls import path  # noqa: F401

urlpatterns: list = []

# Mobility: vacancies, matches, preferences, the policy and managed moves (api_mobility).
from cadre.talent import api_mobility as _mob  # noqa: E402

urlpatterns += [
    path("mobility/vacancies/", _mob.vacancy_list, name="vacancy-list"),
    path("mobility/vacancies/for-me/", _mob.vacancies_for_me, name="vacancies-for-me"),
    path("mobility/vacancies/<int:vacancy_id>/", _mob.vacancy_detail, name="vacancy-detail"),
    path("mobility/vacancies/<int:vacancy_id>/matches/", _mob.vacancy_matches,
         name="vacancy-matches"),
    path("mobility/vacancies/<int:vacancy_id>/<slug:action>/", _mob.vacancy_transition,
         name="vacancy-transition"),
    path("mobility/preference/", _mob.preference, name="mobility-preference"),
    path("mobility/policy/", _mob.policy, name="mobility-policy"),
    path("mobility/moves/", _mob.move_list, name="move-list"),
    path("mobility/moves/durations/", _mob.move_durations, name="move-durations"),
    path("mobility/moves/<int:move_id>/", _mob.move_detail, name="move-detail"),
    path("mobility/moves/<int:move_id>/<slug:action>/", _mob.move_transition,
         name="move-transition"),
]

# Specialist bench and workforce plans (api_bench, api_plans).
from cadre.talent import api_bench as _bench  # noqa: E402
from cadre.talent import api_plans as _plans  # noqa: E402

urlpatterns += [
    path("bench/windows/", _bench.window_list, name="bench-window-list"),
    path("bench/windows/<int:window_id>/", _bench.window_detail, name="bench-window-detail"),
    path("bench/deployments/", _bench.deployment_list, name="deployment-list"),
    path("bench/deployments/<int:request_id>/", _bench.deployment_detail,
         name="deployment-detail"),
    path("bench/deployments/<int:request_id>/action/", _bench.deployment_action,
         name="deployment-action"),
    path("workforce-plans/", _plans.plan_list, name="workforce-plan-list"),
    path("workforce-plans/<int:plan_id>/", _plans.plan_detail, name="workforce-plan-detail"),
    path("workforce-plans/<int:plan_id>/demand/", _plans.plan_demand,
         name="workforce-plan-demand"),
]

# Talent identification and succession (api_identification).
from cadre.talent import api_identification as _ident  # noqa: E402

urlpatterns += [
    path("talent/cycles/", _ident.cycle_list, name="talent-cycle-list"),
    path("talent/cycles/<int:cycle_id>/ninebox/", _ident.ninebox, name="talent-ninebox"),
    path("talent/ninebox/", _ident.ninebox_government, name="talent-ninebox-government"),
    path("talent/ratings/", _ident.rating_list, name="talent-rating-list"),
    path("talent/ratings/<int:rating_id>/", _ident.rating_detail, name="talent-rating-detail"),
    path("talent/ratings/<int:rating_id>/calibrate/", _ident.rating_calibrate,
         name="talent-rating-calibrate"),
    path("talent/pools/", _ident.pool_list, name="talent-pool-list"),
    path("talent/pools/mine/", _ident.my_pools, name="talent-my-pools"),
    path("talent/pools/<int:pool_id>/", _ident.pool_detail, name="talent-pool-detail"),
    path("talent/pools/<int:pool_id>/members/", _ident.pool_members,
         name="talent-pool-members"),
    path("talent/pool-members/<int:membership_id>/", _ident.pool_member,
         name="talent-pool-member"),
    path("talent/pool-members/<int:membership_id>/actions/", _ident.pool_member_actions,
         name="talent-pool-member-actions"),
    path("succession/posts/", _ident.post_list, name="critical-post-list"),
    path("succession/posts/<int:post_id>/", _ident.post_detail, name="critical-post-detail"),
    path("succession/posts/<int:post_id>/successors/", _ident.post_successors,
         name="critical-post-successors"),
    path("succession/posts/<int:post_id>/candidates/", _ident.post_candidates,
         name="critical-post-candidates"),
    path("succession/coverage/", _ident.succession_coverage, name="succession-coverage"),
    path("succession/successors/<int:successor_id>/", _ident.successor_detail,
         name="successor-detail"),
    path("talent/pool-actions/<int:action_id>/", _ident.pool_action, name="talent-pool-action"),
]
