"""Forms of the assessor pool and round allocation pages (GOV.UK components, ADR 22)."""

from __future__ import annotations

from django import forms

from cadre.accreditation.models import MAX_ASSESSOR_CAPACITY, AccreditationRound
from cadre.core.forms import GovukFormMixin
from cadre.core.inputs import REASON_TEXT, STAFF_NUMBER_LENGTH
from cadre.framework.models import RoleFamily
from cadre.organisations.models import Organisation
from cadre.people.models import Person


def _families() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=RoleFamily.objects.select_related("framework").order_by("name"),
        required=False,
        label="Role families they assess",
        help_text="Applications in these families are given to them first.",
    )


class PersonField(GovukFormMixin, forms.Form):
    """A person named by organisation and staff number."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), empty_label="Choose their organisation"
    )
    staff_number = forms.CharField(max_length=STAFF_NUMBER_LENGTH)

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        # Open organisations, and a closed one while people are still recorded in it.
        self.fields["organisation"].queryset = Organisation.objects.open_or(
            Person.objects.values("organisation_id")).order_by("name")


class AssessorForm(PersonField):
    families = _families()
    trained_on = forms.DateField(required=False, label="Date trained")
    default_capacity = forms.IntegerField(
        min_value=0,
        max_value=MAX_ASSESSOR_CAPACITY,
        initial=5,
        label="Usual capacity",
        help_text="How many applications they take in a round, unless the round says.",
    )


class AssessorEditForm(GovukFormMixin, forms.Form):
    families = _families()
    trained_on = forms.DateField(required=False, label="Date trained")
    default_capacity = forms.IntegerField(
        min_value=0, max_value=MAX_ASSESSOR_CAPACITY, label="Usual capacity"
    )
    active = forms.TypedChoiceField(
        choices=[("yes", "Yes, allocate them"), ("no", "No, do not allocate them")],
        coerce=lambda v: v == "yes",
        label="Active",
    )


class CapacityForm(GovukFormMixin, forms.Form):
    round = forms.ModelChoiceField(
        queryset=AccreditationRound.objects.exclude(
            state=AccreditationRound.State.CLOSED
        ).select_related("scheme"),
        empty_label="Choose a round",
    )
    capacity = forms.IntegerField(
        min_value=0, max_value=MAX_ASSESSOR_CAPACITY, label="Applications in this round"
    )


class ConflictForm(PersonField):
    reason = forms.CharField(
        max_length=REASON_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What the conflict of interest is",
    )
