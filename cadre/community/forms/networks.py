"""Community and event forms (GOV.UK components through ``GovukFormMixin``): a community,
a person to add or appoint, an event (day, start and end time), cancelling an event and
feedback. The services check every value again against docs/limits.md."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils import timezone

from cadre.community.models import (
    MAX_CAPACITY,
    MAX_CPD_HOURS,
    MAX_DESCRIPTION,
    MAX_FEEDBACK,
    EventFormat,
    Scope,
)
from cadre.community.services.networks import (
    MAX_AREA,
    MAX_LINK,
    MAX_LOCATION,
    MAX_NAME,
    MAX_REASON,
    MAX_TITLE,
    MAX_TOPIC,
)
from cadre.core.forms import GovukFormMixin
from cadre.framework.models import RoleFamily
from cadre.organisations.models import Organisation
from cadre.people.models import Person

_TIME = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)")
#: The longest search the community list takes.
SEARCH_LENGTH = 200


def _time(value: str, label: str) -> dt.time:
    text = (value or "").strip()
    match = _TIME.fullmatch(text)
    if not match:
        raise forms.ValidationError(f"{label} must be a time on the 24-hour clock, like 09:30")
    return dt.time(int(match.group(1)), int(match.group(2)))


class CommunityForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=MAX_NAME, label="Name")
    summary = forms.CharField(required=False, widget=forms.Textarea, max_length=MAX_DESCRIPTION,
                              label="Summary (optional)",
                              help_text="What the community is for and who it is for.")
    scope = forms.ChoiceField(choices=Scope.choices, label="Reach", widget=forms.RadioSelect,
                              initial=Scope.NATIONAL)
    area = forms.CharField(max_length=MAX_AREA, required=False,
                           label="Region or place (regional and local communities)",
                           help_text="For example North West, or Leeds.")
    role_family = forms.ModelChoiceField(
        queryset=RoleFamily.objects.order_by("name"), required=False,
        label="Role family (optional)")
    topic = forms.CharField(max_length=MAX_TOPIC, required=False,
                            label="Topic (if not about one role family)")
    is_open = forms.TypedChoiceField(
        choices=(("yes", "Open: anyone with a record in Cadre may join"),
                 ("no", "Closed: leads add members")),
        coerce=lambda v: v == "yes", initial="yes", label="Who may join",
        widget=forms.RadioSelect)

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("summary", "area", "topic"):
            data[name] = data.get(name) or ""
        return data


class PersonForm(GovukFormMixin, forms.Form):
    """A person named by their organisation and staff number."""

    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          label="Organisation")
    staff_number = forms.CharField(max_length=32, label="Staff number")

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        # Open organisations, and a closed one while people are still recorded in it.
        self.fields["organisation"].queryset = Organisation.objects.open_or(
            Person.objects.values("organisation_id")).order_by("name")

    def reference(self) -> str:
        org = self.cleaned_data["organisation"]
        return f"{org.abbreviation}/{self.cleaned_data['staff_number'].strip()}"


class EventForm(GovukFormMixin, forms.Form):
    title = forms.CharField(max_length=MAX_TITLE, label="Title")
    description = forms.CharField(required=False, widget=forms.Textarea,
                                  max_length=MAX_DESCRIPTION, label="Description (optional)")
    format = forms.ChoiceField(choices=EventFormat.choices, label="Format",
                               widget=forms.RadioSelect)
    location = forms.CharField(max_length=MAX_LOCATION, required=False,
                               label="Location (in person and hybrid)")
    joining_link = forms.URLField(max_length=MAX_LINK, required=False, assume_scheme="https",
                                  label="Joining link (online and hybrid)")
    day = forms.DateField(label="Date")
    start_time = forms.CharField(max_length=5, label="Start time",
                                 help_text="24-hour clock, for example 09:30")
    end_time = forms.CharField(max_length=5, label="End time",
                               help_text="The same day; for example 16:00")
    capacity = forms.IntegerField(min_value=1, max_value=MAX_CAPACITY, label="Places",
                                  help_text=f"Between 1 and {MAX_CAPACITY:,}.")
    cpd_hours = forms.DecimalField(min_value=0, max_value=MAX_CPD_HOURS, decimal_places=1,
                                   max_digits=4, label="CPD hours",
                                   help_text="Hours credited to each attendee; 0 if none.")

    def clean_start_time(self) -> dt.time:
        return _time(self.cleaned_data.get("start_time", ""), "Start time")

    def clean_end_time(self) -> dt.time:
        return _time(self.cleaned_data.get("end_time", ""), "End time")

    def values(self) -> dict:
        data = self.cleaned_data
        tz = timezone.get_current_timezone()
        return {
            "title": data["title"], "description": data.get("description") or "",
            "format": data["format"], "location": data.get("location") or "",
            "joining_link": data.get("joining_link") or "",
            "starts_at": dt.datetime.combine(data["day"], data["start_time"], tzinfo=tz),
            "ends_at": dt.datetime.combine(data["day"], data["end_time"], tzinfo=tz),
            "capacity": data["capacity"], "cpd_hours": data["cpd_hours"],
        }

    @staticmethod
    def initial_for(event) -> dict:  # noqa: ANN001
        starts = timezone.localtime(event.starts_at)
        ends = timezone.localtime(event.ends_at)
        return {"title": event.title, "description": event.description,
                "format": event.format, "location": event.location,
                "joining_link": event.joining_link, "day": starts.date(),
                "start_time": starts.strftime("%H:%M"), "end_time": ends.strftime("%H:%M"),
                "capacity": event.capacity, "cpd_hours": event.cpd_hours}


class CancelEventForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(required=False, max_length=MAX_REASON, widget=forms.Textarea,
                             label="Why it is cancelled (optional)")


class FeedbackForm(GovukFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        choices=[(str(n), label) for n, label in (
            (5, "5: very good"), (4, "4: good"), (3, "3: neither good nor poor"),
            (2, "2: poor"), (1, "1: very poor"))],
        coerce=int, label="How would you rate the event?", widget=forms.RadioSelect)
    comment = forms.CharField(required=False, widget=forms.Textarea, max_length=MAX_FEEDBACK,
                              label="Comments (optional)",
                              help_text="Leads see comments without your name.")
