"""Strategy pages (namespace ``strategy``, under /strategy/); every name is in
config/permissions.py. Each area adds its own block below."""

from django.urls import path  # noqa: F401

app_name = "strategy"
urlpatterns: list = []

# home (lead): the hub.
from cadre.strategy.views import home  # noqa: E402

urlpatterns += [path("", home.home, name="home")]

# workstreams: entries for this area go below this line.
from cadre.strategy.views import workstreams as workstreams_views  # noqa: E402

urlpatterns += [
    path("strategies/", workstreams_views.strategy_list, name="strategies"),
    path("strategies/new/", workstreams_views.strategy_create, name="strategy-create"),
    path("strategies/<int:pk>/", workstreams_views.strategy_detail, name="strategy"),
    path("strategies/<int:pk>/workstreams/new/", workstreams_views.workstream_create,
         name="workstream-create"),
    path("workstreams/<int:pk>/", workstreams_views.workstream_detail, name="workstream"),
    path("workstreams/<int:pk>/milestones/new/", workstreams_views.milestone_create,
         name="milestone-create"),
    path("milestones/<int:pk>/", workstreams_views.milestone_detail, name="milestone"),
    path("milestones/<int:pk>/progress/", workstreams_views.milestone_update,
         name="milestone-update"),
    path("milestones/<int:pk>/rate/owner/", workstreams_views.milestone_rate_owner,
         name="milestone-rate-owner"),
    path("milestones/<int:pk>/rate/central/", workstreams_views.milestone_rate_central,
         name="milestone-rate-central"),
    path("confidence/", workstreams_views.confidence, name="confidence"),
    path("confidence/scales/new/", workstreams_views.scale_create, name="scale-create"),
    path("confidence/periods/new/", workstreams_views.period_create, name="period-create"),
    path("confidence/periods/<int:pk>/", workstreams_views.period_edit, name="period-edit"),
]

# commitments: entries for this area go below this line.
from cadre.strategy.views import commitments as commitments_views  # noqa: E402

urlpatterns += [
    path("commitments/", commitments_views.commitments, name="commitments"),
    path("commitments/import/", commitments_views.commitments_import,
         name="commitments-import"),
    path("commitments/actions/<int:pk>/", commitments_views.action,
         name="commitments-action"),
    path("commitments/actions/<int:pk>/organisations/<int:organisation_pk>/entry/",
         commitments_views.entry_edit, name="commitments-entry-edit"),
    path("commitments/organisations/<int:pk>/", commitments_views.organisation,
         name="commitments-organisation"),
]

# metrics: entries for this area go below this line.
from cadre.strategy.views import metrics as metrics_views  # noqa: E402

urlpatterns += [
    path("metrics/", metrics_views.metric_list, name="metrics"),
    path("metrics/new/", metrics_views.definition_create, name="metric-create"),
    path("metrics/compute/", metrics_views.metrics_compute, name="metrics-compute"),
    path("metrics/published/", metrics_views.published, name="metrics-published"),
    path("metrics/<int:pk>/", metrics_views.metric_detail, name="metric"),
    path("metrics/<int:pk>/edit/", metrics_views.definition_edit, name="metric-edit"),
    path("metrics/<int:pk>/values/new/", metrics_views.value_add, name="metric-value-add"),
]

# functions: entries for this area go below this line.
from cadre.strategy.views import functions as functions_views  # noqa: E402

urlpatterns += [
    path("functions/", functions_views.taxonomy, name="functions"),
    path("functions/operating-models/", functions_views.operating_models,
         name="function-models"),
    path("functions/across-government/", functions_views.retention,
         name="function-retention"),
    path("functions/departments/<str:abbreviation>/", functions_views.matrix,
         name="function-matrix"),
    path("functions/departments/<str:abbreviation>/checks/", functions_views.checks,
         name="function-checks"),
    path("functions/departments/<str:abbreviation>/<slug:key>/", functions_views.entry,
         name="function-entry"),
]

# suppliers: entries for this area go below this line.
from cadre.strategy.views import suppliers as suppliers_views  # noqa: E402

urlpatterns += [
    path("suppliers/", suppliers_views.supplier_list, name="suppliers"),
    path("suppliers/new/", suppliers_views.supplier_create, name="supplier-create"),
    path("suppliers/framework/", suppliers_views.framework, name="supplier-framework"),
    path("suppliers/framework/versions/new/", suppliers_views.version_create,
         name="supplier-version-create"),
    path("suppliers/framework/criteria/new/", suppliers_views.criterion_create,
         name="supplier-criterion-create"),
    path("suppliers/framework/periods/new/", suppliers_views.period_create,
         name="supplier-period-create"),
    path("suppliers/<int:pk>/", suppliers_views.supplier_detail, name="supplier"),
    path("suppliers/<int:pk>/edit/", suppliers_views.supplier_edit, name="supplier-edit"),
    path("suppliers/<int:pk>/scores/", suppliers_views.supplier_scores,
         name="supplier-scores"),
    path("suppliers/<int:pk>/actions/new/", suppliers_views.action_create,
         name="supplier-action-create"),
    path("supplier-actions/<int:pk>/", suppliers_views.action_detail,
         name="supplier-action"),
    path("supplier-actions/<int:pk>/move/", suppliers_views.action_move,
         name="supplier-action-move"),
]

# contributions: entries for this area go below this line.
from cadre.strategy.views import contributions as contributions_views  # noqa: E402

urlpatterns += [
    path("contributions/", contributions_views.counts, name="contributions-counts"),
    path("contributions/mine/", contributions_views.mine, name="contributions-mine"),
    path("contributions/people/<int:pk>/", contributions_views.person,
         name="contributions-person"),
    path("contributions/evidence/<int:pk>/withdraw/", contributions_views.evidence_withdraw,
         name="contributions-evidence-withdraw"),
]
