"""Fast Stream forms: posting rounds, offers, rankings, overrides, objectives, and the
central team's schemes, intakes and enrolments."""

from __future__ import annotations

from django import forms

from cadre.core.forms import GovukFormMixin
from cadre.core.inputs import LONG_TEXT, REASON_TEXT, STAFF_NUMBER_LENGTH
from cadre.framework.models import RoleLevel, Skill
from cadre.framework.selectors import default_framework
from cadre.organisations.models import Grade, Location, Organisation
from cadre.people.models import Person
from cadre.programmes.models import (
    MAX_CAPACITY,
    MAX_REVIEW_SKILLS,
    YEARS,
    Clearance,
    FastStreamer,
    Posting,
    PostingOffer,
    PostingReview,
    Scheme,
)
from cadre.programmes.selectors import fast_stream as sel

#: How many choices the ranking forms offer.
RANKS = 5


class RoundForm(GovukFormMixin, forms.Form):
    scheme = forms.ModelChoiceField(queryset=Scheme.objects.all(), empty_label="Choose a scheme")
    name = forms.CharField(max_length=200)
    starts_on = forms.DateField(label="Postings start")
    posting_months = forms.IntegerField(label="Length of the postings in months", min_value=1,
                                        max_value=36, initial=6)


class OfferForm(GovukFormMixin, forms.Form):
    host_organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                               empty_label="Choose the host organisation")
    title = forms.CharField(max_length=200, label="Role")
    role_level = forms.ModelChoiceField(queryset=RoleLevel.objects.none(), required=False,
                                        label="Role level")
    location = forms.ModelChoiceField(queryset=Location.objects.all(),
                                      empty_label="Choose a location")
    capacity = forms.IntegerField(min_value=1, max_value=MAX_CAPACITY, initial=1,
                                  help_text="How many fast streamers the posting takes.")
    clearance = forms.TypedChoiceField(choices=Clearance.choices, coerce=int,
                                       initial=Clearance.BPSS, label="Clearance needed")
    skills = forms.ModelMultipleChoiceField(queryset=Skill.objects.none(), required=False,
                                            label="Skills it builds")
    description = forms.CharField(required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user: object, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        # Open organisations; when editing, the offer's own host even if it has closed.
        current = self.initial.get("host_organisation")
        orgs = Organisation.objects.open_or([getattr(current, "pk", current)]).order_by("name")
        if not sel.is_central(user):
            orgs = orgs.filter(pk__in=sel.scope_for(user).profession_organisations)
        self.fields["host_organisation"].queryset = orgs
        framework = default_framework()
        if framework is not None:
            self.fields["role_level"].queryset = RoleLevel.objects.filter(
                framework=framework).select_related("role")
            self.fields["skills"].queryset = Skill.objects.filter(framework=framework)


class RankingForm(GovukFormMixin, forms.Form):
    """Choices 1 to N, each a select of the same options; each option at most once."""

    def __init__(self, *args, options: list[tuple[int, str]], initial_ids: list[int],
                 **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        choices = [("", "None chosen"), *[(str(pk), label) for pk, label in options]]
        for rank in range(1, min(RANKS, len(options)) + 1):
            self.fields[f"choice_{rank}"] = forms.TypedChoiceField(
                choices=choices, coerce=int, empty_value=None, required=False,
                label=f"Choice {rank}",
                initial=initial_ids[rank - 1] if rank <= len(initial_ids) else "")

    def clean(self) -> dict:
        data = super().clean()
        seen: set[int] = set()
        for name in list(self.fields):
            value = data.get(name)
            if value is None:
                continue
            if value in seen:
                self.add_error(name, "Choose each one once.")
            seen.add(value)
        return data

    def ranked(self) -> list[int]:
        return [self.cleaned_data[name] for name in self.fields
                if self.cleaned_data.get(name) is not None]


class OverrideForm(GovukFormMixin, forms.Form):
    offer = forms.ModelChoiceField(queryset=PostingOffer.objects.none(),
                                   empty_label="Choose the offer")
    reason = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, posting: Posting, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = posting.round.offers.select_related("host_organisation")


class ObjectivesForm(GovukFormMixin, forms.Form):
    objectives = forms.CharField(required=False, max_length=5000,
                                 widget=forms.Textarea(attrs={"rows": 4}))


class SchemeForm(GovukFormMixin, forms.Form):
    """A new scheme; the posting pattern is typed as month counts separated by commas."""

    name = forms.CharField(max_length=200)
    posting_pattern = forms.CharField(
        max_length=200, label="Posting pattern",
        help_text="The length of each posting in months, in order, separated by commas, "
                  "for example 6, 6, 6, 6, 12, 12.")
    description = forms.CharField(required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def clean_posting_pattern(self) -> list[int]:
        text = self.cleaned_data["posting_pattern"]
        months = []
        for part in text.split(","):
            part = part.strip()
            if not part.isdigit():
                raise forms.ValidationError(
                    f"Enter whole numbers of months separated by commas; {part!r} is not one.")
            months.append(int(part))
        return months


class IntakeForm(GovukFormMixin, forms.Form):
    scheme = forms.ModelChoiceField(queryset=Scheme.objects.all(), empty_label="Choose a scheme")
    year = forms.IntegerField(min_value=YEARS[0], max_value=YEARS[1],
                              help_text="The year the fast streamers start.")


class EnrolForm(GovukFormMixin, forms.Form):
    """Enrol a person, found by organisation and staff number, on an intake."""

    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          empty_label="Choose their organisation",
                                          label="Organisation")
    staff_number = forms.CharField(max_length=STAFF_NUMBER_LENGTH, label="Staff number")
    clearance = forms.TypedChoiceField(choices=Clearance.choices, coerce=int,
                                       initial=Clearance.BPSS, label="Clearance held")
    may_post_home = forms.BooleanField(
        required=False, label="A posting in their home organisation is allowed")

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        # Open organisations, and a closed one while people are still recorded in it.
        self.fields["organisation"].queryset = Organisation.objects.open_or(
            Person.objects.values("organisation_id")).order_by("name")

    def clean(self) -> dict:
        data = super().clean()
        org, number = data.get("organisation"), (data.get("staff_number") or "").strip()
        if org is not None and number:
            person = Person.objects.filter(organisation=org, staff_number=number).first()
            if person is None:
                self.add_error("staff_number",
                               f"No one in {org.name} has the staff number {number}.")
            data["person"] = person
        return data


class ReviewForm(GovukFormMixin, forms.Form):
    rating = forms.TypedChoiceField(choices=PostingReview.Rating.choices, coerce=int,
                                    label="Progress against the objectives",
                                    widget=forms.RadioSelect)
    skills = forms.ModelMultipleChoiceField(queryset=Skill.objects.none(), required=False,
                                            label="Skills the posting built")
    comments = forms.CharField(required=False, max_length=LONG_TEXT,
                               widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        framework = default_framework()
        if framework is not None:
            self.fields["skills"].queryset = Skill.objects.filter(framework=framework)

    def clean_skills(self) -> list:
        skills = list(self.cleaned_data["skills"])
        if len(skills) > MAX_REVIEW_SKILLS:
            raise forms.ValidationError(f"Choose at most {MAX_REVIEW_SKILLS} skills.")
        return skills


class OutcomeForm(GovukFormMixin, forms.Form):
    fast_streamer = forms.ModelChoiceField(queryset=FastStreamer.objects.none(),
                                           empty_label="Choose the fast streamer")
    outcome = forms.ChoiceField(choices=[("completed", "Completed the scheme"),
                                         ("left", "Left the scheme"),
                                         ("promoted", "Promoted")])
    on = forms.DateField(label="Date", help_text="For example, 2027-08-31.")
    reason = forms.CharField(required=False, max_length=REASON_TEXT,
                             label="Why they left (if they left)",
                             widget=forms.Textarea(attrs={"rows": 3}))
    new_grade = forms.ModelChoiceField(queryset=Grade.objects.order_by("code"), required=False,
                                       label="New grade (if promoted)")

    def __init__(self, *args, user: object, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["fast_streamer"].queryset = sel.visible_fast_streamers(user).filter(
            status=FastStreamer.Status.ACTIVE)
        self.fields["fast_streamer"].label_from_instance = (
            lambda s: f"{s.person.full_name} ({s.person.staff_number}, {s.intake})")
