"""Which lines an improved decode replaces: hand corrections and references survive."""

from __future__ import annotations

from app.improve.merge import Span, assign_speakers, keep_speaker_names, merge_transcript
from app.session.segments import Segment, Speaker, Word
from app.store.transcript import StoredSegment

IV, P = Speaker.INTERVIEWER, Speaker.PARTICIPANT


def _seg(speaker: Speaker, start: float, end: float, text: str) -> Segment:
    tokens = text.split()
    step = (end - start) / len(tokens)
    words = tuple(Word(w, start + k * step, start + (k + 1) * step) for k, w in enumerate(tokens))
    return Segment(speaker, start, end, text, words)


def _old(id_: int, speaker: Speaker, start: float, end: float, text: str,
         original: str | None = None) -> StoredSegment:  # fmt: skip
    return StoredSegment(id_, 1, _seg(speaker, start, end, text), original)


def test_live_lines_in_the_recording_are_replaced_and_references_follow() -> None:
    old = [_old(1, IV, 1.0, 3.0, "I did you choose it"), _old(2, P, 4.0, 6.0, "the price mostly")]
    new = [_seg(IV, 1.1, 2.9, "Why did you choose it?"), _seg(P, 4.0, 6.1, "The price, mostly.")]
    merge = merge_transcript(old, new, [Span(0.0, 10.0)], referenced=frozenset({1}))
    assert merge.added == tuple(new)
    assert set(merge.deleted) == {1, 2}
    assert merge.repoint == {1: 0, 2: 1}
    # Punctuation and case alone are not a change worth showing.
    assert [(c.before, c.after) for c in merge.changes] == [
        ("I did you choose it", "Why did you choose it?")
    ]


def test_a_line_corrected_by_hand_is_kept_and_its_words_are_not_doubled() -> None:
    old = [_old(1, P, 10.0, 14.0, "We pay forty a month.", original="we pay for tea a month"),
           _old(2, P, 14.5, 16.0, "it is too much")]  # fmt: skip
    new = [_seg(P, 10.0, 16.0, "We pay for tea a month it's too much")]
    merge = merge_transcript(old, new, [Span(0.0, 20.0)])
    assert merge.kept_edited == 1
    assert 1 not in merge.deleted and 2 in merge.deleted
    # Only the new words outside the corrected line's time remain.
    assert [s.text for s in merge.added] == ["it's too much"]
    assert merge.added[0].start >= 14.0


def test_lines_outside_the_recording_stay() -> None:
    old = [_old(1, IV, 1.0, 2.0, "before consent"), _old(2, IV, 31.0, 33.0, "during")]
    new = [_seg(IV, 31.0, 33.0, "during the call")]
    merge = merge_transcript(old, new, [Span(30.0, 60.0)])
    assert merge.deleted == (2,)


def test_a_quoted_line_with_no_new_speech_stays_an_unquoted_one_goes() -> None:
    old = [_old(1, P, 5.0, 6.0, "uh huh"), _old(2, P, 8.0, 9.0, "thank you")]
    merge = merge_transcript(old, [], [Span(0.0, 20.0)], referenced=frozenset({1}))
    assert merge.deleted == (2,)
    assert merge.kept_referenced == 1
    assert [(c.before, c.after) for c in merge.changes] == [("thank you", "")]


def test_a_line_split_in_two_is_one_change() -> None:
    old = [_old(1, P, 0.0, 6.0, "I copied every receipt by hand it was painful")]
    new = [_seg(P, 0.0, 4.0, "I copied every receipt by hand."), _seg(P, 4.5, 6.0, "It hurt.")]
    merge = merge_transcript(old, new, [Span(0.0, 10.0)])
    assert len(merge.changes) == 1
    assert merge.changes[0].after == "I copied every receipt by hand. It hurt."


def test_one_channel_takes_the_speakers_and_names_of_the_old_lines() -> None:
    old = [Segment(IV, 0.0, 2.0, "hi", speaker_name="Dana"),
           Segment(P, 3.0, 5.0, "hello", speaker_name="Priya")]  # fmt: skip
    new = [
        _seg(IV, 0.1, 1.9, "Hi there"),
        _seg(IV, 3.2, 4.8, "Hello Dana"),
        _seg(IV, 9.0, 9.5, "bye"),
    ]
    assigned = assign_speakers(new, old)
    assert [(s.speaker, s.speaker_name) for s in assigned] == [
        (IV, "Dana"),
        (P, "Priya"),
        (P, "Priya"),
    ]  # the last: nearest old line
    named = keep_speaker_names([_seg(P, 0.0, 1.0, "yes")], old)
    assert named[0].speaker_name == "Priya"
