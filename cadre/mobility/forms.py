"""Forms for the mobility pages."""

from __future__ import annotations

from django import forms

from cadre.core.forms import FilterForm, GovukFormMixin
from cadre.core.objects import parse_id
from cadre.framework.models import RoleFamily, Skill, SkillLevel
from cadre.mobility.models import MoveRequest, SecurityClearance, Vacancy
from cadre.organisations.models import Grade, Location, Organisation


class VacancyForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          label="Hiring organisation")
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    grade = forms.ModelChoiceField(queryset=Grade.objects.all())
    locations = forms.ModelMultipleChoiceField(
        queryset=Location.objects.all(), required=False,
        help_text="Tick every place the job can be done from; none means anywhere.")
    hybrid = forms.BooleanField(required=False, initial=True, label="Hybrid working")
    security_clearance = forms.ChoiceField(choices=SecurityClearance.choices,
                                           initial=SecurityClearance.BPSS)
    closing_date = forms.DateField(widget=forms.DateInput(format="%Y-%m-%d"))

    def __init__(self, *args, organisations=None, editing: bool = False,  # noqa: ANN001, ANN002
                 **kwargs) -> None:  # noqa: ANN003
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations


class BoardFilterForm(FilterForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False)
    role_family = forms.ModelChoiceField(queryset=RoleFamily.objects.all(), required=False)
    grade = forms.ModelChoiceField(queryset=Grade.objects.all(), required=False)
    location = forms.ModelChoiceField(queryset=Location.objects.all(), required=False)
    hybrid = forms.ChoiceField(choices=[("", "Either"), ("yes", "Hybrid"), ("no", "Not hybrid")],
                               required=False)

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        # Open organisations, and a closed one while it has vacancies on record.
        self.fields["organisation"].queryset = Organisation.objects.open_or(
            Vacancy.objects.values("organisation_id"))


class PreferenceForm(GovukFormMixin, forms.Form):
    open_to_opportunities = forms.BooleanField(
        required=False, label="I am open to opportunities in other organisations",
        help_text="Hiring organisations see your name in their matches only if you tick this.")
    locations = forms.ModelMultipleChoiceField(queryset=Location.objects.all(), required=False,
                                               label="Locations I would work from")
    grades = forms.ModelMultipleChoiceField(queryset=Grade.objects.all(), required=False,
                                            label="Grades I would consider",
                                            help_text="None means any grade.")
    role_families = forms.ModelMultipleChoiceField(queryset=RoleFamily.objects.all(),
                                                   required=False,
                                                   label="Role families I would consider",
                                                   help_text="None means any family.")


def skills_from_post(post, framework_id: int) -> tuple[list[tuple], list[str]]:  # noqa: ANN001
    """The skills table of the vacancy form: rows ``skill-N``, ``level-N``, ``essential-N``,
    ``include-N``. Returns ((skill, level, essential) rows, error messages)."""
    rows, errors = [], []
    indices = sorted({int(k.split("-", 1)[1]) for k in post if k.startswith("skill-")
                      and k.split("-", 1)[1].isdigit()})
    skills = Skill.objects.in_bulk([number for i in indices
                                    if (number := parse_id(post.get(f"skill-{i}", "")))])
    levels = {lv.pk: lv for lv in SkillLevel.objects.filter(framework_id=framework_id)}
    for i in indices:
        if post.get(f"include-{i}") != "on" or not post.get(f"skill-{i}"):
            continue
        skill = skills.get(int(post[f"skill-{i}"])) if post[f"skill-{i}"].isdigit() else None
        level_id = post.get(f"level-{i}", "")
        level = levels.get(int(level_id)) if level_id.isdigit() else None
        if skill is None or level is None:
            errors.append(f"Row {i + 1}: choose a skill and a level.")
            continue
        rows.append((skill, level, post.get(f"essential-{i}") == "on"))
    return rows, errors


class LogisticsForm(GovukFormMixin, forms.Form):
    """The logistics of a managed move; the labels name the receiving organisation."""

    start_date = forms.DateField(required=False)
    clearance_transferred = forms.BooleanField(required=False,
                                               label="Security clearance transferred")
    pay_and_pension_agreed = forms.BooleanField(required=False, label="Pay and pension agreed")
    equipment_ready = forms.BooleanField(required=False, label="Equipment ready")
    access_ready = forms.BooleanField(required=False, label="Building and system access ready")

    def __init__(self, *args, receiving: str, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["start_date"].label = f"Start date in {receiving}"


class CompleteMoveForm(GovukFormMixin, forms.Form):
    staff_number = forms.CharField(required=False, max_length=50)
    line_manager = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, receiving: str, people, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["staff_number"].label = (
            f"New staff number (only if theirs is taken in {receiving})")
        manager = self.fields["line_manager"]
        manager.queryset = people
        manager.label = f"Line manager in {receiving}"
        manager.empty_label = "None yet"
        manager.label_from_instance = lambda p: p.full_name


class CancelMoveForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(label="Reason for cancelling", widget=forms.Textarea(
        attrs={"rows": 2}))


class FillVacancyForm(GovukFormMixin, forms.Form):
    person = forms.ModelChoiceField(queryset=None, label="Who was appointed")

    def __init__(self, *args, people, organisation: str, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = people
        field.help_text = (f"Someone already in {organisation}. For a move between "
                           "organisations, complete the managed move instead: the vacancy is "
                           "filled then.")
        field.label_from_instance = lambda p: (
            f"{p.full_name}, staff number {p.staff_number}"
            f"{', ' + p.grade.name if p.grade else ''}")


class ExternalForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(label="Why recruit outside government?",
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = (
            "Enter the reason for recruiting outside government")


class PolicyForm(GovukFormMixin, forms.Form):
    internal_days = forms.IntegerField(min_value=0, max_value=365,
                                       label="Days inside government first")


class MovesFilterForm(FilterForm):
    state = forms.ChoiceField(required=False, label="State",
                              widget=forms.Select(attrs={"data-keep-select": "1"}))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "Any state"), *MoveRequest.State.choices]
