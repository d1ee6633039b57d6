"""Learning supply: the forms layer, one module per area (ADR 35)."""
