"""Ctrl-C and SIGTERM during a build: the old files or the new ones, never a mix.

The command line installs :func:`install`; from then on SIGINT and SIGTERM raise
:class:`Interrupted`, except inside :func:`deferred` blocks (the write stage's renames), where
they wait until the block is done. Once the new files are in place (:func:`close`), a late
signal changes nothing.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from contextlib import contextmanager

HOLD_VARIABLE = "MAPGEN_TEST_HOLD"  # tests: pause the build at a named point (see hold)


class Interrupted(BaseException):
    """The build was stopped by a signal; ``signum`` says which (exit code 128 + signum)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


_state = {"depth": 0, "pending": None, "closed": False}


def _handler(signum, _frame) -> None:
    if _state["closed"]:
        return
    if _state["depth"]:
        _state["pending"] = signum
        return
    _state["closed"] = True  # the build is ending: a second signal must not cut the clean-up
    raise Interrupted(signum)


def install() -> None:
    """Route SIGINT and SIGTERM through :class:`Interrupted` (the command line does this)."""
    _state.update(depth=0, pending=None, closed=False)
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _handler)


@contextmanager
def deferred():
    """A block a signal does not cut short: it is raised, if still wanted, at the end."""
    _state["depth"] += 1
    try:
        yield
    finally:
        _state["depth"] -= 1
    pending = _state["pending"]
    if not _state["depth"] and pending is not None and not _state["closed"]:
        _state["pending"] = None
        _state["closed"] = True
        raise Interrupted(pending)


def close() -> None:
    """The build's outcome is final: signals from now on are ignored."""
    _state["closed"] = True


def hold(point: str) -> None:
    """For tests: with ``MAPGEN_TEST_HOLD=POINT[:SECONDS][,POINT[:SECONDS]…]`` set, say so on
    stderr and wait at each point named (30 s unless told), so that a test can send a signal
    or start a second build at a known moment. Does nothing otherwise."""
    for wanted in os.environ.get(HOLD_VARIABLE, "").split(","):
        name, _, seconds = wanted.partition(":")
        if name == point:
            print(f"mapgen: holding at {point}", file=sys.stderr, flush=True)
            time.sleep(float(seconds or 30))
