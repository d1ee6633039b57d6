"""Forms for sift and interview panels (GOV.UK components through ``GovukFormMixin``:
radios for the role, stages, outcomes and scores, each score with its meaning as the
choice's hint). The services check every value again."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.choices import Choice
from django import forms

from cadre.core.forms import GovukFormMixin
from cadre.recruitment.models import (
    DEFAULT_PANEL_CAPACITY,
    MAX_CONFLICT_REASON,
    MAX_DECISION_REASONS,
    MAX_FEEDBACK_TEXT,
    MAX_MODERATION_NOTE,
    MAX_PANEL_CAPACITY,
    MAX_SCORE_COMMENT,
    SCORE_MEANINGS,
    Application,
    PanelMember,
    PanelRole,
    PanelStages,
    StageOutcome,
)

__all__ = [
    "ConflictForm",
    "DecisionForm",
    "FeedbackForm",
    "MemberForm",
    "ModerationForm",
    "ScoreSheetForm",
    "application_label",
    "score_choices",
]


def score_choices() -> list[Choice]:
    """The scores 0 to 4, each with what it means as its hint."""
    return [Choice(str(value), label, hint=hint)
            for value, (label, hint) in SCORE_MEANINGS.items()]


def application_label(application: Application) -> str:
    return f"Application {application.pk}: {application.candidate.display_name}"


class MemberForm(GovukFormMixin, forms.Form):
    person = forms.CharField(max_length=254, label="Person",
                             help_text="Their email address or staff number, as in Cadre.")
    role = forms.ChoiceField(choices=PanelRole.choices, initial=PanelRole.MEMBER, label="Role")
    stages = forms.ChoiceField(choices=PanelStages.choices, initial=PanelStages.BOTH,
                               label="Stages they sit at")
    capacity = forms.IntegerField(min_value=1, max_value=MAX_PANEL_CAPACITY,
                                  initial=DEFAULT_PANEL_CAPACITY,
                                  label="Most applications at each stage",
                                  help_text=f"1 to {MAX_PANEL_CAPACITY}.")


class _MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: PanelMember) -> str:
        return f"{obj.person.full_name} ({obj.get_role_display().lower()})"


class _ApplicationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Application) -> str:
        return application_label(obj)


class ConflictForm(GovukFormMixin, forms.Form):
    member = _MemberChoice(queryset=PanelMember.objects.none(), label="Panel member")
    application = _ApplicationChoice(queryset=Application.objects.none(), label="Application")
    reason = forms.CharField(max_length=MAX_CONFLICT_REASON, widget=forms.Textarea,
                             label="Why they cannot assess it",
                             help_text="For example: they know the candidate, or worked with "
                                       "them recently.")

    def __init__(self, *args: Any, members: Any, applications: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["application"].queryset = applications
        if members.count() == 1:
            self.fields["member"].initial = members.first().pk
            self.fields["member"].widget = forms.HiddenInput()


class _CriteriaForm(GovukFormMixin, forms.Form):
    """One score (radios) and one note per criterion of the stage."""

    note_name = "comment"
    note_label = "Comment on {criterion} (optional)"
    note_limit = MAX_SCORE_COMMENT
    score_label = "Your score for {criterion}"

    def __init__(self, *args: Any, criteria: list[Any], **kwargs: Any) -> None:
        self.criteria = criteria
        fields: dict[str, forms.Field] = {}
        for criterion in criteria:
            fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                choices=score_choices(), label=self.score_label.format(criterion=criterion.text))
            fields[f"{self.note_name}_{criterion.pk}"] = forms.CharField(
                max_length=self.note_limit, required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                label=self.note_label.format(criterion=criterion.text))
        # The form's fields are built per stage: GovukFormMixin then makes them components.
        self.base_fields = fields
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name.startswith("score_"):
                field.error_messages["invalid_choice"] = (
                    f"{field.label}: choose a score from 0 to 4")

    def scores(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}

    def notes(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"{self.note_name}_{c.pk}", "")
                for c in self.criteria}


class ScoreSheetForm(_CriteriaForm):
    pass


class ModerationForm(_CriteriaForm):
    note_name = "note"
    note_label = "Moderation note on {criterion} (optional)"
    note_limit = MAX_MODERATION_NOTE
    score_label = "The agreed score for {criterion}"


class DecisionForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(choices=[], label="Decision")
    reasons = forms.CharField(max_length=MAX_DECISION_REASONS, widget=forms.Textarea,
                              label="Reasons for the decision",
                              help_text="Kept with the decision; the candidate's feedback is "
                                        "written separately.")

    def __init__(self, *args: Any, outcomes: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcome"]
        field.choices = [(value, StageOutcome(value).label) for value in outcomes]
        field.widget = forms.RadioSelect()
        field.widget.choices = field.choices


class FeedbackForm(GovukFormMixin, forms.Form):
    text = forms.CharField(max_length=MAX_FEEDBACK_TEXT, widget=forms.Textarea,
                           label="Feedback to the candidate",
                           help_text="The candidate reads this once it is released; it does "
                                     "not change afterwards.")
