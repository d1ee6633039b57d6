"""Recruitment pages (namespace ``recruitment``, under /recruitment/); every name is in
config/permissions.py. Each area adds its own block below."""

from django.urls import path  # noqa: F401

app_name = "recruitment"
urlpatterns: list = []

# home (lead): the hub.
from cadre.recruitment.views import home  # noqa: E402

urlpatterns += [path("", home.home, name="home")]

# campaigns: entries for this area go below this line.

# applications: entries for this area go below this line.

# panels: entries for this area go below this line.

# pay: entries for this area go below this line.

# reserve: entries for this area go below this line.

# outcomes: entries for this area go below this line.
