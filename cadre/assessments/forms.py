"""Forms for the capability pages (GOV.UK components through crispy-forms-gds, ADR 22)."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from cadre.assessments.models import Activity
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


class RowForm(GovukFormMixin, forms.Form):
    """A form repeated on the page: ``row`` makes its ids unique (``id_<name>_<row>``)."""

    def __init__(self, *args, row: object = "", **kwargs) -> None:  # noqa: ANN002, ANN003
        if row != "":
            kwargs.setdefault("auto_id", f"id_%s_{row}")
        super().__init__(*args, **kwargs)


class CycleForm(GovukFormMixin, forms.Form):
    """Open an assessment cycle for an organisation (or one of its units)."""

    name = forms.CharField(max_length=200)
    opens_on = forms.DateField(label="Opens")
    closes_on = forms.DateField(label="Closes")
    unit = forms.CharField(required=False, max_length=500, label="Only this unit (optional)",
                           help_text="A unit path such as Digital/Platforms; leave empty for "
                                     "everyone.")


class StartRoundForm(GovukFormMixin, forms.Form):
    role_level = forms.ModelChoiceField(queryset=RoleLevel.objects.none(),
                                        label="Assess yourself against")

    def __init__(self, *args, levels: QuerySet[RoleLevel], **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        field = self.fields["role_level"]
        field.queryset = levels
        field.label_from_instance = lambda lv: f"{lv.name} ({lv.role.name})"
        field.error_messages["required"] = "Choose the role level to assess yourself against"
        field.error_messages["invalid_choice"] = "Choose a role level from the list"


class SendBackForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(label="Why are you sending it back?",
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = (
            "Say why you are sending the assessment back")


class EvidenceForm(GovukFormMixin, forms.Form):
    item = forms.ModelChoiceField(queryset=None, label="Skill")
    file = forms.FileField(label="File", help_text="PDF, Word (.docx), PNG, JPEG or text, "
                                                   "up to 5 MB.")

    def __init__(self, *args, items, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["item"].label_from_instance = lambda item: item.skill.name


class ObjectiveForm(GovukFormMixin, forms.Form):
    skill = forms.ModelChoiceField(queryset=None)
    target_level = forms.ModelChoiceField(queryset=None, label="Target level")
    target_date = forms.DateField(label="Target date")
    description = forms.CharField(required=False, label="What you will do (optional)",
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, skills, levels, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = skills
        self.fields["target_level"].queryset = levels


class ActivityForm(RowForm):
    kind = forms.ChoiceField(choices=Activity.Kind.choices, label="Kind of activity")
    description = forms.CharField(max_length=500, label="Activity")


class ActivityStatusForm(RowForm):
    status = forms.ChoiceField(choices=Activity.Status.choices,
                               widget=forms.Select(attrs={"data-keep-select": "1"}))


class AgreeForm(GovukFormMixin, forms.Form):
    note = forms.CharField(required=False, label="Note (optional)",
                           widget=forms.Textarea(attrs={"rows": 2}))
