"""`check(deep=True)` while another connection writes reads one snapshot: exact, no phantom
"0 rows in mentions, its analysis has N" for documents committed between two of its queries."""

from __future__ import annotations

import threading

from rasd.store import open_store

PLACES = ["الرياض", "جدة", "القاهرة", "عمان", "بيروت", "بغداد", "تونس", "الرباط"]


def _doc(build_doc, i: int):
    a, b = PLACES[i % len(PLACES)], PLACES[(i + 3) % len(PLACES)]
    body = f"زار الوزير {a} ثم {b} في الجولة رقم {i} وقال إن التعاون بين {a} و{b} مستمر."
    return build_doc(body, f"جولة {i}", id=f"w{i:04d}",
                     entities=[(f"city:{a}", "LOC", a, [a]), (f"city:{b}", "LOC", b, [b])],
                     quotes=[("التعاون", None)])


def test_deep_check_during_writes_is_exact(store_url, build_doc):
    with open_store(store_url) as store:  # some documents before the writer starts
        for i in range(20):
            store.put_document(_doc(build_doc, i))
    done = threading.Event()
    errors: list[BaseException] = []

    def write() -> None:
        try:
            with open_store(store_url) as writer:
                for i in range(20, 260):
                    with writer.transaction():
                        writer.put_document(_doc(build_doc, i))
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        finally:
            done.set()

    thread = threading.Thread(target=write)
    problems: list[str] = []
    checks = 0
    with open_store(store_url) as reader:
        thread.start()
        while not done.is_set() or checks == 0:
            report = reader.check(deep=True)
            checks += 1
            problems += report.problems
            assert report.counts["mentions"] == 4 * report.counts["documents"]  # counts of the same snapshot
        thread.join()
        final = reader.check(deep=True)
    assert not errors, errors
    assert problems == [], f"{len(problems)} phantom problems in {checks} checks, first: {problems[:3]}"
    assert final.ok and final.counts["documents"] == 260
