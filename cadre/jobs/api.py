"""API: the caller's own jobs, read-only."""

from __future__ import annotations

from django.http import FileResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.exports import CONTENT_TYPES
from cadre.jobs import selectors
from cadre.jobs.models import Job
from cadre.jobs.services import open_result

#: The file a job made is one of the export formats.
_FILE_RESPONSES = {(200, content_type.split(";")[0]): OpenApiResponse(
    response=OpenApiTypes.BINARY, description="The file the job made, as an attachment.")
    for content_type in CONTENT_TYPES.values()}


class JobSerializer(serializers.ModelSerializer):
    duration_seconds = serializers.FloatField(allow_null=True, read_only=True)
    download_url = serializers.SerializerMethodField(
        help_text="Where the file the job made is downloaded (its starter only); "
                  "empty when it made none.")

    def get_download_url(self, job: Job) -> str:
        if job.state != Job.State.SUCCEEDED or not job.result_file:
            return ""
        return reverse("api:job-download", args=[job.pk])

    class Meta:
        model = Job
        fields = ["id", "kind", "title", "state", "progress", "progress_note",
                  "result_summary", "result", "result_url", "download_url", "error", "created_at",
                  "started_at", "finished_at", "duration_seconds"]
        read_only_fields = fields


class JobStartedSerializer(serializers.Serializer):
    """The answer (202) of an endpoint that started a background job."""

    job = serializers.IntegerField(help_text="The job's id.")
    state = serializers.CharField(help_text="The job's state when the answer was sent.")
    url = serializers.CharField(help_text="The job in the API: poll it for the result.")
    page = serializers.CharField(help_text="The job's page.")


def job_started(job: Job) -> Response:
    """202 Accepted for ``job``, with its API URL in the body and the ``Location`` header."""
    job.refresh_from_db(fields=["state"])  # the immediate backend has run it already
    url = reverse("api:job-detail", args=[job.pk])
    return Response({"job": job.pk, "state": job.state, "url": url,
                     "page": reverse("jobs:detail", args=[job.pk])},
                    status=202, headers={"Location": url})


@paginated_list
@extend_schema(responses=JobSerializer(many=True))
@api_view(["GET"])
def job_list(request: Request) -> Response:
    """Jobs the caller started, newest first."""
    return paginated_response(request, selectors.jobs_for(request.user), JobSerializer)


@extend_schema(responses={200: JobSerializer, 404: OpenApiResponse(description="Not yours")})
@api_view(["GET"])
def job_detail(request: Request, pk: int) -> Response:
    """One job the caller started: state, progress, and its result or why it failed."""
    job = selectors.job_for(request.user, pk)
    if job is None:
        raise NotFound("No such job, or not one you started.")
    return Response(JobSerializer(job).data)


@extend_schema(responses=_FILE_RESPONSES)
@api_view(["GET"])
def job_download(request: Request, pk: int) -> FileResponse:
    """The file a finished job made (a whole-government export); only its starter gets it,
    anyone else a 404 as for a job with no file."""
    job = selectors.job_result_for(request.user, pk)
    response = open_result(job) if job is not None else None
    if response is None:
        raise NotFound("No such file, or not one of your jobs.")
    return response
