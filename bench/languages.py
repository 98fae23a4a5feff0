"""Benchmark: the map in each language, beside plain folium's page, in one run.

    python bench/languages.py [--runs 3]

For each language: the build's time (one language a run, medians), the page's bytes and
gzip -9 bytes, and the same for the seven languages built together (one process a language);
plain folium's page of the same data (bench/bench.py's baseline) for scale. Sizes are exact;
times vary by ±15 % on this shared machine.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import ROOT, build_baseline, timed  # noqa: E402

LANGS = ["en", "de", "fr", "pl", "uk", "ru", "ar"]
BUDGET = 200_000  # the page's gzip budget in every language (tests/page/test_render.py)


def _sizes(path: Path) -> tuple[int, int]:
    raw = path.read_bytes()
    return len(raw), len(gzip.compress(raw, 9))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions; medians are shown")
    args = parser.parse_args()
    mapgen = [sys.executable, "-m", "mapgen", "build", "--quiet", "--no-png"]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "nato_map.html"
        rows = []
        for lang in LANGS:
            seconds = [
                timed([*mapgen, "--out", str(out), "--lang", lang]) for _ in range(args.runs)
            ]
            rows.append((lang, statistics.median(seconds), *_sizes(out)))  # --out, exactly
        together = statistics.median(
            timed([*mapgen, "--out", str(out), "--lang", ",".join(LANGS)]) for _ in range(args.runs)
        )
        baseline = Path(folder) / "folium.html"
        build_baseline(baseline)
        folium_raw, folium_gz = _sizes(baseline)
    print("| page | build (s) | bytes | gzip -9 | vs budget |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for lang, seconds, raw, packed in rows:
        print(f"| mapgen {lang} | {seconds:.2f} | {raw:,} | {packed:,} | {packed - BUDGET:+,} |")
    print(f"| mapgen, 7 languages together | {together:.2f} | | | |")
    print(f"| plain folium (en) | | {folium_raw:,} | {folium_gz:,} | {folium_gz - BUDGET:+,} |")
    print(f"\n(run from {ROOT}; medians of {args.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
