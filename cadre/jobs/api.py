"""API: the caller's own jobs, read-only."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.jobs import selectors
from cadre.jobs.models import Job


class JobSerializer(serializers.ModelSerializer):
    duration_seconds = serializers.FloatField(allow_null=True, read_only=True)

    class Meta:
        model = Job
        fields = ["id", "kind", "title", "state", "progress", "progress_note",
                  "result_summary", "result", "result_url", "error", "created_at",
                  "started_at", "finished_at", "duration_seconds"]
        read_only_fields = fields


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
