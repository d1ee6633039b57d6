"""Pages of the workforce app (namespace ``workforce``); every name is in config/permissions.py."""

from django.urls import path  # noqa: F401

app_name = "workforce"
urlpatterns: list = []
