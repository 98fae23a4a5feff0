"""The drawing process: the static image, the share card and the print files are drawn by a
second Python process, run as ``python -m mapgen.image.process``, on a second core while the
build goes on.

:class:`ImageJob` is the process and its pipe (a pickled frame plan, then the shapes, on
stdin; a pickled dict of files on stdout); :func:`main` is the process's side. This module
imports neither matplotlib nor the data stack, so the command line can start the process
before its own heavy imports.
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import subprocess
import sys
import threading
from pathlib import Path

from mapgen.image import png, sheets


class ImageJob:
    """Draws the PNG in a second Python process. Start it first (it imports matplotlib while
    the build imports the rest and loads the data); hand it the frame plan once the layers
    are built (it draws texts, legend and names while the shapes are simplified), then the
    shapes; collect the bytes when the page is rendered."""

    def __init__(self):
        # the same mapgen as this process, wherever it was imported from
        home = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(p for p in (home, os.environ.get("PYTHONPATH")) if p)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "mapgen.image.process"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": path},
        )
        self._outbox: queue.Queue = queue.Queue()
        self._writer = threading.Thread(target=self._write, daemon=True)
        self._writer.start()

    def _write(self) -> None:
        """Write what is sent, in order, without making the sender wait for the reader."""
        try:
            while (data := self._outbox.get()) is not None:
                self._process.stdin.write(data)
                self._process.stdin.flush()
            self._process.stdin.close()
        except (BrokenPipeError, ValueError):  # it died or was cancelled; result() says why
            pass

    def send(self, part) -> None:
        self._outbox.put(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))

    def result(self) -> dict[str, bytes]:
        """The files drawn, by kind (``png``, and ``card``, ``pdf``, ``svg`` if asked for);
        RuntimeError if the drawing process failed."""
        self._outbox.put(None)
        self._writer.join()
        self._process.stdin = None  # closed by the writer
        out, err = self._process.communicate()
        if self._process.returncode != 0:
            last = (err.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
            raise RuntimeError(f"drawing the static image failed: {last}")
        return pickle.loads(out)  # noqa: S301 (our own child process's answer)

    def cancel(self) -> None:
        """Stop it (if it has not finished) and wait; harmless after :meth:`result`."""
        if self._process.returncode is not None:
            return
        self._process.kill()
        self._outbox.put(None)
        self._writer.join()
        self._process.stdin = None
        self._process.communicate()


def main() -> None:
    """Read the frame plan, then the shapes, from stdin (pickled); write the PNG, and the
    share card and print files the plan asks for, to stdout (a pickled dict by kind). The
    frame is drawn while the building process is still simplifying the shapes."""
    # import matplotlib (half a second) while the parent is still reading and joining its data
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.backends.backend_agg
    import matplotlib.collections
    import matplotlib.colors
    import matplotlib.figure
    import matplotlib.lines
    import matplotlib.patches
    import matplotlib.patheffects  # noqa: F401
    import PIL.Image  # noqa: F401

    plan = pickle.load(sys.stdin.buffer)
    drawn = png.frame(plan)
    shapes = pickle.load(sys.stdin.buffer)
    files = {"png": png.finish(drawn, shapes)} | sheets.extras(plan, shapes)
    sys.stdout.buffer.write(pickle.dumps(files, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.flush()


if __name__ == "__main__":
    gc.disable()  # as the build process: a short run
    main()
    os._exit(0)  # the files are out: skip tearing matplotlib down, the build is waiting
