"""Issuing awards and changing their status (services.credentials)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cadre.accreditation.models import STATUS_LIST_SIZE, Application, Award
from cadre.accreditation.services.credentials import issue_award, transition_award
from cadre.accreditation.tests.cred_fixtures import award_for, cred  # noqa: F401
from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.core.workflow import TransitionConflict

pytestmark = pytest.mark.django_db


def test_issue_award_sets_dates_index_and_is_idempotent(cred) -> None:  # noqa: ANN001, F811
    award = award_for(cred)
    today = timezone.localdate()
    assert award.person_id == cred.application.person_id
    assert award.level == cred.senior
    assert award.awarded_on == today
    assert award.expires_on == (dt.date(today.year + 2, today.month, today.day)
                                if not (today.month == 2 and today.day == 29)
                                else dt.date(today.year + 2, 2, 28))
    assert 0 <= award.status_index < STATUS_LIST_SIZE
    assert award.status == Award.Status.ACTIVE
    assert issue_award(actor=cred.runner, application=cred.application).pk == award.pk
    assert Award.objects.count() == 1
    assert AuditEvent.objects.filter(target_type="accreditation.Award",
                                     target_id=str(award.pk)).exists()


def test_only_runners_issue_and_only_at_the_panel(cred) -> None:  # noqa: ANN001, F811
    with pytest.raises(PermissionDenied):
        issue_award(actor=cred.holder, application=cred.application)
    Application.objects.filter(pk=cred.application.pk).update(state=Application.State.DRAFT)
    cred.application.refresh_from_db()
    with pytest.raises(ValidationError, match="draft"):
        issue_award(actor=cred.runner, application=cred.application)


def test_status_indexes_are_unique(cred, people) -> None:  # noqa: ANN001, F811
    indexes = {award_for(cred).status_index}
    for person in (people.a_staff2, people.b_staff, people.a_other):
        app = Application.objects.create(person=person, level=cred.senior,
                                         criteria=cred.application.criteria,
                                         state=Application.State.AWARDED)
        indexes.add(issue_award(actor=Actor.system(), application=app).status_index)
    assert len(indexes) == 4


def test_suspend_reinstate_renew_revoke(cred) -> None:  # noqa: ANN001, F811
    award = award_for(cred)
    with pytest.raises(ValidationError, match="reason"):
        transition_award(actor=cred.runner, award_id=award.pk, action="suspend")
    award = transition_award(actor=cred.runner, award_id=award.pk, action="suspend",
                             reason="CPD lapsed")
    assert (award.status, award.status_reason) == (Award.Status.SUSPENDED, "CPD lapsed")
    with pytest.raises(TransitionConflict):
        transition_award(actor=cred.runner, award_id=award.pk, action="renew")
    award = transition_award(actor=Actor.system(), award_id=award.pk, action="reinstate")
    assert (award.status, award.status_reason) == (Award.Status.ACTIVE, "")
    before = award.expires_on
    award = transition_award(actor=cred.runner, award_id=award.pk, action="renew")
    assert award.expires_on == dt.date(before.year + 2, before.month, min(before.day, 28)) \
        or award.expires_on.year == before.year + 2
    award = transition_award(actor=cred.runner, award_id=award.pk, action="revoke",
                             reason="Misconduct")
    assert award.status == Award.Status.REVOKED
    with pytest.raises(TransitionConflict):
        transition_award(actor=cred.runner, award_id=award.pk, action="reinstate")


def test_holder_and_others_cannot_change_status(cred) -> None:  # noqa: ANN001, F811
    award = award_for(cred)
    for who in (cred.holder, cred.stranger):
        with pytest.raises(PermissionDenied):
            transition_award(actor=who, award_id=award.pk, action="revoke", reason="x")
    with pytest.raises(ValidationError):
        transition_award(actor=cred.runner, award_id=award.pk, action="delete")


def test_signing_key_is_made_once_and_stored_encrypted(cred) -> None:  # noqa: ANN001, F811
    from cadre.accreditation.models import SigningKey
    from cadre.accreditation.services.credentials import signing_key

    kid, _ = signing_key()
    assert signing_key()[0] == kid
    row = SigningKey.objects.get()
    assert row.kid == kid and "ENCRYPTED" in row.private_pem
    assert "d" not in row.public_jwk and row.public_jwk["kid"] == kid


def test_signing_key_from_the_environment(cred, monkeypatch) -> None:  # noqa: ANN001, F811
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from django.core.exceptions import ImproperlyConfigured

    from cadre.accreditation.models import SigningKey
    from cadre.accreditation.services.credentials import KEY_ENV, signing_key

    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode()
    monkeypatch.setenv(KEY_ENV, pem)
    kid, key = signing_key()
    row = SigningKey.objects.get(kid=kid)
    assert row.private_pem == "" and key.is_private
    monkeypatch.setenv(KEY_ENV, "not a key")
    with pytest.raises(ImproperlyConfigured):
        signing_key()


def test_a_new_secret_key_retires_the_stored_key(cred, settings) -> None:  # noqa: ANN001, F811
    from cadre.accreditation.models import SigningKey
    from cadre.accreditation.services.credentials import signing_key

    old, _ = signing_key()
    settings.SECRET_KEY = "another secret key for this test only, long enough"
    new, _ = signing_key()
    assert new != old
    assert SigningKey.objects.get(kid=old).retired_at is not None
    assert SigningKey.objects.get(kid=new).retired_at is None
