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


def default_pipeline() -> Pipeline:
    """The pipeline of the default configuration, built once and reused
    (`rasd.ingest.default_provider`)."""
    from rasd.ingest.provider import default_provider

    return default_provider().get()  # type: ignore[return-value]


def analyze(
    text: str,
    title: str | None = None,
    published: str | None = None,
    **meta: Any,
) -> Document:
    """Analyse one article: `text` is the body; `title` and `published` (YYYY-MM-DD) are optional,
    and so are `id`, `source` and `url` among the keyword arguments (the others go to `meta`).

    Raises TypeError naming the argument when one is not a string, `EmptyText` (E004) when the
    body is empty, `BadDate` (E006) for a bad date: what `rasd extract` says of the same input."""
    from rasd.errors import EmptyText
    from rasd.io.records import check_published

    fields = {"id": meta.pop("id", None), "source": meta.pop("source", None), "url": meta.pop("url", None)}
    for name, value in (("text", text), ("title", title), ("published", published), *fields.items()):
        if not (isinstance(value, str) or (value is None and name != "text")):
            kind = "a string" if name == "text" else "a string or None"
            raise TypeError(f"rasd.analyze: {name} must be {kind}, not {type(value).__name__}")
    if not text.strip():
        raise EmptyText(where="rasd.analyze")
    doc = Document.from_parts(text, title, published=check_published(published), meta=meta, **fields)
    return default_pipeline()(doc)
