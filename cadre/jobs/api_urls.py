from django.urls import path

from cadre.jobs import api

urlpatterns = [
    path("jobs/", api.job_list, name="job-list"),
    path("jobs/<int:pk>/", api.job_detail, name="job-detail"),
    path("jobs/<int:pk>/download/", api.job_download, name="job-download"),
]
