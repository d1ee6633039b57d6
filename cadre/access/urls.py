from django.urls import path

from cadre.access import views

app_name = "access"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    # Setting or resetting a password by email: Django's own views (ADR 23).
    path("password/", views.PasswordEmailView.as_view(), name="password-email"),
    path("password/sent/", views.PasswordEmailSentView.as_view(), name="password-email-sent"),
    path("password/set/<uidb64>/<token>/", views.PasswordSetView.as_view(),
         name="password-set"),
    path("password/done/", views.PasswordSetDoneView.as_view(), name="password-set-done"),
    path("accounts/", views.account_list, name="accounts"),
    path("accounts/new/", views.account_create, name="account-create"),
    path("accounts/<int:pk>/", views.account_detail, name="account"),
    path("accounts/<int:pk>/active/", views.account_set_active, name="account-active"),
    path("roles/<int:pk>/revoke/", views.role_revoke, name="role-revoke"),
]
