"""How dates read on the map: in the language of the build (:mod:`mapgen.locale`)."""

from mapgen.locale import long_date, month_year

__all__ = ["long_date", "month_year"]
