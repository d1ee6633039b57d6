"""Learning supply: the views layer, one module per area (ADR 35)."""
