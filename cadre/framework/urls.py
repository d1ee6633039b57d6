from django.urls import path

from cadre.framework import views

app_name = "framework"
urlpatterns = [
    path("", views.framework_home, name="home"),
    path("search/", views.search, name="search"),
    path("compare/", views.compare, name="compare"),
    path("paths/", views.career_path, name="path"),
    path("versions/", views.versions, name="versions"),
    path("versions/diff/", views.version_diff, name="diff"),
    path("versions/<int:pk>/export/", views.framework_export, name="export"),
    path("role-levels/<int:pk>/", views.role_level_detail, name="role-level"),
    path("role-levels/<int:pk>/profile/", views.role_profile, name="role-profile"),
    path("roles/<int:pk>/order/", views.level_order, name="level-order"),
    path("skills/<int:pk>/", views.skill_detail, name="skill"),
]
