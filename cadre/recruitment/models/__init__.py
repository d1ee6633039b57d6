"""Recruitment records, one module per area (ADR 38)."""

from cadre.recruitment.models.applications import *  # noqa: F403
from cadre.recruitment.models.campaigns import *  # noqa: F403
from cadre.recruitment.models.panels import *  # noqa: F403
from cadre.recruitment.models.pay import *  # noqa: F403
from cadre.recruitment.models.reserve import *  # noqa: F403
