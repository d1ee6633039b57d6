"""The form renderer writes selects in Python (issue 13): the markup must be the same,
character for character, as Django's select templates give."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates

from cadre.core.form_renderer import FormRenderer


class _Choices(forms.Form):
    plain = forms.ChoiceField(choices=[("", "Choose one"), ("a<b", 'Say "hello" & go'),
                                       ("Group", [(1, "one"), (2, "two & three")])])
    many = forms.MultipleChoiceField(
        choices=[(1, "x"), (2, "y"), (3, "z")],
        widget=forms.SelectMultiple(attrs={"disabled": True, "data-note": "<b>", "hidden": False}))
    maybe = forms.NullBooleanField()


def test_selects_are_the_same_as_the_templates_give() -> None:
    form = _Choices({"plain": "2", "many": ["1", "3"], "maybe": "true"})
    for bound in form:
        widget = bound.field.widget
        args = (bound.html_name, bound.value())
        kwargs = {"attrs": {"id": bound.auto_id, "class": "govuk-select"}}
        expected = widget.render(*args, **kwargs, renderer=DjangoTemplates())
        assert widget.render(*args, **kwargs, renderer=FormRenderer()) == expected, bound.name


def test_other_widgets_still_go_through_the_templates() -> None:
    class Other(forms.Form):
        name = forms.CharField()
        kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)

    form = Other({"name": "x", "kind": "a"})
    for bound in form:
        widget = bound.field.widget
        args = (bound.html_name, bound.value())
        assert (widget.render(*args, renderer=FormRenderer())
                == widget.render(*args, renderer=DjangoTemplates()))
