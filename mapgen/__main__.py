"""``python -m mapgen``: the same as the ``mapgen`` command."""

import sys

from mapgen.cli import main

sys.exit(main())
