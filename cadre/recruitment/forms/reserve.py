"""Forms for the reserve list: the list's filter, adding a candidate, offering a role,
answering an offer and withdrawing (GOV.UK components through ``GovukFormMixin``). The
services check every value again."""

from __future__ import annotations

from typing import Any

from django import forms

from cadre.core.forms import FilterForm, GovukFormMixin
from cadre.recruitment.models import (
    MAX_OFFER_NOTE,
    MAX_RESERVE_REASON,
    Application,
    ReserveEntryState,
)
from cadre.recruitment.selectors import reserve as sel

__all__ = ["AddForm", "OfferForm", "ReserveFilterForm", "RespondForm", "WithdrawForm"]


class ReserveFilterForm(FilterForm):
    state = forms.ChoiceField(choices=[("", "Any state"), *ReserveEntryState.choices],
                              required=False, label="State")


class ApplicationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.candidate.display_name}, {obj.campaign.title} ({obj.get_state_display()})"


class AddForm(GovukFormMixin, forms.Form):
    application = ApplicationChoiceField(
        queryset=Application.objects.none(), label="Candidate",
        empty_label="Choose a candidate",
        help_text="Candidates found appointable and not appointed, who agreed to the reserve "
                  "list, in decided or closed campaigns you recruit for.")

    def __init__(self, *args: Any, who: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = sel.reservable_applications(who)


class OfferForm(GovukFormMixin, forms.Form):
    target = forms.ChoiceField(label="Role to offer", choices=())
    note = forms.CharField(max_length=MAX_OFFER_NOTE, required=False,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           label="Note to the candidate (optional)",
                           help_text="For example the start date or the team.")
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, targets: list[sel.TargetRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = {"campaign": "Campaign", "vacancy": "Vacancy"}
        # Radios (the mixin chose them while the choices were empty): no blank option,
        # which would show as a radio of its own.
        self.fields["target"].choices = [
            (t.key, f"{kinds[t.kind]}: {t.title}, {t.organisation} ({t.role_level})")
            for t in targets]


class RespondForm(GovukFormMixin, forms.Form):
    answer = forms.ChoiceField(choices=[("accept", "Accept the role"),
                                        ("decline", "Decline the role")],
                               label="The candidate's answer")
    reason = forms.CharField(max_length=MAX_RESERVE_REASON, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             label="Reason for declining (optional)")
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class WithdrawForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(max_length=MAX_RESERVE_REASON, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             label="Reason (optional)")
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
