"""``mapgen serve``: a live preview. Build, serve the output folder on localhost, rebuild when a
file of data/ changes; the open page reloads itself.

The reload is a small script the server adds to the page as it sends it (with its hash in the
page's Content-Security-Policy): the files on disk, the ones to publish, never hold it. A
broken edit keeps the last good map up, with its located errors over it and in the terminal.

For this machine only: a ``Host`` other than 127.0.0.1:PORT or localhost:PORT is 421 (a page
elsewhere rebinding its name to 127.0.0.1 reads nothing); only GET (any other method is
http.server's 501), and only regular files that resolve inside the output folder (anything
else is 404). The data folder is watched before the first request is answered.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
import signal
import stat
import sys
import threading
import webbrowser
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import jinja2

from mapgen.errors import InputError
from mapgen.inputs import files as config

log = logging.getLogger("mapgen")
STATE_PATH = "/__mapgen/state"
# The preview's markup (templates/preview): the reload script, which asks the server every
# 0.7 s which build is current, reloads when it changes and shows the problems of a broken edit
# over the last good map; the tag that holds it; the page served while no build has succeeded.
_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("mapgen", "templates/preview"), autoescape=True
)
_RELOAD_TAG = _TEMPLATES.get_template("reload.html").render(state_path=STATE_PATH)
RELOAD_JS = _RELOAD_TAG.removeprefix("<script>").removesuffix("</script>")  # what is hashed
_RELOAD_HASH = (
    "'sha256-" + base64.b64encode(hashlib.sha256(RELOAD_JS.encode()).digest()).decode() + "'"
)
_CSP = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(">)')


def problems_page(problems: str) -> str:
    """The page served while no build has succeeded: ``problems``, and the reload script."""
    return _TEMPLATES.get_template("problems.html").render(problems=problems, state_path=STATE_PATH)


def with_reload(html: str) -> str:
    """The page as the preview sends it: the reload script before ``</body>``, allowed by its
    hash, and requests to this server allowed (``connect-src 'self'``)."""

    def policy(match: re.Match) -> str:
        content = match.group(2).replace("script-src ", f"script-src {_RELOAD_HASH} ", 1)
        return match.group(1) + content + "; connect-src 'self'" + match.group(3)

    html = _CSP.sub(policy, html, count=1)
    head, sep, tail = html.rpartition("</body>")
    return head + _RELOAD_TAG + "\n" + sep + tail


@dataclass
class State:
    """The preview's current build: its number and the problems of the last attempt."""

    build: int = 0
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"build": self.build, "problems": self.problems}).encode()


LONGEST_PATH = 1024  # characters of a request's path; the output folder's names are short


def local_hosts(port: int) -> frozenset[str]:
    """The ``Host`` values the preview answers: this port on 127.0.0.1 or localhost. Any other
    (none, no port, another port, another name, [::1]) is 421, so a page elsewhere whose name
    is rebound to 127.0.0.1 cannot read the preview or its state."""
    return frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})


def resolve(root: Path, target: str) -> Path | None:
    """The regular file under ``root`` that the request target ``target`` names, or None: a
    path that is not plain (not from "/", "//", a backslash, a NUL or other control character,
    an empty, "." or ".." part, once percent-decoded), too long, not UTF-8, missing, not a
    regular file (directories: no listings), or one that resolves outside ``root`` (a link)."""
    path = target.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or path.startswith("//") or len(path) > LONGEST_PATH:
        return None
    try:
        path = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    parts = path[1:].split("/")
    if any(ord(c) < 32 or c in "\\\x7f" for c in path) or any(p in ("", ".", "..") for p in parts):
        return None
    try:
        base = root.resolve(strict=True)
        found = base.joinpath(*parts).resolve(strict=True)
        regular = stat.S_ISREG(found.stat().st_mode)
    except (OSError, RuntimeError, ValueError):  # missing, a link loop, a name too long
        return None
    return found if regular and found.is_relative_to(base) else None


class _Handler(SimpleHTTPRequestHandler):
    """Files of the output folder; pages with the reload script; the build's state. Only GET,
    only for this port's Host, only regular files inside the folder."""

    timeout = 30  # a connection that sends nothing is closed, its thread freed

    def __init__(self, *args, state: State, page: str, **kwargs):
        self.state = state
        self.page = page
        super().__init__(*args, **kwargs)

    def log_message(self, *args) -> None:  # the terminal is for the builds
        pass

    def parse_request(self) -> bool:
        """http.server's parsing, then the Host: 421 for any but this port's local names."""
        if not super().parse_request():
            return False
        hosts = self.headers.get_all("Host") or []
        allowed = local_hosts(self.server.server_address[1])
        if len(hosts) != 1 or hosts[0].strip().lower() not in allowed:
            self.send_error(421, "This preview answers only 127.0.0.1 and localhost")
            return False
        return True

    def do_HEAD(self) -> None:  # noqa: N802 (GET only: HEAD answers as POST and the rest do)
        self.send_error(501, f"Unsupported method ({self.command!r})")

    def _send(self, body: bytes, kind: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == STATE_PATH:
            self._send(self.state.as_json(), "application/json")
            return
        if path == "/favicon.ico":  # browsers ask; the page has none
            self._send(b"", "image/x-icon", 204)
            return
        page = "/" + self.page
        target = resolve(Path(self.directory), page if path == "/" else self.path)
        if target is not None and target.suffix == ".html":
            self._send(with_reload(target.read_text(encoding="utf-8")).encode(), "text/html")
        elif target is not None:
            self._send(target.read_bytes(), self.guess_type(str(target)))
        elif path in ("/", page):  # no good build yet: the problems, and the reload script
            with self.state.lock:
                problems = "\n".join(self.state.problems) or "building…"
            self._send(problems_page(problems).encode(), "text/html", 503)
        else:
            self.send_error(404, "File not found")


class _Server(ThreadingHTTPServer):
    """http.server's threaded server; a client that hangs up mid-answer is no traceback."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _rebuild(build, state: State) -> None:
    """One build; its problems (if any) in the state and the terminal, the old files kept."""
    try:
        build()
    except InputError as err:
        with state.lock:
            state.problems = [str(p) for p in err.problems]
        for problem in err.problems:
            log.error("%s", problem)
        log.error("%d problem(s); the last good map stays up", len(err.problems))
        return
    except Exception as err:  # noqa: BLE001 (an internal error must not stop the preview)
        with state.lock:
            state.problems = [f"internal error: {type(err).__name__}: {err}"]
        log.error("internal error: %s: %s", type(err).__name__, err)
        return
    with state.lock:
        state.build += 1
        state.problems = []


def _stop_on_signals(stop: threading.Event) -> dict:
    """Ctrl-C and SIGTERM set ``stop`` (a build under way finishes first); the handlers they
    replace, to put back."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    before = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        before[signum] = signal.signal(signum, lambda *_args: stop.set())
    return before


def _changes(data_dir: Path, stop: threading.Event):
    """The changes under ``data_dir``, one set a batch, from a watcher that is already watching:
    watchfiles' ``watch()`` makes its watcher only when first iterated, so this takes that first
    step before returning (the first yield, an empty set after at most 0.2 s, or changes, which
    the first build covers). Nothing edited after this returns is missed."""
    from watchfiles import watch

    batches = watch(
        data_dir,
        debounce=300,
        rust_timeout=200,
        yield_on_timeout=True,
        stop_event=stop,
        raise_interrupt=False,
    )
    next(batches, None)  # the watcher exists and watches once this has returned
    return (changes for changes in batches if changes)


def serve(build, out: Path, data_dir: Path | None, port: int, open_browser: bool, stop=None):
    """Build with ``build()``, serve ``out``'s folder on 127.0.0.1:``port`` and rebuild on every
    change under the data folder until ``stop`` (a threading.Event) is set, or Ctrl-C or
    SIGTERM arrive. Returns when stopped, the server shut down. The port is taken first (a
    port in use fails at once), then the data folder watched, then requests answered: an edit
    made once the first page has been served (or while the first build runs) is rebuilt."""
    stop = stop or threading.Event()
    handlers = _stop_on_signals(stop)
    data_dir = data_dir or config.default_data_dir()
    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # we say what changed
    state = State()
    handler = partial(_Handler, directory=str(out.parent), state=state, page=out.name)
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    url = f"http://127.0.0.1:{server.server_address[1]}/{out.name}"
    try:
        batches = _changes(data_dir, stop)
        thread.start()  # answers from here on, the watcher already watching
        _rebuild(build, state)
        log.info("serving %s; watching %s (Ctrl-C stops)", url, data_dir)
        if open_browser:
            webbrowser.open(url)
        for changes in batches:
            names = ", ".join(sorted(Path(p).name for _change, p in changes))
            log.info("changed: %s; building again", names)
            _rebuild(build, state)
            if stop.is_set():
                break
    finally:
        if thread.is_alive():
            server.shutdown()
            thread.join()
        server.server_close()
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
    return url
