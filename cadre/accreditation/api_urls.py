"""Accreditation API (under /api/v1/accreditation/); every name is in config/permissions.py."""

from django.urls import path  # noqa: F401

from cadre.accreditation.api import credentials as cred_api

urlpatterns: list = []

# credentials (area 5)
urlpatterns += [
    path("accreditation/credentials/", cred_api.credential_list,
         name="accreditation-credential-list"),
    path("accreditation/credentials/<uuid:public_id>/", cred_api.credential_detail,
         name="accreditation-credential-detail"),
    path("accreditation/credentials/<uuid:public_id>/status/", cred_api.credential_status,
         name="accreditation-credential-status"),
]

# CPD (area 6)
from cadre.accreditation.api import cpd as cpd_api  # noqa: E402

urlpatterns += [
    path("accreditation/cpd/", cpd_api.cpd_list, name="accreditation-cpd-list"),
    path("accreditation/cpd/<int:pk>/", cpd_api.cpd_detail, name="accreditation-cpd-detail"),
]

# applications and rounds (area 2)
from cadre.accreditation.api import applications as apps_api  # noqa: E402

urlpatterns += [
    path("accreditation/applications/", apps_api.application_list,
         name="accreditation-application-list"),
    path("accreditation/applications/<int:application_id>/", apps_api.application_detail,
         name="accreditation-application-detail"),
    path("accreditation/applications/<int:application_id>/statements/",
         apps_api.application_statements, name="accreditation-application-statements"),
    path("accreditation/applications/<int:application_id>/evidence/",
         apps_api.application_evidence, name="accreditation-application-evidence"),
    path("accreditation/applications/<int:application_id>/supporter/",
         apps_api.application_supporter, name="accreditation-application-supporter"),
    path("accreditation/applications/<int:application_id>/support/",
         apps_api.application_support, name="accreditation-application-support"),
    path("accreditation/applications/<int:application_id>/transition/",
         apps_api.application_transition, name="accreditation-application-transition"),
    path("accreditation/rounds/", apps_api.round_list, name="accreditation-round-list"),
    path("accreditation/rounds/<int:round_id>/", apps_api.round_detail,
         name="accreditation-round-detail"),
    path("accreditation/rounds/<int:round_id>/transition/", apps_api.round_transition,
         name="accreditation-round-transition"),
]

# Assessment, panel decisions and appeals (area 4)
from cadre.accreditation.api import assessment as score_api  # noqa: E402

urlpatterns += [
    path("accreditation/allocations/", score_api.allocation_list,
         name="accreditation-allocation-list"),
    path("accreditation/allocations/<int:allocation_id>/scores/", score_api.allocation_scores,
         name="accreditation-allocation-scores"),
    path("accreditation/allocations/<int:allocation_id>/submit/", score_api.allocation_submit,
         name="accreditation-allocation-submit"),
    path("accreditation/applications/<int:application_id>/decision/",
         score_api.application_decision, name="accreditation-application-decision"),
    path("accreditation/applications/<int:application_id>/appeal/",
         score_api.application_appeal, name="accreditation-application-appeal"),
    path("accreditation/applications/<int:application_id>/appeal/decision/",
         score_api.appeal_decision, name="accreditation-appeal-decision"),
]

# standards and eligibility (area 1)
from cadre.accreditation.api import standards as std_api  # noqa: E402

urlpatterns += [
    path("accreditation/schemes/", std_api.scheme_list, name="accreditation-scheme-list"),
    path("accreditation/schemes/<int:scheme_id>/", std_api.scheme_detail,
         name="accreditation-scheme-detail"),
    path("accreditation/schemes/<int:scheme_id>/levels/", std_api.scheme_levels,
         name="accreditation-scheme-levels"),
    path("accreditation/levels/<int:level_id>/criteria-versions/", std_api.level_versions,
         name="accreditation-level-versions"),
    path("accreditation/criteria-versions/<int:version_id>/", std_api.version_detail,
         name="accreditation-version-detail"),
    path("accreditation/criteria-versions/<int:version_id>/criteria/",
         std_api.version_criteria, name="accreditation-version-criteria"),
    path("accreditation/criteria-versions/<int:version_id>/publish/", std_api.version_publish,
         name="accreditation-version-publish"),
    path("accreditation/eligibility/", std_api.eligibility, name="accreditation-eligibility"),
]

# Assessors and allocation (area 3)
from cadre.accreditation.api import allocation as alloc_api  # noqa: E402

urlpatterns += [
    path("accreditation/assessors/", alloc_api.assessor_list,
         name="accreditation-assessor-list"),
    path("accreditation/assessors/<int:assessor_id>/", alloc_api.assessor_detail,
         name="accreditation-assessor-detail"),
    path("accreditation/assessors/<int:assessor_id>/conflicts/", alloc_api.assessor_conflicts,
         name="accreditation-assessor-conflicts"),
    path("accreditation/rounds/<int:round_id>/allocation/", alloc_api.round_allocation,
         name="accreditation-round-allocation"),
]

# Measures (area 6)
from cadre.accreditation.api import measurement as measure_api  # noqa: E402

urlpatterns += [
    path("accreditation/measures/", measure_api.measures, name="accreditation-measures"),
]
