"""Filling GOV.UK form components in browser tests (ADR 22)."""

from __future__ import annotations

import datetime as dt


def fill_date(page, legend: str, value: dt.date) -> None:  # noqa: ANN001
    """Type ``value`` into the GOV.UK date input whose legend is ``legend``."""
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(value.day))
    group.get_by_label("Month").fill(str(value.month))
    group.get_by_label("Year").fill(str(value.year))


def choose(page, label: str, option: str, typed: str | None = None) -> None:  # noqa: ANN001
    """Pick ``option`` in the choice labelled ``label``: type ``typed`` (default: the
    option) into an accessible autocomplete and click the option, or, where the list is
    short enough to stay a plain select, choose it there."""
    field = page.get_by_label(label, exact=True)
    page.wait_for_load_state("load")
    if field.evaluate("el => el.dataset.module || ''") == "cadre-autocomplete":
        # The page's script has not yet turned this select into an autocomplete.
        page.locator(f"input#{field.get_attribute('id')}").wait_for()
        field = page.get_by_label(label, exact=True)
    if field.evaluate("el => el.tagName") == "SELECT":
        field.select_option(label=option)
        return
    field.fill(option if typed is None else typed)
    page.locator(f"#{field.get_attribute('id')}__listbox").get_by_role(
        "option", name=option, exact=True).click()


def first_choice(page, name: str) -> str:  # noqa: ANN001
    """The text of the first real option of the select named ``name`` (an autocomplete
    keeps its select, hidden, in the page)."""
    return page.locator(f"select[name='{name}'] option:not([value=''])").first.inner_text()
