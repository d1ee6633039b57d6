"""Workforce work run as background jobs (cadre/jobs): extract imports, classification, and
the workforce picture across government as a file."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from cadre.access.rules import AGGREGATES
from cadre.jobs.registry import JobContext, JobFailed, JobOutcome, job_runner
from cadre.workforce import selectors_picture, services
from cadre.workforce.exports_picture import export_picture
from cadre.workforce.selectors import managed_organisations
from cadre.workforce.services_review import classify_organisation


def _organisation(ctx: JobContext, organisation_id: int):  # noqa: ANN202
    """The organisation, if the starter still manages it when the job runs."""
    organisation = managed_organisations(ctx.actor).filter(pk=organisation_id).first()
    if organisation is None:
        raise JobFailed("You no longer manage that organisation's workforce data.")
    return organisation


@job_runner("workforce-extract")
def import_extract(ctx: JobContext, *, organisation_id: int, filename: str,
                   mapping: dict[str, str], taken_on: str,
                   mapping_name: str | None = None) -> JobOutcome:
    """Import a previewed HR extract (``services.import_extract``), all or nothing."""
    organisation = _organisation(ctx, organisation_id)
    if ctx.data is None:
        raise JobFailed("The uploaded file is missing; upload it again.")
    # The same call as ``cadre workforce import``; progress is noted at each stage only.
    result = services.import_extract(
        actor=ctx.actor, organisation=organisation, data=ctx.data, filename=filename,
        mapping=mapping, mapping_name=mapping_name or None,
        taken_on=dt.date.fromisoformat(taken_on), progress=ctx.progress,
    )
    counts = {"rows": result.rows, "joiners": result.joiners, "leavers": result.leavers,
              "changed": result.changed, "unchanged": result.unchanged}
    return JobOutcome(
        summary=(f"Imported {filename} into {organisation.abbreviation}: "
                 f"{result.joiners} joiners, {result.leavers} leavers, "
                 f"{result.changed} changed, {result.unchanged} unchanged."),
        data={"extract": result.extract.pk, **counts},
        url=reverse("workforce:extract", args=[result.extract.pk]),
    )


@job_runner("workforce-classify")
def classify(ctx: JobContext, *, organisation_id: int) -> JobOutcome:
    """Classify the job titles of an organisation's current people."""
    organisation = _organisation(ctx, organisation_id)
    ctx.progress(5, "Classifying job titles")
    count = classify_organisation(actor=ctx.actor, organisation=organisation)
    return JobOutcome(
        summary=f"Classified the job titles of {count} people in {organisation.name}.",
        data={"people": count},
        url=f"{reverse('workforce:review-queue')}?organisation={organisation.pk}",
    )


@job_runner("workforce-picture-export")
def export_government_picture(ctx: JobContext, *, fmt: str, filename: str,
                              key: str | None = None) -> JobOutcome:
    """The workforce picture across government (counts below 5 hidden) as the job's file:
    every table in long form, or the one named by ``key``."""
    if not AGGREGATES.allows(ctx.actor):  # roles may have changed since the job started
        raise JobFailed("You may no longer see the workforce picture across government.")
    ctx.progress(5, "Working out the picture across government")
    tables = selectors_picture.government_picture()
    if key is not None and key not in {t.key for t in tables}:
        raise JobFailed(f"No table '{key}'; choose one of: "
                        f"{', '.join(t.key for t in tables)}.")
    export = export_picture(actor=ctx.actor, tables=tables, fmt=fmt,
                            subject="across government", key=key, target=None,
                            suppressed=True, filename=filename)
    ctx.save_result(content=export.content, filename=export.filename,
                    content_type=export.content_type)
    return JobOutcome(
        summary=f"Made the workforce picture across government ({fmt.upper()}, "
                f"{key or 'all tables'}).",
        data={"rows": export.rows, "format": fmt, "table": key or "all"},
        url=reverse("workforce:picture-government"))
