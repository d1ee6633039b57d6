"""Forms of the standards pages: schemes, levels, criteria versions and criteria (the
scheme runners' pages). Limits are the services' (docs/limits.md)."""

from __future__ import annotations

from django import forms

from cadre.accreditation.models import (
    MAX_APPEAL_DAYS,
    MAX_CPD_CREDITS,
    MAX_EXPERIENCE_YEARS,
    MAX_RENEWAL_MONTHS,
    MAX_RULE_COUNT,
    CriterionKind,
)
from cadre.accreditation.services.standards import (
    MAX_EVIDENCE_TYPE,
    MAX_LEVEL_NAME,
    MAX_NAME,
    SKILL_LEVEL_RANGE,
)
from cadre.core.forms import GovukFormMixin
from cadre.core.inputs import LONG_TEXT
from cadre.framework.models import RoleFamily, SkillLevel
from cadre.framework.selectors import default_framework


class SchemeForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=MAX_NAME, label="Name of the scheme")
    description = forms.CharField(
        required=False, max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )
    renewal_months = forms.IntegerField(
        min_value=1,
        max_value=MAX_RENEWAL_MONTHS,
        initial=24,
        label="Renewal period in months",
        help_text="How long an award lasts before renewal.",
    )
    cpd_credits = forms.IntegerField(
        min_value=0,
        max_value=MAX_CPD_CREDITS,
        initial=20,
        label="CPD credits needed in each renewal period",
    )
    appeal_days = forms.IntegerField(
        min_value=1, max_value=MAX_APPEAL_DAYS, initial=28, label="Days to appeal after a decision"
    )


class LevelForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        max_length=MAX_LEVEL_NAME,
        label="Name of the level",
        help_text="For example: Practitioner, Senior practitioner, Leader.",
    )
    description = forms.CharField(
        required=False, max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )


class DraftForm(GovukFormMixin, forms.Form):
    notes = forms.CharField(
        required=False,
        max_length=LONG_TEXT,
        label="What changes",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    copy_latest = forms.TypedChoiceField(
        choices=[
            ("yes", "Start from the latest version's criteria"),
            ("no", "Start with no criteria"),
        ],
        coerce=lambda v: v == "yes",
        initial="yes",
        widget=forms.RadioSelect,
        label="Criteria to start with",
    )


def _level_choices() -> list[tuple[str, str]]:
    framework = default_framework()
    names = (
        dict(SkillLevel.objects.filter(framework=framework).values_list("ordinal", "name"))
        if framework
        else {}
    )
    low, high = SKILL_LEVEL_RANGE
    return [("", "Not needed")] + [
        (str(i), f"Level {i}" + (f" ({names[i]})" if i in names else ""))
        for i in range(low, high + 1)
    ]


class CriterionForm(GovukFormMixin, forms.Form):
    """One criterion; which numbers apply depends on the kind (the service checks)."""

    kind = forms.ChoiceField(
        choices=CriterionKind.choices, widget=forms.RadioSelect, label="Kind of criterion"
    )
    text = forms.CharField(
        max_length=LONG_TEXT,
        label="What the criterion asks",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In words, as applicants and assessors will read it.",
    )
    count = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_RULE_COUNT,
        label="How many",
        help_text="Skills (skills at a level, breadth) or evidence items (evidence).",
    )
    min_level = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        label="Lowest skill level that counts",
        help_text="For skills at a level and breadth.",
    )
    families = forms.ModelMultipleChoiceField(
        required=False,
        queryset=RoleFamily.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Only skills in these role families",
        help_text="For skills at a level; none chosen means any family.",
    )
    years = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_EXPERIENCE_YEARS,
        label="Years of experience",
        help_text="For experience.",
    )
    evidence_type = forms.CharField(
        required=False,
        max_length=MAX_EVIDENCE_TYPE,
        label="Type of evidence",
        help_text="For evidence, e.g. “case study”.",
    )

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        framework = default_framework()
        self.fields["min_level"].choices = _level_choices()
        self.fields["families"].queryset = (
            RoleFamily.objects.filter(framework=framework).order_by("name")
            if framework
            else RoleFamily.objects.none()
        )
