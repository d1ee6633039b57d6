"""Races on PostgreSQL: two changes of the threshold made from the same version, at once,
give one change and one conflict (409), whether or not the settings row exists yet."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cadre.workforce.models import ClassificationSettings
from cadre.workforce.services_settings import ThresholdConflict, set_auto_accept_threshold
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def _two_at_once(version: int) -> list:
    return run_together([
        lambda: set_auto_accept_threshold(actor=None, threshold="0.91", version=version),
        lambda: set_auto_accept_threshold(actor=None, threshold="0.92", version=version),
    ])


def _one_won(results: list, version: int) -> None:
    won = [r for r in results if isinstance(r, ClassificationSettings)]
    lost = [r for r in results if isinstance(r, ThresholdConflict)]
    assert len(won) == 1 and len(lost) == 1, results
    row = ClassificationSettings.objects.get()
    assert row.version == version + 1 == won[0].version
    assert row.auto_accept_above == won[0].auto_accept_above in (Decimal("0.910"),
                                                                  Decimal("0.920"))
    assert row.history.count() == version + 1


def test_two_first_settings_at_once() -> None:
    _one_won(_two_at_once(0), 0)


def test_two_changes_of_the_same_version_at_once() -> None:
    set_auto_accept_threshold(actor=None, threshold="0.95", version=0)
    _one_won(_two_at_once(1), 1)
