"""API endpoints of the specialist bench, included under /api/v1/ in the ``api`` namespace."""

from django.urls import path

from cadre.bench import api as bench

urlpatterns = [
    # Specialist bench: availability windows and deployment requests.
    path("bench/windows/", bench.window_list, name="bench-window-list"),
    path("bench/windows/<int:window_id>/", bench.window_detail, name="bench-window-detail"),
    path("bench/deployments/", bench.deployment_list, name="deployment-list"),
    path("bench/deployments/<int:request_id>/", bench.deployment_detail,
         name="deployment-detail"),
    path("bench/deployments/<int:request_id>/action/", bench.deployment_action,
         name="deployment-action"),
]
