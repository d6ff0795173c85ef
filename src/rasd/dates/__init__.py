"""Dates and quantities: the `dates` pipeline stage (`rasd.dates.stage.DatesStage`).

`extract(text, published)` returns the dates (`DateSpan`: value "YYYY", "YYYY-MM" or "YYYY-MM-DD",
kind absolute | numeric | hijri | year | relative, precision year | month | day) and the
quantities (`Quantity`: value, unit lemma, approximate) of a text. Relative expressions are resolved
against the publication date; without one their value is None. A week («الأسبوع الماضي») is not a
date; `periods(doc)` gives the weeks a document names (precision week), for dating events. The choices made for ambiguous cases
are written in the docstrings of `absolute`, `relative` and `quantities`.

Nothing is loaded at import time: the data files under `rasd/data/dates/` are read and the patterns
compiled on first use (or when the stage is built).
"""

from rasd.dates.stage import DatesStage, Extraction, extract, periods

__all__ = ["DatesStage", "Extraction", "extract", "periods"]
