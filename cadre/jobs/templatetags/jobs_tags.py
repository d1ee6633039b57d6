"""``{% jobs_panel %}``: the signed-in user's running and failed jobs, for the home page."""

from __future__ import annotations

from typing import Any

from django import template

from cadre.jobs import selectors

register = template.Library()


@register.inclusion_tag("jobs/includes/home_panel.html", takes_context=True)
def jobs_panel(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"jobs": selectors.home_jobs(user) if user is not None else []}
