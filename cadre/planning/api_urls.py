"""API endpoints of workforce plans, included under /api/v1/ in the ``api`` namespace."""

from django.urls import path

from cadre.planning import api as plans

urlpatterns = [
    # Workforce plans.
    path("workforce-plans/", plans.plan_list, name="workforce-plan-list"),
    path("workforce-plans/<int:plan_id>/", plans.plan_detail, name="workforce-plan-detail"),
    path("workforce-plans/<int:plan_id>/demand/", plans.plan_demand,
         name="workforce-plan-demand"),
]
