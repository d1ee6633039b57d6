"""API endpoints of the talent app (ratings, nine-box, pools, succession), included under
/api/v1/ in the ``api`` namespace."""

from django.urls import path

from cadre.talent import api as ident

urlpatterns = [
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
]
