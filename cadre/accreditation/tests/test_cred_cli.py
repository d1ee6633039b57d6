"""``cadre accreditation credential`` and ``cadre accreditation verify``."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from cadre.accreditation.services.credentials import transition_award
from cadre.accreditation.tests.cred_fixtures import award_for, cred  # noqa: F401

pytestmark = pytest.mark.django_db


def _verify(path) -> tuple[int, str]:  # noqa: ANN001
    out = io.StringIO()
    try:
        call_command("accreditation_verify", str(path), stdout=out)
    except SystemExit as exit_:
        return int(exit_.code), out.getvalue().strip()
    return 0, out.getvalue().strip()


def test_credential_then_verify(cred, tmp_path) -> None:  # noqa: ANN001, F811
    award = award_for(cred)
    out = io.StringIO()
    call_command("accreditation_credential", "--award", str(award.pk), stdout=out)
    enveloped = json.loads(out.getvalue())
    assert enveloped["type"] == "EnvelopedVerifiableCredential"
    path = tmp_path / "credential.json"
    path.write_text(out.getvalue())
    assert _verify(path) == (0, "valid")

    out = io.StringIO()
    call_command("accreditation_credential", "--award", str(award.public_id), "--format",
                 "jwt", stdout=out)
    bare = tmp_path / "credential.jwt"
    bare.write_text(out.getvalue())
    assert _verify(bare) == (0, "valid")

    transition_award(actor=cred.runner, award_id=award.pk, action="suspend", reason="CPD")
    code, text = _verify(path)
    assert code == 1 and "suspended" in text
    transition_award(actor=cred.runner, award_id=award.pk, action="revoke", reason="Misconduct")
    code, text = _verify(path)
    assert code == 1 and "revoked" in text


def test_verify_refuses_tampering_and_junk(cred, tmp_path) -> None:  # noqa: ANN001, F811
    award = award_for(cred)
    out = io.StringIO()
    call_command("accreditation_credential", "--award", str(award.pk), "--format", "jwt",
                 stdout=out)
    head, body, sig = out.getvalue().strip().split(".")
    forged = tmp_path / "forged.jwt"
    forged.write_text(".".join([head, body[:-4] + ("AAAA" if body[-4:] != "AAAA" else "BBBB"),
                                sig]))
    code, text = _verify(forged)
    assert code == 1 and text.startswith("invalid:")
    junk = tmp_path / "junk.json"
    junk.write_text('{"hello": 1}')
    code, text = _verify(junk)
    assert code == 1 and "no signed credential" in text


def test_credential_unknown_award() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No award"):
        call_command("accreditation_credential", "--award", "999999", stdout=io.StringIO())
