"""Strategy API (under /api/v1/strategy/); every name is in config/permissions.py.
Each area adds its own block below."""

from django.urls import path  # noqa: F401

urlpatterns: list = []

# workstreams: entries for this area go below this line.
from cadre.strategy.api import workstreams as workstreams_api  # noqa: E402

urlpatterns += [
    path("strategy/strategies/", workstreams_api.strategy_list, name="strategy-strategies"),
    path("strategy/strategies/<int:strategy_id>/", workstreams_api.strategy_detail,
         name="strategy-strategy"),
    path("strategy/workstreams/", workstreams_api.workstream_list,
         name="strategy-workstreams"),
    path("strategy/workstreams/<int:workstream_id>/", workstreams_api.workstream_detail,
         name="strategy-workstream"),
    path("strategy/milestones/", workstreams_api.milestone_list, name="strategy-milestones"),
    path("strategy/milestones/import/", workstreams_api.milestones_import,
         name="strategy-milestones-import"),
    path("strategy/milestones/<int:milestone_id>/", workstreams_api.milestone_detail,
         name="strategy-milestone"),
    path("strategy/milestones/<int:milestone_id>/ratings/", workstreams_api.milestone_ratings,
         name="strategy-milestone-ratings"),
    path("strategy/scales/", workstreams_api.scale_list, name="strategy-scales"),
    path("strategy/periods/", workstreams_api.period_list, name="strategy-periods"),
    path("strategy/periods/<int:period_id>/", workstreams_api.period_detail,
         name="strategy-period"),
]

# commitments: entries for this area go below this line.
from cadre.strategy.api import commitments as commitments_api  # noqa: E402

urlpatterns += [
    path("strategy/commitments/", commitments_api.entry_list, name="strategy-commitment-list"),
    path("strategy/commitments/<int:pk>/", commitments_api.entry_detail,
         name="strategy-commitment-detail"),
    path("strategy/commitments/actions/", commitments_api.action_list,
         name="strategy-commitment-actions"),
    path("strategy/commitments/import/", commitments_api.commitments_import,
         name="strategy-commitment-import"),
]

# metrics: entries for this area go below this line.
from cadre.strategy.api import metrics as metrics_api  # noqa: E402

urlpatterns += [
    path("strategy/metrics/", metrics_api.definition_list, name="strategy-metric-list"),
    path("strategy/metrics/<int:pk>/", metrics_api.definition_detail,
         name="strategy-metric-detail"),
    path("strategy/metric-values/", metrics_api.value_list, name="strategy-metric-values"),
    path("strategy/metrics/published/", metrics_api.published,
         name="strategy-metrics-published"),
]

# functions: entries for this area go below this line.
from cadre.strategy.api import functions as functions_api  # noqa: E402

urlpatterns += [
    path("strategy/functions/", functions_api.functions, name="strategy-functions"),
    path("strategy/operating-models/", functions_api.operating_models,
         name="strategy-operating-models"),
    path("strategy/function-matrix/", functions_api.matrix, name="strategy-function-matrix"),
    path("strategy/function-matrix/<str:abbreviation>/<int:function_id>/",
         functions_api.entry, name="strategy-function-entry"),
    path("strategy/function-checks/<str:abbreviation>/", functions_api.checks,
         name="strategy-function-checks"),
    path("strategy/function-retention/", functions_api.retention,
         name="strategy-function-retention"),
]

# suppliers: entries for this area go below this line.
from cadre.strategy.api import suppliers as suppliers_api  # noqa: E402

urlpatterns += [
    path("strategy/suppliers/", suppliers_api.supplier_list, name="strategy-suppliers"),
    path("strategy/suppliers/overall/", suppliers_api.overall,
         name="strategy-supplier-overall"),
    path("strategy/suppliers/<int:pk>/", suppliers_api.supplier_detail,
         name="strategy-supplier"),
    path("strategy/suppliers/<int:pk>/figures/", suppliers_api.supplier_figures,
         name="strategy-supplier-figures"),
    path("strategy/suppliers/<int:pk>/scores/", suppliers_api.supplier_scores,
         name="strategy-supplier-scores"),
    path("strategy/suppliers/<int:pk>/actions/", suppliers_api.supplier_actions,
         name="strategy-supplier-actions"),
    path("strategy/supplier-actions/<int:pk>/", suppliers_api.action_detail,
         name="strategy-supplier-action"),
    path("strategy/supplier-actions/<int:pk>/transition/", suppliers_api.action_transition,
         name="strategy-supplier-action-transition"),
    path("strategy/supplier-framework/", suppliers_api.framework,
         name="strategy-supplier-framework"),
    path("strategy/supplier-framework/versions/", suppliers_api.versions,
         name="strategy-supplier-versions"),
    path("strategy/supplier-framework/versions/<int:pk>/criteria/", suppliers_api.version_criteria,
         name="strategy-supplier-criteria"),
    path("strategy/supplier-framework/periods/", suppliers_api.periods,
         name="strategy-supplier-periods"),
]

# contributions: entries for this area go below this line.
from cadre.strategy.api import contributions as contributions_api  # noqa: E402

urlpatterns += [
    path("strategy/contributions/people/<int:person_id>/", contributions_api.person,
         name="strategy-contributions-person"),
    path("strategy/contributions/counts/", contributions_api.counts,
         name="strategy-contributions-counts"),
]
