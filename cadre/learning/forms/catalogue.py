"""Catalogue forms (GOV.UK components through ``GovukFormMixin``): a provider, a product,
one skill a product builds, the product list's filters and the catalogue upload."""

from __future__ import annotations

from django import forms

from cadre.core.forms import FilterForm, GovukFormMixin
from cadre.core.inputs import LONG_TEXT, SHORT_TEXT
from cadre.framework.models import Skill, SkillLevel
from cadre.learning.models import (
    MAX_DURATION_HOURS,
    MAX_LIST_PRICE,
    Audience,
    DeliveryMode,
    ProductKind,
    Provider,
)
from cadre.learning.selectors import catalogue as sel
from cadre.learning.services.catalogue import MAX_ALIAS, MAX_CODE, MAX_NAME, MAX_TITLE

#: The longest search the product list takes (docs/limits.md).
SEARCH_LENGTH = 200


class ProviderForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=MAX_NAME, label="Name")
    company_number = forms.CharField(
        max_length=8, required=False, label="Companies House number (optional)",
        help_text="8 digits, or 2 letters and 6 digits, for example 01234567 or SC123456.")
    website = forms.URLField(max_length=SHORT_TEXT, required=False, assume_scheme="https",
                             label="Website (optional)")
    aliases = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=LONG_TEXT,
        label="Other names (optional)",
        help_text=f"Trading or former names that spend lines use, one a line (up to "
                  f"{MAX_ALIAS} characters each).")


class ProductForm(GovukFormMixin, forms.Form):
    provider = forms.ModelChoiceField(queryset=Provider.objects.order_by("name"),
                                      label="Provider")
    title = forms.CharField(max_length=MAX_TITLE, label="Title")
    code = forms.CharField(max_length=MAX_CODE, required=False,
                           label="The provider's code for it (optional)")
    kind = forms.ChoiceField(choices=ProductKind.choices, label="Kind of product",
                             widget=forms.RadioSelect)
    mode = forms.ChoiceField(choices=DeliveryMode.choices, label="How it is delivered",
                             widget=forms.RadioSelect)
    description = forms.CharField(required=False, widget=forms.Textarea,
                                  max_length=LONG_TEXT, label="Description (optional)")
    duration_hours = forms.DecimalField(
        min_value=0.5, max_value=MAX_DURATION_HOURS, decimal_places=1, max_digits=6,
        label="Learning time in hours", help_text="For example 7.5 for a one-day course.")
    list_price = forms.DecimalField(
        min_value=0, max_value=MAX_LIST_PRICE, decimal_places=2, max_digits=10,
        label="List price per place, in pounds",
        help_text="The published price before any contracted rate; 0 if free.")
    audience = forms.ChoiceField(choices=Audience.choices, initial=Audience.OPEN,
                                 label="Who may take it", widget=forms.RadioSelect)
    organisations = forms.ModelMultipleChoiceField(
        queryset=sel.organisation_choices(), required=False,
        label="Organisations (when only named organisations may take it)")
    grades = forms.MultipleChoiceField(
        choices=(), required=False, label="Grades (when only named grades may take it)")
    url = forms.URLField(max_length=SHORT_TEXT, required=False, assume_scheme="https",
                         label="Link to the provider's page for it (optional)")
    xapi_activity_id = forms.URLField(
        max_length=SHORT_TEXT, required=False, assume_scheme="https",
        label="Learning record activity id (optional)",
        help_text="The address the provider's xAPI statements name this product by.")

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["grades"].choices = sel.grade_choices()
        self.fields["grades"].widget.choices = self.fields["grades"].choices
        # Open organisations; when editing, the ones already named even if since closed.
        named = [getattr(o, "pk", o) for o in self.initial.get("organisations") or []]
        self.fields["organisations"].queryset = sel.organisation_choices().open_or(named)

    def values(self) -> dict:
        """The cleaned values as the service takes them."""
        data = dict(self.cleaned_data)
        for name in ("code", "description", "url", "xapi_activity_id"):
            data[name] = data.get(name) or ""
        data["organisations"] = list(data.get("organisations") or [])
        data["grades"] = list(data.get("grades") or [])
        return data


class ProductSkillForm(GovukFormMixin, forms.Form):
    skill = forms.ModelChoiceField(queryset=Skill.objects.none(), label="Skill")
    level = forms.ModelChoiceField(queryset=SkillLevel.objects.none(),
                                   label="Level it builds to")

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = sel.skill_choices()
        self.fields["level"].queryset = sel.level_choices()


class ProductFilterForm(FilterForm):
    q = forms.CharField(required=False, max_length=SEARCH_LENGTH, label="Search",
                        help_text="Words in the title, description or provider, or a code.")
    skill = forms.ModelChoiceField(queryset=Skill.objects.none(), required=False,
                                   label="Skill")
    min_level = forms.TypedChoiceField(choices=(), coerce=int, required=False,
                                       empty_value=None, label="Builds at least to level",
                                       widget=forms.Select(attrs={"data-keep-select": "1"}))
    kind = forms.ChoiceField(choices=[("", "Any kind"), *ProductKind.choices], required=False,
                             label="Kind", widget=forms.Select(attrs={"data-keep-select": "1"}))
    mode = forms.ChoiceField(choices=[("", "Any mode"), *DeliveryMode.choices],
                             required=False, label="Delivery",
                             widget=forms.Select(attrs={"data-keep-select": "1"}))
    provider = forms.ModelChoiceField(queryset=Provider.objects.order_by("name"),
                                      required=False, label="Provider")
    withdrawn = forms.BooleanField(required=False, label="Include withdrawn products")

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = sel.skill_choices()
        levels = [("", "Any level"), *((str(lv.ordinal), lv.name) for lv in sel.level_choices())]
        self.fields["min_level"].choices = levels
        self.fields["min_level"].widget.choices = levels


class CatalogueUploadForm(GovukFormMixin, forms.Form):
    file = forms.FileField(label="Catalogue file (CSV or XLSX)")
    dry_run = forms.BooleanField(required=False,
                                 label="Only check the file, without importing it")

    def __init__(self, *args, max_bytes: int, **kwargs) -> None:  # noqa: ANN002, ANN003
        self.max_bytes = max_bytes
        super().__init__(*args, **kwargs)

    def clean_file(self):  # noqa: ANN201
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                f"The file is larger than {self.max_bytes // (1024 * 1024)} MB.")
        return upload
