"""Interviewers as people: created once per name, renamed with their interviews, kept in step
with the free-text interviewer_name old readers use."""

from __future__ import annotations

import pytest

from app.session.plan import InterviewPlan, Participant
from app.store.db import Store
from app.store.interviews import InterviewRepository
from app.store.people import PersonRepository


def _plan() -> InterviewPlan:
    return InterviewPlan(participant=Participant("Tom", "Acme"))


def test_creating_an_interview_records_its_interviewer_once(store: Store) -> None:
    interviews = InterviewRepository(store)
    a = interviews.create(_plan(), interviewer_name="  Maya   Chen ")
    b = interviews.create(_plan(), interviewer_name="maya chen")
    c = interviews.create(_plan())
    people = PersonRepository(store).list()
    assert [(p.name, p.interview_count) for p in people] == [("Maya Chen", 2)]
    assert PersonRepository(store).interview_ids(people[0].id) == [a, b]
    assert interviews.get(b).interviewer_name == "Maya Chen"
    assert interviews.get(c).interviewer_name == ""


def test_rename_and_team_and_assign_keep_the_name_in_sync(store: Store) -> None:
    interviews = InterviewRepository(store)
    people = PersonRepository(store)
    iid = interviews.create(_plan(), interviewer_name="Sam")
    sam = people.find("sam")
    assert sam is not None
    people.rename(sam.id, "Samira")
    assert interviews.get(iid).interviewer_name == "Samira"
    people.set_team(sam.id, " Research  ")
    assert people.get(sam.id).team == "Research"
    lee = people.assign(iid, "Lee")
    assert lee is not None and interviews.get(iid).interviewer_name == "Lee"
    assert people.get(sam.id).interview_count == 0 and people.get(lee.id).interview_count == 1
    assert people.assign(iid, "  ") is None
    assert interviews.get(iid).interviewer_name == ""
    interviews.update(iid, interviewer_name="Samira")
    assert people.interview_ids(sam.id) == [iid]


def test_bad_names_are_refused_and_nothing_changes(store: Store) -> None:
    people = PersonRepository(store)
    a = people.get_or_create("Ana")
    people.get_or_create("Ben")
    with pytest.raises(ValueError, match="already called"):
        people.rename(a.id, "ben")
    with pytest.raises(ValueError, match="needs a name"):
        people.get_or_create("   ")
    with pytest.raises(ValueError, match="at most"):
        people.get_or_create("x" * 201)
    with pytest.raises(KeyError):
        people.rename(999, "Zed")
    assert [p.name for p in people.list()] == ["Ana", "Ben"]
