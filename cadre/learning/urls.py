"""Learning supply pages (namespace ``learning``, under /learning/); every name is in
config/permissions.py. Each area adds its own block below."""

from django.urls import path  # noqa: F401

app_name = "learning"
urlpatterns: list = []

# home, demo (area 8): the hub.
from cadre.learning.views import home  # noqa: E402

urlpatterns += [path("", home.home, name="home")]

# catalogue (area 1): providers, products, the skills each builds, the import.
from cadre.learning.views import catalogue as catalogue_views  # noqa: E402

urlpatterns += [
    path("providers/", catalogue_views.provider_list, name="providers"),
    path("providers/add/", catalogue_views.provider_create, name="provider-create"),
    path("providers/<int:pk>/", catalogue_views.provider_detail, name="provider"),
    path("providers/<int:pk>/change/", catalogue_views.provider_edit, name="provider-edit"),
    path("products/", catalogue_views.product_list, name="products"),
    path("products/add/", catalogue_views.product_create, name="product-create"),
    path("products/<int:pk>/", catalogue_views.product_detail, name="product"),
    path("products/<int:pk>/change/", catalogue_views.product_edit, name="product-edit"),
    path("products/<int:pk>/withdraw/", catalogue_views.product_withdraw,
         name="product-withdraw"),
    path("products/<int:pk>/skills/", catalogue_views.product_skills, name="product-skills"),
    path("catalogue/import/", catalogue_views.catalogue_import, name="catalogue-import"),
]

# xapi (area 7): learning records, provider credentials, plan activity links.
from cadre.learning.views import xapi as xapi_views  # noqa: E402

urlpatterns += [
    path("xapi/credentials/", xapi_views.credentials, name="xapi-credentials"),
    path("xapi/providers/<int:pk>/credentials/new/", xapi_views.credential_create,
         name="xapi-credential-create"),
    path("xapi/credentials/<int:pk>/revoke/", xapi_views.credential_revoke,
         name="xapi-credential-revoke"),
    path("xapi/statements/", xapi_views.statement_list, name="xapi-statements"),
    path("records/", xapi_views.my_records, name="xapi-my-records"),
    path("people/<int:pk>/plan-products/", xapi_views.plan_links, name="xapi-plan-links"),
]

# variance and baseline (area 4): the spend baseline and price variance.
from cadre.learning.views import figures as figure_views  # noqa: E402

urlpatterns += [
    path("figures/baseline/", figure_views.baseline, name="baseline"),
    path("figures/baseline/download/", figure_views.baseline_download,
         name="baseline-download"),
    path("figures/variance/", figure_views.variance, name="variance"),
    path("figures/variance/download/", figure_views.variance_download,
         name="variance-download"),
    path("figures/variance/products/<int:pk>/", figure_views.variance_product,
         name="variance-product"),
]

# demand (area 5): demand from skill gaps and demand packs per lot.
from cadre.learning.views import demand as demand_views  # noqa: E402

urlpatterns += [
    path("figures/demand/", demand_views.demand, name="demand"),
    path("figures/demand/pack/", demand_views.pack, name="demand-pack"),
]

# contractor rates (area 6): day-rate benchmarks, variance, flags, costs, pay ranges.
from cadre.learning.views import rates as rates_views  # noqa: E402

urlpatterns += [
    path("rates/", rates_views.benchmarks, name="rates"),
    path("rates/variance/", rates_views.variance, name="rates-variance"),
    path("rates/above/", rates_views.above, name="rates-above"),
    path("rates/above/named/", rates_views.named, name="rates-named"),
    path("rates/costs/", rates_views.costs, name="rates-costs"),
    path("pay-ranges/", rates_views.pay_ranges, name="pay-ranges"),
    path("pay-ranges/add/", rates_views.pay_range_add, name="pay-range-add"),
    path("pay-ranges/<int:pk>/change/", rates_views.pay_range_edit, name="pay-range-edit"),
]

# contracts (area 2): the register, contracts and rate cards, coverage, import, frameworks.
from cadre.learning.views import contracts as contract_views  # noqa: E402

urlpatterns += [
    path("contracts/", contract_views.register, name="contracts"),
    path("contracts/add/", contract_views.contract_create, name="contract-create"),
    path("contracts/import/", contract_views.contracts_import, name="contracts-import"),
    path("contracts/coverage/", contract_views.coverage, name="contracts-coverage"),
    path("contracts/<int:pk>/", contract_views.contract_detail, name="contract"),
    path("contracts/<int:pk>/change/", contract_views.contract_edit, name="contract-edit"),
    path("contracts/<int:pk>/rates/<int:rate_pk>/", contract_views.rate_edit,
         name="contract-rate"),
    path("frameworks/", contract_views.frameworks, name="frameworks"),
    path("frameworks/add/", contract_views.framework_create, name="framework-create"),
    path("frameworks/<int:pk>/", contract_views.framework_detail, name="framework"),
    path("frameworks/<int:pk>/change/", contract_views.framework_edit, name="framework-edit"),
    path("frameworks/<int:pk>/lots/add/", contract_views.lot_create, name="lot-create"),
    path("lots/<int:pk>/change/", contract_views.lot_edit, name="lot-edit"),
]

# spend (area 3): imports through a column mapping, the review queue, saved mappings.
from cadre.learning.views import spend as spend_views  # noqa: E402

urlpatterns += [
    path("spend/", spend_views.spend_imports, name="spend-imports"),
    path("spend/upload/", spend_views.spend_upload, name="spend-upload"),
    path("spend/upload/mapping/", spend_views.spend_mapping, name="spend-mapping"),
    path("spend/upload/confirm/", spend_views.spend_confirm, name="spend-confirm"),
    path("spend/imports/<int:pk>/", spend_views.spend_import, name="spend-import"),
    path("spend/mappings/", spend_views.spend_mappings, name="spend-mappings"),
    path("spend/review/", spend_views.spend_review, name="spend-review"),
    path("spend/review/suppliers/<int:pk>/", spend_views.spend_review_supplier,
         name="spend-review-supplier"),
    path("spend/review/descriptions/<int:pk>/", spend_views.spend_review_description,
         name="spend-review-description"),
]
