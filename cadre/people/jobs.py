"""People work run as background jobs (cadre/jobs): the people import, and the export
across government."""

from __future__ import annotations

from django.urls import reverse

from cadre.core.tabular import read_table
from cadre.jobs.registry import JobContext, JobFailed, JobOutcome, job_runner
from cadre.organisations.models import Organisation
from cadre.people import services
from cadre.people.imports import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from cadre.people.selectors import manageable_organisation_ids, person_list


@job_runner("people-import")
def import_people(ctx: JobContext, *, organisation_id: int, filename: str) -> JobOutcome:
    """Import a previewed people file (``services.import_people``), all or nothing."""
    ids = manageable_organisation_ids(ctx.actor)
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or (ids is not None and organisation_id not in ids):
        raise JobFailed("You no longer manage that organisation's people.")
    if ctx.data is None:
        raise JobFailed("The uploaded file is missing; upload it again.")
    ctx.progress(5, "Reading, checking and writing the file")
    table = read_table(ctx.data, filename=filename, required=REQUIRED_COLUMNS,
                       optional=OPTIONAL_COLUMNS)
    result = services.import_people(actor=ctx.actor, organisation=organisation, table=table,
                                    filename=filename)
    return JobOutcome(
        summary=(f"Imported {filename} into {organisation.abbreviation}: {result.created} "
                 f"added, {result.updated} changed, {result.unchanged} unchanged."),
        data={"created": result.created, "updated": result.updated,
              "unchanged": result.unchanged},
        url=f"{reverse('people:list')}?organisation={organisation.pk}",
    )


@job_runner("people-export")
def export_people(ctx: JobContext, *, fmt: str, description: str, filename: str,
                  filters: dict[str, object]) -> JobOutcome:
    """The people export across government (``services.export_people``), kept as the job's
    file. The rows are read when the job runs, in the starter's scope at that time."""
    ctx.progress(5, "Reading and writing the people")
    people = person_list(user=ctx.actor, **filters)  # type: ignore[arg-type]
    export = services.export_people(actor=ctx.actor, people=people, fmt=fmt,
                                    description=description, filename=filename)
    ctx.save_result(content=export.content, filename=export.filename,
                    content_type=export.content_type)
    return JobOutcome(summary=f"Exported {export.rows} people ({fmt.upper()}).",
                      data={"rows": export.rows, "format": fmt})
