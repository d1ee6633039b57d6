"""Strategy services, one module per area (ADR 37)."""
