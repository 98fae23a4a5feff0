"""``mapgen serve`` as a hostile page or a hurried editor meets it (issue 25, point 3): only this
port's local names are answered, only regular files inside the output folder are served, an
edit made at once after the first answer is rebuilt, and a few thousand mixed requests to
127.0.0.1 leave it up, answering, without leaked threads, and stopping cleanly."""

from __future__ import annotations

import os
import signal
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import run_mapgen
from test_serve import _get, _serve, _state, _until

# (method, request target, Host ("{port}" is the preview's; None: no Host line), status)
HOSTS = [
    ("GET", "/", "127.0.0.1:{port}", 200),
    ("GET", "/", "localhost:{port}", 200),
    ("GET", "/__mapgen/state", "LocalHost:{port}", 200),  # a host name's case is not meaning
    ("GET", "/__mapgen/state", None, 421),
    ("GET", "/__mapgen/state", "", 421),
    ("GET", "/__mapgen/state", "127.0.0.1", 421),
    ("GET", "/__mapgen/state", "localhost", 421),
    ("GET", "/__mapgen/state", "127.0.0.1:1", 421),
    ("GET", "/__mapgen/state", "evil.example", 421),
    ("GET", "/__mapgen/state", "evil.example:{port}", 421),
    ("GET", "/__mapgen/state", "localhost.evil.example:{port}", 421),
    ("GET", "/__mapgen/state", "localhost.:{port}", 421),
    ("GET", "/__mapgen/state", "127.0.0.1:{port}.evil.example", 421),
    ("GET", "/__mapgen/state", "127.1:{port}", 421),
    ("GET", "/__mapgen/state", "[::1]:{port}", 421),  # the preview listens on 127.0.0.1 only
    ("GET", "/__mapgen/state", "127.0.0.1:{port}\r\nHost: evil.example", 421),  # two Hosts
    ("GET", "/nato_map.html", "evil.example", 421),
    ("POST", "/__mapgen/state", "evil.example", 421),
]
PATHS = [
    ("GET", "/", "127.0.0.1:{port}", 200),
    ("GET", "/nato_map.html", "127.0.0.1:{port}", 200),
    ("GET", "/nato_map.html?v=2#top", "127.0.0.1:{port}", 200),
    ("GET", "/nato_map.embed.html", "127.0.0.1:{port}", 200),
    ("GET", "/sub/note.txt", "127.0.0.1:{port}", 200),
    ("GET", "/inside.html", "127.0.0.1:{port}", 200),  # a link that stays in the folder
    ("GET", "/__mapgen/state", "127.0.0.1:{port}", 200),
    ("GET", "/favicon.ico", "127.0.0.1:{port}", 204),
    ("GET", "/missing.html", "127.0.0.1:{port}", 404),
    ("GET", "/passwd", "127.0.0.1:{port}", 404),  # a link to /etc/passwd
    ("GET", "/passwd.html", "127.0.0.1:{port}", 404),
    ("GET", "/settings.toml", "127.0.0.1:{port}", 404),  # a link to the project's data/map.toml
    ("GET", "/sub/up.html", "127.0.0.1:{port}", 404),  # a link to ../../data/map.toml
    ("GET", "/../data/map.toml", "127.0.0.1:{port}", 404),
    ("GET", "/../../../../../../etc/passwd", "127.0.0.1:{port}", 404),
    ("GET", "/sub/../../data/map.toml", "127.0.0.1:{port}", 404),
    ("GET", "/./nato_map.html", "127.0.0.1:{port}", 404),
    ("GET", "/%2e%2e%2fdata%2fmap.toml", "127.0.0.1:{port}", 404),
    ("GET", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "127.0.0.1:{port}", 404),
    ("GET", "/%252e%252e%252fdata%252fmap.toml", "127.0.0.1:{port}", 404),
    ("GET", "/..%5cdata%5cmap.toml", "127.0.0.1:{port}", 404),
    ("GET", "/..\\data\\map.toml", "127.0.0.1:{port}", 404),
    ("GET", "/nato_map.html%00", "127.0.0.1:{port}", 404),
    ("GET", "/nato_map.html%00.png", "127.0.0.1:{port}", 404),
    ("GET", "/%ff.html", "127.0.0.1:{port}", 404),
    ("GET", "//etc/passwd", "127.0.0.1:{port}", 404),
    ("GET", "/%2fetc%2fpasswd", "127.0.0.1:{port}", 404),
    ("GET", "/etc/passwd", "127.0.0.1:{port}", 404),
    ("GET", "http://127.0.0.1:{port}/etc/passwd", "127.0.0.1:{port}", 404),
    ("GET", "/" + "a" * 5000 + ".html", "127.0.0.1:{port}", 404),
    ("GET", "/" + "a/" * 3000 + "x", "127.0.0.1:{port}", 404),
    ("GET", "/" + "a" * 70000, "127.0.0.1:{port}", 414),  # http.server's own limit
    ("GET", "/sub", "127.0.0.1:{port}", 404),  # directories: no listing, no redirect
    ("GET", "/sub/", "127.0.0.1:{port}", 404),
    ("GET", "/loop.html", "127.0.0.1:{port}", 404),  # a link to itself
    ("HEAD", "/passwd", "127.0.0.1:{port}", 501),  # GET only: http.server's 501 for the rest
    ("HEAD", "/", "127.0.0.1:{port}", 501),
    ("POST", "/__mapgen/state", "127.0.0.1:{port}", 501),
    ("PUT", "/nato_map.html", "127.0.0.1:{port}", 501),
    ("DELETE", "/nato_map.html", "127.0.0.1:{port}", 501),
    ("OPTIONS", "*", "127.0.0.1:{port}", 501),
    ("TRACE", "/", "127.0.0.1:{port}", 501),
    ("PATCH", "/", "127.0.0.1:{port}", 501),
    ("CONNECT", "127.0.0.1:22", "127.0.0.1:{port}", 501),
]


def ask(port: int, method: str, target: str, host: str | None, timeout: float = 10) -> int:
    """The status of one raw request to 127.0.0.1:``port`` (never another address), read to its
    end; HTTP/1.0 when there is no Host line."""
    version = "HTTP/1.1" if host is not None else "HTTP/1.0"
    lines = [f"{method} {target.format(port=port)} {version}"]
    if host is not None:
        lines.append("Host: " + host.format(port=port))
    lines += ["Connection: close", "", ""]
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall("\r\n".join(lines).encode("latin-1"))
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1])


def plant_links(project) -> None:
    """What a careless or hostile hand leaves in output/: links out and in, a folder, a loop."""
    out = project / "output"
    (out / "passwd").symlink_to("/etc/passwd")
    (out / "passwd.html").symlink_to("/etc/passwd")
    (out / "settings.toml").symlink_to(project / "data" / "map.toml")
    (out / "inside.html").symlink_to(out / "nato_map.embed.html")
    (out / "loop.html").symlink_to(out / "loop.html")
    (out / "sub").mkdir()
    (out / "sub" / "note.txt").write_text("a note", encoding="utf-8")
    (out / "sub" / "up.html").symlink_to("../../data/map.toml")


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    """One preview for the case tables, its output folder planted with links."""
    project = tmp_path_factory.mktemp("hostile")
    assert run_mapgen("init", project).returncode == 0
    process, base = _serve(project, "--no-png")
    try:
        _until(lambda: _state(base)["build"] == 1, 60, "the first build")
        plant_links(project)
        yield process, int(base.rsplit(":", 1)[1]), project
    finally:
        process.kill()
        process.wait()


def _check(cases, port: int) -> None:
    wrong = []
    for method, target, host, expected in cases:
        seen = ask(port, method, target, host)
        if seen != expected:
            wrong.append(f"{method} {target[:60]} Host {host!r}: {seen}, not {expected}")
    assert not wrong, wrong


def test_only_this_ports_local_names_are_answered(running):
    _check(HOSTS, running[1])


def test_only_regular_files_inside_the_output_folder_are_served(running):
    from mapgen.serve import with_reload

    process, port, project = running
    _check(PATHS, port)
    published = (project / "output" / "nato_map.html").read_text(encoding="utf-8")
    for path in ("/", "/nato_map.html"):  # a normal request: the page exactly as before
        assert _get(f"http://127.0.0.1:{port}{path}") == (200, with_reload(published))
    assert process.poll() is None


def test_an_edit_made_at_once_after_the_first_answer_is_rebuilt(tmp_path):
    assert run_mapgen("init", tmp_path).returncode == 0
    settings = tmp_path / "data" / "map.toml"
    good = settings.read_text(encoding="utf-8")
    process, base = _serve(tmp_path, "--no-png")
    try:
        first = _until(lambda: _state(base), 60, "the first answer")  # the build may be under way
        settings.write_text(good.replace('title = "NATO', 'title = "Edited: NATO', 1), "utf-8")
        _until(lambda: "Edited: NATO" in _get(base + "/")[1], 30, "the edit, rebuilt")
        assert first["build"] <= 1 and not _state(base)["problems"]
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


def _threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


# one round of the load: good pages and state, traversal, links, bad Hosts, another method
LOAD = [
    ("GET", "/__mapgen/state", "127.0.0.1:{port}", 200),
    ("GET", "/nato_map.embed.html", "localhost:{port}", 200),
    ("GET", "/favicon.ico", "127.0.0.1:{port}", 204),
    ("GET", "/../data/map.toml", "127.0.0.1:{port}", 404),
    ("GET", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "127.0.0.1:{port}", 404),
    ("GET", "/passwd", "127.0.0.1:{port}", 404),
    ("GET", "/sub/", "127.0.0.1:{port}", 404),
    ("GET", "/", "evil.example", 421),
    ("GET", "/__mapgen/state", "localhost.evil.example:{port}", 421),
    ("POST", "/__mapgen/state", "127.0.0.1:{port}", 501),
]
REQUESTS, WORKERS, WHOLE = 3000, 16, 60  # bounded in count, concurrency and seconds


def test_a_few_thousand_requests_leave_it_up_and_it_stops_cleanly(tmp_path):
    assert run_mapgen("init", tmp_path).returncode == 0
    process, base = _serve(tmp_path, "--no-png")
    port = int(base.rsplit(":", 1)[1])
    started = time.monotonic()
    try:
        _until(lambda: _state(base)["build"] == 1, 60, "the first build")
        plant_links(tmp_path)
        before = _threads(process.pid)
        cases = [LOAD[i % len(LOAD)] for i in range(REQUESTS)]
        cases[::100] = [("GET", "/nato_map.html", "127.0.0.1:{port}", 200)] * len(cases[::100])
        began = time.monotonic()
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            seen = list(pool.map(lambda c: ask(port, c[0], c[1], c[2], timeout=10), cases))
        took = time.monotonic() - began
        wrong = [(c, s) for c, s in zip(cases, seen, strict=True) if s != c[3]]
        assert not wrong, wrong[:5]
        print(f"{REQUESTS} requests in {took:.1f} s:", {s: seen.count(s) for s in set(seen)})
        _until(lambda: _threads(process.pid) <= before, 5, f"threads back to {before}")
        assert process.poll() is None and _state(base)["build"] == 1
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        with pytest.raises(ConnectionRefusedError):  # nobody listens there any more
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        with socket.socket() as again:  # and the port is free for the next preview (which, as
            again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # http.server does,
            again.bind(("127.0.0.1", port))  # passes over the closed requests' TIME_WAIT)
        assert time.monotonic() - started < WHOLE
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
