"""API endpoints of the talent app, included under /api/v1/ in the ``api`` namespace."""

from django.urls import path

from cadre.talent import api_bench as bench
from cadre.talent import api_identification as ident
from cadre.talent import api_mobility as mobility
from cadre.talent import api_plans as plans

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
    # Talent identification: appraisal cycles, ratings, nine-box grids and pools.
    path("talent/cycles/", ident.cycle_list, name="talent-cycle-list"),
    path("talent/cycles/<int:cycle_id>/ninebox/", ident.ninebox, name="talent-ninebox"),
    path("talent/ninebox/", ident.ninebox_government, name="talent-ninebox-government"),
    path("talent/ratings/", ident.rating_list, name="talent-rating-list"),
    path("talent/ratings/<int:rating_id>/", ident.rating_detail, name="talent-rating-detail"),
    path("talent/ratings/<int:rating_id>/calibrate/", ident.rating_calibrate,
         name="talent-rating-calibrate"),
    path("talent/pools/", ident.pool_list, name="talent-pool-list"),
    path("talent/pools/mine/", ident.my_pools, name="talent-my-pools"),
    path("talent/pools/<int:pool_id>/", ident.pool_detail, name="talent-pool-detail"),
    path("talent/pools/<int:pool_id>/members/", ident.pool_members,
         name="talent-pool-members"),
    path("talent/pool-members/<int:membership_id>/", ident.pool_member,
         name="talent-pool-member"),
    path("talent/pool-members/<int:membership_id>/actions/", ident.pool_member_actions,
         name="talent-pool-member-actions"),
    path("talent/pool-actions/<int:action_id>/", ident.pool_action, name="talent-pool-action"),
    # Succession: critical posts, successors, candidates and coverage.
    path("succession/posts/", ident.post_list, name="critical-post-list"),
    path("succession/posts/<int:post_id>/", ident.post_detail, name="critical-post-detail"),
    path("succession/posts/<int:post_id>/successors/", ident.post_successors,
         name="critical-post-successors"),
    path("succession/posts/<int:post_id>/candidates/", ident.post_candidates,
         name="critical-post-candidates"),
    path("succession/successors/<int:successor_id>/", ident.successor_detail,
         name="successor-detail"),
    path("succession/coverage/", ident.succession_coverage, name="succession-coverage"),
    # Specialist bench: availability windows and deployment requests.
    path("bench/windows/", bench.window_list, name="bench-window-list"),
    path("bench/windows/<int:window_id>/", bench.window_detail, name="bench-window-detail"),
    path("bench/deployments/", bench.deployment_list, name="deployment-list"),
    path("bench/deployments/<int:request_id>/", bench.deployment_detail,
         name="deployment-detail"),
    path("bench/deployments/<int:request_id>/action/", bench.deployment_action,
         name="deployment-action"),
    # Workforce plans.
    path("workforce-plans/", plans.plan_list, name="workforce-plan-list"),
    path("workforce-plans/<int:plan_id>/", plans.plan_detail, name="workforce-plan-detail"),
    path("workforce-plans/<int:plan_id>/demand/", plans.plan_demand,
         name="workforce-plan-demand"),
]
