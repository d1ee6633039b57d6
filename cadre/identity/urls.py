from django.urls import path

from cadre.identity import views

app_name = "identity"
urlpatterns = [
    path("sign-in/provider/callback/", views.callback, name="callback"),
    # Administrators: local passwords per organisation (beside the accounts pages).
    path("accounts/sign-in/", views.sign_in_rules, name="organisations"),
    path("accounts/sign-in/<int:pk>/", views.sign_in_rule, name="organisation"),
]
