"""Pages of workforce plans (namespace ``planning``, under /talent/); every name is in
config/permissions.py."""

from django.urls import path

from cadre.planning import views as plans

app_name = "planning"
urlpatterns = [
    # Workforce plans.
    path("plans/", plans.plans, name="plans"),
    path("plans/<int:pk>/", plans.plan, name="plan"),
    path("plans/<int:pk>/demand/", plans.demand, name="plan-demand"),
    path("plans/<int:pk>/download/", plans.download, name="plan-download"),
]
