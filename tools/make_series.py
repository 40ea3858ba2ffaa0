"""Make the weekly time series shipped with the Sliding Window lesson, deterministically.

    python tools/make_series.py            # rewrite learntools_cv/lessons/sliding_window/data/search_interest.csv
    python tools/make_series.py --out DIR  # write it somewhere else

The series stands in for the Google Trends series of Kaggle's exercise (weekly interest in a search term,
0 to 100), which cannot be downloaded offline. It is made up, not measured: five years of Sundays from
2015-01-04, a rising trend that levels off, a dip over the summer and a deep one at the turn of the year,
and week-to-week noise, scaled so that the busiest week is 100 and rounded to whole numbers, as Google
Trends reports them. The noise comes from a small linear congruential generator written out below, so the
file is the same with any version of numpy.
"""

from __future__ import annotations

import argparse
import datetime
import math
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "learntools_cv" / "lessons" / "sliding_window" / "data"
FILENAME = "search_interest.csv"
FIRST_WEEK = datetime.date(2015, 1, 4)
WEEKS = 261


def _noise(count: int, seed: int = 20150104) -> list[float]:
    """`count` numbers spread evenly over [-1, 1), from a 32-bit linear congruential generator
    (Numerical Recipes' constants)."""
    state, out = seed, []
    for _ in range(count):
        state = (1664525 * state + 1013904223) % 2**32
        out.append(state / 2**31 - 1.0)
    return out


def interest(weeks: int = WEEKS) -> list[tuple[datetime.date, int]]:
    """(Sunday, interest from 0 to 100) for each week."""
    raw = []
    noise = _noise(weeks)
    for i in range(weeks):
        day = FIRST_WEEK + datetime.timedelta(weeks=i)
        year_angle = 2 * math.pi * (day.timetuple().tm_yday - 1) / 365.25
        trend = 30 + 55 / (1 + math.exp(-(i - 110) / 28))  # rises, then levels off
        summer = -7 * math.exp(-((day.timetuple().tm_yday - 212) / 25) ** 2)  # a dip around August
        holidays = -18 * max(math.cos(year_angle), 0.0) ** 24  # a deep, short dip at the turn of the year
        spring = 3 * math.sin(year_angle - 0.6)
        raw.append((day, trend + summer + holidays + spring + 5 * noise[i]))
    top = max(value for _, value in raw)
    return [(day, max(0, min(100, round(100 * value / top)))) for day, value in raw]


def csv_text(weeks: int = WEEKS) -> str:
    lines = ["week,interest"]
    lines += [f"{day.isoformat()},{value}" for day, value in interest(weeks)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="folder to write search_interest.csv to")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / FILENAME
    path.write_text(csv_text())
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
