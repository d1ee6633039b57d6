from django.urls import path

from cadre.core import views, views_definitions

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("definitions", views_definitions.definitions, name="definitions"),
]
