"""Apprentices pages: the apprentices, standards, cohorts and industry partners an account
sees, and each organisation's starts against the 2.3% target."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cadre.core.forms import status_for
from cadre.programmes.forms.apprentices import TargetYearForm
from cadre.programmes.selectors import apprentices as sel


def apprentices(request: HttpRequest) -> HttpResponse:
    """Apprentices in scope with their standard, cohort and state; the standards, cohorts and
    industry partners (who hold no one's data)."""
    return render(request, "programmes/apprentices.html", {
        "apprentices": sel.visible_apprentices(request.user).prefetch_related(
            "placements__host_organisation", "placements__industry_partner", "epa_attempts"),
        "standards": sel.visible_standards(request.user),
        "cohorts": sel.visible_cohorts(request.user),
        "partners": sel.visible_partners(request.user),
    })


def target(request: HttpRequest) -> HttpResponse:
    """Each organisation's new apprentice starts against 2.3% of its headcount at the start
    of the reporting year (the central team: every organisation; heads of profession:
    theirs)."""
    form = TargetYearForm(request.GET)
    today = timezone.localdate()
    default = today.year if today.month >= 4 else today.year - 1
    year = form.value("year") or default
    return render(request, "programmes/apprenticeship_target.html", {
        "form": form, "year": year, "rows": sel.apprenticeship_target(request.user, year),
    }, status=status_for(form))
