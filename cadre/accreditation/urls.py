"""Accreditation pages (namespace ``accreditation``, under /accreditation/); every name is in
config/permissions.py."""

from django.urls import path  # noqa: F401

from cadre.accreditation.views import credentials as cred_views

app_name = "accreditation"
urlpatterns: list = []

# credentials (area 5): the first four are public, with no sign-in.
urlpatterns += [
    path("credentials/", cred_views.my_credentials, name="credentials"),
    path("credentials/issuer/", cred_views.issuer, name="credential-issuer"),
    path("credentials/keys/", cred_views.keys, name="credential-keys"),
    path("credentials/status/<str:purpose>/", cred_views.status_list_credential,
         name="credential-status-list"),
    path("credentials/<uuid:public_id>/", cred_views.credential_verify,
         name="credential-verify"),
    path("credentials/<uuid:public_id>/credential.json", cred_views.credential_json,
         name="credential-json"),
    path("credentials/<uuid:public_id>/certificate.pdf", cred_views.credential_pdf,
         name="credential-pdf"),
    path("credentials/<uuid:public_id>/status/", cred_views.award_status,
         name="credential-status"),
]

# CPD and renewal (area 6).
from cadre.accreditation.views import cpd as cpd_views  # noqa: E402

urlpatterns += [
    path("cpd/", cpd_views.mine, name="cpd"),
    path("cpd/records/<int:pk>/", cpd_views.record, name="cpd-record"),
    path("cpd/people/<int:pk>/", cpd_views.person_cpd, name="cpd-person"),
]

# Assessment, panel decisions and appeals (area 4).
from cadre.accreditation.views import assessment as score_views  # noqa: E402

urlpatterns += [
    path("assessing/", score_views.assessor_queue, name="assessing"),
    path("assessing/<int:pk>/", score_views.assessment, name="assessment"),
    path("panel/", score_views.panel_list, name="panel"),
    path("panel/<int:pk>/", score_views.panel_application, name="panel-application"),
    path("applications/<int:pk>/decision/", score_views.decision, name="decision"),
]

# applications and rounds (area 2).
from cadre.accreditation.views import applications as apps_views  # noqa: E402

urlpatterns += [
    path("applications/", apps_views.mine, name="applications"),
    path("applications/start/", apps_views.start, name="application-start"),
    path("applications/<int:pk>/", apps_views.detail, name="application"),
    path("applications/<int:pk>/statements/", apps_views.statements,
         name="application-statements"),
    path("applications/<int:pk>/evidence/", apps_views.evidence, name="application-evidence"),
    path("applications/<int:pk>/supporter/", apps_views.supporter,
         name="application-supporter"),
    path("applications/<int:pk>/support/", apps_views.support, name="application-support"),
    path("supporting/", apps_views.supporting, name="supporting"),
    path("rounds/", apps_views.rounds, name="rounds"),
    path("rounds/new/", apps_views.round_create, name="round-create"),
    path("rounds/<int:pk>/", apps_views.round_detail, name="round"),
]

# standards and eligibility (area 1).
from cadre.accreditation.views import standards as std_views  # noqa: E402

urlpatterns += [
    path("schemes/", std_views.schemes, name="schemes"),
    path("schemes/new/", std_views.scheme_create, name="scheme-create"),
    path("schemes/<int:pk>/", std_views.scheme_detail, name="scheme"),
    path("schemes/<int:pk>/edit/", std_views.scheme_edit, name="scheme-edit"),
    path("schemes/<int:pk>/levels/new/", std_views.level_create, name="level-create"),
    path("levels/<int:pk>/edit/", std_views.level_edit, name="level-edit"),
    path("levels/<int:pk>/criteria/new/", std_views.version_create, name="version-create"),
    path("criteria-versions/<int:pk>/", std_views.version_detail, name="version"),
    path("criteria-versions/<int:pk>/criteria/new/", std_views.criterion_create,
         name="criterion-create"),
    path("criteria/<int:pk>/edit/", std_views.criterion_edit, name="criterion-edit"),
    path("eligibility/", std_views.my_eligibility, name="eligibility"),
    path("people/<int:pk>/eligibility/", std_views.person_eligibility,
         name="person-eligibility"),
]

# Assessors and allocation (area 3).
from cadre.accreditation.views import allocation as alloc_views  # noqa: E402

urlpatterns += [
    path("assessors/", alloc_views.pool, name="assessors"),
    path("assessors/<int:pk>/", alloc_views.assessor, name="assessor"),
    path("rounds/<int:pk>/allocation/", alloc_views.round_allocation, name="round-allocation"),
]

# The hub and the measures (area 6).
from cadre.accreditation.views import home as home_views  # noqa: E402
from cadre.accreditation.views import measurement as measure_views  # noqa: E402

urlpatterns += [
    path("", home_views.home, name="home"),
    path("measures/", measure_views.measures, name="measures"),
]
