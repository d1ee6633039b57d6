from django.urls import path

from cadre.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("export/", views.person_export, name="export"),
    path("statistics/", views.statistics, name="statistics"),
    path("import/", views.person_import, name="import"),
    path("import/confirm/", views.person_import_confirm, name="import-confirm"),
    path("accounts/link/", views.link_account, name="link-account"),
    path("<int:pk>/account/unlink/", views.unlink_account, name="unlink-account"),
    path("<int:pk>/address-problem/clear/", views.clear_address_problem,
         name="clear-address-problem"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
]
