"""Pages: the signed-in user's jobs, and one job's progress and result."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cadre.jobs import selectors
from cadre.jobs.services import open_result

PAGE_SIZE = 50


def job_list(request: HttpRequest) -> HttpResponse:
    jobs = selectors.jobs_for(request.user)
    page = Paginator(jobs, PAGE_SIZE).get_page(request.GET.get("page"))
    running = any(not job.finished for job in page.object_list)
    return render(request, "jobs/job_list.html", {"page_obj": page, "refresh": running})


def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_for(request.user, pk)
    if job is None:
        raise Http404("No such job, or not one you started.")
    return render(request, "jobs/job_detail.html", {"job": job, "refresh": not job.finished})


def job_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file a finished job made (a whole-government export), for its starter only."""
    job = selectors.job_result_for(request.user, pk)
    response = open_result(job) if job is not None else None
    if response is None:
        raise Http404("No such file, or not one of your jobs.")
    return response
