"""Strategy views, one module per area (ADR 37)."""
