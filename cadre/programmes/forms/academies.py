"""Academy forms: nominations, applications, panel scores, moderation, decisions and
participant feedback."""

from __future__ import annotations

from django import forms

from cadre.core.forms import GovukFormMixin
from cadre.core.inputs import LONG_TEXT, REASON_TEXT
from cadre.people.models import Person
from cadre.programmes.models import FEEDBACK_RANGE, SCORE_RANGE, Criterion, Intervention


class NominationForm(GovukFormMixin, forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(),
                                    empty_label="Choose who to nominate", label="Nominee")
    reason = forms.CharField(required=False, max_length=REASON_TEXT, label="Why them",
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, people, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = (
            lambda p: f"{p.full_name} ({p.staff_number}, {p.organisation.abbreviation})")


class ApplicationForm(GovukFormMixin, forms.Form):
    statement = forms.CharField(max_length=LONG_TEXT, label="Your statement",
                                widget=forms.Textarea(attrs={"rows": 6}),
                                help_text="How you meet the published criteria.")


class ScoresForm(GovukFormMixin, forms.Form):
    """One score (0 to 4) per published criterion."""

    def __init__(self, *args, criteria: list[Criterion], initial_scores: dict[int, int],
                 **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        for c in criteria:
            self.fields[f"criterion_{c.pk}"] = forms.IntegerField(
                label=f"{c.name} (weight {c.weight})", min_value=SCORE_RANGE[0],
                max_value=SCORE_RANGE[1], initial=initial_scores.get(c.pk),
                help_text=f"{SCORE_RANGE[0]} (no evidence) to {SCORE_RANGE[1]} (strong).")

    def scores(self) -> dict[int, int]:
        return {int(name.split("_")[1]): value for name, value in self.cleaned_data.items()}


class ModerationForm(GovukFormMixin, forms.Form):
    score = forms.DecimalField(min_value=SCORE_RANGE[0], max_value=SCORE_RANGE[1],
                               decimal_places=2, label="Moderated score")
    reason = forms.CharField(max_length=REASON_TEXT, widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(GovukFormMixin, forms.Form):
    decision = forms.ChoiceField(choices=[("offer", "Offer a place"),
                                          ("decline", "Do not offer a place")],
                                 widget=forms.RadioSelect)
    feedback = forms.CharField(max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3}),
                               label="Feedback to the candidate")


class FeedbackForm(GovukFormMixin, forms.Form):
    intervention = forms.ModelChoiceField(queryset=Intervention.objects.none(),
                                          empty_label="Choose the intervention")
    score = forms.TypedChoiceField(
        coerce=int, label="How good was it",
        choices=[(str(n), str(n)) for n in range(FEEDBACK_RANGE[1], FEEDBACK_RANGE[0] - 1, -1)],
        help_text="5 is excellent, 1 is poor.")
    comment = forms.CharField(required=False, max_length=LONG_TEXT,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, interventions, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = interventions
