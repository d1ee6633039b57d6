"""Forms for mentoring (GOV.UK components through ``GovukFormMixin``: checkboxes for skills,
radios for choices, the GOV.UK date input). The services check every value again."""

from __future__ import annotations

from typing import Any

from django import forms

from cadre.community import mentoring_match as mm
from cadre.community.models import MAX_MENTORING_CAPACITY, MAX_MENTORING_NOTES
from cadre.core.forms import GovukFormMixin
from cadre.framework.models import Skill
from cadre.framework.selectors import default_framework


class SchemeForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=200, label="Name")
    description = forms.CharField(max_length=MAX_MENTORING_NOTES, required=False,
                                  widget=forms.Textarea, label="Description (optional)")
    signup_opens = forms.DateField(label="Sign-up opens")
    signup_closes = forms.DateField(label="Sign-up closes",
                                    help_text="At most 366 days after it opens.")
    grade_gap = forms.IntegerField(min_value=0, max_value=mm.MAX_GRADE_GAP, initial=1,
                                   label="Target grade gap",
                                   help_text="Mentors this many grades above the mentee "
                                             f"(0 to {mm.MAX_GRADE_GAP}).")
    grade_tolerance = forms.IntegerField(min_value=0, max_value=mm.MAX_TOLERANCE, initial=1,
                                         label="Tolerance in grades",
                                         help_text="How far from the target gap a mentor "
                                                   "may be (0 to "
                                                   f"{mm.MAX_TOLERANCE}); further is not "
                                                   "matched.")
    skill_weight = forms.IntegerField(min_value=0, max_value=mm.MAX_WEIGHT, initial=6,
                                      label="Weight of skill fit",
                                      help_text=f"0 to {mm.MAX_WEIGHT}.")
    grade_weight = forms.IntegerField(min_value=0, max_value=mm.MAX_WEIGHT, initial=3,
                                      label="Weight of grade gap",
                                      help_text=f"0 to {mm.MAX_WEIGHT}.")
    location_weight = forms.IntegerField(min_value=0, max_value=mm.MAX_WEIGHT, initial=1,
                                         label="Weight of the same location",
                                         help_text=f"0 to {mm.MAX_WEIGHT}.")
    exclude_same_unit = forms.BooleanField(required=False, initial=True,
                                           label="Never match people in the same unit")
    exclude_same_organisation = forms.BooleanField(
        required=False, label="Never match people in the same organisation")


class _SkillChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Skill) -> str:
        return f"{obj.name} ({obj.category})" if obj.category else obj.name


def skill_choices() -> Any:
    """The default framework's skills, or every skill when there is no default framework."""
    framework = default_framework()
    skills = Skill.objects.filter(framework=framework) if framework else Skill.objects.all()
    return skills.order_by("name")


class SignupForm(GovukFormMixin, forms.Form):
    skills = _SkillChoice(queryset=Skill.objects.none(), label="Skills")
    capacity = forms.IntegerField(min_value=1, max_value=MAX_MENTORING_CAPACITY, initial=1,
                                  label="How many mentees you can take",
                                  help_text=f"1 to {MAX_MENTORING_CAPACITY}.")
    goals = forms.CharField(max_length=MAX_MENTORING_NOTES, required=False,
                            widget=forms.Textarea, label="Anything the organisers should "
                                                         "know (optional)")

    def __init__(self, *args: Any, role: str, skills: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["skills"]
        field.queryset = skills if skills is not None else skill_choices()
        field.widget.choices = field.choices
        if role == "mentor":
            field.label = "Skills you can offer"
            field.help_text = "Choose up to 10."
        else:
            field.label = "Skills you want to build"
            field.help_text = "Choose up to 10."
            del self.fields["capacity"]


class CheckInForm(GovukFormMixin, forms.Form):
    met_on = forms.DateField(label="Date you met")
    notes = forms.CharField(max_length=MAX_MENTORING_NOTES, required=False,
                            widget=forms.Textarea, label="Notes (optional)",
                            help_text="Both of you can read these notes.")


class ReviewForm(GovukFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        coerce=int, label="How useful was the mentoring?",
        choices=[(5, "5: very useful"), (4, "4"), (3, "3"), (2, "2"), (1, "1: not useful")])
    what_changed = forms.CharField(max_length=MAX_MENTORING_NOTES, widget=forms.Textarea,
                                   label="What changed for you")
