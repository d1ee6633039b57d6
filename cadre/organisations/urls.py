from django.urls import path

from cadre.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("import/", views.organisation_import, name="import"),
    path("import/confirm/", views.organisation_import_confirm, name="import-confirm"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/edit/", views.organisation_edit, name="edit"),
    path("changes/", views.organisation_changes, name="changes"),
    path("<int:pk>/former-names/new/", views.organisation_former_name_add,
         name="former-name-add"),
    path("<int:pk>/changes/new/", views.organisation_change_add, name="change-add"),
]
