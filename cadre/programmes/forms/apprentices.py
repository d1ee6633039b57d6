"""Forms of the apprentices programme."""

from __future__ import annotations

from django import forms

from cadre.core.forms import FilterForm
from cadre.programmes.models import APPRENTICE_YEARS


class TargetYearForm(FilterForm):
    year = forms.IntegerField(
        required=False, min_value=APPRENTICE_YEARS[0], max_value=APPRENTICE_YEARS[1],
        label="Reporting year", help_text="The year from 1 April, for example 2026.")
