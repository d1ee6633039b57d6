"""Learning supply records, one module per area (ADR 35)."""

from cadre.learning.models.catalogue import (
    MAX_AUDIENCE_GRADES,
    MAX_DURATION_HOURS,
    MAX_LIST_PRICE,
    MAX_PRODUCT_SKILLS,
    Audience,
    DeliveryMode,
    Product,
    ProductKind,
    ProductSkill,
    Provider,
)
from cadre.learning.models.contracts import *  # noqa: F403 - each area lists its __all__
from cadre.learning.models.rates import *  # noqa: F403
from cadre.learning.models.spend import *  # noqa: F403
from cadre.learning.models.xapi import *  # noqa: F403

__all__ = [
    "MAX_AUDIENCE_GRADES", "MAX_DURATION_HOURS", "MAX_LIST_PRICE", "MAX_PRODUCT_SKILLS",
    "Audience", "DeliveryMode", "Product", "ProductKind", "ProductSkill", "Provider",
]
