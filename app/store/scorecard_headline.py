"""A scorecard's headline figures, kept beside it so the library never decodes whole scorecards.

A stored scorecard (app.coach.scorecard.stored_scorecard) is about 2 KB of JSON: the score,
its areas and tips, and the call's full metrics. The library's table shows one line of it
(app.ui.library.model.scorecard_summary: score, grade, talk share, cue count). Reading and
decoding 10,000 whole scorecards took about 700 ms of the library's start (and extracting the
keys in SQL still made the database parse 20 MB of JSON), so every write of a scorecard through
the ORM also writes `interviews.scorecard_headline` (migration 0007 filled it for the
interviews scored before), and the library reads that.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Mapper

from app.store.models import Interview

# Every key scorecard_summary reads (the current names and the older ones it accepts).
HEADLINE_KEYS = ("overall", "score", "total", "grade", "talk_share", "interviewer_talk_share",
                 "cue_count", "cues")  # fmt: skip


def headline(scorecard: object) -> dict[str, Any] | None:
    """The headline keys of a scorecard (only those present); None for no scorecard."""
    if not isinstance(scorecard, dict):
        return None
    return {key: scorecard[key] for key in HEADLINE_KEYS if key in scorecard}


@event.listens_for(Interview, "before_insert")
@event.listens_for(Interview, "before_update")
def _keep_headline(_mapper: Mapper[Any], _connection: object, interview: Interview) -> None:
    interview.scorecard_headline = headline(interview.scorecard)
