"""Forms for communications: stakeholders, audiences, messages and the assurance steps
(GOV.UK components through ``GovukFormMixin``). The services check every field again."""

from __future__ import annotations

from django import forms

from cadre.community.models import (
    MAX_BODY,
    MAX_COMMENT,
    MAX_NOTES,
    MAX_SUBJECT,
    MAX_TITLE,
    Audience,
    Channel,
    Stakeholder,
    StakeholderKind,
)
from cadre.core.forms import GovukFormMixin
from cadre.framework.models import RoleFamily
from cadre.organisations.models import Grade, Organisation, OrganisationType


class StakeholderForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=MAX_TITLE, label="Name")
    kind = forms.ChoiceField(choices=StakeholderKind.choices, label="Kind of stakeholder")
    contact_email = forms.EmailField(required=False, max_length=254,
                                     label="Contact email address (optional)",
                                     help_text="Messages to audiences that name this "
                                               "stakeholder go here.")
    notes = forms.CharField(widget=forms.Textarea, max_length=MAX_NOTES, required=False,
                            label="Notes (optional)")


class AudienceForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=MAX_TITLE, label="Name",
                           help_text="For example, Data family in local government.")
    description = forms.CharField(widget=forms.Textarea, max_length=MAX_NOTES,
                                  required=False, label="Description (optional)")
    organisation_types = forms.MultipleChoiceField(
        choices=OrganisationType.choices, required=False, label="Kinds of organisation",
        help_text="Leave all empty, with no organisations named, for every organisation.")
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(), required=False,
        label="Named organisations", help_text="As well as the kinds chosen above.")
    role_families = forms.ModelMultipleChoiceField(
        queryset=RoleFamily.objects.order_by("name"), required=False,
        label="Role families", help_text="Leave empty for every family.")
    grades = forms.ModelMultipleChoiceField(
        queryset=Grade.objects.order_by("scheme", "rank"), required=False, label="Grades",
        help_text="Leave empty for every grade.")
    in_profession_only = forms.BooleanField(
        required=False, initial=True, label="Only people classified in the profession")
    stakeholders = forms.ModelMultipleChoiceField(
        queryset=Stakeholder.objects.exclude(contact_email="").order_by("name"),
        required=False, label="External stakeholders",
        help_text="Stakeholders with a contact email address who also get the message.")

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        # Open organisations; when editing, the ones already named even if since closed.
        named = [getattr(o, "pk", o) for o in self.initial.get("organisations") or []]
        self.fields["organisations"].queryset = Organisation.objects.open_or(
            named).order_by("name")


class MessageForm(GovukFormMixin, forms.Form):
    title = forms.CharField(max_length=MAX_TITLE, label="Title",
                            help_text="For the central team; recipients see the subject.")
    channel = forms.ModelChoiceField(queryset=Channel.objects.order_by("name"),
                                     label="Channel", empty_label="Choose a channel")
    audience = forms.ModelChoiceField(queryset=Audience.objects.order_by("name"),
                                      label="Audience", empty_label="Choose an audience")
    essential = forms.BooleanField(
        required=False, label="Essential: goes to people who unsubscribed too",
        help_text="Non-essential messages carry an unsubscribe link.")
    subject = forms.CharField(max_length=MAX_SUBJECT, label="Subject")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}), max_length=MAX_BODY,
                           label="Message")


class CommentForm(GovukFormMixin, forms.Form):
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False,
                              max_length=MAX_COMMENT, label="Comment")
