"""Pages of the specialist bench (namespace ``bench``, under /talent/); every name is in
config/permissions.py."""

from django.urls import path

from cadre.bench import views as bench

app_name = "bench"
urlpatterns = [
    # Specialist bench.
    path("bench/", bench.bench, name="bench"),
    path("bench/people/<int:pk>/", bench.specialist, name="bench-specialist"),
    path("bench/people/<int:pk>/request/", bench.request_new, name="bench-request-new"),
    path("bench/windows/<int:pk>/delete/", bench.window_delete, name="bench-window-delete"),
    path("bench/requests/", bench.my_requests, name="bench-requests"),
    path("bench/requests/<int:pk>/", bench.request_detail, name="bench-request"),
    path("bench/export/", bench.export, name="bench-export"),
]
