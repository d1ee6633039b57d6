"""Learning supply: the services layer, one module per area (ADR 35)."""
