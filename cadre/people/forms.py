from __future__ import annotations

from django import forms

from cadre.core.forms import FilterForm, GovukFormMixin, UploadForm
from cadre.core.inputs import STAFF_NUMBER_LENGTH
from cadre.organisations.models import Grade, Location, Organisation, Unit
from cadre.people.models import EmploymentType, Person


class PersonFilterForm(FilterForm):
    q = forms.CharField(required=False, max_length=200,
                        label="Name, email, staff number or job title")
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, empty_label="Any organisation"
    )
    grade = forms.ModelChoiceField(
        queryset=Grade.objects.all(), required=False, empty_label="Any grade"
    )
    employment_type = forms.ChoiceField(
        required=False, choices=[("", "Any employment type"), *EmploymentType.choices]
    )

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        # Open organisations, and a closed one while people are still recorded in it.
        self.fields["organisation"].queryset = Organisation.objects.open_or(
            Person.objects.values("organisation_id"))


class PersonForm(GovukFormMixin, forms.Form):
    """Fields of a person record; ``fields`` narrows it for people editing themselves."""

    staff_number = forms.CharField(max_length=40)
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    email = forms.EmailField(required=False, label="Work email")
    job_title = forms.CharField(max_length=200, required=False)
    grade = forms.ModelChoiceField(queryset=Grade.objects.all(), required=False)
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False)
    line_manager = forms.ModelChoiceField(queryset=Person.objects.none(), required=False)
    employment_type = forms.ChoiceField(choices=EmploymentType.choices)
    start_date = forms.DateField(required=False, widget=forms.DateInput)
    end_date = forms.DateField(required=False, widget=forms.DateInput)
    location = forms.ModelChoiceField(queryset=Location.objects.all(), required=False)

    def __init__(
        self, *args, organisation: Organisation, fields: tuple[str, ...] | None = None,
        **kwargs,
    ) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation)
        # Only the columns the option labels need: an organisation can have many thousands.
        self.fields["line_manager"].queryset = Person.objects.filter(
            organisation=organisation).only("id", "first_name", "last_name")
        if fields is not None:
            for name in list(self.fields):
                if name not in fields:
                    del self.fields[name]


class ImportForm(UploadForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    field_order = ["organisation", "file"]

    def __init__(self, *args, organisations, max_bytes: int, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, max_bytes=max_bytes, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["file"].help_text = (
            "Columns: staff_number, first_name, last_name, email, grade, job_title, unit, "
            "line_manager_staff_number, employment_type, start_date, location."
        )


class LinkAccountForm(GovukFormMixin, forms.Form):
    """Which account goes with which person: the same three keys as the command and API."""

    email = forms.EmailField(label="Email address of the account", max_length=254)
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          label="Organisation of the person",
                                          to_field_name="abbreviation")
    staff_number = forms.CharField(label="Staff number", max_length=STAFF_NUMBER_LENGTH)

    def __init__(self, *args: object, organisations: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
