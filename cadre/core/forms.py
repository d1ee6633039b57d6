"""Small helpers for GOV.UK-styled Django forms."""

from __future__ import annotations

from django import forms

_CLASSES = {
    forms.Select: "govuk-select",
    forms.Textarea: "govuk-textarea",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
    forms.CheckboxInput: "govuk-checkboxes__input",
}


class GovukFormMixin:
    """Adds GOV.UK classes and error state to every widget."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            css = _CLASSES.get(type(widget), "govuk-input")
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                css = "govuk-input govuk-input--width-10"
            widget.attrs["class"] = css

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                attrs = self.fields[name].widget.attrs  # type: ignore[attr-defined]
                base = attrs.get("class", "govuk-input").split()[0]
                if f"{base}--error" not in attrs.get("class", ""):
                    attrs["class"] = f"{attrs.get('class', '')} {base}--error".strip()


def querystring_without_page(params: dict) -> str:
    """The current filters as a query string ending in '&', for pagination links."""
    from urllib.parse import urlencode

    kept = [(k, v) for k, v in params.items() if k != "page" and v]
    return urlencode(kept) + "&" if kept else ""
