"""Small helpers for GOV.UK-styled Django forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

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


def add_validation_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form (unknown fields as form-wide errors)."""
    for field, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


class UploadForm(GovukFormMixin, forms.Form):
    """One spreadsheet upload, refused when larger than ``max_bytes``."""

    file = forms.FileField(label="Spreadsheet (CSV or XLSX)")

    def __init__(self, *args, max_bytes: int, **kwargs) -> None:  # noqa: ANN002, ANN003
        self.max_bytes = max_bytes
        super().__init__(*args, **kwargs)

    def clean_file(self):  # noqa: ANN201
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                f"The file is larger than {self.max_bytes // (1024 * 1024)} MB."
            )
        return upload
