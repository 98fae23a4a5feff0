"""The drawing process: the static image, the share card and the print files are drawn by a
second Python process, run as ``python -m mapgen.image.process``, on a second core while the
build goes on.

:class:`Drawing` is what a build uses, one object from the start to the files;
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
from collections.abc import Mapping
from pathlib import Path

from mapgen.image import png, sheets

KINDS = ("card", "pdf", "png", "svg")  # the files drawn here, in the order the log lists them


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


class Drawing:
    """The drawn files of one build: the PNG, and the share card and print files if wanted,
    drawn by a second process (:class:`ImageJob`) while the build goes on.

    Parameters
    ----------
    paths : mapping of str to Path
        The files the build writes, by kind (``html``, ``png``, ``card``, ``pdf`` …). Those of
        ``png``, ``card``, ``pdf`` and ``svg`` are drawn here; with none of them, no process
        is started and the methods do nothing.
    print_size : str, optional
        The print files' size: "A4" or a column's width in millimetres.
    job : ImageJob, optional
        A process started earlier (the command line starts one before its heavy imports);
        used if something is to be drawn, else cancelled.

    Examples
    --------
    >>> with Drawing(paths, options.print_size) as drawing:
    ...     drawing.frame(frame_plan)  # as soon as the layers are built
    ...     drawing.shapes(shapes_plan)  # once the shapes are simplified
    ...     files = drawing.files()  # {path: bytes}, once the page is rendered

    Leaving the block stops the process if it has not finished (an error, an interrupt).
    """

    def __init__(
        self,
        paths: Mapping[str, Path],
        print_size: str | None = None,
        job: ImageJob | None = None,
    ):
        self.kinds = tuple(kind for kind in KINDS if kind in paths)
        self._paths = {kind: paths[kind] for kind in self.kinds}
        self._extras = {"card": "card" in paths, "print": print_size}
        self._given = job
        self._job: ImageJob | None = None

    def __enter__(self) -> Drawing:
        if self.kinds:
            self._job = self._given or ImageJob()
        elif self._given:
            self._given.cancel()
        return self

    def __exit__(self, *_exc) -> None:
        if self._job:
            self._job.cancel()

    def frame(self, plan: dict) -> None:
        """Hand over everything but the shapes (:func:`mapgen.image.plan.frame_plan`); the
        process draws it while the shapes are simplified."""
        if self._job:
            self._job.send({**plan, "extras": self._extras})

    def shapes(self, plan: list[dict]) -> None:
        """Hand over the shapes (:func:`mapgen.image.plan.shapes_plan`)."""
        if self._job:
            self._job.send(plan)

    def files(self) -> dict[Path, bytes]:
        """The drawn files' bytes by path, once the process has finished; RuntimeError if it
        failed."""
        if not self._job:
            return {}
        drawn = self._job.result()
        return {path: drawn[kind] for kind, path in self._paths.items()}


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
