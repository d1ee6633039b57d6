"""Forms for pay benchmarks: choosing a role level and grade (the benchmarks page's filter),
adding a market figure and withdrawing one. The service checks every value again."""

from __future__ import annotations

from typing import Any

from django import forms

from cadre.core.forms import FilterForm, GovukDateField, GovukFormMixin
from cadre.recruitment.models.pay import MAX_MARKET_PAY, MAX_MARKET_SOURCE
from cadre.recruitment.selectors import pay as sel
from cadre.recruitment.services.pay import MAX_WITHDRAW_REASON

__all__ = ["BenchmarkFilter", "MarketFigureForm", "WithdrawForm"]


def _choices(rows: list[tuple[int, str]], empty: str) -> list[tuple[str, str]]:
    return [("", empty), *[(str(pk), name) for pk, name in rows]]


def _select(field: forms.ChoiceField) -> None:
    """Keep a long list a select (with autocomplete), never a wall of radios."""
    field.widget = forms.Select(attrs={"data-keep-select": "1", "class": "govuk-select"})
    field.widget.choices = field.choices


class BenchmarkFilter(FilterForm):
    role_level = forms.ChoiceField(label="Role level", required=False)
    grade = forms.ChoiceField(label="Grade", required=False,
                              help_text="Leave empty for every grade.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role_level"].choices = _choices(sel.role_level_choices(),
                                                     "Choose a role level")
        self.fields["grade"].choices = _choices(sel.grade_choices(), "Any grade")
        for name in ("role_level", "grade"):
            _select(self.fields[name])

    def chosen(self, name: str) -> int | None:
        value = self.value(name)
        return int(value) if value else None


class MarketFigureForm(GovukFormMixin, forms.Form):
    role_level = forms.ChoiceField(label="Role level")
    grade = forms.ChoiceField(label="Grade (optional)", required=False,
                              help_text="Leave empty when the figure is for the role level "
                                        "at any grade.")
    low = forms.IntegerField(label="Low", min_value=0, max_value=MAX_MARKET_PAY,
                             help_text="Whole pounds a year, e.g. the lower quartile of "
                                       "the source.")
    median = forms.IntegerField(label="Median", min_value=0, max_value=MAX_MARKET_PAY,
                                help_text="Whole pounds a year.")
    high = forms.IntegerField(label="High", min_value=0, max_value=MAX_MARKET_PAY,
                              help_text="Whole pounds a year, e.g. the upper quartile.")
    source = forms.CharField(label="Source", max_length=MAX_MARKET_SOURCE,
                             help_text="Where the figures come from: a salary survey, a "
                                       "report, adverts for similar roles.")
    source_date = GovukDateField(label="Date of the source",
                                 help_text="When the figures applied, for example 1 4 2026.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role_level"].choices = _choices(sel.role_level_choices(),
                                                     "Choose a role level")
        self.fields["grade"].choices = _choices(sel.grade_choices(), "Any grade")
        for name in ("role_level", "grade"):
            _select(self.fields[name])

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"role_level_id": data["role_level"], "grade_id": data.get("grade") or None,
                "low": data["low"], "median": data["median"], "high": data["high"],
                "source": data["source"], "source_date": data["source_date"]}


class WithdrawForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(label="Why withdraw it (optional)", required=False,
                             max_length=MAX_WITHDRAW_REASON, widget=forms.Textarea(
                                 attrs={"rows": 3}))
