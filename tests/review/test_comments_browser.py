"""The cross-interview comments list (for the trainer view): per interviewer, searchable."""

from __future__ import annotations

from app.session.plan import InterviewPlan, Participant
from app.store.comments import CommentRepository
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.models import Interview, Person
from app.ui.review.comments_browser import CommentsBrowser


def _interview(store: Store, name: str, interviewer: str) -> int:
    iid = InterviewRepository(store).create(InterviewPlan(participant=Participant(name)))
    with store.session() as s:
        person = s.query(Person).filter_by(name=interviewer).one_or_none()
        if person is None:
            person = Person(name=interviewer)
            s.add(person)
            s.flush()
        s.get(Interview, iid).interviewer_id = person.id
    return iid


def texts(browser: CommentsBrowser) -> list[str]:
    return [browser.list.item(i).text() for i in range(browser.list.count())]


def test_lists_one_interviewers_threads_filters_and_opens_the_moment(qtbot, store: Store) -> None:  # noqa: ANN001
    repo = CommentRepository(store)
    ana = _interview(store, "Ana", "Sam")
    bo = _interview(store, "Bo", "Ria")
    first = repo.add(ana, t=65.0, text="Leading question here", author="Kim")
    repo.reply(first, text="Fixed next time", author="Sam")
    done = repo.add(ana, t=5.0, text="Nice opening", author="Kim")
    repo.set_resolved(done)
    repo.add(bo, t=9.0, text="Leading again", author="Kim")
    with store.session() as s:
        sam = s.query(Person).filter_by(name="Sam").one().id
    browser = CommentsBrowser(store, sam)
    qtbot.addWidget(browser)
    assert texts(browser)[0].startswith("Ana \u00b7 ")
    assert texts(browser)[1] == "   0:05 \u00b7 Kim \u00b7 \u2713 resolved\n   Nice opening"
    assert texts(browser)[2] == "   1:05 \u00b7 Kim \u00b7 1 reply\n   Leading question here"
    assert browser.summary.text() == "2 threads"
    browser.open_only.setChecked(True)
    assert len(texts(browser)) == 2
    browser.search.setText("leading")
    assert texts(browser) == ["Ana \u00b7 1:05 \u00b7 Kim\nLeading question here"]
    browser.set_person(None)  # every interviewer
    assert len(texts(browser)) == 2 and browser.summary.text() == "2 comments found"
    opened: list[tuple[int, float]] = []
    browser.open_requested.connect(lambda i, t: opened.append((i, t)))
    browser.list.itemDoubleClicked.emit(browser.list.item(0))
    assert opened[0][1] in (9.0, 65.0)
    browser.search.setText("nothing of the sort")
    assert texts(browser) == ["No comment matches."]
