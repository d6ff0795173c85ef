"""Participants and places of an event (rules 3 to 5 of `rasd.events.extract`): the genitive and
marked entities after a nominal trigger, the subject and object of a verbal one, the subject of
the verb before a nominal one, coordination, and place entities written as places.
"""

from __future__ import annotations

from rasd.events.ontology import EventType, Trigger
from rasd.events.places import COUNTRY
from rasd.events.view import COMMAS, MAX_AFTER, MAX_CUE, MAX_OBJECT, PREPS, QAD, EventView
from rasd.model import Participant
from rasd.text.article import ARTICLE, strip_article
from rasd.text.docindex import Hit
from rasd.text.normalize import norm_key

__all__ = ["ParticipantRules", "Place"]

MAX_TITLE_BACK = 600  # tokens a bare title looks back for the person it introduced
_MANNER = frozenset({norm_key("في"), norm_key("خلال")})
_PLACE_KINDS = frozenset({"country", "region", "province", "city"})
Place = tuple[int, Hit, int | None]  # (distance to the trigger, mention, precision hint)


class ParticipantRules(EventView):
    def _governed(self, j: int) -> bool:
        """Whether token j is governed by a preposition (a proclitic, or the word before it)."""
        return self.ix.has_prep_clitic(j) or (j > 0 and self.ix.bare[j - 1] in PREPS)

    def _acts(self, h: Hit) -> bool:
        """Whether a mention may be a participant: a person, an organisation, or a country (which
        acts through its government); a town, region or site is only ever the event's place."""
        if h.type != "LOC":
            return True
        kind = (h.entity or "").partition(":")[0]
        if kind in _PLACE_KINDS:
            return kind == "country"
        key = norm_key(self.text[h.start : h.end])
        return self.kinds.get(key, self.kinds.get(strip_article(key), 0)) == COUNTRY

    def _place_hint(self, j: int) -> tuple[bool, int | None]:
        """(is the mention at token j written as a place, precision hint of a place noun)."""
        pfx = self.ix.prefix(j)
        if "ب" in pfx:
            return True, None
        if j == 0:
            return False, None
        prev = self.keys[j - 1]
        hint = self.common.place_nouns.get(prev)
        if hint is not None:  # «في مدينة X», «بمحافظة X», «جنوب X»
            marked = (
                "ب" in self.ix.prefix(j - 1)
                or (j > 1 and self.keys[j - 2] in self.common.place_preps)
                or prev in self.common.place_preps
            )
            return marked, hint
        if prev in self.common.place_preps:
            return True, None
        if j > 1 and self.keys[j - 2] in self.common.place_nouns and prev.endswith(("ي", "يه")):
            # «في العاصمة البريطانية لندن»: a place noun and an adjective
            return self._place_hint(j - 1)[0] or "ب" in self.ix.prefix(j - 2), self.common.place_nouns[
                self.keys[j - 2]
            ]
        return False, None

    def _scan(
        self,
        i: int,
        start: int,
        c1: int,
        et: EventType,
        trig: Trigger,
        genitive: bool,
        used: set[int],
        parts: list[Participant],
        locs: list[tuple[int, Hit, int | None]],
        others: set[int],
        override: str = "",
        prev: tuple[str, int] = ("", -2),
    ) -> None:
        """Participants and place candidates after a trigger at i, from token `start`; `prev` is
        the role and last token of a participant just before `start` (for «X وY»)."""
        j = start
        stop = min(c1, start + MAX_AFTER)
        prev_role, prev_end = prev
        marker_at = -1  # a marker of a destination with no mention after it yet («إلى عدة دول (…)»)
        while j < stop:
            if j in others:
                break
            h = self.ix.mention_at(j)
            if h is None:
                if self.toks[j].kind == "PUNCT" and self.text[self.toks[j].start] in COMMAS:
                    prev_role = ""
                if et.marker_role(self.keys[j], "LOC") == "location":
                    marker_at = j
                j += 1
                continue
            if j in used:
                j = h.last + 1
                continue
            pfx = self.ix.prefix(j)
            prevkey = self.keys[j - 1] if j - 1 > i else ""
            role = ""
            if genitive and j == i + 1 and not any(c in "بلك" for c in pfx):
                role = trig.role("genitive", h.type, et.roles)
            if not role and prevkey:
                # the marker word as segmented (مشاركة) or as written (بمشاركة)
                role = et.marker_role(prevkey, h.type) or et.marker_role(
                    strip_article(self.toks[j - 1].norm), h.type
                )
                if not role and j - 2 > i:
                    role = et.marker_role(self.keys[j - 2] + " " + prevkey, h.type)
                    if not role and self.fwords.speakers.get(prevkey) == "title":  # «مع رئيس حزب X»
                        role = et.marker_role(self.keys[j - 2], h.type)
            if not role:
                # the proclitic on the mention, or on a title or a definite noun in apposition
                # just before it, an adjective of origin between («للصحفي فلان», «للقس الأمريكي فلان»)
                clitics = pfx + self._apposed_clitic(i, j)
                for clitic in "لب":
                    if clitic in clitics and (clitic + "-") in et.markers:
                        role = et.marker_role(clitic + "-", h.type)
                        break
                if role and et.speaker_role and "ل" in clitics and self.keys[j] in self.common.media_heads:
                    used.add(j)  # «في تصريح لوكالة الأنباء»: the outlet, not the author
                    j = h.last + 1
                    continue
            if not role and pfx[:1] == "و" and prev_end == j - 1 and prev_role:
                role = prev_role
            if not role and marker_at >= 0 and h.type == "LOC" and self.ix.norms[j - 1] == "(":
                role = et.marker_role(self.keys[marker_at], h.type)  # «إلى دول الخليج (الكويت وقطر)»
            if role:
                marker_at = -1
            is_place, hint = self._place_hint(j) if h.type == "LOC" else (False, None)
            if role == "name":  # «اتفاقيات جنيف»: a town that names the treaty, not where it was made
                if not self._acts(h):
                    used.add(j)
                    j = h.last + 1
                    continue
                role = "participant"
            if role and not self._acts(h):  # «قمة بروكسل», «قصف الزاوية»: a town is where, not who
                role = "location"
            if role == "location" or (not role and is_place and h.type == "LOC"):
                locs.append((abs(j - i) if role != "location" else 0, h, hint))
                if role == "location":  # «إلى مصر والأردن»: each a destination
                    prev_role, prev_end = role, h.last
            elif role and h.entity:
                parts.append(Participant(h.entity, override or role))
                prev_role, prev_end = role, h.last
            used.add(j)
            j = h.last + 1

    def _apposed_clitic(self, i: int, j: int) -> str:
        """The proclitics of a noun in apposition before the mention at j, after the trigger at i:
        a title, or a definite noun with a proclitic, with one adjective of origin (ending in ي)
        between them («للصحفي فلان», «للقس الأمريكي فلان»); "" when there is none."""
        for t in (j - 1, j - 2):
            if t <= i or self.toks[t].kind != "WORD" or self.ix.cover[t] is not None:
                return ""
            pfx = self.ix.prefix(t)
            if self.fwords.speakers.get(self.keys[t]) == "title" or (
                pfx and self.toks[t].stem.startswith(ARTICLE)
            ):
                return pfx
            if not (self.keys[t].endswith("ي") and self.toks[t].stem.startswith(ARTICLE)):
                return ""
        return ""

    def _subject(self, i: int, c0: int, c1: int) -> tuple[Hit | None, int]:
        """A verbal trigger's subject and the token where its object may start."""
        k = i + 1
        titles = 0
        while k < c1:
            d = self.ix.date_at.get(k)
            if d is not None:
                k = self.ix.token_at(d.end - 1) + 1
            elif self.toks[k].kind == "PUNCT" and self.text[self.toks[k].start] in COMMAS:
                k += 1
            elif (
                titles < 3
                and k not in self.ix.at_start
                and k not in self.ix.title_at
                and self.fwords.speakers.get(self.keys[k]) == "title"
                and not self.ix.prep[k]
            ):
                k += 1  # «توفي الشيخ فلان», «التقى الرئيس فلان»
                titles += 1
            else:
                break
        if k < c1:
            h = self.ix.mention_at(k)
            if h is not None and not self._governed(k):
                return h, h.last + 1
        j = i - 1
        while j >= c0 and self.ix.bare[j] in QAD:
            j -= 1
        if j >= c0:
            h = self.ix.cover[j]
            if h is not None and h.last == j and h.first >= c0 and not self._governed(h.first):
                return h, i + 1
        return None, i + 1

    def _object(self, start: int, c1: int, others: set[int]) -> Hit | None:
        """The first entity after `start` before a preposition, a comma or another trigger."""
        for j in range(start, min(c1, start + MAX_OBJECT)):
            if j in others or self.ix.bare[j] in PREPS or self.toks[j].kind == "PUNCT":
                return None
            h = self.ix.mention_at(j)
            if h is not None and not self._governed(j):
                if h.type == "LOC" and self._place_hint(j)[0]:
                    return None
                return h
        return None

    def _cue_speaker(self, i: int) -> str | None:
        """The speaker of a quotation of the trigger's sentence whose reporting verb or speaker
        stands just before the trigger («وقالت الوزارة في بيان إن …», «وقال الوزير فلان في مقابلة
        مع …»), or whose quotation ends before it («قال … إن …، خلال مقابلة له مع قناة …»)."""
        start = self.toks[i].start
        si = self.ix.sent_of[i]
        best, dist = None, None
        for q in self.doc.quotes:
            if q.speaker is None or q.cue_start is None or q.start <= start < q.end:
                continue
            k = self.ix.token_at(q.cue_start)
            if k > i or self.ix.sent_of[k] != si:
                continue
            near = i - k <= MAX_CUE
            if not near and q.speaker_end is not None and q.speaker_end <= start:
                near = i - self.ix.token_at(q.speaker_end - 1) <= 3
            if near or q.end <= start:
                if dist is None or i - k < dist:
                    best, dist = q.speaker, i - k
        return best

    def _teller(self, i: int, c0: int) -> str | None:
        """The subject of the verb that a statement noun after «في/خلال» tells the manner of
        («وأكد الوزير فلان في كلمته», «وأدلى فلان بالتصريحات في مؤتمر صحافي»): the nearest
        person or organisation before it in its clause, not governed by a preposition."""
        if i == 0 or self.keys[i - 1] not in _MANNER:
            return None
        for j in range(i - 2, max(c0, i - 2 - MAX_CUE) - 1, -1):
            h = self.ix.cover[j]
            if h is None or h.last != j or h.first < c0 or not h.entity:
                continue
            if h.type in ("PERSON", "ORG") and not self._governed(h.first):
                return h.entity
        s0 = self._sentence(i)[0]  # «وأشاد الوزير في تصريح»: «في» may open the clause
        for j in range(i - 2, max(s0, i - 2 - MAX_CUE) - 1, -1):
            if self.ix.cover[j] is None and not self._governed(j):
                who = self._title_holder(j)
                if who is not None:
                    return who
        return None

    def _title_holder(self, j: int) -> str | None:
        """The person a bare definite title stands for («وأشاد الوزير في تصريح»): the person that
        the same title word introduced last before it («وزير المالية فلان»), within MAX_TITLE_BACK
        tokens; None when it is not a title or introduced no one."""
        stem = self.toks[j].stem
        if not stem.startswith(ARTICLE) or self.fwords.speakers.get(self.keys[j]) != "title":
            return None
        word = strip_article(stem)
        for m in range(j - 1, max(-1, j - MAX_TITLE_BACK), -1):
            if word not in (strip_article(self.toks[m].stem), strip_article(self.ix.norms[m])):
                continue  # the word as written too: «وزير» is not «و» and «زير»
            for x in range(m + 1, min(j, m + 6)):  # «وزير الشؤون الخارجية فلان»
                h = self.ix.mention_at(x)
                if h is not None:
                    if h.type == "PERSON" and h.entity:
                        return h.entity
                    break
                if self.toks[x].kind == "PUNCT" and self.text[self.toks[x].start] not in COMMAS:
                    break
        return None

    def _relative_doer(
        self, i: int, c1: int, et: EventType, trig: Trigger, used: set[int], parts: list[Participant]
    ) -> int:
        """The doer of a relative clause on a nominal trigger is its subject («الزيارات التي قام
        بها الرئيس فلان», «الحملة التي أجراها الجيش»): a relative pronoun right after the trigger
        or one adjective on, a verb of doing from `relative_doers`, then the mention (titles may
        stand before it, and one word that completes a title: «رئيس الدولة فلان»). Returns the
        token after the doer, where the trigger's other attributes are looked for, or i + 1."""
        common, keys = self.common, self.keys
        for k in (i + 1, i + 2):
            if k < c1 and keys[k] in common.relative_pronouns and k not in self.ix.at_start:
                break
        else:
            return i + 1
        k += 1
        for doer in common.relative_doers:
            if tuple(keys[k : k + len(doer)]) == doer:
                k += len(doer)
                break
        else:
            return i + 1
        if k < c1 and k not in self.ix.at_start and self.fwords.speakers.get(keys[k]) == "title":
            k += 1  # «قام بها الرئيس فلان», «قام بها رئيس الدولة فلان»
            if k < c1 and k not in self.ix.at_start and self.ix.mention_at(k + 1) is not None:
                k += 1
        h = self.ix.mention_at(k) if k < c1 else None
        if h is None or not h.entity or self._governed(k) or not self._acts(h):
            return i + 1
        role = trig.role("subject", h.type, et.roles)
        if not role or role == "location":
            return i + 1
        used.add(h.first)
        parts.append(Participant(h.entity, role))
        return h.last + 1

    def _relative_bearer(
        self, i: int, c0: int, et: EventType, trig: Trigger, used: set[int], parts: list[Participant]
    ) -> None:
        """A nominal trigger right after a relative clause's verb of undergoing (`relative_bearers`)
        is about the clause's antecedent («فلان، الذي يواجه اتهامات», «فلان الذي وضع تحت الإقامة
        الجبرية»): the mention right before the relative pronoun (a comma may stand between) takes
        the trigger's genitive role."""
        common, keys, norms = self.common, self.keys, self.ix.norms
        for phrase in common.relative_bearers:
            k = i - len(phrase)
            # the word as written too: «وضع» is not «و» and «ضع»
            if (
                k - 1 > c0
                and keys[k - 1] in common.relative_pronouns
                and all(w in (keys[k + x], norms[k + x]) for x, w in enumerate(phrase))
            ):
                break
        else:
            return
        j = k - 2
        if j >= c0 and self.toks[j].kind == "PUNCT" and self.text[self.toks[j].start] in COMMAS:
            j -= 1
        h = self.ix.cover[j] if j >= c0 else None
        if h is None or h.last != j or h.first < c0 or h.first in used or not h.entity or not self._acts(h):
            return
        role = trig.role("genitive", h.type, et.roles)
        if role and role != "location":
            used.add(h.first)
            parts.append(Participant(h.entity, role))

    def _support_subject(
        self, i: int, c0: int, et: EventType, trig: Trigger, used: set[int], parts: list[Participant]
    ) -> None:
        """A nominal trigger without participants after it takes the subject of the verb before it
        («بدأ الرئيس فلان زيارة», «شن التنظيم هجوما»): a mention ending right before the trigger
        (dates may stand between), not governed by a preposition."""
        j = i - 1
        while j >= c0 and self.ix.date_cover[j] is not None:
            j -= 1
        if j < c0:
            return
        h = self.ix.cover[j]
        if (
            h is None
            or h.last != j
            or h.first < c0
            or h.first in used
            or self._governed(h.first)
            or not h.entity
        ):
            return
        if h.type == "LOC" and (self._place_hint(h.first)[0] or not self._acts(h)):
            return
        role = trig.role("subject", h.type, et.roles)
        if role and role != "location":
            used.add(h.first)
            parts.append(Participant(h.entity, role))
