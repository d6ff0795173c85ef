"""HTML pages: the main text, title, date and author, extracted with trafilatura.

trafilatura drops navigation, footers and comments and finds the publication date in the page's
metadata. The document id comes from the page's canonical URL when it has one (so a page saved
again after an edit replaces its earlier analysis), else from the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from rasd.errors import BadDate, BadRecord, EmptyText, InputError
from rasd.io.decoding import markup_content
from rasd.io.records import check_published
from rasd.model import Document, content_id

__all__ = ["document_from_html", "html_member", "html_to_text", "read_html"]


def document_from_html(
    page: str | bytes,
    where: str,
    url: str | None = None,
    published: str | None = None,
) -> Document:
    """A Document from one HTML page (raises EmptyText when no main text is found)."""
    import trafilatura

    found = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False, include_tables=False)
    text = (found.text or "").strip() if found is not None else ""
    if not text:
        raise EmptyText(where=where)
    title = (found.title or "").strip() or None
    if title and text.startswith(title):
        text = text[len(title) :].lstrip("\n").strip() or text
    date = published or found.date
    warning = None
    try:
        pub = check_published(date)
    except BadDate as exc:
        if published:  # the caller's own date is wrong: that is an error, not a page quirk
            raise
        pub, warning = None, f"the page's date {date!r} was ignored: {exc}"
    page_url = found.url or url
    meta = {k: v for k, v in (("author", found.author), ("sitename", found.sitename)) if v}
    doc = Document.from_parts(
        text,
        title,
        id=content_id(page_url) if page_url else None,
        published=pub,
        source=found.sitename or found.hostname,
        url=page_url,
        meta=meta,
    )
    if warning:
        doc.warnings.append(warning)
    return doc


def read_html(path: str | Path, encoding: str | None = None, published: str | None = None) -> Iterator[Document | InputError]:
    """Yield the Document of one HTML file (or the InputError saying why not)."""
    p = Path(path)
    page = markup_content(p, encoding)  # trafilatura detects the charset of bytes
    if isinstance(page, BadRecord):
        yield page
        return
    try:
        yield document_from_html(page, str(p), published=published)
    except InputError as exc:
        yield exc


def html_member(chunks: Iterable[str], where: str, name: str, published: str | None, max_record: int) -> Iterator[Document | InputError]:
    """The Document of an HTML page inside an archive."""
    try:
        yield document_from_html("".join(chunks), where, published=published)
    except InputError as exc:
        yield exc


class _TextParser(HTMLParser):
    _BLOCK = frozenset({"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article", "pre", "hr"})
    _SKIP = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): block elements become line
    breaks, scripts and styles are dropped, entities decoded, spaces collapsed."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
