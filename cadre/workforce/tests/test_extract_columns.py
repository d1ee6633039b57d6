"""Suggesting which extract header holds which Cadre field (plain Python, no database)."""

from __future__ import annotations

from cadre.workforce.columns import (
    check_mapping,
    missing_required,
    normalise,
    suggest_mapping,
)


def test_known_synonyms_from_real_extracts() -> None:
    headers = ["Employee No", "Surname", "Forename", "Pay Grade", "Position Title", "Org Unit",
               "Manager ID", "Contract Type", "Daily Rate", "Agency/Supplier", "Work Location",
               "Start Date", "Work Email"]
    assert suggest_mapping(headers) == {
        "Employee No": "staff_number", "Surname": "last_name", "Forename": "first_name",
        "Pay Grade": "grade", "Position Title": "job_title", "Org Unit": "unit",
        "Manager ID": "line_manager_staff_number", "Contract Type": "employment_type",
        "Daily Rate": "day_rate", "Agency/Supplier": "supplier", "Work Location": "location",
        "Start Date": "start_date", "Work Email": "email",
    }


def test_field_names_punctuation_and_misspellings() -> None:
    assert normalise("\ufeffDay Rate (£)") == "day rate"
    assert suggest_mapping(["staff_number", "Emploee Number", "Job-Title", "SURNAME "]) == {
        "staff_number": "staff_number", "Emploee Number": "", "Job-Title": "job_title",
        "SURNAME ": "last_name",
    }  # the exact match wins the field over the near miss
    assert suggest_mapping(["Emploee Number"]) == {"Emploee Number": "staff_number"}
    assert suggest_mapping(["Line Managr"]) == {"Line Managr": "line_manager_staff_number"}


def test_unrelated_headers_stay_unmapped_and_each_field_is_used_once() -> None:
    assert suggest_mapping(["Favourite colour", "Title", ""]) == {
        "Favourite colour": "", "Title": "", "": ""}
    assert suggest_mapping(["Staff No", "Employee ID"]) == {
        "Staff No": "staff_number", "Employee ID": ""}


def test_checking_a_mapping() -> None:
    assert check_mapping({"A": "staff_number", "B": "staff_number", "C": "shoe_size"}) == [
        "'C' is mapped to 'shoe_size', which is not a Cadre field",
        "'A', 'B' are all mapped to staff number; choose one",
    ]
    assert missing_required({"A": "staff_number", "B": "first_name"}) == [
        "last_name", "grade", "job_title", "employment_type"]
