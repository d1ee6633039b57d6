"""Learning supply: the demo layer, one module per area (ADR 35)."""
