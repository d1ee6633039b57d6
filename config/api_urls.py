"""Every API endpoint, under /api/v1/ (namespace ``api``)."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path
from rest_framework.routers import DefaultRouter

from cadre.access.api import me
from cadre.assessments.api import (
    RoundViewSet,
    add_objective,
    agree_plan,
    person_capability,
    round_items,
    send_back_round,
    set_profile,
    start_round,
)
from cadre.audit.api import AuditEventViewSet
from cadre.core.api_docs import DocsView, SchemaView
from cadre.framework.api import (
    FrameworkViewSet,
    RoleLevelViewSet,
    SkillMappingViewSet,
    SkillViewSet,
    career_path,
)
from cadre.organisations.api import GradeViewSet, OrganisationViewSet, UnitViewSet
from cadre.people.api import PersonViewSet, account_link

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("grades", GradeViewSet, basename="grade")
router.register("units", UnitViewSet, basename="unit")
router.register("people", PersonViewSet, basename="person")
router.register("frameworks", FrameworkViewSet, basename="framework")
router.register("role-levels", RoleLevelViewSet, basename="role-level")
router.register("skills", SkillViewSet, basename="skill")
router.register("skill-mappings", SkillMappingViewSet, basename="skill-mapping")
router.register("audit-events", AuditEventViewSet, basename="audit-event")
router.register("assessment-rounds", RoundViewSet, basename="assessment-round")

app_name = "api"
urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file, so no inline
    # script is needed; Swagger UI sets inline styles, allowed on this page only.
    path(
        "docs/",
        csp_update({"style-src": [UNSAFE_INLINE]})(
            DocsView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    path("me/", me, name="me"),
    path("account-links/", account_link, name="account-link"),
    path("career-path/", career_path, name="career-path"),
    path("capability/<int:person_id>/", person_capability, name="capability"),
    path("capability/<int:person_id>/profile/", set_profile, name="capability-profile"),
    path("capability/<int:person_id>/rounds/", start_round, name="capability-start-round"),
    path("capability/<int:person_id>/objectives/", add_objective,
         name="capability-objectives"),
    path("capability/<int:person_id>/plan/agree/", agree_plan, name="capability-agree-plan"),
    path("assessment-rounds/<int:round_id>/items/", round_items, name="assessment-round-items"),
    path("assessment-rounds/<int:round_id>/send-back/", send_back_round,
         name="assessment-round-send-back"),
    path("", include("cadre.jobs.api_urls")),
    path("", include("cadre.notifications.api_urls")),
    path("", include("cadre.identity.api_urls")),
    path("", include("cadre.workforce.api_urls")),
    path("", include("cadre.mobility.api_urls")),
    path("", include("cadre.talent.api_urls")),
    path("", include("cadre.bench.api_urls")),
    path("", include("cadre.planning.api_urls")),
    path("", include("cadre.calendars.api_urls")),
    path("", include("cadre.programmes.api_urls")),
    path("", include("cadre.accreditation.api_urls")),
    path("", include("cadre.learning.api_urls")),
    path("", include("cadre.community.api_urls")),
    path("", include("cadre.recruitment.api_urls")),
    path("", include("cadre.strategy.api_urls")),
    path("", include(router.urls)),
]
