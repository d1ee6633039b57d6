"""Accreditation records, one module per area (ADR 34)."""

from cadre.accreditation.models.applications import (
    MAX_STATEMENT,
    AccreditationRound,
    Application,
    EvidenceLink,
    Statement,
)
from cadre.accreditation.models.assessors import (
    ASSESSORS_PER_APPLICATION,
    MAX_ASSESSOR_CAPACITY,
    RECENT_ASSESSMENT_YEARS,
    Allocation,
    Assessor,
    AssessorCapacity,
    DeclaredConflict,
    Exclusion,
    ExclusionReason,
)
from cadre.accreditation.models.cpd import (
    MAX_CPD_HOURS,
    MAX_CPD_RECORD_CREDITS,
    REMINDER_DAYS,
    CpdCategory,
    CpdRecord,
    Lapse,
    RenewalReminder,
)
from cadre.accreditation.models.credentials import STATUS_LIST_SIZE, Award, SigningKey
from cadre.accreditation.models.decisions import (
    RECONCILE_GAP,
    SCORE_RANGE,
    Appeal,
    CriterionScore,
    Interview,
    Outcome,
    PanelDecision,
)
from cadre.accreditation.models.standards import (
    MAX_APPEAL_DAYS,
    MAX_CPD_CREDITS,
    MAX_EXPERIENCE_YEARS,
    MAX_RENEWAL_MONTHS,
    MAX_RULE_COUNT,
    CriteriaVersion,
    Criterion,
    CriterionKind,
    Scheme,
    SchemeLevel,
)

__all__ = [
    "ASSESSORS_PER_APPLICATION", "MAX_APPEAL_DAYS", "MAX_ASSESSOR_CAPACITY", "MAX_CPD_CREDITS",
    "MAX_CPD_HOURS", "MAX_CPD_RECORD_CREDITS", "MAX_EXPERIENCE_YEARS", "MAX_RENEWAL_MONTHS",
    "MAX_RULE_COUNT", "MAX_STATEMENT", "RECENT_ASSESSMENT_YEARS", "RECONCILE_GAP",
    "SCORE_RANGE", "STATUS_LIST_SIZE", "AccreditationRound", "Allocation", "Appeal",
    "Application", "Assessor", "AssessorCapacity", "Award", "CpdCategory", "CpdRecord",
    "CriteriaVersion", "Criterion", "CriterionKind", "CriterionScore", "DeclaredConflict",
    "EvidenceLink", "Exclusion", "ExclusionReason", "Interview", "Lapse", "Outcome",
    "PanelDecision", "REMINDER_DAYS", "RenewalReminder",
    "Scheme", "SchemeLevel", "SigningKey", "Statement",
]
