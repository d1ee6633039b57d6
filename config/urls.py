"""The root URLconf. Every name here must have an entry in config/permissions.py."""

from django.urls import include, path

urlpatterns = [
    path("", include("cadre.core.urls")),
    path("", include("cadre.access.urls")),
    path("", include("cadre.identity.urls")),
    path("organisations/", include("cadre.organisations.urls")),
    path("framework/", include("cadre.framework.urls")),
    path("people/", include("cadre.people.urls")),
    path("capability/", include("cadre.assessments.urls")),
    path("workforce/", include("cadre.workforce.urls")),
    # The four talent apps share the /talent/ prefix so their addresses did not change.
    path("talent/", include("cadre.talent.urls")),
    path("talent/", include("cadre.mobility.urls")),
    path("talent/", include("cadre.bench.urls")),
    path("talent/", include("cadre.planning.urls")),
    path("audit/", include("cadre.audit.urls")),
    path("jobs/", include("cadre.jobs.urls")),
    path("notifications/", include("cadre.notifications.urls")),
    path("", include("cadre.calendars.urls")),
    path("programmes/", include("cadre.programmes.urls")),
    path("accreditation/", include("cadre.accreditation.urls")),
    path("learning/", include("cadre.learning.urls")),
    path("xapi/", include("cadre.learning.xapi_urls")),
    path("community/", include("cadre.community.urls")),
    path("recruitment/", include("cadre.recruitment.urls")),
    path("strategy/", include("cadre.strategy.urls")),
    path("api/v1/", include("config.api_urls")),
]

# The service's own error pages (JSON under /api/), used whenever DEBUG is off.
handler400 = "cadre.core.views.bad_request"
handler403 = "cadre.core.views.permission_denied"
handler404 = "cadre.core.views.page_not_found"
handler500 = "cadre.core.views.server_error"
