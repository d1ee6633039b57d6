from django.urls import path

from cadre.notifications import views

app_name = "notifications"
urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:pk>/", views.message_detail, name="message"),
]
