"""Forms for perception surveys (GOV.UK components through ``GovukFormMixin``): a survey,
an item, and the response form built from the survey's items (a radio group per statement,
a text box per question)."""

from __future__ import annotations

from django import forms

from cadre.community.models import (
    MAX_SURVEY_DESCRIPTION,
    MAX_SURVEY_ITEM_TEXT,
    MAX_SURVEY_TEXT_ANSWER,
    MAX_SURVEY_TITLE,
    ItemKind,
    Survey,
    SurveyItem,
)
from cadre.core.forms import GovukDateField, GovukFormMixin

LIKERT = [("1", "Strongly disagree"), ("2", "Disagree"), ("3", "Neither agree nor disagree"),
          ("4", "Agree"), ("5", "Strongly agree")]


class SurveyForm(GovukFormMixin, forms.Form):
    title = forms.CharField(max_length=MAX_SURVEY_TITLE, label="Title")
    description = forms.CharField(max_length=MAX_SURVEY_DESCRIPTION, required=False,
                                  label="Description", widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="What the survey is for, shown to respondents.")
    baseline = forms.ModelChoiceField(
        queryset=Survey.objects.filter(baseline__isnull=True).order_by("title"),
        required=False, label="Baseline survey",
        help_text="Leave empty for a baseline survey. A repeat starts with its baseline's "
                  "statements so the answers can be compared.")
    opens_on = GovukDateField(required=False, label="Opening date")
    closes_on = GovukDateField(required=False, label="Closing date")

    def __init__(self, *args, editing: bool = False, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["baseline"]
        else:
            self.fields["baseline"].empty_label = "None: this is a baseline survey"


class ItemForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(choices=ItemKind.choices, label="Kind of item",
                             widget=forms.RadioSelect)
    text = forms.CharField(max_length=MAX_SURVEY_ITEM_TEXT, label="Text",
                           help_text='For example "There are the necessary skills to deliver '
                                     'the strategy in my department".')


class ResponseForm(GovukFormMixin, forms.Form):
    """One field per item: ``score_<id>`` (statements, required) and ``comment_<id>``."""

    def __init__(self, *args, items: list[SurveyItem] = (), **kwargs) -> None:  # noqa: ANN002, ANN003
        fields = {}
        for item in items:
            if item.kind == ItemKind.STATEMENT:
                fields[f"score_{item.pk}"] = forms.ChoiceField(
                    choices=LIKERT, label=item.text, widget=forms.RadioSelect)
            else:
                fields[f"comment_{item.pk}"] = forms.CharField(
                    label=item.text, required=False, max_length=MAX_SURVEY_TEXT_ANSWER,
                    widget=forms.Textarea(attrs={"rows": 4}))
        self.base_fields = fields
        super().__init__(*args, **kwargs)
        for item in items:
            if item.kind == ItemKind.STATEMENT:
                self.fields[f"score_{item.pk}"].error_messages["required"] = (
                    f"Choose how far you agree that: {item.text[:80]}")

    def answers(self) -> tuple[dict[int, str], dict[int, str]]:
        scores, comments = {}, {}
        for name, value in self.cleaned_data.items():
            kind, pk = name.split("_", 1)
            (scores if kind == "score" else comments)[int(pk)] = value
        return scores, comments
