"""The xAPI learning record endpoint (namespace ``xapi``, under /xapi/): providers send
statements with Basic auth; every name is in config/permissions.py."""

from django.urls import path  # noqa: F401

app_name = "xapi"
urlpatterns: list = []
