"""Strategy api, one module per area (ADR 37)."""
