"""Learning supply: the api layer, one module per area (ADR 35)."""
