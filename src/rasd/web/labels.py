"""Arabic labels for the codes the analysis uses (entity types, event types, roles, relations).
An unknown event type is shown as it is; an unknown role is not shown."""

from __future__ import annotations

__all__ = [
    "EVENT_NAMES",
    "RELATION_FORWARD",
    "RELATION_REVERSE",
    "ROLE_NAMES",
    "SPEAKER_RULE_NAMES",
    "TYPE_NAMES",
    "event_name",
    "role_name",
    "speaker_rule_name",
]

TYPE_NAMES = {"PERSON": "شخص", "ORG": "منظمة", "LOC": "مكان", "MISC": "أخرى"}
TYPE_PLURALS = {"PERSON": "أشخاص", "ORG": "منظمات", "LOC": "أماكن", "MISC": "أخرى"}

EVENT_NAMES = {
    "MEET": "اجتماع",
    "STATEMENT": "تصريح",
    "VISIT": "زيارة",
    "AGREEMENT": "اتفاق",
    "AID": "مساعدات",
    "SANCTION": "عقوبات",
    "ATTACK": "هجوم",
    "ARREST": "اعتقال",
    "TRIAL": "محاكمة",
    "ELECTION": "انتخابات",
    "PROTEST": "احتجاج",
    "APPOINTMENT": "تعيين",
    "DEATH": "وفاة",
    "ACCIDENT": "حادث",
    "KIDNAP": "اختطاف",
    "RELEASE": "إفراج",
    "STRIKE": "إضراب",
    "CLASH": "اشتباك",
    "DEPLOY": "انتشار عسكري",
}

ROLE_NAMES = {
    "participant": "مشارك",
    "host": "مضيف",
    "guest": "ضيف",
    "name": "سُمّي باسمه",
    "replaced": "سلفه في المنصب",
    "location": "مكان",
    "actor": "فاعل",
    "target": "مستهدف",
    "agent": "فاعل",
    "victim": "ضحية",
    "recipient": "مستفيد",
    "giver": "مانح",
    "visitor": "زائر",
    "destination": "وجهة",
}

# A relation SUBJECT —type→ OBJECT, read from the subject's page …
RELATION_FORWARD = {
    "ROLE_OF": "يشغل منصبا في",
    "MEMBER_OF": "عضو في",
    "PART_OF": "جزء من",
    "CO_CHAIR_OF": "رئيس مشارك لـ",
    "LOCATED_IN": "يقع في",
    "LEADS": "يقود",
    "AFFILIATED_WITH": "مرتبط بـ",
}
# … and from the object's page (an organisation's profile).
RELATION_REVERSE = {
    "CO_CHAIR_OF": "رؤساؤها المشاركون",
    "LEADS": "يقودها",
    "MEMBER_OF": "أعضاؤها",
    "ROLE_OF": "أصحاب مناصب فيها",
    "AFFILIATED_WITH": "المرتبطون بها",
    "PART_OF": "تضم",
    "LOCATED_IN": "يقع فيها",
}
# The order of the sections of a profile (who leads it first).
RELATION_ORDER = ("LEADS", "CO_CHAIR_OF", "ROLE_OF", "MEMBER_OF", "AFFILIATED_WITH", "PART_OF", "LOCATED_IN")


# why a quotation's speaker was chosen (rasd.quotes.speaker.SPEAKER_RULES)
SPEAKER_RULE_NAMES = {
    "name": "فاعل فعل القول",
    "title": "صاحب اللقب المذكور",
    "reference": "إحالة إلى مذكور سابق",
    "before": "فاعل مذكور قبل الفعل",
    "source": "مصدر منسوب إليه",
    "statement": "صاحب البيان",
    "same": "المصدر نفسه",
    "body": "الجهة التي يتحدث باسمها",
    "previous": "استمرار لتصريح سابق",
    "unnamed": "مصدر غير مسمى",
    "headline": "عنوان الخبر",
}


def speaker_rule_name(code: str | None) -> str:
    return SPEAKER_RULE_NAMES.get(code or "", "")


def event_name(code: str | None) -> str:
    return EVENT_NAMES.get(code or "", code or "")


def role_name(code: str | None) -> str:
    """A role in Arabic; "" for a role without a name here (a page shows no code to its reader)."""
    return ROLE_NAMES.get(code or "", "")
