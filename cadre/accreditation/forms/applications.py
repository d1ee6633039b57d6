"""Application and round forms: start an application, statements per criterion, evidence,
the supporter (named, and their answer), the applicant's steps, and a new round."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms

from cadre.accreditation.models import (
    MAX_STATEMENT,
    Criterion,
    Scheme,
    SchemeLevel,
    Statement,
)
from cadre.accreditation.services.applications import (
    MAX_EVIDENCE_TYPE,
    MAX_ROUND_NAME,
    MAX_SUPPORTER_COMMENT,
)
from cadre.assessments.models import EvidenceFile, SkillAssessment
from cadre.core.forms import GovukDateField, GovukFormMixin
from cadre.core.inputs import REASON_TEXT, STAFF_NUMBER_LENGTH


def _with_fields(form: forms.Form, extra: dict[str, forms.Field]) -> None:
    """Fields made per form, added before the form is built so ``GovukFormMixin`` turns
    them into GOV.UK components like the declared ones."""
    form.base_fields = {**type(form).base_fields, **extra}


class StartForm(GovukFormMixin, forms.Form):
    level = forms.ModelChoiceField(queryset=SchemeLevel.objects.none(),
                                   label="Scheme and level",
                                   empty_label="Choose the scheme and level")

    def __init__(self, *args, levels: Iterable[SchemeLevel], **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = levels


class StatementsForm(GovukFormMixin, forms.Form):
    """One statement per criterion of the application's criteria version."""

    def __init__(self, *args, criteria: list[Criterion], statements: dict[int, Statement],
                 **kwargs) -> None:  # noqa: ANN002, ANN003
        extra: dict[str, forms.Field] = {}
        for c in criteria:
            existing = statements.get(c.pk)
            extra[f"criterion_{c.pk}"] = forms.CharField(
                required=False, max_length=MAX_STATEMENT,
                label=f"Criterion {c.position}: {c.text}",
                initial=existing.text if existing else "",
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text=f"{c.get_kind_display()}. Leave blank to write it later.")
        _with_fields(self, extra)
        super().__init__(*args, **kwargs)

    def texts(self) -> dict[int, str]:
        return {int(name.split("_")[1]): value for name, value in self.cleaned_data.items()}


class EvidenceForm(GovukFormMixin, forms.Form):
    criterion = forms.ModelChoiceField(queryset=Criterion.objects.none(), required=False,
                                       label="Criterion it supports",
                                       empty_label="The application as a whole")
    skill_assessment = forms.ModelChoiceField(queryset=SkillAssessment.objects.none(),
                                              required=False, label="One of your assessments",
                                              empty_label="No assessment")
    evidence_file = forms.ModelChoiceField(queryset=EvidenceFile.objects.none(),
                                           required=False, label="Or an evidence file",
                                           empty_label="No file")
    evidence_type = forms.CharField(required=False, max_length=MAX_EVIDENCE_TYPE,
                                    label="Kind of evidence",
                                    help_text="For example: reference, work sample. Linked "
                                              "to an evidence criterion, it takes that "
                                              "criterion's kind unless you say.")
    note = forms.CharField(required=False, max_length=REASON_TEXT, label="Note",
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, criteria, assessments, files, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = criteria
        self.fields["criterion"].label_from_instance = (
            lambda c: f"Criterion {c.position}: {c.text[:80]}")
        self.fields["skill_assessment"].queryset = assessments
        self.fields["skill_assessment"].label_from_instance = (
            lambda a: f"{a.skill.name}: {a.level.name if a.level else 'not held'} "
                      f"({a.get_source_display().lower()}, {a.assessed_on:%d %b %Y})")
        self.fields["evidence_file"].queryset = files
        self.fields["evidence_file"].label_from_instance = (
            lambda f: f"{f.name} ({f.item.skill.name})")

    def clean(self) -> dict:
        data = super().clean()
        if bool(data.get("skill_assessment")) == bool(data.get("evidence_file")):
            raise forms.ValidationError("Choose one of your assessments or one evidence file.")
        return data


class SupporterForm(GovukFormMixin, forms.Form):
    staff_number = forms.CharField(max_length=STAFF_NUMBER_LENGTH,
                                   label="Your supporter's staff number",
                                   help_text="A colleague who knows your work and has a Cadre "
                                             "account; they are asked to confirm your "
                                             "statements.")


class SupportForm(GovukFormMixin, forms.Form):
    answer = forms.ChoiceField(choices=[("confirm", "I confirm the statements"),
                                        ("decline", "I cannot support this application")],
                               widget=forms.RadioSelect, label="Your answer")
    comment = forms.CharField(required=False, max_length=MAX_SUPPORTER_COMMENT,
                              label="Comment", widget=forms.Textarea(attrs={"rows": 4}),
                              help_text="Needed when you cannot support it: the applicant "
                                        "sees it.")


class StepForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(required=False, max_length=REASON_TEXT, label="Reason (optional)",
                             widget=forms.Textarea(attrs={"rows": 3}))


class RoundForm(GovukFormMixin, forms.Form):
    scheme = forms.ModelChoiceField(queryset=Scheme.objects.all(), empty_label="Choose a scheme")
    name = forms.CharField(max_length=MAX_ROUND_NAME, label="Name of the round")
    opens_on = GovukDateField(label="Opens on")
    closes_on = GovukDateField(label="Closes on")
