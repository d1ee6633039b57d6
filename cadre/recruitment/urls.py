"""Recruitment pages (namespace ``recruitment``, under /recruitment/); every name is in
config/permissions.py. Each area adds its own block below."""

from django.urls import path  # noqa: F401

app_name = "recruitment"
urlpatterns: list = []

# home (lead): the hub.
from cadre.recruitment.views import home  # noqa: E402

urlpatterns += [path("", home.home, name="home")]

# campaigns: entries for this area go below this line.
from cadre.recruitment.views import campaigns  # noqa: E402

urlpatterns += [
    path("campaigns/", campaigns.campaign_list, name="campaigns"),
    path("campaigns/new/", campaigns.campaign_create, name="campaign-create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign-edit"),
    path("campaigns/<int:pk>/criteria/", campaigns.campaign_criteria,
         name="campaign-criteria"),
    path("campaigns/<int:pk>/transition/", campaigns.campaign_transition,
         name="campaign-transition"),
    path("criteria/<int:pk>/edit/", campaigns.criterion_edit, name="campaign-criterion-edit"),
    path("criteria/<int:pk>/remove/", campaigns.criterion_remove,
         name="campaign-criterion-remove"),
]

# applications: entries for this area go below this line.
from cadre.recruitment.views import applications  # noqa: E402

urlpatterns += [
    path("campaigns/<int:pk>/applications/", applications.campaign_applications,
         name="campaign-applications"),
    path("campaigns/<int:pk>/applications/record/", applications.application_record,
         name="application-record"),
    path("campaigns/<int:pk>/applications/import/", applications.application_import,
         name="application-import"),
    path("campaigns/<int:pk>/apply/", applications.application_apply,
         name="application-apply"),
    path("applications/mine/", applications.my_applications, name="my-applications"),
    path("applications/<int:pk>/", applications.application_detail, name="application"),
    path("applications/<int:pk>/withdraw/", applications.application_withdraw,
         name="application-withdraw"),
]

# panels: entries for this area go below this line.
from cadre.recruitment.views import panels  # noqa: E402

urlpatterns += [
    path("panels/", panels.panels, name="panels"),
    path("campaigns/<int:pk>/panel/", panels.panel, name="panel"),
    path("campaigns/<int:pk>/panel/add/", panels.member_add, name="panel-member-add"),
    path("panel-members/<int:pk>/remove/", panels.member_remove, name="panel-member-remove"),
    path("campaigns/<int:pk>/panel/conflicts/", panels.conflicts, name="panel-conflicts"),
    path("campaigns/<int:pk>/panel/allocate/<str:stage>/", panels.allocate,
         name="panel-allocate"),
    path("panel-assignments/<int:pk>/", panels.scores, name="panel-scores"),
    path("applications/<int:pk>/panel/<str:stage>/", panels.application,
         name="panel-application"),
    path("applications/<int:pk>/panel/<str:stage>/moderate/", panels.moderate,
         name="panel-moderate"),
    path("applications/<int:pk>/panel/<str:stage>/decide/", panels.decide,
         name="panel-decide"),
    path("applications/<int:pk>/panel/<str:stage>/feedback/", panels.feedback,
         name="panel-feedback"),
    path("applications/<int:pk>/panel/<str:stage>/feedback/release/",
         panels.feedback_release, name="panel-feedback-release"),
]

# pay: entries for this area go below this line.
from cadre.recruitment.views import pay as pay_views  # noqa: E402

urlpatterns += [
    path("pay/", pay_views.benchmarks, name="pay-benchmarks"),
    path("pay/market-figures/add/", pay_views.market_add, name="pay-market-add"),
    path("pay/market-figures/<int:pk>/withdraw/", pay_views.market_withdraw,
         name="pay-market-withdraw"),
]

# reserve: entries for this area go below this line.
from cadre.recruitment.views import reserve  # noqa: E402

urlpatterns += [
    path("reserve/", reserve.reserve_list, name="reserve"),
    path("reserve/add/", reserve.reserve_add, name="reserve-add"),
    path("reserve/<int:pk>/", reserve.entry_detail, name="reserve-entry"),
    path("reserve/<int:pk>/offer/", reserve.entry_offer, name="reserve-make-offer"),
    path("reserve/<int:pk>/withdraw/", reserve.entry_withdraw, name="reserve-entry-withdraw"),
    path("reserve/offers/<int:pk>/", reserve.offer_detail, name="reserve-offer"),
    path("reserve/offers/<int:pk>/respond/", reserve.offer_respond, name="reserve-respond"),
    path("reserve/offers/<int:pk>/withdraw/", reserve.offer_withdraw,
         name="reserve-offer-withdraw"),
]

# outcomes: entries for this area go below this line.
from cadre.recruitment.views import outcomes  # noqa: E402

urlpatterns += [path("outcomes/", outcomes.outcomes, name="outcomes")]
