"""Forms for the talent pages: they check what was typed; the services decide and write.

Each form renders through ``GovukFormMixin`` (GOV.UK components, error summary). Forms shown
once per table row take ``row`` so every row's boxes have their own ids while the posted
names stay the same.
"""

from __future__ import annotations

from django import forms

from cadre.core.forms import FilterForm, GovukFormMixin
from cadre.talent.models import CriticalPost, DevelopmentAction, Rating, Readiness

_KEEP_SELECT = {"data-keep-select": "1"}


class RowForm(GovukFormMixin, forms.Form):
    """A form repeated in a table: ``row`` makes its ids unique (``id_<name>_<row>``)."""

    def __init__(self, *args, row: object = "", **kwargs) -> None:  # noqa: ANN002, ANN003
        if row != "":
            kwargs.setdefault("auto_id", f"id_%s_{row}")
        super().__init__(*args, **kwargs)


def _only_one(field: forms.ModelChoiceField) -> None:
    """Preselect the choice when there is only one (a head of profession's organisation)."""
    if field.initial is None and len(field.queryset[:2]) == 1:
        field.initial = field.queryset.first()


class CycleForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=None)
    name = forms.CharField(max_length=200, label="Name")
    opens_on = forms.DateField(label="Opens")
    closes_on = forms.DateField(label="Closes")

    def __init__(self, *args, organisations, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        _only_one(self.fields["organisation"])


class RateForm(RowForm):
    performance = forms.TypedChoiceField(choices=Rating.choices, coerce=int,
                                         widget=forms.Select(attrs=_KEEP_SELECT))
    potential = forms.TypedChoiceField(choices=Rating.choices, coerce=int,
                                       widget=forms.Select(attrs=_KEEP_SELECT))


class CalibrateForm(GovukFormMixin, forms.Form):
    performance = forms.TypedChoiceField(choices=Rating.choices, coerce=int)
    potential = forms.TypedChoiceField(choices=Rating.choices, coerce=int)
    reason = forms.CharField(label="Reason for the adjustment", widget=forms.Textarea(
        attrs={"rows": 3}), help_text="Required. The line manager's rating is kept beside yours.")


class PoolForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=200, help_text="For example, Grade 6 and 7 ready for SCS")
    organisation = forms.ModelChoiceField(queryset=None, required=False)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    review_on = forms.DateField(required=False, label="Review date")

    def __init__(self, *args, organisations, cross_government: bool,  # noqa: ANN001
                 **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations
        field.required = not cross_government
        field.empty_label = "Cross-government" if cross_government else "Choose an organisation"
        if not cross_government:
            _only_one(field)


class MemberForm(GovukFormMixin, forms.Form):
    person = forms.ModelChoiceField(queryset=None)
    review_on = forms.DateField(required=False, label="Review date")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, people, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda p: (
            f"{p.full_name} ({p.staff_number}{', ' + p.grade.code if p.grade else ''})")


class ReviewForm(RowForm):
    review_on = forms.DateField(required=False, label="Next review")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ActionForm(RowForm):
    description = forms.CharField(max_length=500, label="New development action")
    due_on = forms.DateField(required=False, label="Due")


class ActionStatusForm(RowForm):
    status = forms.ChoiceField(choices=DevelopmentAction.Status.choices,
                               widget=forms.Select(attrs=_KEEP_SELECT))


class CriticalPostForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=None)
    title = forms.CharField(max_length=200)
    role_level = forms.ModelChoiceField(queryset=None, label="Role level")
    incumbent = forms.CharField(required=False, max_length=50,
                                label="Incumbent's staff number (optional)")
    risk_of_loss = forms.ChoiceField(choices=CriticalPost.Risk.choices, label="Risk of loss",
                                     initial=CriticalPost.Risk.MEDIUM)
    risk_reason = forms.CharField(required=False, label="Why",
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organisations, levels, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        _only_one(self.fields["organisation"])
        self.fields["role_level"].queryset = levels


class PostEditForm(GovukFormMixin, forms.Form):
    incumbent = forms.CharField(required=False, max_length=50,
                                label="Incumbent's staff number",
                                help_text="Leave empty when the post is vacant.")
    role_level = forms.ModelChoiceField(queryset=None, label="Role level")
    risk_of_loss = forms.ChoiceField(choices=CriticalPost.Risk.choices, label="Risk of loss")
    risk_reason = forms.CharField(required=False, label="Why",
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, levels, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["role_level"].queryset = levels


class ReadinessForm(RowForm):
    readiness = forms.ChoiceField(choices=Readiness.choices,
                                  widget=forms.Select(attrs=_KEEP_SELECT))


class NineboxFilterForm(FilterForm):
    """The calibration grid's filters: grade, unit and (from a box's link) the box."""

    grade = forms.ModelChoiceField(queryset=None, required=False)
    unit = forms.ModelChoiceField(queryset=None, required=False)
    box = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Box",
                                 choices=[(str(n), str(n)) for n in range(1, 10)],
                                 widget=forms.HiddenInput)

    def __init__(self, *args, grades, units, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["grade"].queryset = grades
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: u.path


class GovernmentFilterForm(FilterForm):
    """The cross-government grid's filters."""

    year = forms.TypedChoiceField(required=False, coerce=int, empty_value=None,
                                  label="Cycles closing in",
                                  widget=forms.Select(attrs={"data-keep-select": "1"}))
    group = forms.ChoiceField(required=False, label="Grade",
                              widget=forms.Select(attrs={"data-keep-select": "1"}))
    organisation = forms.ModelChoiceField(queryset=None, required=False)
    box = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Box",
                                 choices=[(str(n), str(n)) for n in range(1, 10)],
                                 widget=forms.HiddenInput)

    def __init__(self, *args, years, groups, organisations, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(str(y), str(y)) for y in years]
        self.fields["year"].initial = years[0] if years else None
        self.fields["group"].choices = [("", "SCS, G6 and G7"), *((g, g) for g in groups)]
        self.fields["organisation"].queryset = organisations
