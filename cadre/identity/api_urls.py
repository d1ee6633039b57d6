from django.urls import path

from cadre.identity import api

urlpatterns = [
    path("identity/organisations/<int:organisation_id>/sign-in/", api.organisation_sign_in,
         name="identity-organisation-sign-in"),
]
