"""Reads for awards and credentials: who may see an award, what its credential states, the
status lists' set bits and the public key set.

The public verification page, the status lists, the issuer profile and the key set are
open to anyone; an award's signed file and certificate only to its holder and the scheme
runners.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from cadre.accreditation import openbadges
from cadre.accreditation.models import Award, SigningKey
from cadre.accreditation.selectors.common import person_id_of, runs_scheme
from cadre.assessments.models import SkillAssessment, Source
from cadre.framework.models import SkillLevel

ISSUER_NAME = "Government Digital and Data Profession (Cadre)"
ISSUER_DESCRIPTION = ("Accredits government technology professionals against the "
                      "profession's published standards.")


def site_url(path: str = "") -> str:
    """An absolute address on the service's public site (``CADRE_SITE_URL``)."""
    return settings.CADRE_SITE_URL.rstrip("/") + path


def issuer_url() -> str:
    return site_url(reverse("accreditation:credential-issuer"))


def issuer_profile() -> openbadges.Issuer:
    return openbadges.Issuer(id=issuer_url(), name=ISSUER_NAME, url=site_url("/"),
                             description=ISSUER_DESCRIPTION)


def status_list_url(purpose: str) -> str:
    return site_url(reverse("accreditation:credential-status-list", args=[purpose]))


def public_url(award: Award) -> str:
    return site_url(reverse("accreditation:credential-verify", args=[award.public_id]))


def _awards() -> QuerySet[Award]:
    return Award.objects.select_related("person", "level__scheme", "application__criteria")


def public_award(public_id: uuid.UUID | str) -> Award | None:
    """The award with this public id (anyone may check it), or None."""
    try:
        return _awards().filter(public_id=public_id).first()
    except (ValueError, TypeError):
        return None


def may_download(user: Any, award: Award) -> bool:
    """The holder and the scheme runners may download the signed credential."""
    me = person_id_of(user)
    return (me is not None and me == award.person_id) or runs_scheme(user)


def downloadable_award(user: Any, public_id: uuid.UUID | str) -> Award | None:
    """The award when the account may download it; None (shown as not found) otherwise."""
    award = public_award(public_id)
    return award if award is not None and may_download(user, award) else None


def awards_for(user: Any) -> QuerySet[Award]:
    """The account's own awards (newest first)."""
    me = person_id_of(user)
    if me is None:
        return Award.objects.none()
    return _awards().filter(person_id=me)


def all_awards() -> QuerySet[Award]:
    """Every award, for the scheme runners' pages (callers check the right)."""
    return _awards()


def effective_status(award: Award, today: dt.date | None = None) -> str:
    """What a checker is told: revoked, suspended, expired or active."""
    if award.status != Award.Status.ACTIVE:
        return str(award.status)
    if award.expires_on < (today or dt.date.today()):
        return "expired"
    return "active"


def set_status_bits(purpose: str) -> list[int]:
    """Positions set in the ``revocation`` or ``suspension`` list."""
    status = Award.Status.REVOKED if purpose == "revocation" else Award.Status.SUSPENDED
    return list(Award.objects.filter(status=status).values_list("status_index", flat=True))


def jwks() -> dict[str, Any]:
    """The public JSON Web Key Set: every key that has signed (retired ones included)."""
    return {"keys": [dict(k.public_jwk) for k in SigningKey.objects.order_by("created_at")]}


def _skills(award: Award) -> tuple[list[openbadges.LevelOption], list[openbadges.SkillResult],
                                   str, str]:
    """The framework scale and the skills validated for this award: the person's latest
    validated assessment of each skill made from the application's submission up to the
    award date (what the panel wrote)."""
    rows = (SkillAssessment.objects
            .filter(person_id=award.person_id, source=Source.VALIDATED, level__isnull=False,
                    assessed_on__lte=award.awarded_on)
            .select_related("skill__framework", "level").order_by("skill_id", "-assessed_on",
                                                                  "-id"))
    application = award.application
    if application is not None and application.submitted_at is not None:
        rows = rows.filter(assessed_on__gte=application.submitted_at.date())
    latest: dict[int, SkillAssessment] = {}
    for row in rows:
        latest.setdefault(row.skill_id, row)
    if not latest:
        return [], [], "", ""
    framework = next(iter(latest.values())).skill.framework
    framework_name = f"{framework.name} {framework.version}".strip()
    framework_url = site_url(reverse("framework:home"))
    scale = [openbadges.LevelOption(id=f"{framework_url}#level-{lv.ordinal}", name=lv.name,
                                    ordinal=lv.ordinal)
             for lv in SkillLevel.objects.filter(framework=framework).order_by("ordinal")]
    skills = [openbadges.SkillResult(
        name=a.skill.name, code=a.skill.code or f"skill-{a.skill_id}",
        url=site_url(reverse("framework:skill", args=[a.skill_id])),
        level_id=f"{framework_url}#level-{a.level.ordinal}", level_name=a.level.name)
        for a in sorted(latest.values(), key=lambda a: a.skill.name)
        if a.skill.framework_id == framework.pk]
    return scale, skills, framework_name, framework_url


def credential_facts(award: Award) -> openbadges.CredentialFacts:
    """What the award's credential states."""
    level = award.level
    scheme = level.scheme
    application = award.application
    version = application.criteria if application is not None else None
    criteria = list(version.criteria.order_by("position", "id").values_list("text", flat=True)) \
        if version is not None else []
    base = issuer_url()
    achievement_id = f"{base}#level-{level.pk}" + (f"-v{version.number}" if version else "")
    scale, skills, framework_name, framework_url = _skills(award)
    levels = [openbadges.LevelOption(id=f"{base}#level-{lv.pk}", name=lv.name,
                                     ordinal=lv.ordinal, description=lv.description)
              for lv in scheme.levels.order_by("ordinal")]
    valid_from = dt.datetime.combine(award.awarded_on, dt.time.min, tzinfo=dt.UTC)
    valid_until = dt.datetime.combine(award.expires_on, dt.time.max.replace(microsecond=0),
                                      tzinfo=dt.UTC)
    return openbadges.CredentialFacts(
        credential_id=public_url(award), issuer=issuer_profile(),
        holder_name=award.person.full_name, holder_email=award.person.email,
        salt=award.public_id.hex[:16], achievement_id=achievement_id,
        achievement_name=f"{scheme.name}: {level.name}",
        achievement_description=level.description or scheme.description,
        criteria_url=achievement_id, criteria=criteria, scheme_levels=levels,
        achieved_level_id=f"{base}#level-{level.pk}",
        framework_name=framework_name or "Government Digital and Data Capability Framework",
        framework_url=framework_url or site_url(reverse("framework:home")),
        skill_scale=scale, skills=skills, valid_from=valid_from, valid_until=valid_until,
        awarded_on=award.awarded_on, status_index=award.status_index,
        status_urls={p: status_list_url(p) for p in openbadges.STATUS_PURPOSES})
