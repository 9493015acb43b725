from app.live.utterances import UtteranceAssembler
from app.session.segments import Segment, Speaker, Word

IV, P = Speaker.INTERVIEWER, Speaker.PARTICIPANT


def frag(who: Speaker, start: float, end: float, text: str) -> Segment:
    return Segment(who, start, end, text, (Word(text.split()[0], start, end),))


def test_fragments_join_at_a_sentence_end() -> None:
    a = UtteranceAssembler()
    assert a.add(frag(IV, 0.0, 0.8, "why did you"), 1) == []
    assert a.add(frag(IV, 0.8, 1.6, "choose the annual"), 2) == []
    (done,) = a.add(frag(IV, 1.6, 2.0, "plan?"), 3)
    assert done.segment.text == "why did you choose the annual plan?"
    assert (done.segment.start, done.segment.end) == (0.0, 2.0)
    assert done.row_ids == (1, 2, 3)
    assert len(done.segment.words) == 3


def test_a_pause_or_the_other_speaker_closes_an_utterance() -> None:
    a = UtteranceAssembler(max_gap_s=1.0)
    a.add(frag(IV, 0.0, 1.0, "so tell me"), 1)
    (paused,) = a.add(frag(IV, 2.5, 3.0, "about the export"), 2)
    assert paused.segment.text == "so tell me"
    (answered,) = a.add(frag(P, 3.5, 4.0, "well"), 3)
    assert answered.segment.text == "about the export"
    assert a.close_stale(now=6.0) == []
    (stale,) = a.close_stale(now=7.5)
    assert stale.segment.text == "well" and stale.segment.speaker is P
    assert a.flush() == []


def test_overlapping_speech_does_not_close_the_other_turn() -> None:
    a = UtteranceAssembler()
    a.add(frag(P, 0.0, 3.0, "we tried three tools"), 1)
    assert a.add(frag(IV, 2.0, 2.4, "mm-hmm"), 2) == []  # over their words: their turn goes on
    assert [u.segment.text for u in a.flush()] == ["we tried three tools", "mm-hmm"]


def test_the_open_utterance_keeps_its_id_until_it_closes() -> None:
    a = UtteranceAssembler()
    a.add(frag(IV, 0.0, 0.8, "why did you"), 1)
    growing = a.current(IV)
    assert growing is not None and not growing.closed and growing.segment.text == "why did you"
    a.add(frag(IV, 0.8, 1.6, "choose the annual"), 2)
    grown = a.current(IV)
    assert grown is not None and grown.id == growing.id
    assert grown.segment.text == "why did you choose the annual"
    (done,) = a.add(frag(IV, 1.6, 2.0, "plan?"), 3)
    assert done.closed and done.id == growing.id and a.current(IV) is None
    a.add(frag(IV, 3.0, 3.5, "and then"), 4)
    following = a.current(IV)
    assert following is not None and following.id != done.id
