"""Forms for contributions: offering some as evidence in an appraisal cycle (GOV.UK
checkboxes and radios through ``GovukFormMixin``), and the period of the counts page. The
service checks every value again."""

from __future__ import annotations

from typing import Any

from django import forms

from cadre.core.forms import GovukFormMixin


class OfferForm(GovukFormMixin, forms.Form):
    cycle = forms.ChoiceField(label="Appraisal cycle")
    contributions = forms.MultipleChoiceField(
        label="Contributions to offer as evidence",
        help_text="What each says now is kept with the appraisal, even if the record "
                  "changes later.")

    def __init__(self, *args: Any, cycles: list[Any], choices: list[tuple[str, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cycle"].choices = [(str(c.pk), f"{c.name} (until {c.closes_on:%-d %B %Y})")
                                        for c in cycles]
        self.fields["cycle"].widget.choices = self.fields["cycle"].choices
        if len(cycles) == 1:
            self.fields["cycle"].initial = str(cycles[0].pk)
        field = self.fields["contributions"]
        field.choices = choices
        field.widget.choices = choices
