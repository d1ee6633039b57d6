"""Learning supply: the selectors layer, one module per area (ADR 35)."""
