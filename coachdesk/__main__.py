"""``python -m coachdesk`` behaves exactly like the ``coachdesk`` command."""

import sys

from coachdesk.cli import main

sys.exit(main())
