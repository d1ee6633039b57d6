"""Background tasks of the recruitment app (django-tasks, ADR 30). Each area adds its own."""

from __future__ import annotations

from django_tasks import task


# applications (area 2): deleting applicants' personal data after the retention period.
@task()
def delete_expired_applicant_data(today: str | None = None) -> dict[str, object]:
    """Erase the personal data of the candidates of every campaign whose retention period
    has passed (``services.applications.purge_expired``, as the system), on ``today``
    (YYYY-MM-DD; None: the local date). Run daily from a timer with
    ``cadre recruitment applications purge`` (cron), or queued with its ``--enqueue``."""
    import datetime as dt

    from django.utils import timezone

    from cadre.core.actor import Actor
    from cadre.recruitment.services.applications import purge_expired

    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return purge_expired(actor=Actor.system(), today=day).as_dict()


# reserve (area 5): ending reserve list entries after their 12 months.
@task()
def expire_reserve_entries(today: str | None = None) -> dict[str, object]:
    """Expire every reserve list entry past its 12 months (``services.reserve.
    expire_entries``, as the system), on ``today`` (YYYY-MM-DD; None: the local date). Run
    daily from a timer with ``cadre recruitment reserve expire`` (cron), or queued with its
    ``--enqueue``."""
    import datetime as dt

    from django.utils import timezone

    from cadre.core.actor import Actor
    from cadre.recruitment.services.reserve import expire_entries

    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return expire_entries(actor=Actor.system(), today=day).as_dict()
