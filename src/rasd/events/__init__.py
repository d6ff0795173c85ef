"""Event extraction: what happened, who took part, where and when.

The "events" stage (`rasd.events.stage.EventStage`) finds events of a small ontology inspired by
CAMEO and ACLED (MEET, STATEMENT, VISIT, AGREEMENT, AID, SANCTION, ATTACK, ARREST, TRIAL,
ELECTION, PROTEST, APPOINTMENT, DEATH, ACCIDENT, KIDNAP, RELEASE, STRIKE, CLASH, DEPLOY; see
docs/EVENTS.md), each with its trigger, participants and roles, place, date, ACLED precision
codes and, for violence, casualties. The
rules are described in `rasd.events.extract`; one trigger file per type lives in
`rasd/data/events/`. Nothing is loaded at import time.
"""

from rasd.events.extract import extract_events

__all__ = ["extract_events"]
