"""Forms for strategic suppliers: a supplier, a framework version, a criterion, a period,
the scores of one buying organisation for one period (one radio group per criterion, with
the criterion's words for each score), a plan action and a move of its status (GOV.UK
components through ``GovukFormMixin``). The services check every value again."""

from __future__ import annotations

from typing import Any

from django import forms

from cadre.core.forms import FilterForm, GovukDateField, GovukFormMixin
from cadre.organisations.models import Organisation
from cadre.strategy.models import (
    MAX_ACTION_DESCRIPTION,
    MAX_ACTION_TITLE,
    MAX_CRITERION_DESCRIPTION,
    MAX_CRITERION_NAME,
    MAX_PERIOD_LABEL,
    MAX_SCALE,
    MAX_SCORE_COMMENT,
    MAX_SUPPLIER_DESCRIPTION,
    MAX_SUPPLIER_NAME,
    MAX_VERSION_LABEL,
    MAX_WEIGHT,
    MIN_SCALE,
    ActionStatus,
    AssessmentCriterion,
    AssessmentPeriod,
    AssessmentVersion,
    SupplierScore,
)


class SupplierForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=MAX_SUPPLIER_NAME, label="Name")
    company_number = forms.CharField(
        max_length=8, required=False, label="Companies House number (optional)",
        help_text="8 digits, or 2 letters and 6 digits, for example 01234567 or SC123456.")
    description = forms.CharField(max_length=MAX_SUPPLIER_DESCRIPTION, required=False,
                                  widget=forms.Textarea, label="Description (optional)")
    plan_summary = forms.CharField(max_length=MAX_SUPPLIER_DESCRIPTION, required=False,
                                   widget=forms.Textarea,
                                   label="What the performance plan is for (optional)")
    active = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")], initial="yes",
                               label="Is it a strategic supplier now?")
    #: The supplier's version when the form was opened (editing): a change saved meanwhile
    #: is refused, not overwritten with this form's older words.
    version = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"name": data["name"], "company_number": data["company_number"] or "",
                "description": data["description"] or "",
                "plan_summary": data["plan_summary"] or "",
                "active": data["active"] == "yes"}


class VersionForm(GovukFormMixin, forms.Form):
    label = forms.CharField(max_length=MAX_VERSION_LABEL, label="Label for the new version",
                            help_text="For example, 2027 framework.")
    copy_latest = forms.ChoiceField(
        choices=[("yes", "Yes, start from the latest version's criteria"),
                 ("no", "No, start with no criteria")], initial="yes",
        label="Copy the latest version's criteria?")


class CriterionForm(GovukFormMixin, forms.Form):
    version = forms.ModelChoiceField(queryset=AssessmentVersion.objects.none(),
                                     label="Framework version",
                                     empty_label="Choose a version")
    name = forms.CharField(max_length=MAX_CRITERION_NAME, label="Criterion")
    description = forms.CharField(max_length=MAX_CRITERION_DESCRIPTION, required=False,
                                  widget=forms.Textarea, label="What it looks at (optional)")
    weight = forms.IntegerField(min_value=1, max_value=MAX_WEIGHT, label="Weight",
                                help_text=f"1 to {MAX_WEIGHT}: how much it counts in the "
                                          "overall score against the other criteria.")
    scale_max = forms.IntegerField(min_value=MIN_SCALE, max_value=MAX_SCALE, initial=5,
                                   label="Top of the scale",
                                   help_text=f"Scores run from 1 to this ({MIN_SCALE} to "
                                             f"{MAX_SCALE}).")
    descriptors = forms.CharField(
        widget=forms.Textarea, max_length=MAX_SCALE * 202, label="Words for each score",
        help_text="One line for each score, lowest first: for example Very poor, Poor, "
                  "Adequate, Good, Excellent.")

    def __init__(self, *args: Any, versions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if versions is not None:
            self.fields["version"].queryset = versions


class PeriodForm(GovukFormMixin, forms.Form):
    label = forms.CharField(max_length=MAX_PERIOD_LABEL, label="Label",
                            help_text="For example, 2026 to 2027.")
    starts_on = GovukDateField(label="First day")
    ends_on = GovukDateField(label="Last day")
    version = forms.ModelChoiceField(queryset=AssessmentVersion.objects.order_by("-number"),
                                     label="Framework version scored against",
                                     empty_label="Choose a version")


class ScoreChoiceForm(FilterForm):
    """Which period and organisation to score (read from the query string)."""

    filtering = False

    period = forms.ModelChoiceField(queryset=AssessmentPeriod.objects.order_by("-starts_on"),
                                    required=False, label="Period",
                                    empty_label="Choose a period")
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          required=False, label="Buying organisation",
                                          empty_label="Choose an organisation")

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class ScoresForm(GovukFormMixin, forms.Form):
    """One radio group and comment per criterion; the version read rides in a hidden
    field so a change made by someone else in between is refused, not overwritten."""

    def __init__(self, *args: Any, criteria: list[AssessmentCriterion],
                 current: dict[int, SupplierScore], **kwargs: Any) -> None:
        initial: dict[str, Any] = {}
        fields: dict[str, forms.Field] = {}
        for criterion in criteria:
            row = current.get(criterion.pk)
            initial[f"criterion_{criterion.pk}"] = str(row.score) if row else ""
            initial[f"comment_{criterion.pk}"] = row.comment if row else ""
            initial[f"version_{criterion.pk}"] = row.version if row else 0
            choices = [(str(n), f"{n}: {criterion.words_for(n)}")
                       for n in range(1, criterion.scale_max + 1)]
            fields[f"criterion_{criterion.pk}"] = forms.ChoiceField(
                choices=choices, required=False, widget=forms.RadioSelect,
                label=criterion.name,
                help_text=f"Weight {criterion.weight}. {criterion.description} Leave it "
                          "blank to keep the score as it is.".replace("  ", " "))
            fields[f"comment_{criterion.pk}"] = forms.CharField(
                max_length=MAX_SCORE_COMMENT, required=False, widget=forms.Textarea,
                label=f"Comment on {criterion.name} (optional)")
            fields[f"version_{criterion.pk}"] = forms.IntegerField(
                min_value=0, required=False, widget=forms.HiddenInput)
        # Declared before the form is built, so the GOV.UK conversions apply to them too.
        self.base_fields = fields
        super().__init__(*args, initial=initial, **kwargs)
        self.criteria = criteria

    def entries(self) -> list[dict[str, Any]]:
        """The scores given (criteria left blank are left alone)."""
        data = self.cleaned_data
        out = []
        for criterion in self.criteria:
            score = data.get(f"criterion_{criterion.pk}")
            if not score:
                continue
            out.append({"criterion": criterion, "score": score,
                        "comment": data.get(f"comment_{criterion.pk}") or "",
                        "version": data.get(f"version_{criterion.pk}")})
        return out


class ActionForm(GovukFormMixin, forms.Form):
    title = forms.CharField(max_length=MAX_ACTION_TITLE, label="Action")
    description = forms.CharField(max_length=MAX_ACTION_DESCRIPTION, required=False,
                                  widget=forms.Textarea, label="Details (optional)")
    owner_organisation = forms.ModelChoiceField(queryset=Organisation.objects.order_by("name"),
                                                label="Owning organisation",
                                                empty_label="Choose an organisation")
    owner_person = forms.CharField(
        max_length=100, required=False, label="Named owner (optional)",
        help_text="Their organisation's abbreviation and staff number, for example "
                  "DWP/123456. They must work in the owning organisation.")
    due_on = GovukDateField(label="Due date")


class MoveForm(GovukFormMixin, forms.Form):
    to = forms.ChoiceField(choices=ActionStatus.choices, label="New status")
    reason = forms.CharField(max_length=500, required=False, label="Why (optional)")

    def __init__(self, *args: Any, allowed: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["to"].choices = [(k, v) for k, v in ActionStatus.choices
                                         if k in allowed]


__all__ = ["ActionForm", "CriterionForm", "MoveForm", "PeriodForm", "ScoreChoiceForm",
           "ScoresForm", "SupplierForm", "VersionForm"]
