"""How dates read on the map."""

from datetime import date


def long_date(day: date) -> str:
    """``24 August 1949``."""
    return f"{day.day} {day:%B %Y}"
