from django import forms

from cadre.core.forms import GovukFormMixin
from cadre.organisations.models import Organisation, OrganisationType


class OrganisationForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=200)
    abbreviation = forms.CharField(max_length=30)
    type = forms.ChoiceField(choices=OrganisationType.choices)
    parent = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), required=False, label="Parent organisation"
    )
    active_from = forms.DateField(required=False, widget=forms.DateInput)
    active_to = forms.DateField(required=False, widget=forms.DateInput)


class OrganisationFilterForm(GovukFormMixin, forms.Form):
    q = forms.CharField(required=False, label="Search")
    type = forms.ChoiceField(
        required=False, choices=[("", "Any type"), *OrganisationType.choices]
    )


class UploadForm(GovukFormMixin, forms.Form):
    file = forms.FileField(label="Spreadsheet (CSV or XLSX)")

    def __init__(self, *args, max_bytes: int, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes

    def clean_file(self):  # noqa: ANN201
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                f"The file is larger than {self.max_bytes // (1024 * 1024)} MB."
            )
        return upload
