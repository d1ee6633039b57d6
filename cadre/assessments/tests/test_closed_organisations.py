"""Closed organisations in the coverage comparison: an organisation with nobody needing
the skill is not listed; a closed one with people who need it is, marked closed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pytest

from cadre.assessments.views_coverage import _compare_organisations
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CLOSED_ON = dt.date(2016, 7, 14)


@dataclass
class _Data:
    """The part of the coverage inputs the comparison reads."""

    orgs: list[int]
    needed: np.ndarray
    met: np.ndarray
    skills: tuple = ((7, "Data engineering"),)

    def grouped(self, by: str, skill_column: int):  # noqa: ANN201, ARG002
        return self.orgs, self.needed, self.met


def test_comparison_lists_closed_organisations_only_with_people_counted() -> None:
    open_org = OrganisationFactory(name="Open department", abbreviation="OPN")
    empty = OrganisationFactory(name="Closed empty", abbreviation="EMP", active_to=CLOSED_ON)
    counted = OrganisationFactory(name="Closed counted", abbreviation="CNT",
                                  active_to=CLOSED_ON)
    data = _Data(orgs=[open_org.pk, empty.pk, counted.pk],
                 needed=np.array([[6], [0], [8]]), met=np.array([[5], [0], [6]]))
    result = _compare_organisations(data, 7)
    assert [r["organisation"] for r in result["rows"]] == ["Open department",
                                                           "Closed counted (closed)"]
