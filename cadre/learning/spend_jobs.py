"""Learning spend imports run as background jobs (cadre/jobs), started from the pages."""

from __future__ import annotations

from django.urls import reverse

from cadre.jobs.registry import JobContext, JobFailed, JobOutcome, job_runner
from cadre.learning.selectors import spend as sel
from cadre.learning.services import spend as services


@job_runner("learning-spend-import")
def import_spend(ctx: JobContext, *, organisation_id: int, filename: str,
                 mapping: dict[str, str], mapping_name: str | None = None) -> JobOutcome:
    """Import a checked spend file (``services.spend.import_spend``), all or nothing."""
    organisation = sel.spend_organisations(ctx.actor).filter(pk=organisation_id).first()
    if organisation is None:
        raise JobFailed("You no longer keep that organisation's learning spend.")
    if ctx.data is None:
        raise JobFailed("The uploaded file is missing; upload it again.")
    ctx.progress(5, "Reading and matching the spend lines")
    result = services.import_spend(actor=ctx.actor, organisation=organisation, data=ctx.data,
                                   filename=filename, mapping=mapping,
                                   mapping_name=mapping_name or None)
    return JobOutcome(
        summary=(f"Imported {filename} into {organisation.abbreviation}: {result.rows} lines, "
                 f"{result.to_review} waiting for review, {result.duplicates} possible "
                 "duplicates."),
        data={"spend_import": result.spend_import.pk, "rows": result.rows,
              "to_review": result.to_review, "duplicates": result.duplicates},
        url=reverse("learning:spend-import", args=[result.spend_import.pk]),
    )
