"""Entry script of the frozen app: exactly the ``coachdesk`` command (GUI by default)."""

import sys

from coachdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
