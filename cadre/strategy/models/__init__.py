"""Strategy records, one module per area (ADR 37)."""

from cadre.strategy.models.commitments import *  # noqa: F403 - each area lists its __all__
from cadre.strategy.models.contributions import *  # noqa: F403
from cadre.strategy.models.functions import *  # noqa: F403
from cadre.strategy.models.metrics import *  # noqa: F403
from cadre.strategy.models.suppliers import *  # noqa: F403
from cadre.strategy.models.workstreams import *  # noqa: F403
