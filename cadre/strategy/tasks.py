"""Background tasks of the strategy app (django-tasks, ADR 30). Each area adds its own."""

from __future__ import annotations

from django_tasks import task


# metrics (area 3): computing the metric values for a period.
@task()
def compute_strategy_metrics(period: str | None = None,
                             keys: list[str] | None = None) -> dict[str, object]:
    """Compute every computed metric (or those named in ``keys``) for ``period`` (a label;
    None: the financial year running today) as the system, and store the values; the
    figures of the run. Queued from the metrics page; run on a schedule with
    ``cadre strategy compute-metrics`` (cron), which does the same in the foreground."""
    from cadre.core.actor import Actor
    from cadre.strategy.selectors import metrics as sel
    from cadre.strategy.services.metrics import compute_metrics

    chosen = sel.as_period(period) if period else sel.current_financial_year()
    return compute_metrics(actor=Actor.system(), period=chosen, keys=keys).as_dict()
