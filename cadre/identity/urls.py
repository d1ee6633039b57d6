from django.urls import path

from cadre.identity import views

app_name = "identity"
urlpatterns = [
    path("sign-in/provider/callback/", views.callback, name="callback"),
]
