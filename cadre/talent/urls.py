"""Pages of the talent app (namespace ``talent``); every name is in config/permissions.py."""

from django.urls import path  # noqa: F401

app_name = "talent"
urlpatterns: list = []
