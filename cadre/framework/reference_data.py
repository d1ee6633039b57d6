"""Where the embedded default framework lives."""

from pathlib import Path

DEFAULT_FRAMEWORK_JSON = Path(__file__).resolve().parent / "data" / "default-framework.json"
