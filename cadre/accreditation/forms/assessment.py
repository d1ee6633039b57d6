"""Forms for assessing and deciding applications: scores per criterion, reconciliation,
interviews, the panel's decision, appeals and the appeal panel's decision."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms

from cadre.accreditation.models import SCORE_RANGE, Criterion, CriterionScore
from cadre.accreditation.services.assessment import MAX_INTERVIEW_PLACE
from cadre.core.forms import GovukDateField, GovukFormMixin
from cadre.core.inputs import LONG_TEXT, REASON_TEXT
from cadre.people.models import Person

SCORE_HELP = (f"{SCORE_RANGE[0]} (no evidence) to {SCORE_RANGE[1]}: the level on the "
              "framework's skill level scale the evidence shows.")


def _score_field(criterion: Criterion, initial: int | None,
                 required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(label=f"{criterion.position}. {criterion.text}",
                              min_value=SCORE_RANGE[0], max_value=SCORE_RANGE[1],
                              initial=initial, help_text=SCORE_HELP, required=required)


def _comment_field(initial: str, required: bool = False) -> forms.CharField:
    return forms.CharField(label="Comment", required=required, max_length=LONG_TEXT,
                           initial=initial, widget=forms.Textarea(attrs={"rows": 2}))


class ScoresForm(GovukFormMixin, forms.Form):
    """A score and a comment per criterion; criteria left blank are not saved yet."""

    def __init__(self, *args: Any, criteria: Iterable[Criterion],
                 mine: dict[int, CriterionScore], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            own = mine.get(c.pk)
            self.fields[f"criterion_{c.pk}"] = _score_field(c, own.score if own else None,
                                                            required=False)
            self.fields[f"criterion_{c.pk}_comment"] = _comment_field(own.comment if own else "")

    def scores(self) -> dict[int, tuple[int, str]]:
        d = self.cleaned_data
        return {c.pk: (d[f"criterion_{c.pk}"], d[f"criterion_{c.pk}_comment"])
                for c in self.criteria if d.get(f"criterion_{c.pk}") is not None}


class ReconcileForm(GovukFormMixin, forms.Form):
    """A new score (and why) for each flagged criterion."""

    def __init__(self, *args: Any, criteria: Iterable[Criterion],
                 mine: dict[int, CriterionScore], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            own = mine.get(c.pk)
            self.fields[f"criterion_{c.pk}"] = _score_field(c, own.score if own else None)
            self.fields[f"criterion_{c.pk}_comment"] = forms.CharField(
                label="Why the score changed, or why it stands", max_length=LONG_TEXT,
                widget=forms.Textarea(attrs={"rows": 2}))

    def scores(self) -> dict[int, tuple[int, str]]:
        d = self.cleaned_data
        return {c.pk: (d[f"criterion_{c.pk}"], d[f"criterion_{c.pk}_comment"])
                for c in self.criteria}


class SendToPanelForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(required=False, max_length=REASON_TEXT,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="Needed when the assessors still disagree.")


class InterviewForm(GovukFormMixin, forms.Form):
    day = GovukDateField(label="Date of the interview")
    time = forms.TimeField(label="Time", help_text="For example, 14:30.",
                           widget=forms.TimeInput(format="%H:%M"))
    place = forms.CharField(required=False, max_length=MAX_INTERVIEW_PLACE,
                            help_text="A room or a video call link.")
    notes = forms.CharField(required=False, max_length=LONG_TEXT,
                            widget=forms.Textarea(attrs={"rows": 2}))


class _PanelForm(GovukFormMixin, forms.Form):
    members = forms.ModelMultipleChoiceField(queryset=Person.objects.none(),
                                             label="Panel members")

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = candidates
        self.fields["members"].widget.choices = self.fields["members"].choices


class DecisionForm(_PanelForm):
    outcome = forms.ChoiceField(choices=[("awarded", "Award"),
                                         ("not_awarded", "Do not award")],
                                label="Decision")
    reasons = forms.CharField(max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 4}),
                              label="The panel's reasons")
    field_order = ["outcome", "reasons", "members"]


class AppealDecisionForm(_PanelForm):
    outcome = forms.ChoiceField(choices=[("upheld", "Uphold the appeal and award"),
                                         ("dismissed", "Dismiss the appeal")],
                                label="Decision on the appeal")
    reasons = forms.CharField(max_length=REASON_TEXT, widget=forms.Textarea(attrs={"rows": 4}),
                              label="The appeal panel's reasons")
    field_order = ["outcome", "reasons", "members"]


class AppealForm(GovukFormMixin, forms.Form):
    grounds = forms.CharField(max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 6}),
                              label="Why you are appealing")
