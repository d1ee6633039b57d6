"""The xAPI learning record endpoint (namespace ``xapi``, under /xapi/): providers send
statements with Basic auth; every name is in config/permissions.py."""

from django.urls import path  # noqa: F401

from cadre.learning.views import xapi as views

app_name = "xapi"
urlpatterns: list = [
    # xapi (area 7): PUBLIC in the permission map; the views check Basic auth themselves
    # (learning.views.xapi says why the middlewares let them through).
    path("statements", views.statements, name="statements"),
    path("about", views.about, name="about"),
]
