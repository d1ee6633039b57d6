"""The ``cadre`` console script: Django's management commands under one name."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. ``cadre migrate`` or ``cadre import people``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["cadre", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
