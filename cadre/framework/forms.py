"""Forms for the framework pages (GOV.UK components through crispy-forms-gds, ADR 22)."""

from __future__ import annotations

from django import forms

from cadre.core.forms import GovukFormMixin


class LevelOrderForm(GovukFormMixin, forms.Form):
    """A position for each level of a role: whole numbers 1 to n, each used once.

    Build it with ``level_order_form``. The boxes keep the names and ids the page always had
    (``position-<level id>``).
    """

    levels: list = []

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages["required"] = f"Enter a position for {field.label}"
            field.error_messages["invalid"] = (
                f"The position of {field.label} must be a whole number")
            for validator in field.validators:
                code = getattr(validator, "code", "")
                if code in ("min_value", "max_value"):
                    validator.message = (f"The position of {field.label} must be from 1 to "
                                         f"{len(self.levels)}")
            self.fields[name] = field

    def clean(self) -> dict:
        cleaned = super().clean()
        seen: dict[int, str] = {}
        for level in self.levels:
            name = f"position-{level.pk}"
            place = cleaned.get(name)
            if place is None:
                continue
            if place in seen:
                self.add_error(name, f"{level.name} has the same position as {seen[place]}; "
                                     "give each level its own position")
            else:
                seen[place] = level.name
        return cleaned

    def names_in_order(self) -> list[str]:
        return [lv.name for lv in sorted(
            self.levels, key=lambda lv: self.cleaned_data[f"position-{lv.pk}"])]


def level_order_form(levels: list, *args, **kwargs) -> LevelOrderForm:  # noqa: ANN002, ANN003
    """The form for these levels, one box each, in their current order."""
    fields = {f"position-{level.pk}": forms.IntegerField(
        label=level.name, min_value=1, max_value=len(levels), initial=place)
        for place, level in enumerate(levels, start=1)}
    form_class = type("LevelOrderFormForRole", (LevelOrderForm,), {"levels": levels, **fields})
    return form_class(*args, **kwargs)
