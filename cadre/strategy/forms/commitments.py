"""Forms for departmental commitments: one entry (kind, period, not applicable, text) and
the importer's upload (file, name mappings, create missing, dry run). GOV.UK components
through ``GovukFormMixin``; the services check every value again."""

from __future__ import annotations

from django import forms

from cadre.core.forms import GovukFormMixin, UploadForm
from cadre.strategy.commitment_rows import MAX_ORGANISATION, MAX_PERIOD, MAX_TEXT
from cadre.strategy.models import CommitmentEntry

#: At most this many name mappings on the upload page (docs/limits.md).
MAX_MAPPINGS = 100


class EntryForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(choices=CommitmentEntry.Kind.choices, label="What it is",
                             widget=forms.RadioSelect)
    period = forms.CharField(max_length=MAX_PERIOD, label="Period",
                             help_text="A year, for example 2015, or a year and month, "
                                       "for example 2012-12.")
    not_applicable = forms.BooleanField(required=False,
                                        label="The action does not apply to the organisation")
    text = forms.CharField(max_length=MAX_TEXT, required=False, widget=forms.Textarea,
                           label="Text",
                           help_text="What the organisation committed to, did or plans. "
                                     "Optional when the action does not apply.")
    #: "kind|period|when entered" of the entry the form was opened on ("" for none), so
    #: that saving cannot overwrite a change made since (services.commitments.save_entry).
    seen = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)

    def values(self) -> dict:
        data = self.cleaned_data
        kind, period = data["kind"], data["period"].strip()
        opened_kind, _, rest = (data.get("seen") or "").partition("|")
        opened_period, _, entered_at = rest.partition("|")
        # Saved over the entry the form showed: it must not have changed since. Saved as
        # another kind or period: no entry may be there yet.
        seen = entered_at if (opened_kind, opened_period) == (kind, period) else ""
        return {"kind": kind, "period": period, "seen": seen,
                "not_applicable": bool(data["not_applicable"]), "text": data["text"] or ""}


class CommitmentsUploadForm(UploadForm):
    """The commitments file, with what to do about names that match no organisation."""

    mappings = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_MAPPINGS * (MAX_ORGANISATION + 32),
        label="Names to map (optional)",
        help_text="One a line, a name in the file, then =, then the abbreviation of the "
                  "organisation it means, for example: Department of Health=DHSC")
    create_missing = forms.BooleanField(
        required=False, label="Create each name that matches nothing as a closed "
                              "organisation")
    dry_run = forms.BooleanField(required=False,
                                 label="Check the file only: save nothing")

    def clean_mappings(self) -> list[str]:
        lines = [line for line in (self.cleaned_data.get("mappings") or "").splitlines()
                 if line.strip()]
        if len(lines) > MAX_MAPPINGS:
            raise forms.ValidationError(f"Give at most {MAX_MAPPINGS} names to map.")
        return lines
