"""Learning supply pages (namespace ``learning``, under /learning/); every name is in
config/permissions.py. Each area adds its own block below."""

from django.urls import path  # noqa: F401

app_name = "learning"
urlpatterns: list = []
