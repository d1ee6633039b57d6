from django.urls import path

from cadre.calendars import api

urlpatterns = [
    path("calendar-feed/", api.calendar_feed, name="calendar-feed"),
]
