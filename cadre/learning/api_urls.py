"""Learning supply API (under /api/v1/learning/); every name is in config/permissions.py.
Each area adds its own block below."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
