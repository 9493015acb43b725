from app.store.hypotheses import StoredHypothesis, StoredMark, Verdict
from app.synthesis.highlights import ParticipantLine
from app.synthesis.hypotheses import matrix, suggest_verdict
from tests.synthesis.helpers import topic_embed

LINES = [ParticipantLine(1, 0.0, 2.0, "The weather was lovely that whole week in town"),
         ParticipantLine(2, 5.0, 8.0, "I reset my password by calling the help desk every time")]  # fmt: skip


def test_nothing_close_is_not_discussed() -> None:
    got = suggest_verdict("People print every invoice they receive", LINES, topic_embed)
    assert got.verdict is Verdict.NOT_DISCUSSED and got.evidence == ()


def test_a_close_line_supports_with_the_line_as_evidence() -> None:
    got = suggest_verdict("People reset their password by phone", LINES, topic_embed)
    assert got.verdict is Verdict.SUPPORTED
    assert [e.segment_id for e in got.evidence] == [2]


def test_a_close_line_said_the_other_way_round_contradicts() -> None:
    lines = [ParticipantLine(3, 0.0, 2.0, "I never had to reset my password, not once")]
    got = suggest_verdict("People reset their password often", lines, topic_embed)
    assert got.verdict is Verdict.CONTRADICTED


def test_the_matrix_has_a_cell_per_interview_none_when_unmarked() -> None:
    hs = [StoredHypothesis(1, 9, "a"), StoredHypothesis(2, 9, "b")]
    marks = {(1, 10): StoredMark(1, 10, Verdict.SUPPORTED, "", ()),
             (2, 11): StoredMark(2, 11, Verdict.CONTRADICTED, "", ())}  # fmt: skip
    rows = matrix(hs, [10, 11], marks)
    assert [r.cells for r in rows] == [(Verdict.SUPPORTED, None), (None, Verdict.CONTRADICTED)]
    assert rows[0].count(Verdict.SUPPORTED) == 1
