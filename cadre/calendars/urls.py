from django.urls import path

from cadre.calendars import views

app_name = "calendars"
urlpatterns = [
    path("calendar/", views.feed, name="feed"),
    path("calendar/<str:token>.ics", views.ics, name="ics"),
]
