"""rasd: Arabic news articles to structured, searchable knowledge.

    >>> import rasd
    >>> doc = rasd.analyze("قال وزير الخارجية إن ...", title="...", published="2021-12-03")
    >>> rasd.to_json(doc)

Nothing heavy happens at import: models load when the first pipeline is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rasd.model import SCHEMA, Document
from rasd.serialize import from_dict, to_dict, to_json

if TYPE_CHECKING:
    from rasd.pipeline import Pipeline

__version__ = "0.1.0"
__all__ = ["SCHEMA", "Document", "analyze", "default_pipeline", "from_dict", "to_dict", "to_json"]

_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The pipeline of the default configuration, built once and reused."""
    global _DEFAULT
    if _DEFAULT is None:
        from rasd.pipeline import build_pipeline

        _DEFAULT = build_pipeline()
    return _DEFAULT


def analyze(
    text: str,
    title: str | None = None,
    published: str | None = None,
    **meta: Any,
) -> Document:
    """Analyse one article: `text` is the body; `title` and `published` (YYYY-MM-DD) are optional."""
    from rasd.io.records import check_published

    doc = Document.from_parts(
        text,
        title,
        id=meta.pop("id", None),
        published=check_published(published),
        source=meta.pop("source", None),
        url=meta.pop("url", None),
        meta=meta,
    )
    return default_pipeline()(doc)
