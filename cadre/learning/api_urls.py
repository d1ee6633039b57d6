"""Learning supply API (under /api/v1/learning/); every name is in config/permissions.py.
Each area adds its own block below."""

from django.urls import path  # noqa: F401

urlpatterns: list = []

# catalogue (area 1)
from cadre.learning.api import catalogue as catalogue_api  # noqa: E402

urlpatterns += [
    path("learning/providers/", catalogue_api.provider_list, name="learning-provider-list"),
    path("learning/providers/<int:provider_id>/", catalogue_api.provider_detail,
         name="learning-provider-detail"),
    path("learning/products/", catalogue_api.product_list, name="learning-product-list"),
    path("learning/products/<int:product_id>/", catalogue_api.product_detail,
         name="learning-product-detail"),
    path("learning/products/<int:product_id>/withdrawn/", catalogue_api.product_withdrawn,
         name="learning-product-withdrawn"),
    path("learning/products/<int:product_id>/skills/", catalogue_api.product_skills,
         name="learning-product-skills"),
    path("learning/products/<int:product_id>/skills/<int:skill_id>/", catalogue_api.product_skill,
         name="learning-product-skill"),
    path("learning/products/<int:product_id>/jsonld/", catalogue_api.product_jsonld,
         name="learning-product-jsonld"),
    path("learning/catalogue/import/", catalogue_api.catalogue_import,
         name="learning-catalogue-import"),
]

# variance and baseline (area 4): the spend baseline and price variance.
from cadre.learning.api import figures as figures_api  # noqa: E402

urlpatterns += [
    path("learning/figures/baseline/", figures_api.baseline, name="learning-baseline"),
    path("learning/figures/variance/", figures_api.variance, name="learning-variance"),
]

# demand (area 5): demand from skill gaps and a lot's demand pack.
from cadre.learning.api import demand as demand_api  # noqa: E402

urlpatterns += [
    path("learning/demand/", demand_api.demand, name="learning-demand"),
    path("learning/demand/pack/", demand_api.pack, name="learning-demand-pack"),
]

# contractor rates (area 6): benchmarks, variance, flags, costs, named rates, pay ranges.
from cadre.learning.api import rates as rates_api  # noqa: E402

urlpatterns += [
    path("learning/rates/", rates_api.benchmarks, name="learning-rates"),
    path("learning/rates/variance/", rates_api.variance, name="learning-rates-variance"),
    path("learning/rates/above/", rates_api.above, name="learning-rates-above"),
    path("learning/rates/named/", rates_api.named, name="learning-rates-named"),
    path("learning/rates/costs/", rates_api.costs, name="learning-rates-costs"),
    path("learning/pay-ranges/", rates_api.pay_range_list, name="learning-pay-range-list"),
    path("learning/pay-ranges/<int:pk>/", rates_api.pay_range_detail,
         name="learning-pay-range-detail"),
]

# contracts (area 2): the register, contracts, rate cards, coverage, import, frameworks, lots.
from cadre.learning.api import contracts as contracts_api  # noqa: E402

urlpatterns += [
    path("learning/contracts/", contracts_api.contract_list, name="learning-contract-list"),
    path("learning/contracts/export/", contracts_api.contract_export,
         name="learning-contract-export"),
    path("learning/contracts/import/", contracts_api.contract_import,
         name="learning-contract-import"),
    path("learning/contracts/coverage/", contracts_api.coverage,
         name="learning-contract-coverage-all"),
    path("learning/contracts/<int:pk>/", contracts_api.contract_detail,
         name="learning-contract-detail"),
    path("learning/contracts/<int:pk>/rates/", contracts_api.contract_rates,
         name="learning-contract-rates"),
    path("learning/contracts/<int:pk>/rates/<int:rate_pk>/", contracts_api.contract_rate_detail,
         name="learning-contract-rate-detail"),
    path("learning/contracts/<int:pk>/coverage/", contracts_api.contract_coverage,
         name="learning-contract-coverage"),
    path("learning/frameworks/", contracts_api.framework_list, name="learning-framework-list"),
    path("learning/frameworks/<int:pk>/", contracts_api.framework_detail,
         name="learning-framework-detail"),
    path("learning/frameworks/<int:pk>/lots/", contracts_api.framework_lots,
         name="learning-framework-lots"),
    path("learning/lots/<int:pk>/", contracts_api.lot_detail, name="learning-lot-detail"),
]

# spend (area 3): imports, saved mappings, the review queue and decisions.
from cadre.learning.api import spend as spend_api  # noqa: E402

urlpatterns += [
    path("learning/spend/imports/", spend_api.import_list, name="learning-spend-import-list"),
    path("learning/spend/imports/<int:pk>/", spend_api.import_detail,
         name="learning-spend-import-detail"),
    path("learning/spend/mappings/", spend_api.mapping_list,
         name="learning-spend-mapping-list"),
    path("learning/spend/review/", spend_api.review, name="learning-spend-review"),
    path("learning/spend/review/suppliers/<int:pk>/", spend_api.review_supplier,
         name="learning-spend-review-supplier"),
    path("learning/spend/review/descriptions/<int:pk>/", spend_api.review_description,
         name="learning-spend-review-description"),
]

# xapi (area 7): learning records, provider credentials, plan activity links (the xAPI
# endpoint itself is in xapi_urls.py).
from cadre.learning.api import xapi as xapi_api  # noqa: E402

urlpatterns += [
    path("learning/records/", xapi_api.records, name="learning-xapi-records"),
    path("learning/xapi-statements/", xapi_api.statements, name="learning-xapi-statements"),
    path("learning/providers/<int:provider_id>/xapi-credentials/", xapi_api.credentials,
         name="learning-xapi-credentials"),
    path("learning/xapi-credentials/<int:pk>/revoke/", xapi_api.revoke,
         name="learning-xapi-credential-revoke"),
    path("learning/plan-activities/<int:pk>/product/", xapi_api.activity_product,
         name="learning-xapi-activity-product"),
]
