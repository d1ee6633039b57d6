"""Forms for supply frameworks, lots, contracts and rate cards (GOV.UK components through
``GovukFormMixin``: checkboxes for skills and buyers, selects for one choice). The services
check every value again; the forms only shape the input."""

from __future__ import annotations

from typing import Any

from django import forms

from cadre.core.forms import FilterForm, GovukFormMixin
from cadre.core.inputs import LONG_TEXT
from cadre.framework.models import Skill
from cadre.framework.selectors import default_framework
from cadre.learning.models import (
    MAX_CEILING_VALUE,
    MAX_CONTRACTED_PRICE,
    MAX_LOTS,
    Lot,
    Product,
    Provider,
    SupplyFramework,
)
from cadre.learning.selectors import contracts as sel
from cadre.organisations.models import Organisation


class FrameworkForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=200, label="Name")
    reference = forms.CharField(max_length=50, required=False,
                                label="Commercial reference (optional)",
                                help_text="For example, RM6145.")
    description = forms.CharField(max_length=LONG_TEXT, required=False, widget=forms.Textarea,
                                  label="Description (optional)")
    starts_on = forms.DateField(label="Start date")
    ends_on = forms.DateField(label="End date")


class _SkillChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Skill) -> str:
        return f"{obj.name} ({obj.category})" if obj.category else obj.name


class LotForm(GovukFormMixin, forms.Form):
    number = forms.IntegerField(min_value=1, max_value=MAX_LOTS, label="Lot number")
    title = forms.CharField(max_length=200, label="Title")
    description = forms.CharField(max_length=LONG_TEXT, required=False, widget=forms.Textarea,
                                  label="Description (optional)")
    skills = _SkillChoice(queryset=Skill.objects.none(), required=False,
                          label="Framework skills the lot covers")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        framework = default_framework()
        super().__init__(*args, **kwargs)
        field = self.fields["skills"]
        field.queryset = (Skill.objects.filter(framework=framework).order_by("name")
                          if framework else Skill.objects.none())
        field.widget.choices = field.choices


class _LotChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Lot) -> str:
        return f"{obj.framework.name}, lot {obj.number}: {obj.title}"


class _BuyerChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.abbreviation})" if obj.abbreviation else obj.name


class ContractForm(GovukFormMixin, forms.Form):
    reference = forms.CharField(max_length=50, label="Contract reference")
    title = forms.CharField(max_length=200, label="Title")
    supplier = forms.ModelChoiceField(queryset=Provider.objects.none(), label="Supplier",
                                      empty_label="Choose a supplier",
                                      help_text="A provider in the learning catalogue.")
    framework = forms.ModelChoiceField(queryset=SupplyFramework.objects.none(), required=False,
                                       label="Framework (optional)",
                                       empty_label="Not under a framework")
    lot = _LotChoice(queryset=Lot.objects.none(), required=False, label="Lot (optional)",
                     empty_label="No lot",
                     help_text="The lot must be one of the framework chosen above.")
    buyers = _BuyerChoice(queryset=Organisation.objects.none(),
                          label="Buying organisations")
    starts_on = forms.DateField(label="Start date")
    ends_on = forms.DateField(label="End date")
    ceiling_value = forms.DecimalField(min_value=0, max_value=MAX_CEILING_VALUE,
                                       decimal_places=2, max_digits=14, required=False,
                                       label="Ceiling value in pounds (optional)")
    notes = forms.CharField(max_length=LONG_TEXT, required=False, widget=forms.Textarea,
                            label="Notes (optional)")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = sel.providers()
        self.fields["framework"].queryset = sel.visible_frameworks(user)
        self.fields["lot"].queryset = sel.visible_lots(user)
        buyers = self.fields["buyers"]
        # Open organisations; when editing, the contract's buyers even if since closed.
        named = [getattr(o, "pk", o) for o in self.initial.get("buyers") or []]
        buyers.queryset = sel.buyer_organisations(user).open_or(named)
        buyers.widget.choices = buyers.choices


class RateForm(GovukFormMixin, forms.Form):
    product = forms.ModelChoiceField(queryset=Product.objects.none(), label="Product",
                                     empty_label="Choose a product")
    unit_price = forms.DecimalField(min_value=0, max_value=MAX_CONTRACTED_PRICE,
                                    decimal_places=2, max_digits=10,
                                    label="Contracted price per place, in pounds")

    def __init__(self, *args: Any, products: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products


class RateChangeForm(GovukFormMixin, forms.Form):
    unit_price = forms.DecimalField(min_value=0, max_value=MAX_CONTRACTED_PRICE,
                                    decimal_places=2, max_digits=10,
                                    label="Contracted price per place, in pounds")


class RegisterFilterForm(FilterForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False,
                                          label="Buying organisation",
                                          empty_label="Any organisation")
    supplier = forms.ModelChoiceField(queryset=Provider.objects.none(), required=False,
                                      label="Supplier", empty_label="Any supplier")
    framework = forms.ModelChoiceField(queryset=SupplyFramework.objects.none(), required=False,
                                       label="Framework", empty_label="Any framework")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = sel.organisation_filter_choices(user)
        self.fields["supplier"].queryset = sel.providers()
        self.fields["framework"].queryset = sel.visible_frameworks(user)
