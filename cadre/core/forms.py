"""GOV.UK Design System forms: every Django form renders through crispy-forms-gds (ADR 22).

``GovukFormMixin`` turns a plain Django form into GOV.UK components when it is built:

- dates become the GOV.UK date input (day, month, year; ``GovukDateField``), which also
  accepts one ISO value (``2026-03-27``) so links and scripts that send one keep working;
- several-choice fields become checkboxes; a long list gets a filter box in the browser
  (``data-module="cadre-filter-checkboxes"``) and stays a plain list of checkboxes without
  JavaScript;
- short fixed choices (``RADIO_LIMIT`` or fewer) become radios;
- selects get a meaningful empty choice ("Choose a grade", "Any grade"), never ``---------``;
  a long one (more than ``AUTOCOMPLETE_FROM`` options) is marked for alphagov's
  accessible-autocomplete, which enhances the select when JavaScript runs;
- text inputs get a width from their maximum length; a textarea with a maximum length gets
  a character count.

Templates render one field with ``{% govuk_field field %}`` (``core/includes/field.html``) and
the error summary with ``core/includes/error_summary.html``; ``docs/architecture.md`` ("Forms").
"""

from __future__ import annotations

import datetime as dt
import re

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field
from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from cadre.core.inputs import LONG_TEXT

#: Fixed choices up to this many (the empty one included) show as radios.
RADIO_LIMIT = 5
#: Selects with more options than this are enhanced with accessible-autocomplete.
AUTOCOMPLETE_FROM = 20
#: Checkbox lists with more options than this get a filter box and a scroll area.
FILTER_FROM = 12
#: The years a date input accepts.
YEARS = (1900, 2200)

_WIDTHS = ((2, 2), (3, 3), (4, 4), (5, 5), (10, 10), (20, 20), (40, 30))


_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


class GovukDateWidget(DateInputWidget):
    """Day, month and year boxes; also reads a single date sent under the field's name
    (``2026-03-27`` or ``27/03/2026``)."""

    def value_from_datadict(self, data, files, name):  # noqa: ANN001, ANN201
        parts = super().value_from_datadict(data, files, name)
        if not any(parts):
            # ``name-day``, ``name-month``, ``name-year``: what the hand-written date inputs
            # of earlier releases sent, so older links and scripts still work.
            parts = [data.get(f"{name}-{p}", "") for p in ("day", "month", "year")]
        if not any(parts) and data.get(name):
            text = str(data.get(name)).strip()
            if uk := _UK_DATE.fullmatch(text):
                # 27/3/2026, as people write it; the field checks it is a real date.
                return list(uk.groups())
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                return ["", "", text[:20]]
            return [str(day.day), str(day.month), str(day.year)]
        return parts

    def decompress(self, value):  # noqa: ANN001, ANN201
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                return None, None, None
        return super().decompress(value)


class GovukDateField(DateInputField):
    """A date as the GOV.UK date input, with messages that say what to fix."""

    widget = GovukDateWidget

    def __init__(self, *, required: bool = True, label: str | None = None,
                 help_text: str = "", initial: object = None) -> None:
        super().__init__(required=required, label=label, help_text=help_text or "",
                         initial=initial, require_all_fields=False)
        title = label or "The date"
        self.error_messages["required"] = f"Enter {title.lower()}"
        self.error_messages["incomplete"] = f"{title} must include a day, month and year"
        for sub, what in zip(self.fields, ("day", "month", "year"), strict=True):
            sub.required = True  # a part-filled optional date is an error, not a blank
            sub.error_messages["incomplete"] = f"{title} must include a {what}"
            sub.validators[0].message = f"{title}: the {what} must be a number"

    def compress(self, data_list):  # noqa: ANN001, ANN201
        if not data_list:
            return None
        day, month, year = (list(data_list) + [None, None, None])[:3]
        if not (day and month and year):
            return None
        label = self.label or "The date"
        if not YEARS[0] <= int(year) <= YEARS[1]:
            raise ValidationError(
                f"{label}: the year must be between {YEARS[0]} and {YEARS[1]}", code="invalid")
        try:
            value = dt.date(day=int(day), month=int(month), year=int(year))
        except (ValueError, OverflowError) as exc:
            raise ValidationError(f"{label} must be a real date", code="invalid") from exc
        return value



def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _empty_label(field: forms.Field, filtering: bool) -> str:
    label = str(field.label or "option").lower()
    if filtering:
        return f"Any {label}"
    if field.required:
        return f"Choose {_article(label)} {label}"
    return "None chosen"


def _converted(name: str, field: forms.Field) -> forms.Field:
    """The field as a GOV.UK component: dates split into day, month and year."""
    if isinstance(field, forms.DateField):
        new = GovukDateField(required=field.required,
                             label=field.label or name.replace("_", " ").capitalize(),
                             help_text=field.help_text, initial=field.initial)
        return new
    return field


def _say_what_to_fix(name: str, field: forms.Field) -> None:
    """Error messages that name the field and say what to do (GOV.UK style)."""
    label = str(field.label or name.replace("_", " ").capitalize())
    lower = label[:1].lower() + label[1:]
    msgs = field.error_messages
    choosing = isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.FileField)
    msgs["required"] = (f"Choose {lower}" if choosing and not isinstance(field, forms.FileField)
                        else f"Choose a file for {lower}" if isinstance(field, forms.FileField)
                        else f"Enter {lower}")
    if isinstance(field, forms.DateField | GovukDateField):
        msgs["required"] = f"Enter {lower}"
    if "invalid_choice" in msgs:
        msgs["invalid_choice"] = f"Choose {lower} from the list"
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        msgs["invalid_choice"] = f"{label} includes a choice that is not on the list"
        msgs["invalid_pk_value"] = f"{label} includes a choice that is not on the list"
        msgs["invalid_list"] = f"{label} includes a choice that is not on the list"
    if isinstance(field, forms.IntegerField):
        msgs["invalid"] = f"{label} must be a whole number"
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        msgs["invalid"] = f"{label} must be a number"
    elif isinstance(field, forms.EmailField):
        msgs["invalid"] = f"Enter {lower} as an email address, like name@example.gov.uk"
    for validator in field.validators:
        code = getattr(validator, "code", "")
        if code == "max_length":
            validator.message = f"{label} must be %(limit_value)d characters or fewer"
        elif code == "min_length":
            validator.message = f"{label} must be %(limit_value)d characters or more"
        elif code == "max_value":
            validator.message = f"{label} must be %(limit_value)s or less"
        elif code == "min_value":
            validator.message = f"{label} must be %(limit_value)s or more"
    if isinstance(field, forms.DecimalField):
        msgs["max_digits"] = f"{label} has too many digits"
        msgs["max_decimal_places"] = f"{label} has too many decimal places"
        msgs["max_whole_digits"] = f"{label} is too large"


def _without_maxlength(field: forms.Field):  # noqa: ANN202
    """The field's widget attributes as Django builds them, less ``maxlength``."""
    built = type(field).widget_attrs

    def widget_attrs(widget: forms.Widget) -> dict:
        attrs = built(field, widget)
        attrs.pop("maxlength", None)
        return attrs

    return widget_attrs


class GovukFormMixin:
    """Makes a Django form render as GOV.UK components through crispy-forms-gds.

    Set ``filtering = True`` on a search or filter form: empty choices then read "Any …".
    """

    filtering = False

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        fields = self.fields  # type: ignore[attr-defined]
        for name in list(fields):
            field = fields[name] = _converted(name, fields[name])
            widget = field.widget
            if (isinstance(widget, forms.Textarea) and isinstance(field, forms.CharField)
                    and field.max_length is None):
                # Every text box has the documented limit (docs/limits.md); saying it here
                # shows the character count and refuses longer text on the form.
                field.max_length = LONG_TEXT
                field.validators.append(MaxLengthValidator(LONG_TEXT))
            # No maxlength attribute: the browser would silently cut pasted text. The form
            # refuses text that is too long and says so.
            widget.attrs.pop("maxlength", None)
            field.widget_attrs = _without_maxlength(field)
            _say_what_to_fix(name, field)
            if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
                field.widget = forms.CheckboxSelectMultiple()
                field.widget.choices = field.choices
            elif isinstance(field, forms.ModelChoiceField):
                if field.empty_label is not None:
                    field.empty_label = _empty_label(field, self.filtering)
                widget.attrs["class"] = "govuk-select"
            elif isinstance(field, forms.ChoiceField) and not isinstance(
                    widget, forms.HiddenInput):
                choices = list(field.choices)
                if choices and choices[0][0] == "" and choices[0][1].startswith("---"):
                    choices[0] = ("", _empty_label(field, self.filtering))
                    field.choices = choices
                if len(choices) <= RADIO_LIMIT and not widget.attrs.get("data-keep-select"):
                    field.widget = forms.RadioSelect()
                    field.widget.choices = field.choices
                else:
                    widget.attrs["class"] = "govuk-select"
            elif isinstance(widget, forms.Textarea):
                widget.attrs["class"] = "govuk-textarea"
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "govuk-checkboxes__input"
            elif isinstance(widget, forms.FileInput):
                widget.attrs["class"] = "govuk-file-upload"
            elif isinstance(widget, forms.widgets.Input) and not isinstance(
                    widget, forms.HiddenInput):
                widget.attrs["class"] = f"govuk-input {_width_class(field)}".strip()
                if isinstance(field, forms.IntegerField | forms.DecimalField):
                    widget.attrs.setdefault("inputmode", "decimal" if isinstance(
                        field, forms.DecimalField) else "numeric")
                    widget.attrs.setdefault("spellcheck", "false")
                if isinstance(field, forms.EmailField):
                    widget.attrs.setdefault("spellcheck", "false")
                    widget.attrs.setdefault("autocomplete", "email")

    def layout_field(self, bound: forms.BoundField) -> Field:
        """The crispy-forms-gds layout object that renders ``bound`` as a GOV.UK component."""
        field, widget = bound.field, bound.field.widget
        if isinstance(widget, forms.Textarea):
            limit = getattr(field, "max_length", None)
            rows = int(widget.attrs.get("rows", 5))
            if limit:
                # crispy-forms-gds 2.0.1 appends the count's id to this attribute and fails
                # when a field without a hint has none yet.
                widget.attrs.setdefault("aria-describedby", "")
            return Field.textarea(bound.name, rows=rows, max_characters=limit)
        if isinstance(widget, forms.CheckboxSelectMultiple):
            many = len(field.choices) > FILTER_FROM
            return Field.checkboxes(bound.name, small=many)
        if isinstance(widget, forms.RadioSelect):
            return Field.radios(bound.name, small=len(field.choices) > 3)
        if isinstance(widget, forms.CheckboxInput):
            return Field.checkbox(bound.name)
        if isinstance(widget, forms.Select) and len(field.choices) > AUTOCOMPLETE_FROM:
            widget.attrs["data-module"] = "cadre-autocomplete"
        return Field(bound.name)


def _width_class(field: forms.Field) -> str:
    """A GOV.UK fixed-width class for a short text field; full width for long ones."""
    limit = getattr(field, "max_length", None)
    if isinstance(field, forms.IntegerField | forms.DecimalField):
        return "govuk-input--width-10"
    if isinstance(field, forms.EmailField):
        return "govuk-!-width-two-thirds"
    if not limit:
        return ""
    for upto, width in _WIDTHS:
        if limit <= upto:
            return f"govuk-input--width-{width}"
    return ""


def status_for(*forms_on_page: forms.BaseForm | None) -> int:
    """400 when a bound form on the page has errors (the page re-renders them), else 200."""
    return 400 if any(f is not None and f.is_bound and f.errors for f in forms_on_page) else 200


class FilterForm(GovukFormMixin, forms.Form):
    """The filters of a list page, read from the query string.

    A value that is not understood (``?grade=nonsense``, ``?page=abc``) is reported in the
    error summary naming the filter, and the list is shown without that filter: never a
    500, never silently ignored. ``value(name)`` is the cleaned value, or None when it was
    missing or refused; ``pk(name)`` the id of a chosen record. Every filter form also reads
    ``page`` (``page_number()``); a filter kept in a hidden field is reported without a link,
    having no box to link to.
    """

    filtering = True
    page = forms.IntegerField(required=False, min_value=1, label="Page number",
                              widget=forms.HiddenInput)

    def __init__(self, data=None, *args, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        # An empty query string is not a submitted filter: nothing to report.
        super().__init__(data if data else None, *args, **kwargs)

    def _post_clean(self) -> None:
        super()._post_clean()
        if "page" in self._errors:
            # The page number has no box on the page: say so without a link.
            del self._errors["page"]
            self.add_error(None, "The page number must be a whole number, 1 or more. "
                                 "The first page is shown.")
        for name in [n for n in self._errors if n in self.fields
                     and self.fields[n].widget.is_hidden]:
            # Other filters carried in the link (no box either): named, without a link.
            messages = self._errors.pop(name)
            for message in messages:
                self.add_error(None, f"{self[name].label}: {message}. It is not applied.")

    def value(self, name: str):  # noqa: ANN201
        """The filter's value, or None when it is missing or was refused."""
        if self.is_bound:
            self.is_valid()
            return self.cleaned_data.get(name)
        return None

    def pk(self, name: str) -> int | None:
        """The id of the record chosen in a filter, or None."""
        chosen = self.value(name)
        return getattr(chosen, "pk", None)

    def page_number(self) -> int:
        return self.value("page") or 1


def querystring_without_page(params: dict) -> str:
    """The current filters as a query string ending in '&', for pagination links."""
    from urllib.parse import urlencode

    kept = [(k, v) for k, v in params.items() if k != "page" and v]
    return urlencode(kept) + "&" if kept else ""


def add_validation_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form (unknown fields as form-wide errors).

    Form-wide errors appear in the error summary at the top of the page.
    """
    if not hasattr(exc, "error_dict"):
        for error in exc.messages:
            form.add_error(None, error)
        return
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
