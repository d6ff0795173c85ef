"""Request bodies of the API (pydantic models: FastAPI validates them and publishes them in
/openapi.json)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ArticleIn", "DocumentsIn", "MAX_DOCUMENTS"]

MAX_DOCUMENTS = 200  # per POST /documents (the body size limit applies as well)


class ArticleIn(BaseModel):
    """One article: its body and what is known about it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "الأردن يستضيف اجتماعا إقليميا لوزراء المياه",
                    "text": "استضافت العاصمة الأردنية عمان، أمس الأربعاء، اجتماعا إقليميا لوزراء المياه.",
                    "published": "2024-03-07",
                    "source": "مثال",
                }
            ]
        },
    )

    text: str = Field(min_length=1, description="The article body (without its title).")
    title: str | None = Field(default=None, description="The headline; the analysed text is title, a newline, then the body.")
    published: str | None = Field(default=None, description="Publication date, YYYY-MM-DD.", examples=["2024-03-07"])
    source: str | None = Field(default=None, description="The newspaper or site.")
    url: str | None = None
    id: str | None = Field(default=None, description="A stable id; default: derived from the text.", max_length=200)
    meta: dict[str, Any] | None = Field(default=None, description="Free-form metadata kept with the document.")


class DocumentsIn(BaseModel):
    """Documents to store. Each item is either an article to analyse (`text`, `title`, ...) or an
    already analysed document in the `rasd.document/1` form (it has `"schema": "rasd.document/1"`),
    which is stored as it is."""

    model_config = ConfigDict(extra="forbid")

    documents: list[dict[str, Any]] = Field(min_length=1, max_length=MAX_DOCUMENTS)
