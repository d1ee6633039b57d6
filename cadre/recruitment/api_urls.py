"""Recruitment API (under /api/v1/recruitment/); every name is in config/permissions.py.
Each area adds its own block below."""

from django.urls import path  # noqa: F401

urlpatterns: list = []

# campaigns: entries for this area go below this line.
from cadre.recruitment.api import campaigns as campaigns_api  # noqa: E402

urlpatterns += [
    path("recruitment/campaigns/", campaigns_api.campaign_list,
         name="recruitment-campaigns"),
    path("recruitment/campaigns/<int:pk>/", campaigns_api.campaign_detail,
         name="recruitment-campaign"),
    path("recruitment/campaigns/<int:pk>/criteria/", campaigns_api.campaign_criteria,
         name="recruitment-campaign-criteria"),
    path("recruitment/campaigns/<int:pk>/transition/", campaigns_api.campaign_transition,
         name="recruitment-campaign-transition"),
    path("recruitment/criteria/<int:pk>/", campaigns_api.criterion_detail,
         name="recruitment-criterion"),
]

# applications: entries for this area go below this line.
from cadre.recruitment.api import applications as applications_api  # noqa: E402

urlpatterns += [
    path("recruitment/applications/", applications_api.application_list,
         name="recruitment-applications"),
    path("recruitment/applications/<int:pk>/", applications_api.application_detail,
         name="recruitment-application"),
    path("recruitment/applications/<int:pk>/transition/",
         applications_api.application_transition, name="recruitment-application-transition"),
    path("recruitment/campaigns/<int:pk>/apply/", applications_api.campaign_apply,
         name="recruitment-campaign-apply"),
    path("recruitment/campaigns/<int:pk>/applications/import/",
         applications_api.application_import, name="recruitment-applications-import"),
]

# panels: entries for this area go below this line.
from cadre.recruitment.api import panels as panels_api  # noqa: E402

urlpatterns += [
    path("recruitment/campaigns/<int:pk>/panel/", panels_api.panel_members,
         name="recruitment-panel-members"),
    path("recruitment/panel-members/<int:pk>/", panels_api.panel_member,
         name="recruitment-panel-member"),
    path("recruitment/campaigns/<int:pk>/panel/conflicts/", panels_api.panel_conflicts,
         name="recruitment-panel-conflicts"),
    path("recruitment/campaigns/<int:pk>/panel/allocation/", panels_api.panel_allocation,
         name="recruitment-panel-allocation"),
    path("recruitment/panel-assignments/", panels_api.panel_assignments,
         name="recruitment-panel-assignments"),
    path("recruitment/panel-assignments/<int:pk>/scores/", panels_api.panel_scores,
         name="recruitment-panel-scores"),
    path("recruitment/applications/<int:pk>/panel/<str:stage>/", panels_api.panel_stage,
         name="recruitment-panel-stage"),
    path("recruitment/applications/<int:pk>/panel/<str:stage>/moderation/",
         panels_api.panel_moderation, name="recruitment-panel-moderation"),
    path("recruitment/applications/<int:pk>/panel/<str:stage>/decision/",
         panels_api.panel_decision, name="recruitment-panel-decision"),
    path("recruitment/applications/<int:pk>/feedback/", panels_api.panel_feedback,
         name="recruitment-panel-feedback"),
    path("recruitment/applications/<int:pk>/feedback/release/",
         panels_api.panel_feedback_release, name="recruitment-panel-feedback-release"),
]

# pay: entries for this area go below this line.
from cadre.recruitment.api import pay as pay_api  # noqa: E402

urlpatterns += [
    path("recruitment/pay/benchmark/", pay_api.benchmark, name="recruitment-pay-benchmark"),
    path("recruitment/pay/market-figures/", pay_api.market_figures,
         name="recruitment-pay-market-figures"),
]

# reserve: entries for this area go below this line.
from cadre.recruitment.api import reserve as reserve_api  # noqa: E402

urlpatterns += [
    path("recruitment/reserve/", reserve_api.reserve_list, name="recruitment-reserve"),
    path("recruitment/reserve/expire/", reserve_api.expire, name="recruitment-reserve-expire"),
    path("recruitment/reserve/<int:pk>/", reserve_api.entry_detail,
         name="recruitment-reserve-entry"),
    path("recruitment/reserve/<int:pk>/targets/", reserve_api.entry_targets,
         name="recruitment-reserve-targets"),
    path("recruitment/reserve/<int:pk>/offers/", reserve_api.entry_offers,
         name="recruitment-reserve-offers"),
    path("recruitment/reserve/<int:pk>/withdraw/", reserve_api.entry_withdraw,
         name="recruitment-reserve-withdraw"),
    path("recruitment/reserve-offers/<int:pk>/", reserve_api.offer_detail,
         name="recruitment-reserve-offer"),
    path("recruitment/reserve-offers/<int:pk>/respond/", reserve_api.offer_respond,
         name="recruitment-reserve-respond"),
    path("recruitment/reserve-offers/<int:pk>/withdraw/", reserve_api.offer_withdraw,
         name="recruitment-reserve-offer-withdraw"),
]

# outcomes: entries for this area go below this line.
from cadre.recruitment.api import outcomes as outcomes_api  # noqa: E402

urlpatterns += [path("recruitment/outcomes/", outcomes_api.outcomes,
                     name="recruitment-outcomes")]
