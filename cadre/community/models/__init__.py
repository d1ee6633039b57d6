"""Community records, one module per area (ADR 36)."""

from cadre.community.models.communications import *  # noqa: F403
from cadre.community.models.exchange import *  # noqa: F403
from cadre.community.models.feeds import *  # noqa: F403
from cadre.community.models.mentoring import *  # noqa: F403
from cadre.community.models.networks import *  # noqa: F403 - each area lists its __all__
from cadre.community.models.surveys import *  # noqa: F403
