from django.urls import path

from cadre.notifications import api

urlpatterns = [
    path("notifications/preferences/", api.preferences, name="notification-preferences"),
    path("notifications/messages/", api.message_list, name="notification-message-list"),
]
