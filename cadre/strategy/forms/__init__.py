"""Strategy forms, one module per area (ADR 37)."""
