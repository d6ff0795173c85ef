"""Quotation attribution: who said what.

The "quotes" stage (`rasd.quotes.stage.QuoteStage`) finds direct quotations (between “ ” « » " ")
and indirect ones (a reporting verb + أن/إن), with the reporting verb, the speaker (an entity id,
or None with the phrase kept for an anonymous source), negation and the sentence they come from.
The rules are described in `rasd.quotes.extract`; the word lists live in `rasd/data/quotes/`.

The resources it shares with the events stage live in `rasd.text`: `inflect` (verb, participle
and noun forms by rule), `docindex` (a token-level index of a document's mentions, titles and
dates), `function_words` (complementizers, negations, clause boundaries, speaker heads) and
`article`. Nothing is loaded at import time.
"""

from rasd.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
