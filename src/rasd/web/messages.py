"""What an error says to a reader of the web pages: in Arabic, what went wrong and what to do.

The API answers the developer's message (English, with the option names and commands); a page
shows the reader this one, with the error's code to quote. An error without a message of its own
here gets the one of its kind (not found, bad request, server fault).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasd.errors import RasdError
from rasd.web.labels import EVENT_NAMES, TYPE_NAMES

__all__ = ["arabic_message"]


def _unknown_entity(d: dict[str, Any]) -> str:
    return (f"لا يوجد في قاعدة البيانات كيان باسم «{d.get('name', '')}». جرّب تهجئة أخرى أو الاسم كاملا، "
            "أو ابحث عنه في نصوص الأخبار.")


def _ambiguous(d: dict[str, Any]) -> str:
    return f"الاسم «{d.get('name', '')}» يطابق أكثر من كيان. اختر واحدا منها، أو اكتب الاسم كاملا."


def _bad_query(d: dict[str, Any]) -> str:
    if "date" in d:
        return f"التاريخ «{d['date']}» غير صالح. اكتبه على الصورة سنة-شهر-يوم (2024-03-07)، أو سنة-شهر، أو سنة."
    if "query" in d:
        return f"لا كلمات يُبحث عنها في «{d['query']}». اكتب كلمات أو أسماء، أو اترك البحث فارغا واختر تصفية."
    if d.get("empty"):
        return "لا شيء يُبحث عنه: اكتب كلمات في خانة البحث أو اختر تصفية (كيان، نوع، مصدر، تاريخ)."
    return "تعذّر فهم الطلب. راجع خانات البحث والتصفية."


def _unknown_value(d: dict[str, Any]) -> str:
    names = {**TYPE_NAMES, **EVENT_NAMES}
    return f"النوع «{d.get('value', '')}» غير معروف. اختر نوعا من القائمة: " + "، ".join(
        names.get(v, v) for v in str(d.get("listing", "")).split(", ") if v) + "."


def _document(d: dict[str, Any]) -> str:
    return f"لا مقال بالمعرّف «{d.get('id', '')}» في قاعدة البيانات. ابحث عن المقال من صفحة البحث."


_BY_CODE: dict[str, Callable[[dict[str, Any]], str]] = {
    "E607": _unknown_entity,
    "E608": _bad_query,
    "E609": _document,
    "E611": _ambiguous,
    "E612": _unknown_value,
    "E617": lambda d: "لا قصة إخبارية بهذا المعرّف. القصص الكبرى معروضة في الصفحة الرئيسية.",
    "E620": lambda d: "في الطلب قيمة غير صالحة. راجع خانات البحث والتصفية.",
    "E622": lambda d: "لا صفحة بهذا العنوان. ابدأ من صفحة البحث.",
    "E603": lambda d: "تعذّر فتح قاعدة البيانات. أعد المحاولة بعد قليل.",
    "E631": lambda d: "قاعدة البيانات لا تستجيب الآن. أعد المحاولة بعد قليل.",
    "E632": lambda d: "لا مساحة كافية في قاعدة البيانات لحفظ هذا.",
    "E633": lambda d: "تعثّرت قاعدة البيانات في تنفيذ الطلب. أعد المحاولة بعد قليل.",
}


def arabic_message(exc: RasdError, status: int) -> str:
    """The reader's message for `exc`, answered with HTTP `status`."""
    own = _BY_CODE.get(exc.code)
    if own is not None:
        return own(exc.details)
    if status == 404:
        return "لم يُعثر على المطلوب."
    if status >= 500:
        return "حدث خطأ في الخادم، لا في طلبك. أعد المحاولة لاحقا، وإن تكرر فأبلغ القائمين على الموقع برمز الخطأ."
    return "الطلب غير صالح. راجع خانات البحث والتصفية."
