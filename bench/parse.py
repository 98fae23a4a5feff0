"""What the HTML parser spends before the first shapes (issue 24, part 2), from a trace.

The page's JSON blocks are text the parser must read before the script after them runs.
Chromium's trace (categories ``devtools.timeline``, and ``blink.user_timing`` for the
navigationStart mark) has a ``ParseHTML`` event for each stretch of parsing; the scripts the
parser runs (Leaflet, the runtime, the boot) nest inside them as events of their own. The
parser's own time is each ``ParseHTML``'s duration less its nested events'. Summed over the
stretches that start before the first frame with a shape (``first_ms``, from navigation start),
that is what the parser cost the first paint.
"""

from __future__ import annotations


def start(cdp) -> list[dict]:
    """Start tracing on ``cdp`` (the page's CDP session); the list returned fills with events."""
    events: list[dict] = []
    cdp.on("Tracing.dataCollected", lambda message: events.extend(message["value"]))
    cdp.send(
        "Tracing.start",
        {"categories": "devtools.timeline,blink.user_timing", "transferMode": "ReportEvents"},
    )
    return events


def stop(cdp, page) -> None:
    """End the trace and wait (up to 10 s) for its last events."""
    done: list[bool] = []
    cdp.on("Tracing.tracingComplete", lambda _message: done.append(True))
    cdp.send("Tracing.end")
    for _ in range(100):
        if done:
            return
        page.wait_for_timeout(100)


def _own(parse: dict, spans: list[dict]) -> float:
    """A ParseHTML event's duration less that of the events nested in it (in µs)."""
    end = parse["ts"] + parse.get("dur", 0)
    inside = sorted(
        (
            e
            for e in spans
            if e is not parse and e["ts"] >= parse["ts"] and e["ts"] + e.get("dur", 0) <= end
        ),
        key=lambda e: (e["ts"], -e.get("dur", 0)),
    )
    nested, reached = 0, -1
    for event in inside:
        if event["ts"] >= reached:  # a top-level child (its own children lie within it)
            nested += event.get("dur", 0)
            reached = event["ts"] + event.get("dur", 0)
    return parse.get("dur", 0) - nested


def parser_ms(events: list[dict], first_ms: float) -> float | None:
    """The parser's own time (ms) in the stretches that start before ``first_ms``."""
    starts = [e["ts"] for e in events if e.get("name") == "navigationStart"]
    parses = [e for e in events if e.get("name") == "ParseHTML" and e.get("ph") == "X"]
    if not starts or not parses:
        return None
    # the page's own navigation: the last to start before its parsing did (not about:blank's)
    origin = max((t for t in starts if t <= min(p["ts"] for p in parses)), default=min(starts))
    early = [p for p in parses if (p["ts"] - origin) / 1000 < first_ms]
    tids = {p.get("tid") for p in early}
    spans = [e for e in events if e.get("ph") == "X" and e.get("tid") in tids]
    return sum(_own(p, [s for s in spans if s.get("tid") == p.get("tid")]) for p in early) / 1000
