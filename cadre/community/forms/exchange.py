"""Forms for the learning exchange: an offer (day and start time), a booking, a
cancellation or refund, a credit limit, and the statement's organisation filter (GOV.UK
components through ``GovukFormMixin``). The services check every value again."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils import timezone

from cadre.community import ledger
from cadre.community.models import (
    MAX_CREDITS_PER_PLACE,
    MAX_DURATION_MINUTES,
    MAX_MEMO,
    MAX_OFFER_DESCRIPTION,
    MAX_OFFER_LOCATION,
    MAX_OFFER_PLACES,
    MAX_OFFER_SKILLS,
    MAX_OFFER_TITLE,
    MIN_DURATION_MINUTES,
    ExchangeAccount,
    ExchangeOffer,
)
from cadre.core.forms import FilterForm, GovukDateField, GovukFormMixin
from cadre.organisations.models import Organisation

_TIME = re.compile(r"^\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*$")


class OfferForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          label="Organisation offering the session",
                                          empty_label="Choose an organisation")
    title = forms.CharField(max_length=MAX_OFFER_TITLE, label="Title")
    description = forms.CharField(max_length=MAX_OFFER_DESCRIPTION, required=False,
                                  widget=forms.Textarea, label="Description (optional)")
    skills = forms.CharField(max_length=MAX_OFFER_SKILLS, required=False,
                             label="Skills it builds (optional)",
                             help_text="Separate skills with commas, for example: user "
                                       "research, service design.")
    day = GovukDateField(label="Day of the session", help_text="For example, 27 3 2027")
    start_time = forms.CharField(max_length=5, label="Start time",
                                 help_text="On the 24-hour clock, for example 09:30")
    duration_minutes = forms.IntegerField(min_value=MIN_DURATION_MINUTES,
                                          max_value=MAX_DURATION_MINUTES,
                                          label="Length, in minutes")
    format = forms.ChoiceField(choices=ExchangeOffer.Format.choices, label="Format")
    location = forms.CharField(max_length=MAX_OFFER_LOCATION, required=False,
                               label="Place or joining details (optional)")
    places = forms.IntegerField(min_value=1, max_value=MAX_OFFER_PLACES,
                                label="Places offered")
    credits_per_place = forms.IntegerField(min_value=1, max_value=MAX_CREDITS_PER_PLACE,
                                           label="Credits a place",
                                           help_text="What the booking organisation pays "
                                                     "your organisation for each place.")

    def __init__(self, *args, organisations=None, editing: bool = False, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["organisation"]
        elif organisations is not None:
            self.fields["organisation"].queryset = organisations

    def clean_start_time(self) -> dt.time:
        match = _TIME.match(self.cleaned_data.get("start_time") or "")
        if not match:
            raise forms.ValidationError("Start time must be a time on the 24-hour clock, "
                                        "like 09:30")
        return dt.time(int(match.group(1)), int(match.group(2)))

    def values(self) -> dict:
        data = self.cleaned_data
        tz = timezone.get_current_timezone()
        return {"title": data["title"], "description": data["description"] or "",
                "skills": data["skills"] or "",
                "starts_at": dt.datetime.combine(data["day"], data["start_time"], tzinfo=tz),
                "duration_minutes": data["duration_minutes"], "format": data["format"],
                "location": data["location"] or "", "places": data["places"],
                "credits_per_place": data["credits_per_place"]}

    @staticmethod
    def initial_for(offer: ExchangeOffer) -> dict:
        starts = timezone.localtime(offer.starts_at)
        return {"title": offer.title, "description": offer.description,
                "skills": offer.skills, "day": starts.date(),
                "start_time": starts.strftime("%H:%M"),
                "duration_minutes": offer.duration_minutes, "format": offer.format,
                "location": offer.location, "places": offer.places,
                "credits_per_place": offer.credits_per_place}


class BookingForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          label="Book for", empty_label="Choose an organisation")
    places = forms.IntegerField(min_value=1, max_value=MAX_OFFER_PLACES, initial=1,
                                label="Places")

    def __init__(self, *args, organisations=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class CloseBookingForm(GovukFormMixin, forms.Form):
    memo = forms.CharField(max_length=MAX_MEMO, required=False, widget=forms.Textarea,
                           label="Reason (optional)",
                           help_text="For example, the session did not take place.")


class CreditLimitForm(GovukFormMixin, forms.Form):
    credit_limit = forms.IntegerField(min_value=0, max_value=ledger.MAX_CREDIT_LIMIT,
                                      label="Credit limit",
                                      help_text="How far below zero the organisation's "
                                                "balance may go, in credits.")


class StatementFilter(FilterForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False,
        label="Organisation", to_field_name="abbreviation")

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.open_or(
            ExchangeAccount.objects.values("organisation_id")).order_by("name")


__all__ = ["BookingForm", "CloseBookingForm", "CreditLimitForm", "OfferForm",
           "StatementFilter"]
