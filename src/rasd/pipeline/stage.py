"""The stage protocol: a callable Document -> Document that declares what it requires and provides."""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

from rasd.model import Document


@runtime_checkable
class Stage(Protocol):
    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    provides: ClassVar[tuple[str, ...]]

    def __call__(self, doc: Document) -> Document: ...
