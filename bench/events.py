"""Synthetic events tables for the scaling benchmark: what a newsroom's conflict-event data looks
like to the map (ACLED-style rows: a date, a place, a category, a sentence of its own, a source).

Rows are made from data/events.csv: each synthetic row takes a real row's category, source
and link, a date between 2014 and 2024, a position scattered over Ukraine and the Black Sea
region, and either a title and description of its own (numbered, so that no two rows share a
text and the page's table of distinct values cannot fold them together: a table with a note
per event) or, with ``own_texts=False``, its category's (a table of typed events, where only
the date and the place differ). A fixed seed makes the same table every time. The header
comment of data/events.csv is kept.

    python bench/events.py 10000 /tmp/events-10000.csv [--typed]
"""

from __future__ import annotations

import csv
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "data" / "events.csv"
START, DAYS = date(2014, 1, 1), 3652


def write_events(count: int, out: Path, own_texts: bool = True, seed: int = 17) -> Path:
    """Write ``count`` events to ``out`` (the real 45 rows first, then synthetic ones)."""
    lines = EVENTS.read_text(encoding="utf-8").splitlines(keepends=True)
    comments = [line for line in lines if line.startswith("#")]
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    fields = list(rows[0])
    chosen = rows[:count]
    rng = random.Random(seed)
    for k in range(len(chosen), count):
        like = rows[k % len(rows)]
        day = START + timedelta(days=rng.randrange(DAYS))
        kind = like["category"]
        chosen.append(
            {
                **like,
                "date": day.isoformat(),
                "title": f"Reported incident {k}" if own_texts else f"Event #{k}",
                "description": (
                    f"Report {k}: shelling and clashes near the line of contact, as one "
                    f"newsroom's table of {count:,} events would hold them (synthetic row)."
                    if own_texts
                    else f"A reported event of the category {kind} (synthetic row)."
                ),
                "lat": f"{rng.uniform(44.5, 52.0):.4f}",
                "lon": f"{rng.uniform(23.0, 40.0):.4f}",
                "place": "Synthetic",
            }
        )
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.writelines(comments)
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(chosen)
    return out


if __name__ == "__main__":
    write_events(int(sys.argv[1]), Path(sys.argv[2]), own_texts="--typed" not in sys.argv)
