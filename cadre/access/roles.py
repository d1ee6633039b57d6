"""The roles a signed-in account can hold, and which of them are organisation-scoped."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    PROFESSIONAL = "professional", "Professional"
    HEAD_OF_PROFESSION = "head_of_profession", "Head of profession"
    PROGRAMME_MANAGER = "programme_manager", "Programme manager"
    ASSESSOR = "assessor", "Assessor"
    LEARNING_LEAD = "learning_lead", "Learning lead"
    CENTRAL_TEAM = "central_team", "Central profession team"
    ANALYST = "analyst", "Analyst"
    ADMINISTRATOR = "administrator", "Administrator"


#: Roles that must name the organisation(s) they apply to.
ORGANISATION_SCOPED_ROLES = frozenset({Role.HEAD_OF_PROFESSION, Role.LEARNING_LEAD,
                                       Role.ASSESSOR})
#: Roles that see every organisation's named records.
GOVERNMENT_WIDE_ROLES = frozenset({Role.CENTRAL_TEAM, Role.ADMINISTRATOR})
