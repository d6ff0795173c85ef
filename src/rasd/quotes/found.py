"""What a speaker rule finds: the speaker and the name of the rule that found it."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SPEAKER_RULES", "Speaker"]

# How a speaker is found (Speaker.kind, kept as Quote.speaker_rule so that a page can say why)
SPEAKER_RULES = (
    "name",  # the subject after the verb
    "title",  # a title and its holder's name
    "reference",  # «الوزير», «الصحيفة», «الرئيس التركي»: a description pointing back
    "before",  # the subject before the verb, or of an earlier clause
    "source",  # «بحسب …», «وفق …»
    "statement",  # «بيان الوزارة»: the author of a statement
    "same",  # «المصدر ذاته», «البيان»: the same source again
    "body",  # «متحدث باسم …», «مصدر في …»: the body a spokesman or source speaks for
    "previous",  # a continuation («وأضاف»): the speaker of the statement it continues
    "unnamed",  # «مصدر أمني»: nobody the text names
    "headline",  # «X: …»
)


@dataclass(slots=True)
class Speaker:
    entity: str | None
    start: int | None
    end: int | None
    last: int  # last token of the speaker phrase, -1 when none is written
    kind: str  # one of SPEAKER_RULES
    type: str = ""
    # the subject of a relative clause («منظمة … التي تشير إلى …»): a statement cited inside
    # another's, which the statements after it do not continue
    embedded: bool = False
