"""Strategy selectors, one module per area (ADR 37)."""
