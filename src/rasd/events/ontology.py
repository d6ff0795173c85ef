"""The event ontology: one JSON file per event type under `rasd/data/events/`, plus `common.json`.

Each type file has `type`, `description`, `cameo`, `acled`, `roles` (the role of the genitive
after a nominal trigger, and of the subject and object of a verbal one), `markers` (a preposition,
a word or a proclitic such as «ل-» before an entity → its role; a role may depend on the entity
type: `{"LOC": "location", "default": "host"}`), optional `casualties` (killed/injured counts),
`requires_participant`, `absorbed_by` (types that take this one's trigger as their casualty
count in the same sentence), `speaker_role` (the role of a quotation's speaker for a trigger
written right after its reporting verb: «قال الوزير في بيان»), and `triggers`. A trigger is one of

- `{"noun": "اجتماع", "plural": "اجتماعات"}`: forms by rule (article, accusative, dual,
  possessive suffixes), see `rasd.text.inflect.noun_forms`;
- `{"verb": "استضاف", "class": "hollow", "past": "استضاف|استضف", "present": "ستضيف|ستضف"}`:
  every finite form by rule (`rasd.text.inflect.verb_forms`); jussive-only forms (لم يلتق)
  count only after a negation particle;
- `{"forms": [...]}`: forms listed for an irregular word (توفي، يتوفى);

with optional conditions: `not_after` / `not_before` (the word before / after cancels it:
«علم الاجتماع»), `not_near` (one of these words in the sentence cancels it: «اللقاء» in a
sentence about a football match), `requires_participant` (an event only with a participant),
`requires_next` (the next word, past a number, must be one of these: «القبض على», «سحب 23
دبلوماسيا»),
`requires_near` (one of these words in the clause: «حادث» near «سيارة»), `requires_near_entity`
(an entity of that type in the clause), `requires_object_trigger` (a verb that is an event only
with a nominal trigger of the same type after it: «وقع اتفاقية»), `announces` (a verb that
announces an act: with a trigger of another type as its object, «أعلنت الحكومة قطع العلاقات»,
that act is the event and the verb none), `counts_dead` (a killing word that, with no killer
named, counts the dead of a happening told elsewhere: «مقتل», «قتل»), and `roles` overriding the type's roles. Words are compared by `norm_key` without the article. A form that is a trigger of several types
(«أدان»: a court's conviction or a condemnation) is tried with its conditioned triggers first, so
that a type's conditions choose it and another type takes the word otherwise.

Loaded once, on first use (`ontology()`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasd.events.errors import EventDataError
from rasd.text.article import strip_article
from rasd.text.inflect import VERB_CLASSES, noun_forms, verb_forms
from rasd.text.normalize import norm_key

__all__ = [
    "DATA_DIR",
    "EVENT_TYPES",
    "Common",
    "EventType",
    "Ontology",
    "Trigger",
    "load_ontology",
    "ontology",
]

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "events"
EVENT_TYPES = (
    "MEET",
    "STATEMENT",
    "VISIT",
    "AGREEMENT",
    "AID",
    "SANCTION",
    "ATTACK",
    "ARREST",
    "TRIAL",
    "ELECTION",
    "PROTEST",
    "APPOINTMENT",
    "DEATH",
    "ACCIDENT",
    "KIDNAP",
    "RELEASE",
    "STRIKE",
    "CLASH",
    "DEPLOY",
)
Role = str | dict[str, str]
_TRIGGER_KEYS = {
    "noun",
    "plural",
    "verb",
    "class",
    "past",
    "present",
    "forms",
    "not_after",
    "not_before",
    "requires_next",
    "requires_near",
    "requires_near_entity",
    "requires_object_trigger",
    "roles",
    "not_near",
    "requires_participant",
    "announces",
    "counts_dead",
}


def _key(word: str) -> str:
    return strip_article(norm_key(word))


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    lemma: str
    verbal: bool
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    requires_next: frozenset[str] = frozenset()
    requires_near: frozenset[str] = frozenset()
    requires_near_entity: str = ""
    requires_object_trigger: bool = False
    not_near: frozenset[str] = frozenset()
    requires_participant: bool = False
    announces: bool = False
    counts_dead: bool = False  # «مقتل», «قتل»: with no killer named, the dead of a happening told elsewhere
    roles: tuple[tuple[str, Role], ...] = ()

    def role(self, slot: str, etype: str, default: dict[str, Role]) -> str:
        r = dict(self.roles).get(slot, default.get(slot, ""))
        if isinstance(r, dict):
            return r.get(etype, r.get("default", ""))
        return r


@dataclass(slots=True)
class EventType:
    name: str
    description: str
    cameo: str
    acled: str
    roles: dict[str, Role]
    markers: dict[str, Role]  # key (norm, no article; "ل-" for a proclitic) -> role
    casualties: bool = False
    one_per_place: bool = False  # several destinations («إلى مصر والأردن») are one event each
    requires_participant: bool = False
    absorbed_by: tuple[str, ...] = ()
    speaker_role: str = ""

    def marker_role(self, key: str, etype: str) -> str:
        r = self.markers.get(key, "")
        if isinstance(r, dict):
            return r.get(etype, r.get("default", ""))
        return r


@dataclass(slots=True)
class Common:
    negators_verb: frozenset[str]
    negators_noun: frozenset[str]
    demonstratives: frozenset[str]
    same: frozenset[str]
    place_nouns: dict[str, int]
    place_preps: frozenset[str]
    killed: frozenset[str]
    injured: frozenset[str]
    people: frozenset[str]
    not_the_act: frozenset[str] = frozenset()
    habitual: frozenset[tuple[str, str]] = frozenset()
    relative_pronouns: frozenset[str] = frozenset()
    during: frozenset[str] = frozenset()
    relative_doers: frozenset[tuple[str, ...]] = frozenset()  # «قام بها», «أجراها»
    relative_bearers: frozenset[tuple[str, ...]] = frozenset()  # «الذي يواجه اتهامات»
    planned_before: frozenset[tuple[str, ...]] = frozenset()  # «من المقرر أن», «يعتزم»
    planned_after: frozenset[str] = frozenset()  # «الزيارة المرتقبة», «القمة المقررة»
    future: frozenset[str] = frozenset()  # «سوف»
    one_of: frozenset[str] = frozenset()  # «إحدى», «أحد»: «إحدى أعنف المعارك»
    superlatives: frozenset[str] = frozenset()  # «أعنف», «أكبر»
    pluperfect: frozenset[str] = frozenset()  # «كانت»: «وكانت الدول قد أعلنت …», a recall
    attribution: frozenset[str] = frozenset()  # «وفق», «بحسب»: «وفق ما أعلن», the news's source
    media_heads: frozenset[str] = frozenset()  # «وكالة», «قناة»: an outlet a statement is made to
    # «عشية» -> (-1 day, exact), «قبيل» -> (0, approximate): a date relative to an anchor
    date_relations: dict[tuple[str, ...], tuple[int, bool]] = field(default_factory=dict)


@dataclass(slots=True)
class Ontology:
    types: dict[str, EventType] = field(default_factory=dict)
    triggers: dict[str, list[Trigger]] = field(default_factory=dict)  # form key -> triggers
    jussive: dict[str, list[Trigger]] = field(default_factory=dict)  # only after a negation
    common: Common | None = None
    # a word key -> the verbal triggers it holds with an object pronoun, found once per word
    # (`rasd.events.view`); bounded, so that a long ingest keeps a flat memory
    object_verbs: dict[str, list[Trigger]] = field(default_factory=dict, compare=False, repr=False)


def _load_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise EventDataError(
            path=str(path),
            problem="the data file is missing",
            fix="Reinstall rasd, or restore the file from the repository.",
        ) from exc
    except json.JSONDecodeError as exc:
        raise EventDataError(path=str(path), problem=f"invalid JSON ({exc})", fix="Fix the syntax.") from None
    if not isinstance(data, dict):
        raise EventDataError(
            path=str(path), problem="the file is not a JSON object", fix="See docs/EVENTS.md for the format."
        )
    return data


def _words(path: Path, spec: dict[str, Any], name: str) -> frozenset[str]:
    value = spec.get(name, [])
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise EventDataError(
            path=str(path), problem=f"{name!r} must be a list of words", fix='Write it as ["word", ...].'
        )
    return frozenset(_key(w) for w in value)


def _phrases(path: Path, spec: dict[str, Any], name: str) -> list[str]:
    value = spec.get(name, [])
    if not isinstance(value, list) or not all(isinstance(w, str) and w.split() for w in value):
        raise EventDataError(
            path=str(path),
            problem=f"{name!r} must be a list of phrases",
            fix='Write it as ["word word", ...].',
        )
    return value


def _role_map(path: Path, value: Any, what: str) -> dict[str, Role]:
    if not isinstance(value, dict):
        raise EventDataError(
            path=str(path), problem=f"{what!r} must be an object", fix="See docs/EVENTS.md for the format."
        )
    out: dict[str, Role] = {}
    for k, v in value.items():
        if not isinstance(v, (str, dict)):
            raise EventDataError(
                path=str(path),
                problem=f"role of {k!r} in {what!r} must be a string or an object",
                fix='Use "actor" or {"LOC": "location", "default": "host"}.',
            )
        key = k if k.endswith("-") else " ".join(_key(w) for w in k.split())
        out[key] = v
    return out


def _forms(path: Path, spec: dict[str, Any]) -> tuple[str, bool, set[str], set[str]]:
    """(lemma, verbal, forms, jussive-only forms) of a trigger spec."""
    if "noun" in spec:
        return spec["noun"], False, set(noun_forms(spec["noun"], spec.get("plural"))), set()
    if "verb" in spec:
        cls = spec.get("class")
        if cls not in VERB_CLASSES or "past" not in spec or "present" not in spec:
            raise EventDataError(
                path=str(path),
                problem=f"verb trigger {spec['verb']!r} needs class, past and present",
                fix=f"class is one of {', '.join(VERB_CLASSES)}; see rasd/text/inflect.py for the stems.",
            )
        vf = verb_forms(cls, spec["past"], spec["present"])
        return spec["verb"], True, set(vf.forms), set(vf.jussive_only)
    if "forms" in spec:
        forms = spec["forms"]
        if not isinstance(forms, list) or not forms:
            raise EventDataError(
                path=str(path), problem="'forms' must be a non-empty list", fix="List the written forms."
            )
        return forms[0], True, set(forms), set()
    raise EventDataError(
        path=str(path),
        problem=f"a trigger has neither noun, verb nor forms: {spec}",
        fix="See docs/EVENTS.md for the format.",
    )


def _load_type(path: Path, onto: Ontology) -> None:
    data = _load_json(path)
    name = data.get("type")
    if name not in EVENT_TYPES:
        raise EventDataError(
            path=str(path),
            problem=f"unknown event type {name!r}",
            fix=f"Use one of {', '.join(EVENT_TYPES)}.",
        )
    et = EventType(
        name=name,
        description=str(data.get("description", "")),
        cameo=str(data.get("cameo", "")),
        acled=str(data.get("acled", "")),
        roles=_role_map(path, data.get("roles", {}), "roles"),
        markers=_role_map(path, data.get("markers", {}), "markers"),
        casualties=bool(data.get("casualties", False)),
        one_per_place=bool(data.get("one_per_place", False)),
        requires_participant=bool(data.get("requires_participant", False)),
        absorbed_by=tuple(data.get("absorbed_by", ())),
        speaker_role=str(data.get("speaker_role", "")),
    )
    onto.types[name] = et
    for spec in data.get("triggers", []):
        unknown = set(spec) - _TRIGGER_KEYS
        if unknown:
            raise EventDataError(
                path=str(path),
                problem=f"unknown trigger keys {sorted(unknown)}",
                fix=f"Known keys: {', '.join(sorted(_TRIGGER_KEYS))}.",
            )
        lemma, verbal, forms, jussive = _forms(path, spec)
        trig = Trigger(
            type=name,
            lemma=lemma,
            verbal=verbal,
            not_after=_words(path, spec, "not_after"),
            not_before=_words(path, spec, "not_before"),
            requires_next=_words(path, spec, "requires_next"),
            requires_near=_words(path, spec, "requires_near"),
            requires_near_entity=str(spec.get("requires_near_entity", "")),
            requires_object_trigger=bool(spec.get("requires_object_trigger", False)),
            not_near=_words(path, spec, "not_near"),
            requires_participant=bool(spec.get("requires_participant", False)),
            announces=bool(spec.get("announces", False)),
            counts_dead=bool(spec.get("counts_dead", False)),
            roles=tuple(_role_map(path, spec.get("roles", {}), "roles").items()),
        )
        for table, words in ((onto.triggers, forms), (onto.jussive, jussive)):
            for f in words:
                found = table.setdefault(norm_key(f), [])
                if trig not in found:
                    found.append(trig)


def _load_common(path: Path) -> Common:
    data = _load_json(path)

    def words(name: str) -> frozenset[str]:
        return _words(path, data, name)

    places = data.get("place_nouns", {})
    if not isinstance(places, dict) or not all(v in (1, 2, 3) for v in places.values()):
        raise EventDataError(
            path=str(path),
            problem="'place_nouns' must map words to 1, 2 or 3",
            fix="Use the ACLED location precision codes.",
        )
    return Common(
        negators_verb=words("negators_verb"),
        negators_noun=words("negators_noun"),
        demonstratives=words("demonstratives"),
        same=words("same"),
        place_nouns={_key(k): v for k, v in places.items()},
        place_preps=words("place_preps"),
        killed=words("killed"),
        injured=words("injured"),
        people=words("people"),
        not_the_act=words("not_the_act"),
        habitual=frozenset(
            tuple(_key(w) for w in phrase.split())
            for phrase in data.get("habitual", [])
            if len(phrase.split()) == 2
        ),
        relative_pronouns=words("relative_pronouns"),
        during=words("during"),
        relative_doers=frozenset(
            tuple(_key(w) for w in phrase.split()) for phrase in _phrases(path, data, "relative_doers")
        ),
        relative_bearers=frozenset(
            tuple(_key(w) for w in phrase.split()) for phrase in _phrases(path, data, "relative_bearers")
        ),
        planned_before=frozenset(
            tuple(_key(w) for w in phrase.split()) for phrase in _phrases(path, data, "planned_before")
        ),
        planned_after=words("planned_after"),
        future=words("future"),
        one_of=words("one_of"),
        superlatives=words("superlatives"),
        pluperfect=words("pluperfect"),
        attribution=words("attribution"),
        media_heads=words("media_heads"),
        date_relations=_date_relations(path, data.get("date_relations", {})),
    )


def _date_relations(path: Path, value: Any) -> dict[tuple[str, ...], tuple[int, bool]]:
    """`date_relations` of common.json: a phrase -> {"days": offset from the anchor's date,
    "approx": whether the day is approximate}."""
    ok = isinstance(value, dict) and all(
        isinstance(k, str)
        and k.split()
        and isinstance(v, dict)
        and isinstance(v.get("days"), int)
        and isinstance(v.get("approx", False), bool)
        and set(v) <= {"days", "approx"}
        for k, v in value.items()
    )
    if not ok:
        raise EventDataError(
            path=str(path),
            problem="'date_relations' must map phrases to {\"days\": N, \"approx\": true|false}",
            fix='Write it as {"عشية": {"days": -1}, "قبيل": {"days": 0, "approx": true}}.',
        )
    return {tuple(_key(w) for w in k.split()): (v["days"], v.get("approx", False)) for k, v in value.items()}


def load_ontology(data_dir: Path = DATA_DIR) -> Ontology:
    """Read and check `common.json` and one file per event type in `data_dir`."""
    onto = Ontology()
    onto.common = _load_common(data_dir / "common.json")
    for t in EVENT_TYPES:
        _load_type(data_dir / f"{t.lower()}.json", onto)
    for table in (onto.triggers, onto.jussive):
        for found in table.values():
            found.sort(key=lambda tr: not _conditioned(tr))
    return onto


def _conditioned(trig: Trigger) -> bool:
    """Whether a trigger names its type only in some context («أدان» near a court word): such a
    trigger is tried before an unconditioned one of the same form, so that the context chooses
    the type («أدانت المحكمة» a TRIAL, «أدانت الوزارة الهجوم» a STATEMENT)."""
    return bool(
        trig.requires_near or trig.requires_next or trig.requires_near_entity or trig.requires_object_trigger
    )


@lru_cache(maxsize=1)
def ontology() -> Ontology:
    """The shipped ontology, loaded once."""
    return load_ontology()
