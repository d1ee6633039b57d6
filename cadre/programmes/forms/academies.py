"""Academy forms: nominations, applications, panel scores, moderation, decisions and
participant feedback; the central team's academies, providers, prospectus modules, rounds,
criteria, interventions and attendance."""

from __future__ import annotations

from crispy_forms_gds.layout import Field
from django import forms

from cadre.core.forms import GovukFormMixin
from cadre.core.inputs import LONG_TEXT, REASON_TEXT
from cadre.framework.models import Skill, SkillLevel
from cadre.framework.selectors import default_framework
from cadre.organisations.models import Grade, GradeScheme
from cadre.people.models import Person
from cadre.programmes.models import (
    FEEDBACK_RANGE,
    MAX_CADRE_SIZE,
    MAX_COST,
    SCORE_RANGE,
    AcademyKind,
    AcademyModule,
    Cadre,
    Criterion,
    Intervention,
    InterventionKind,
    Provider,
)


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
                                          label="Intervention")
    score = forms.TypedChoiceField(
        coerce=int, label="How good was it",
        choices=[(str(n), str(n)) for n in range(FEEDBACK_RANGE[1], FEEDBACK_RANGE[0] - 1, -1)],
        help_text="5 is excellent, 1 is poor.")
    comment = forms.CharField(required=False, max_length=LONG_TEXT,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, interventions, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = interventions



# The central team's pages: academies, providers, the prospectus, rounds and criteria,
# interventions and attendance.

#: Skill rows on the page that adds a module (a module rarely builds more).
MODULE_SKILL_ROWS = 6
#: The attendance answers for one member at one intervention.
ATTENDED, NOT_ATTENDED = "yes", "no"


def _with_fields(form: forms.Form, extra: dict[str, forms.Field]) -> None:
    """Fields made per form, added before the form is built so ``GovukFormMixin`` turns
    them into GOV.UK components like the declared ones (the instance's ``base_fields``
    shadows the class's)."""
    form.base_fields = {**type(form).base_fields, **extra}


class AcademyForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=AcademyKind.choices, label="Kind of academy")
    cadre_size = forms.IntegerField(min_value=1, max_value=MAX_CADRE_SIZE, initial=25,
                                    label="Cadre size",
                                    help_text="About how many members a cadre takes.")
    grades = forms.ModelMultipleChoiceField(
        queryset=Grade.objects.none(), required=False, label="Grades that may be nominated",
        help_text="Civil Service grades; people on other pay scales count through their "
                  "Civil Service equivalent.")
    description = forms.CharField(required=False, max_length=LONG_TEXT,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["grades"].queryset = Grade.objects.filter(
            scheme=GradeScheme.CIVIL_SERVICE).order_by("rank", "name")


class ProviderForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=200, label="Provider's name")

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if Provider.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(f"There is already a provider called {name}")
        return name


class ModuleForm(GovukFormMixin, forms.Form):
    """A prospectus module; the skills it builds are repeated rows, each a framework skill
    and the level the module builds it to. Empty rows are skipped."""

    title = forms.CharField(max_length=200)
    provider = forms.ModelChoiceField(queryset=Provider.objects.all(), required=False,
                                      label="Provider",
                                      help_text="Leave as none chosen if not decided yet.")
    description = forms.CharField(required=False, max_length=LONG_TEXT,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        framework = default_framework()
        skills = Skill.objects.filter(framework=framework).order_by("name") \
            if framework else Skill.objects.none()
        levels = SkillLevel.objects.filter(framework=framework).order_by("ordinal") \
            if framework else SkillLevel.objects.none()
        extra: dict[str, forms.Field] = {}
        for n in range(1, MODULE_SKILL_ROWS + 1):
            extra[f"skill_{n}"] = forms.ModelChoiceField(queryset=skills, required=False,
                                                         label=f"Skill {n}")
            extra[f"level_{n}"] = forms.ModelChoiceField(queryset=levels, required=False,
                                                         label=f"Level of skill {n}")
        _with_fields(self, extra)
        super().__init__(*args, **kwargs)

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("title", "provider", "description")]

    def skill_rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [(n, self[f"skill_{n}"], self[f"level_{n}"])
                for n in range(1, MODULE_SKILL_ROWS + 1)]

    def clean(self) -> dict:
        data = super().clean()
        seen: set[int] = set()
        for n in range(1, MODULE_SKILL_ROWS + 1):
            if f"skill_{n}" in self.errors or f"level_{n}" in self.errors:
                continue
            skill, level = data.get(f"skill_{n}"), data.get(f"level_{n}")
            if skill is None and level is not None:
                self.add_error(f"skill_{n}", f"Choose skill {n}, or set its level to none")
            elif skill is not None and level is None:
                self.add_error(f"level_{n}", f"Choose the level of skill {n}")
            elif skill is not None:
                if skill.pk in seen:
                    self.add_error(f"skill_{n}",
                                   f"Skill {n}: {skill.name} is already in an earlier row")
                seen.add(skill.pk)
        return data

    def skills(self) -> list[tuple[Skill, SkillLevel]]:
        return [(self.cleaned_data[f"skill_{n}"], self.cleaned_data[f"level_{n}"])
                for n in range(1, MODULE_SKILL_ROWS + 1)
                if self.cleaned_data.get(f"skill_{n}") is not None]


class RoundForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=200, help_text="The cadre it fills has the same name.")
    starts_on = forms.DateField(label="The cadre starts on")
    capacity = forms.IntegerField(min_value=1, max_value=MAX_CADRE_SIZE,
                                  label="Places in the cadre")


class CriterionForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=200, label="Criterion")
    weight = forms.IntegerField(min_value=1, max_value=10, initial=1,
                                help_text="1 to 10: how much it counts in a candidate's "
                                          "weighted score.")
    description = forms.CharField(required=False, max_length=LONG_TEXT,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="What the panel looks for.")


class InterventionForm(GovukFormMixin, forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=InterventionKind.choices, label="Kind of intervention")
    provider = forms.ModelChoiceField(queryset=Provider.objects.all(), label="Provider")
    module = forms.ModelChoiceField(queryset=AcademyModule.objects.none(), required=False,
                                    label="Prospectus module",
                                    help_text="The module it delivers, if any.")
    held_on = forms.DateField(label="Date held", help_text="For a placement, its first day.")
    cost = forms.DecimalField(min_value=0, max_value=MAX_COST, max_digits=10,
                              decimal_places=2, initial=0, label="Cost in pounds")

    def __init__(self, *args, cadre: Cadre, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = cadre.academy.modules.all()
        self.fields["provider"].error_messages["required"] = "Choose the provider"


class AttendanceForm(GovukFormMixin, forms.Form):
    """Each member at each of the cadre's interventions: attended or not. An unanswered
    cell stays unrecorded."""

    def __init__(self, *args, interventions: list[Intervention], members: list[Person],
                 recorded: dict[tuple[int, int], bool], **kwargs) -> None:  # noqa: ANN002, ANN003
        self.interventions, self.members, self.recorded = interventions, members, recorded
        extra: dict[str, forms.Field] = {}
        for person in members:
            for i in interventions:
                was = recorded.get((i.pk, person.pk))
                extra[self.cell(i, person)] = forms.ChoiceField(
                    choices=[(ATTENDED, "Attended"), (NOT_ATTENDED, "Not attended")],
                    required=False, widget=forms.RadioSelect,
                    label=f"{person.full_name} at {i.title} ({i.held_on.day} "
                          f"{i.held_on:%b %Y})",
                    initial=None if was is None else ATTENDED if was else NOT_ATTENDED)
        _with_fields(self, extra)
        super().__init__(*args, **kwargs)
        for name in extra:
            # The label starts with a name: keep its capital letter.
            self.fields[name].error_messages["invalid_choice"] = (
                f"{self.fields[name].label}: choose attended or not attended")

    @staticmethod
    def cell(intervention: Intervention, person: Person) -> str:
        return f"i{intervention.pk}_p{person.pk}"

    def layout_field(self, bound: forms.BoundField) -> Field:
        """Small radios in a table cell: the row and column headers say who and what on
        screen, the legend (visually hidden) says both to screen readers."""
        return Field(bound.name, context={"radios_small": True,
                                          "legend_size": "govuk-visually-hidden"})

    def grid(self) -> list[tuple[Person, list[forms.BoundField]]]:
        return [(p, [self[self.cell(i, p)] for i in self.interventions]) for p in self.members]

    def changes(self) -> dict[tuple[int, int], bool]:
        """(intervention id, person id) -> attended, where the answer differs from what is
        recorded."""
        out = {}
        for person in self.members:
            for i in self.interventions:
                value = self.cleaned_data.get(self.cell(i, person))
                if value in (ATTENDED, NOT_ATTENDED):
                    attended = value == ATTENDED
                    if self.recorded.get((i.pk, person.pk)) != attended:
                        out[(i.pk, person.pk)] = attended
        return out
