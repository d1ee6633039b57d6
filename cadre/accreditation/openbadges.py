"""Open Badges 3.0 credentials for awards, and the status list credentials (no Django).

``award_credential`` builds an ``OpenBadgeCredential`` (W3C VC data model 2.0 with the
OB 3.0 context): the issuer ``Profile``; the ``AchievementSubject`` naming the holder by
``identifier`` (their name in plain text, their email hashed with a salt); the
``Achievement`` (the scheme level) with its ``criteria`` narrative, ``alignment`` to each
framework skill the panel validated (``targetCode``/``targetFramework``/``targetUrl``) and
``resultDescription`` entries whose rubric levels are the scheme's levels and the
framework's skill levels; one ``Result`` per description with the ``achievedLevel``; and two
``BitstringStatusListEntry`` items (revocation and suspension) at the award's index.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXTS = [VC_CONTEXT, OB_CONTEXT]
STATUS_PURPOSES = ("revocation", "suspension")


@dataclass(frozen=True)
class Issuer:
    id: str
    name: str
    url: str
    description: str = ""

    def profile(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": ["Profile"], "name": self.name,
                               "url": self.url}
        if self.description:
            out["description"] = self.description
        return out


@dataclass(frozen=True)
class LevelOption:
    """A rung of a scale: a scheme level or a framework skill level."""

    id: str
    name: str
    ordinal: int
    description: str = ""


@dataclass(frozen=True)
class SkillResult:
    """A framework skill the panel validated and the level achieved."""

    name: str
    code: str
    url: str
    level_id: str  # one of ``scale``'s ids
    level_name: str
    description: str = ""


@dataclass(frozen=True)
class CredentialFacts:
    """Everything an award's credential states, as plain values."""

    credential_id: str
    issuer: Issuer
    holder_name: str
    holder_email: str
    salt: str
    achievement_id: str
    achievement_name: str
    achievement_description: str
    criteria_url: str
    criteria: Sequence[str]
    scheme_levels: Sequence[LevelOption]
    achieved_level_id: str
    framework_name: str
    framework_url: str
    skill_scale: Sequence[LevelOption] = ()
    skills: Sequence[SkillResult] = field(default_factory=tuple)
    valid_from: dt.datetime | None = None
    valid_until: dt.datetime | None = None
    awarded_on: dt.date | None = None
    status_index: int = 0
    status_urls: dict[str, str] = field(default_factory=dict)  # purpose -> list URL


def timestamp(value: dt.datetime | dt.date) -> str:
    """An XML Schema dateTime in UTC, to the second (``Z``)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time.min, tzinfo=dt.UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def identity_hash(value: str, salt: str) -> str:
    """OB 3.0 ``IdentityHash``: ``sha256$`` and the hex SHA-256 of the value and salt."""
    return "sha256$" + hashlib.sha256((value.strip().lower() + salt).encode()).hexdigest()


def _rubric(options: Sequence[LevelOption]) -> list[dict[str, Any]]:
    out = []
    for option in options:
        item: dict[str, Any] = {"id": option.id, "type": ["RubricCriterionLevel"],
                                "name": option.name, "level": str(option.ordinal)}
        if option.description:
            item["description"] = option.description
        out.append(item)
    return out


def _narrative(facts: CredentialFacts) -> str:
    lines = [f"Awarded by {facts.issuer.name} after assessment against these criteria:", ""]
    lines += [f"{n}. {text}" for n, text in enumerate(facts.criteria, start=1)]
    lines += ["", "Two trained assessors scored the evidence independently and a review panel "
                  "decided."]
    return "\n".join(lines)


def award_credential(facts: CredentialFacts) -> dict[str, Any]:
    """The unsigned OB 3.0 credential (a plain dict, JSON-ready)."""
    level_rd = f"{facts.achievement_id}#level"
    alignments = [{"type": ["Alignment"], "targetName": s.name,
                   "targetDescription": s.description or f"{s.name} ({facts.framework_name})",
                   "targetType": "ceasn:Competency", "targetCode": s.code,
                   "targetFramework": facts.framework_name, "targetUrl": s.url}
                  for s in facts.skills]
    descriptions: list[dict[str, Any]] = [{
        "id": level_rd, "type": ["ResultDescription"], "name": "Accreditation level",
        "resultType": "RubricCriterionLevel", "rubricCriterionLevel": _rubric(facts.scheme_levels),
        "requiredLevel": facts.achieved_level_id}]
    results: list[dict[str, Any]] = [{"type": ["Result"], "resultDescription": level_rd,
                                      "achievedLevel": facts.achieved_level_id,
                                      "status": "Completed"}]
    for n, skill in enumerate(facts.skills, start=1):
        rd = f"{facts.achievement_id}#skill-{n}"
        alignment = alignments[n - 1]
        descriptions.append({
            "id": rd, "type": ["ResultDescription"], "name": f"{skill.name}: validated level",
            "resultType": "RubricCriterionLevel", "alignment": [alignment],
            "rubricCriterionLevel": _rubric(facts.skill_scale)})
        results.append({"type": ["Result"], "resultDescription": rd,
                        "achievedLevel": skill.level_id, "alignment": [alignment]})
    achievement: dict[str, Any] = {
        "id": facts.achievement_id, "type": ["Achievement"], "achievementType": "Certification",
        "name": facts.achievement_name,
        "description": facts.achievement_description or facts.achievement_name,
        "criteria": {"id": facts.criteria_url, "narrative": _narrative(facts)},
        "creator": facts.issuer.profile(),
        "resultDescription": descriptions,
    }
    if alignments:
        achievement["alignment"] = alignments
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [
            {"type": "IdentityObject", "identityType": "name", "hashed": False,
             "identityHash": facts.holder_name},
        ],
        "achievement": achievement,
        "result": results,
    }
    if facts.holder_email:
        subject["identifier"].append(
            {"type": "IdentityObject", "identityType": "emailAddress", "hashed": True,
             "identityHash": identity_hash(facts.holder_email, facts.salt),
             "salt": facts.salt})
    if facts.awarded_on is not None:
        subject["activityEndDate"] = timestamp(facts.awarded_on)
    credential: dict[str, Any] = {
        "@context": list(CONTEXTS),
        "id": facts.credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{facts.achievement_name}: {facts.holder_name}",
        "issuer": facts.issuer.profile(),
        "credentialSubject": subject,
    }
    if facts.valid_from is not None:
        credential["validFrom"] = timestamp(facts.valid_from)
    if facts.valid_until is not None:
        credential["validUntil"] = timestamp(facts.valid_until)
    if facts.status_urls:
        credential["credentialStatus"] = [
            {"id": f"{facts.status_urls[p]}#{facts.status_index}",
             "type": "BitstringStatusListEntry", "statusPurpose": p,
             "statusListIndex": str(facts.status_index),
             "statusListCredential": facts.status_urls[p]}
            for p in STATUS_PURPOSES if p in facts.status_urls]
    return credential


def status_list_credential(*, list_url: str, issuer: Issuer, purpose: str, encoded_list: str,
                           valid_from: dt.datetime, ttl_ms: int = 300_000) -> dict[str, Any]:
    """A ``BitstringStatusListCredential`` publishing one list (VC 2.0 context only, so the
    issuer is named by its id)."""
    return {
        "@context": [VC_CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.id,
        "validFrom": timestamp(valid_from),
        "credentialSubject": {"id": f"{list_url}#list", "type": "BitstringStatusList",
                              "statusPurpose": purpose, "encodedList": encoded_list,
                              "ttl": ttl_ms},
    }


@dataclass(frozen=True)
class StatusCheck:
    purpose: str
    list_url: str
    index: int


def status_entries(credential: dict[str, Any]) -> list[StatusCheck]:
    """The credential's Bitstring status entries (a malformed entry raises ValueError)."""
    raw = credential.get("credentialStatus") or []
    entries = raw if isinstance(raw, list) else [raw]
    out = []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
            continue
        try:
            index = int(entry["statusListIndex"])
            out.append(StatusCheck(str(entry["statusPurpose"]),
                                   str(entry["statusListCredential"]), index))
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError("A credential status entry is incomplete.") from error
    return out
