"""Forms for the capability pages (GOV.UK components through crispy-forms-gds, ADR 22)."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from cadre.core.forms import GovukFormMixin
from cadre.framework.models import RoleLevel

MAX_TARGETS = 3


class ProfileForm(GovukFormMixin, forms.Form):
    """A person's current role level and up to three targets."""

    current = forms.ModelChoiceField(queryset=RoleLevel.objects.none(), required=False,
                                     label="Current role level")
    targets = forms.ModelMultipleChoiceField(
        queryset=RoleLevel.objects.none(), required=False,
        label=f"Target role levels (up to {MAX_TARGETS})",
        help_text="The role levels you are working towards; gaps are shown against each.")

    def __init__(self, *args, levels: QuerySet[RoleLevel], **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        for name in ("current", "targets"):
            self.fields[name].queryset = levels
            self.fields[name].label_from_instance = lambda lv: f"{lv.name} ({lv.role.name})"
        self.fields["current"].empty_label = "Not set"

    def clean_targets(self) -> list[RoleLevel]:
        targets = list(self.cleaned_data["targets"])
        if len(targets) > MAX_TARGETS:
            raise forms.ValidationError(
                f"Choose up to {MAX_TARGETS} target role levels; you chose {len(targets)}")
        return targets
