"""``python -m mapgen``: the same as the ``mapgen`` command."""

from mapgen.cli import run

run()
