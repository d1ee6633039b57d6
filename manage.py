#!/usr/bin/env python
"""Django's command-line utility; the ``cadre`` console script does the same."""

from cadre.cli import main

if __name__ == "__main__":
    main()
